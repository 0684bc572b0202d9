"""The embedded store: Parquet tables written in atomic batches under one folder.

Layout: ``ROOT/<namespace>/batch-<id>/<table>.parquet``. A batch is written into ``.tmp-*`` and renamed into
place, so a reader (or a run after kill -9) sees a batch whole or not at all; batches never change after
that. Two processes can ingest at once: each writes its own batches and duplicates are dropped on read (by
``key`` for tables with one row per key, by ``group`` for fact tables with several rows per article).
Compaction writes the merged batch before retiring its inputs, so a kill in between leaves duplicates, never
a gap; ``clean_stale`` removes what killed writers left and spares batches live processes are writing.
This module is the only one that knows the layout, so a team deployment can swap it for a database server.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

try:
    import fcntl
except ImportError:  # Windows: compactions may then overlap, which reads tolerate (duplicates are dropped)
    fcntl = None  # type: ignore[assignment]

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
        return sorted(p for p in base.iterdir() if p.name.startswith("batch-") and p.is_dir())

    def write_batch(self, namespace: str, tables: dict[str, pd.DataFrame | pa.Table]) -> None:
        """Write several tables (pandas or Arrow) as one batch, all or nothing."""
        with self._new_batch(namespace) as tmp:
            for name, frame in tables.items():
                write_parquet(frame, tmp / f"{name}.parquet")

    @contextmanager
    def _new_batch(self, namespace: str) -> Iterator[Path]:
        """A fresh ``.tmp-*`` folder for a batch's files: renamed into place as a batch when the block ends,
        removed when it fails."""
        base = self.folder(namespace)
        # The pid in the name lets clean_stale tell a killed writer's leftovers from a live writer's work.
        tmp = base / f"{TMP_PREFIX}{os.getpid()}-{uuid.uuid4().hex}"
        tmp.mkdir()
        try:
            yield tmp
            _fsync_dir(tmp)
            # The batch name sorts by creation so reads keep insertion order; the suffix keeps it unique.
            os.replace(tmp, base / f"batch-{_time_key()}-{uuid.uuid4().hex[:8]}")
            _fsync_dir(base)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise

    def read(self, namespace: str, table: str, key: str | None = None, group: str | None = None
             ) -> pd.DataFrame | None:
        """All batches' rows of one table, oldest first, or None when no batch has it.

        With ``key``, the first row of each key wins. With ``group``, each group's rows come from the first
        batch that has that group: two processes that ingested the same article wrote the same rows twice,
        and a compaction killed before removing its inputs left them beside its output.
        """
        for _ in range(READ_ATTEMPTS):
            try:
                return _read_batches(self.batches(namespace), table, key, group)
            except FileNotFoundError:
                # A concurrent compaction retired a batch between listing and reading: its rows are in
                # the compacted batch now, so list again.
                continue
        return _read_batches(self.batches(namespace), table, key, group)

    def compact(self, namespace: str, keys: dict[str, str], group: str | None = None) -> None:
        """Merge a namespace's batches into one when there are many.

        ``keys`` names each table's unique key; other tables that have a ``group`` column are read by group.
        """
        with self._compacting(namespace) as old:
            if not old:
                return
            tables: dict[str, pd.DataFrame] = {}
            names = {p.stem for batch in old for p in batch.glob("*.parquet")}
            for name in sorted(names):
                # Only the listed batches: a batch another process wrote meanwhile is not retired with them, so
                # merging its rows too would store them twice.
                frame = _read_batches(old, name, keys.get(name), group=None if name in keys else group)
                if frame is not None:
                    tables[name] = frame
            self.write_batch(namespace, tables)

    def scan(self, namespace: str, table: str) -> Iterator[pa.RecordBatch]:
        """One table's rows as Arrow record batches, oldest batch first, without converting them to pandas.

        Rows may repeat (a compaction retired a batch while it was being read, and its rows are read again from
        the compacted batch), so a caller keyed on a column must let the first row of a key win.
        """
        done: set[str] = set()
        for _ in range(READ_ATTEMPTS):
            retired = False
            for batch in self.batches(namespace):
                if batch.name in done:
                    continue
                try:
                    handle = pq.ParquetFile(batch / f"{table}.parquet")
                except FileNotFoundError:
                    # A batch without this table, or one a compaction retired after the listing: then list again.
                    retired = retired or not batch.exists()
                    continue
                done.add(batch.name)
                # An open file stays readable on POSIX when a compaction retires its batch meanwhile.
                yield from handle.iter_batches(batch_size=SCAN_ROWS)
            if not retired:
                return

    def compact_streaming(self, namespace: str, table: str, key: str) -> None:
        """``compact`` for a one-table namespace of wide rows (vectors): rows are copied one record batch at a
        time, the first row of each ``key`` winning, so memory holds one record batch and the keys."""
        with self._compacting(namespace) as old:
            if old:
                with self._new_batch(namespace) as tmp:
                    _copy_first_rows([batch / f"{table}.parquet" for batch in old], tmp / f"{table}.parquet", key)

    @contextmanager
    def _compacting(self, namespace: str) -> Iterator[list[Path]]:
        """The batches to merge (none when there are few, or another process is compacting); they are retired
        after the block, which must have written their merged rows as a new batch first, so a kill in between
        leaves duplicates that reads drop, never a gap. Rows others write meanwhile are in batches not listed."""
        if len(self.batches(namespace)) <= COMPACT_AFTER:
            yield []
            return
        with _exclusive(self.folder(namespace) / LOCK_NAME, wait=False) as locked:
            old = self.batches(namespace) if locked else []
            if len(old) <= COMPACT_AFTER:
                yield []
                return
            yield old
            for batch in old:
                retire(batch)

    def write_snapshot(self, namespace: str, key: str, tables: dict[str, pd.DataFrame]) -> bool:
        """Keep ``tables`` whole under ``key`` (all or nothing) and drop all but the newest few snapshots.

        Read back by ``read_snapshot`` exactly as given (dtypes, lists, None). Returns False, writing nothing,
        when a table holds a value Parquet would not give back as it was (a NaN or an object in a text column).
        """
        if not all(_restorable(frame) for frame in tables.values()):
            return False
        base = self.folder(namespace)
        tmp = base / f"{TMP_PREFIX}{os.getpid()}-{uuid.uuid4().hex}"
        tmp.mkdir()
        final = base / f"{SNAPSHOT_PREFIX}{key}"
        try:
            for name, frame in tables.items():
                write_parquet(frame, tmp / f"{name}.parquet")
            _fsync_dir(tmp)
            os.replace(tmp, final)
        except BaseException as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            # A snapshot is a shortcut: when it cannot be written (disk full, or another process renamed the
            # same snapshot into place first) the next run rebuilds it.
            if not isinstance(exc, OSError):
                raise
        for old in self._snapshots(namespace)[SNAPSHOTS_KEPT:]:
            retire(old)
        return final.is_dir()

    def read_snapshot(self, namespace: str, key: str) -> dict[str, pd.DataFrame] | None:
        """The tables written under ``key``, or None when there is no such snapshot (or it cannot be read)."""
        folder = self.root / namespace / f"{SNAPSHOT_PREFIX}{key}"
        try:
            tables = {path.stem: _read_exact(path) for path in sorted(folder.glob("*.parquet"))}
            os.utime(folder)  # recently used snapshots are the ones kept
        except (OSError, pa.ArrowException):
            return None  # pruned meanwhile, or damaged: the caller rebuilds it
        return tables or None

    def snapshot_tables(self, namespace: str, table: str) -> list[pd.DataFrame]:
        """One table of every kept snapshot, the most recently used first (those that can be read)."""
        frames = []
        for folder in self._snapshots(namespace):
            try:
                frames.append(_read_exact(folder / f"{table}.parquet"))
            except (OSError, pa.ArrowException):
                continue
        return frames

    def _snapshots(self, namespace: str) -> list[Path]:
        base = self.root / namespace
        found = []
        for path in base.glob(f"{SNAPSHOT_PREFIX}*") if base.is_dir() else []:
            try:
                found.append((path.stat().st_mtime_ns, path))
            except OSError:
                continue
        return [path for _, path in sorted(found, reverse=True)]

    def retire_idle(self, prefix: str, current: str, idle_s: float | None = None) -> list[str]:
        """Remove the namespaces named ``prefix*``, other than ``current``, that nothing has written to for
        ``idle_s`` seconds (default IDLE_NAMESPACE_S); returns their names.

        Namespaces keyed by a version (of the code, of the glossary) are left behind by every upgrade: at 100,000
        articles each version's facts take 225 MB and its passage vectors 1.1 GB. A version still in use keeps
        its namespace: each ingest that finds new files writes a batch there, which renews the folder's mtime.
        """
        idle_s = IDLE_NAMESPACE_S if idle_s is None else idle_s
        removed = []
        for path in sorted(self.root.glob(f"{prefix}*")):
            try:
                idle = path.name != current and path.is_dir() and time.time() - path.stat().st_mtime > idle_s
            except OSError:
                continue  # removed meanwhile by another process
            if idle:
                retire(path)
                removed.append(path.name)
        return removed

    def clean_stale(self) -> None:
        """Remove half-written batches of killed processes and retired batches; live writers' work stays."""
        for pattern in ("*/.tmp-*", "*/*/.tmp-*", ".retired-*", "*/.retired-*", "*/*/.retired-*"):
            for path in self.root.glob(pattern):
                if path.name.startswith(TMP_PREFIX) and not _writer_gone(path):
                    continue
                shutil.rmtree(path, ignore_errors=True)


TMP_PREFIX = ".tmp-"
READ_ATTEMPTS = 5
# Rows per Parquet row group and per record batch of a scan: about 25 MB of 384-dimensional float32 vectors.
SCAN_ROWS = 16_384
BATCH_COLUMN = "__batch__"
LOCK_NAME = ".compact.lock"
SNAPSHOT_PREFIX = "snapshot-"
# Snapshots kept per namespace: one per corpus folder the store serves (the CLI's, the dashboard's with uploads),
# and a spare; each holds a whole Corpus (compressed, about 2 MB per 1,000 articles).
SNAPSHOTS_KEPT = 3
# A version's namespace nothing has written to for this long is taken to belong to a version no longer run.
IDLE_NAMESPACE_S = 7 * 24 * 3600
# A half-written batch whose writer we cannot check (another machine on a shared disk) is stale after this.
STALE_AFTER_S = 24 * 3600


def _read_batches(batches: list[Path], table: str, key: str | None, group: str | None) -> pd.DataFrame | None:
    """One table's rows in ``batches``, in order, deduplicated as ``Store.read`` says."""
    frames: list[pd.DataFrame] = []
    for batch in batches:
        path = batch / f"{table}.parquet"
        if not path.exists():
            if not batch.exists():
                # Retired by a concurrent compaction after the listing: its rows are in a batch not listed.
                raise FileNotFoundError(batch)
            continue
        frame = read_parquet(path)
        if group is not None and len(frame):
            frame = frame.assign(**{BATCH_COLUMN: len(frames)})
        frames.append(frame)
    if not frames:
        return None
    # Empty batches carry no rows but may carry other dtypes (all-null columns): leaving them out keeps a
    # reused store's dtypes, and so its CSVs, identical to a fresh one's.
    rows = [f for f in frames if len(f)] or frames[:1]
    frame = pd.concat(rows, ignore_index=True) if len(rows) > 1 else rows[0].reset_index(drop=True)
    if group is not None and BATCH_COLUMN in frame.columns and group in frame.columns:
        first = frame.groupby(group, sort=False, dropna=False)[BATCH_COLUMN].transform("min")
        frame = frame[frame[BATCH_COLUMN] == first].drop(columns=BATCH_COLUMN).reset_index(drop=True)
    if key is not None:
        frame = frame.drop_duplicates(subset=[key], keep="first").reset_index(drop=True)
    return frame


def _copy_first_rows(sources: list[Path], target: Path, key: str) -> None:
    """Write the rows of ``sources`` to ``target``, the first row of each ``key`` only."""
    seen: set[str] = set()
    writer: pq.ParquetWriter | None = None
    try:
        for source in sources:
            if not source.exists():
                continue
            for rows in pq.ParquetFile(source).iter_batches(batch_size=SCAN_ROWS):
                first = []
                for value in rows.column(key).to_pylist():
                    first.append(value not in seen)
                    seen.add(value)
                rows = rows.filter(pa.array(first, type=pa.bool_()))
                if writer is None:
                    writer = pq.ParquetWriter(target, rows.schema)
                # Older batches may hold the same columns under another Arrow type (lists of floats).
                writer.write_batch(rows if rows.schema == writer.schema else rows.cast(writer.schema))
    finally:
        if writer is not None:
            writer.close()
    if writer is not None:
        _fsync_file(target)


def _writer_gone(tmp: Path) -> bool:
    """Whether the process that was writing this ``.tmp-<pid>-<id>`` folder has ended."""
    try:
        pid = int(tmp.name[len(TMP_PREFIX):].split("-", 1)[0])
    except ValueError:
        return True  # an older layout without a pid
    if os.name == "posix":  # elsewhere os.kill would end the process instead of probing it
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            pass  # alive, owned by someone else
    try:
        return time.time() - tmp.stat().st_mtime > STALE_AFTER_S
    except OSError:
        return True


def retire(batch: Path) -> None:
    """Remove a batch so no reader ever sees part of it (readers that listed it read again)."""
    # The rename hides the whole batch at once; deleting in place could be killed halfway and leave a
    # batch with some of its tables.
    retired = batch.with_name(f".retired-{batch.name}-{uuid.uuid4().hex[:6]}")
    try:
        os.replace(batch, retired)
    except OSError:
        return
    shutil.rmtree(retired, ignore_errors=True)


@contextmanager
def _exclusive(path: Path, wait: bool) -> Iterator[bool]:
    """An advisory lock on ``path`` between processes; yields whether it was taken."""
    if fcntl is None:
        yield True
        return
    with open(path, "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _restorable(frame: pd.DataFrame) -> bool:
    """Whether every object column holds only what ``_read_exact`` gives back unchanged: None, text, bytes, booleans
    and lists of text (a NaN would come back as None, a tuple as a list)."""
    for column in frame.columns:
        if frame[column].dtype != object:
            continue
        for value in frame[column]:
            if value is None or type(value) in (str, bytes, bool):
                continue
            if type(value) is list and all(type(item) is str for item in value):
                continue
            return False
    return True


def _read_exact(path: Path) -> pd.DataFrame:
    """A Parquet file as the frame that was written: object columns (lists, text with None) come back as Python
    objects, where pandas would make lists numpy arrays and text a string dtype."""
    table = pq.read_table(path)
    frame = table.to_pandas()
    described = json.loads((table.schema.metadata or {}).get(b"pandas", b"{}")).get("columns", [])
    for column in described:
        if column.get("numpy_type") == "object" and column.get("field_name") in frame.columns:
            name = column["field_name"]
            frame[name] = pd.Series(table.column(name).to_pylist(), index=frame.index, dtype=object)
    return frame


def read_parquet(path: Path) -> pd.DataFrame:
    """One table of a batch (every batch read goes through here)."""
    return pq.read_table(path).to_pandas()


def write_parquet(frame: pd.DataFrame | pa.Table, path: Path) -> None:
    """One table of a batch, on disk (fsync'd) when this returns (every batch write goes through here)."""
    table = frame if isinstance(frame, pa.Table) else pa.Table.from_pandas(frame, preserve_index=False)
    # Row groups of SCAN_ROWS keep the writer's buffers, and a later ``scan``'s, to one group of rows.
    pq.write_table(table, path, row_group_size=SCAN_ROWS)
    _fsync_file(path)


def _fsync_file(path: Path) -> None:
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
