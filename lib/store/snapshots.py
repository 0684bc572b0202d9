"""The shortcut of a re-run: found files → content hashes → the Corpus tables the last run assembled from the
same files, read back whole from the store instead of re-read, re-merged and re-sorted.

A file's content hash is the truth about whether it changed. Hashing every file on each run costs more than
the rest of an unchanged re-run, so a hash is reused when the file's (size, mtime, ctime, inode) are those
recorded when it was hashed. ctime is set by the kernel on every write (no tool can set it back, unlike mtime),
so an edit is missed only when it lands in the same timestamp tick as the recorded one; a record is therefore
kept only for files whose last change was more than one tick before they were hashed (``SETTLED_NS``), the
rule git uses for its index ("racily clean" files). Files written just before a run are hashed again next time.
"""

from __future__ import annotations

import hashlib
import os
import time

import pandas as pd

from lib.files import folders
from lib.records import ReadError
from lib.store.batches import Store

NAMESPACE = "snapshots"
STATS_NAMESPACE = "file-stats"
STAT_COLUMNS = ["path", "size", "mtime_ns", "ctime_ns", "ino", "raw_hash"]
# How long before it was hashed a file must have last changed for its stat to vouch for its content. Linux and
# Windows filesystems stamp files from a clock that ticks every 1-16 ms; FAT and some network shares keep whole
# (FAT: even) seconds, recognisable by timestamps with no fraction. The clock is ours and the stamps are the
# filesystem's: a network share whose server clock runs behind ours by more than this could let an edit of the
# same size within that lag go unseen (touching the file later, or any edit after that, is seen).
SETTLED_NS = 100_000_000
SETTLED_WHOLE_SECONDS_NS = 3_000_000_000

Signature = tuple[int, int, int, int]
Hashed = list[tuple[folders.FoundFile, str]]


def known_stats(store: Store) -> dict[bytes, tuple[Signature, str]]:
    """path → (signature, content hash) recorded by earlier runs; the most recently used snapshot wins."""
    known: dict[bytes, tuple[Signature, str]] = {}
    for frame in reversed(store.snapshot_tables(STATS_NAMESPACE, "stats")):
        for path, size, mtime, ctime, ino, raw_hash in zip(*(frame[c].tolist() for c in STAT_COLUMNS), strict=True):
            known[path] = ((size, mtime, ctime, ino), raw_hash)
    return known


def hash_files(files: list[folders.FoundFile], errors: list[ReadError], known: dict[bytes, tuple[Signature, str]]
               ) -> tuple[Hashed, pd.DataFrame | None]:
    """Each readable file with its content hash (unreadable ones are added to ``errors``), and the stat records
    the next run may trust when they say more than ``known`` did (else None)."""
    hashed: Hashed = []
    records: list[tuple[object, ...]] = []
    learnt = False
    for found in files:
        path = os.fsencode(found.path)
        now = time.time_ns()
        try:
            stat = os.stat(path)
        except OSError:
            stat = None  # file_hash below says why, in the words it always used
        signature = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino) if stat else None
        recorded = known.get(path)
        try:
            raw_hash = recorded[1] if recorded and recorded[0] == signature else folders.file_hash(found.path)
        except OSError as exc:
            errors.append(ReadError(found.file, f"cannot read the file ({exc.strerror or exc})"))
            continue
        hashed.append((found, raw_hash))
        reused = recorded is not None and recorded[0] == signature
        if signature and (reused or settled(signature, now)):
            records.append((path, *signature, raw_hash))
            learnt = learnt or not reused
    if not learnt:
        return hashed, None
    return hashed, pd.DataFrame(records, columns=STAT_COLUMNS).astype({"path": object})


def settled(signature: Signature, now_ns: int) -> bool:
    """Whether a file's stat ``signature`` is old enough at ``now_ns`` to vouch for its content (SETTLED_NS)."""
    _, mtime, ctime, _ = signature
    whole_seconds = mtime % 1_000_000_000 == 0 and ctime % 1_000_000_000 == 0
    return max(mtime, ctime) < now_ns - (SETTLED_WHOLE_SECONDS_NS if whole_seconds else SETTLED_NS)


def corpus_key(namespace: str, hashed: Hashed, errors: list[ReadError]) -> str:
    """Names what a Corpus is assembled from: the code (the facts namespace), each file's name and content, and
    the files that could not be read."""
    digest = hashlib.sha256(namespace.encode())
    for found, raw_hash in hashed:
        digest.update(f"\0{found.file}\t{raw_hash}".encode("utf-8", "surrogateescape"))
    for error in errors:
        digest.update(f"\1{error.file}\t{error.error}".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()[:32]


def load(store: Store, key: str, tables: tuple[str, ...]) -> dict[str, pd.DataFrame] | None:
    """The tables saved under ``key``, or None when there are none (or not all of them)."""
    found = store.read_snapshot(NAMESPACE, key)
    if found is None or not all(name in found for name in tables):
        return None
    return {name: found[name] for name in tables}


def save(store: Store, key: str, tables: dict[str, pd.DataFrame]) -> None:
    store.write_snapshot(NAMESPACE, key, tables)


def save_stats(store: Store, stats: pd.DataFrame) -> None:
    digest = hashlib.sha256()
    for row in zip(*(stats[c] for c in STAT_COLUMNS), strict=True):
        digest.update(repr(row).encode())
    store.write_snapshot(STATS_NAMESPACE, digest.hexdigest()[:32], {"stats": stats})
