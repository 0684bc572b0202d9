"""Passage vectors, filled from the store's cache and the encoder, in the foreground or in a background thread.

texts → a (n_passages, dim) matrix in passage order, with ``ready`` marking the rows filled so far. Cached
vectors are read first; only new distinct texts are encoded (a repeated text once), in slices that are cached as
they finish (an interrupted indexing keeps what it encoded), the ``first`` rows (each article's opening passage)
before the others, so that every article soon has a vector to be ranked by. Started in the background, the
matrix fills while lexical search already answers; ``status`` says how far it got.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.search.encoders import EncodeProgress, Encoder
from lib.store import vector_cache
from lib.store.batches import Store

# New passages are encoded and cached this many at a time (about 5 minutes of CPU for the packaged model).
ENCODE_SLICE = 32_768

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DenseStatus:
    """How many passages have their vector (``done`` of ``total``), whether every article has one, and the
    error that stopped the encoding, if any."""

    done: int
    total: int
    every_article: bool
    error: str = ""

    @property
    def complete(self) -> bool:
        return self.done >= self.total

    def sentence(self) -> str:
        if self.error:
            return f"Semantic ranking stopped ({self.error}); results rank by words only."
        if self.complete:
            return ""
        share = f"{self.done:,} of {self.total:,} passages encoded"
        if self.every_article:
            return f"Semantic ranking is still being built ({share}): it reads only the passages encoded so far."
        return f"Semantic ranking is still being built ({share}): results rank by words only until then."


class Joined(Sequence[str]):
    """Several text columns read as one sequence, without copying their texts (titles, then passages)."""

    def __init__(self, *parts: Sequence[str] | pd.Series) -> None:
        self._parts = parts
        self._bounds = np.cumsum([0, *(len(p) for p in parts)])

    def __len__(self) -> int:
        return int(self._bounds[-1])

    def __getitem__(self, i: int) -> str:  # type: ignore[override]
        k = int(np.searchsorted(self._bounds, i, side="right")) - 1
        part, j = self._parts[k], int(i - self._bounds[k])
        return str(part.iloc[j]) if isinstance(part, pd.Series) else str(part[j])

    def __iter__(self) -> Iterator[str]:
        for part in self._parts:
            yield from (str(t) for t in part)


class DenseVectors:
    """The vectors of ``texts`` in passage order: ``vectors`` (rows) and ``ready`` (which rows are filled)."""

    def __init__(self, texts: Sequence[str] | pd.Series, encoder: Encoder, store: Store | None, namespace: str,
                 prepare: Callable[[str], str] | None = None, dtype: type[np.floating] = np.float32,
                 first: np.ndarray | None = None, owner: np.ndarray | None = None) -> None:
        """``first``: passage rows to encode before the others; ``owner``: each passage's article (for
        ``status().every_article``)."""
        self._texts = texts
        self._encoder = encoder
        self._store = store
        self._namespace = namespace
        self._prepare = prepare
        self._owner = owner
        self._thread: threading.Thread | None = None
        self._error = ""
        self.codes, hashes = pd.factorize(pd.Index([vector_cache.text_hash(t) for t in texts], dtype=object))
        self._hashes = hashes
        self.vectors = np.zeros((len(self.codes), encoder.dim), dtype=dtype)
        self.ready = np.zeros(len(self.codes), dtype=bool)
        n = len(hashes)
        self._sorter = np.argsort(self.codes, kind="stable")
        counts = np.bincount(self.codes, minlength=n) if n else np.zeros(0, dtype=np.int64)
        self._offsets = np.r_[0, np.cumsum(counts)].astype(np.int64)
        # The first passage row of each distinct text (factorize numbers texts in order of appearance).
        self._first_row = np.full(n, len(self.codes), dtype=np.int64)
        np.minimum.at(self._first_row, self.codes, np.arange(len(self.codes)))
        cached = np.zeros((n, encoder.dim), dtype=dtype)
        found = vector_cache.fill(store, namespace, hashes, cached) if store is not None and n else np.zeros(n, bool)
        self._scatter(np.flatnonzero(found), cached[found])
        del cached
        missing = np.flatnonzero(~found)
        if first is not None and len(missing):
            # Distinct texts of the priority rows first, in their order, then the rest in order of appearance.
            early = pd.unique(self.codes[np.asarray(first, dtype=np.int64)])
            early = early[~found[early]]
            late = np.setdiff1d(missing, early, assume_unique=True)
            missing = np.r_[early, late[np.argsort(self._first_row[late], kind="stable")]].astype(np.int64)
        self.missing = missing

    # ---- filling ----------------------------------------------------------------------------------------------

    def fill(self, progress: EncodeProgress | None = None) -> DenseVectors:
        """Encode every missing text here and now (``progress``: distinct texts done, of those missing)."""
        missing = self.missing
        for start in range(0, len(missing), ENCODE_SLICE):
            part = missing[start:start + ENCODE_SLICE]
            chunk = [self._text(int(self._first_row[d])) for d in part]
            done = start

            def sliced(count: int, _: int, done: int = done) -> None:
                if progress:
                    progress(done + count, len(missing))

            fresh = self._encoder.encode([self._prepare(t) for t in chunk] if self._prepare else chunk,
                                         "passage", sliced)
            self._scatter(part, fresh)
            if self._store is not None:
                vector_cache.save(self._store, self._namespace, self._hashes[part].tolist(), fresh)
        if not len(missing) and progress:
            progress(len(self.codes), len(self.codes))
        self.missing = missing[:0]
        return self

    def start(self, progress: EncodeProgress | None = None) -> DenseVectors:
        """Fill in a daemon thread (a closed dashboard must not wait for it); returns at once."""
        if len(self.missing) and self._thread is None:
            self._thread = threading.Thread(target=self._run, args=(progress,), name="dense-vectors", daemon=True)
            self._thread.start()
        return self

    def wait(self, timeout: float | None = None) -> DenseStatus:
        if self._thread is not None:
            self._thread.join(timeout)
        return self.status()

    def _run(self, progress: EncodeProgress | None) -> None:
        try:
            self.fill(progress)
        except Exception as exc:  # noqa: BLE001 - the lexical side keeps answering; the page says what happened
            log.exception("background encoding stopped")
            self._error = f"{type(exc).__name__}: {exc}"

    def status(self) -> DenseStatus:
        done = int(self.ready.sum())
        every = bool(done == len(self.ready))
        if not every and self._owner is not None and len(self._owner):
            every = bool(np.bincount(self._owner[self.ready], minlength=int(self._owner.max()) + 1).all())
        return DenseStatus(done, len(self.ready), every, self._error)

    # ---- helpers ----------------------------------------------------------------------------------------------

    def _scatter(self, distinct: np.ndarray, rows: np.ndarray) -> None:
        """Write the vector of each distinct text to every passage row holding that text, then mark them ready."""
        if not len(distinct):
            return
        lengths = self._offsets[distinct + 1] - self._offsets[distinct]
        within = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        targets = self._sorter[np.repeat(self._offsets[distinct], lengths) + within]
        self.vectors[targets] = rows[np.repeat(np.arange(len(distinct)), lengths)]
        self.ready[targets] = True  # after the vectors: a reader that sees a row ready sees its vector

    def _text(self, row: int) -> str:
        texts = self._texts
        return str(texts.iloc[row]) if isinstance(texts, pd.Series) else str(texts[row])
