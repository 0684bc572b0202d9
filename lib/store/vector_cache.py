"""Passage vectors kept in the store, per model, by the hash of the text encoded: hashes → rows of one matrix.

Vectors are written and read as Arrow fixed-size lists and copied record batch by record batch into the caller's
matrix, so no per-vector Python object is ever made: at 729,309 passages the vectors are 1.1 GB as one float32
array, and several GB more as pandas' column of one numpy array per row.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pyarrow as pa

from lib.store.batches import Store

TABLE = "vectors"
KEY = "hash"


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def fill(store: Store, namespace: str, hashes: pd.Index, out: np.ndarray) -> np.ndarray:
    """Copy the cached vector of each of ``hashes`` (unique) into the same row of ``out``; returns which rows
    were found. Batches whose vectors have another length than ``out``'s rows (another model) are passed over."""
    found = np.zeros(len(hashes), dtype=bool)
    dim = out.shape[1]
    for batch in store.scan(namespace, TABLE):
        if not len(hashes) or found.all():
            break
        rows = hashes.get_indexer(batch.column(KEY).to_numpy(zero_copy_only=False))
        # The first cached row of a hash wins, as in Store.read; duplicates hold the same text's vector anyway.
        wanted = (rows >= 0) & ~found[np.maximum(rows, 0)]
        if not wanted.any():
            continue
        matrix = _matrix(batch.column("vector"), len(batch), dim)
        if matrix is None:
            continue
        out[rows[wanted]] = matrix[wanted]
        found[rows[wanted]] = True
    return found


def save(store: Store, namespace: str, hashes: list[str], vectors: np.ndarray) -> None:
    """Cache ``vectors`` (one row per hash) as one new batch of the namespace."""
    flat = pa.array(np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1))
    table = pa.table({KEY: pa.array(hashes, type=pa.string()),
                      "vector": pa.FixedSizeListArray.from_arrays(flat, vectors.shape[1])})
    store.write_batch(namespace, {TABLE: table})
    store.compact_streaming(namespace, TABLE, KEY)


def _matrix(column: pa.Array | pa.ChunkedArray, n: int, dim: int) -> np.ndarray | None:
    # Stores written before fixed-size lists hold lists of floats: flatten() reads both kinds.
    values = column.flatten()
    if len(values) != n * dim:
        return None
    return values.to_numpy(zero_copy_only=False).reshape(n, dim)
