"""The embedded store: Parquet tables written in atomic batches under one folder.

Layout: ``ROOT/<namespace>/batch-<id>/<table>.parquet``. A batch is written into ``.tmp-*`` and renamed into
place, so a reader (or a run after kill -9) sees a batch whole or not at all; batches never change after
that. Two processes can ingest at once: each writes its own batches and duplicates are dropped on read.
This module is the only one that knows the layout, so a team deployment can swap it for a database server.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

# Past this many batches a namespace is compacted into one, so reads stay a few files however many
# small ingests (uploads) came before.
COMPACT_AFTER = 24


class StoreError(Exception):
    """The store folder cannot be used (permissions, disk full, a file where a folder should be)."""


class Store:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot use {self.root} as the store folder ({exc.strerror}); "
                             "choose another with --store or KK_STORE") from exc

    def __repr__(self) -> str:
        return f"Store({str(self.root)!r})"

    def folder(self, namespace: str) -> Path:
        path = self.root / namespace
        path.mkdir(parents=True, exist_ok=True)
        return path

    def batches(self, namespace: str) -> list[Path]:
        base = self.root / namespace
        if not base.is_dir():
            return []
        return sorted(p for p in base.iterdir() if p.is_dir() and p.name.startswith("batch-"))

    def write_batch(self, namespace: str, tables: dict[str, pd.DataFrame]) -> Path:
        """Write several tables as one batch, all or nothing."""
        base = self.folder(namespace)
        tmp = base / f".tmp-{uuid.uuid4().hex}"
        tmp.mkdir()
        try:
            for name, frame in tables.items():
                _write_parquet(frame, tmp / f"{name}.parquet")
            _fsync_dir(tmp)
            # The batch name sorts by creation so reads keep insertion order; the suffix keeps it unique.
            final = base / f"batch-{_time_key()}-{uuid.uuid4().hex[:8]}"
            os.replace(tmp, final)
            _fsync_dir(base)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return final

    def read(self, namespace: str, table: str, key: str | None = None) -> pd.DataFrame | None:
        """All batches' rows of one table, oldest first; with ``key``, the first row of each key wins."""
        frames = []
        for batch in self.batches(namespace):
            path = batch / f"{table}.parquet"
            if path.exists():
                frames.append(pq.read_table(path).to_pandas())
        if not frames:
            return None
        frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        if key is not None and len(frames) > 1:
            frame = frame.drop_duplicates(subset=[key], keep="first").reset_index(drop=True)
        return frame

    def compact(self, namespace: str, keys: dict[str, str]) -> None:
        """Merge a namespace's batches into one when there are many; ``keys`` names each table's unique key."""
        old = self.batches(namespace)
        if len(old) <= COMPACT_AFTER:
            return
        tables: dict[str, pd.DataFrame] = {}
        names = {p.stem for batch in old for p in batch.glob("*.parquet")}
        for name in sorted(names):
            frame = self.read(namespace, name, keys.get(name))
            if frame is not None:
                tables[name] = frame
        self.write_batch(namespace, tables)
        # A crash before these removals leaves duplicates, which reads drop by key.
        for batch in old:
            shutil.rmtree(batch, ignore_errors=True)

    def drop(self, namespace: str) -> None:
        shutil.rmtree(self.root / namespace, ignore_errors=True)

    def clean_stale(self) -> None:
        """Remove half-written batches that a killed process left behind."""
        for tmp in self.root.glob("*/.tmp-*"):
            shutil.rmtree(tmp, ignore_errors=True)
        for tmp in self.root.glob("*/*/.tmp-*"):
            shutil.rmtree(tmp, ignore_errors=True)


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table, path)
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _time_key() -> str:
    return pd.Timestamp.now("UTC").strftime("%Y%m%d%H%M%S%f")


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:20]
