"""The embedding cache: vectors written and read as Arrow rows (never one Python object per vector), old caches
still read, and compaction of wide rows one record batch at a time."""

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from lib.store import batches as store_module
from lib.store import vector_cache
from lib.store.batches import Store

DIM = 8


def unit_rows(n: int, seed: int) -> np.ndarray:
    rows = np.random.default_rng(seed).standard_normal((n, DIM)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_saved_vectors_fill_the_rows_of_their_hashes_in_any_order(tmp_path):
    store = Store(tmp_path)
    vectors = unit_rows(5, 0)
    vector_cache.save(store, "ns", ["h0", "h1", "h2", "h3", "h4"], vectors)
    wanted = pd.Index(["h3", "missing", "h0"])
    out = np.zeros((3, DIM), dtype=np.float32)
    found = vector_cache.fill(store, "ns", wanted, out)
    assert found.tolist() == [True, False, True]
    assert np.array_equal(out[0], vectors[3]) and np.array_equal(out[2], vectors[0])
    assert not out[1].any()
    # The cache is a fixed-size list column: no list offsets, one flat float32 buffer.
    table = pq.read_table(next((tmp_path / "ns").glob("batch-*/vectors.parquet")))
    kind = table.schema.field("vector").type
    assert pa.types.is_fixed_size_list(kind) and kind.list_size == DIM and kind.value_type == pa.float32()


def test_float16_rows_are_filled_from_float32_cache(tmp_path):
    store = Store(tmp_path)
    vectors = unit_rows(4, 1)
    vector_cache.save(store, "ns", list("abcd"), vectors)
    out = np.zeros((4, DIM), dtype=np.float16)
    assert vector_cache.fill(store, "ns", pd.Index(list("dcba")), out).all()
    assert np.abs(out.astype(np.float32) - vectors[::-1]).max() < 1e-3


def test_a_cache_written_as_a_pandas_column_of_arrays_is_still_read(tmp_path):
    # The layout before fixed-size lists: one numpy array per row, which Parquet keeps as lists of floats.
    store = Store(tmp_path)
    old = unit_rows(3, 2)
    store.write_batch("ns", {"vectors": pd.DataFrame({"hash": ["x", "y", "z"], "vector": list(old)})})
    new = unit_rows(2, 3)
    vector_cache.save(store, "ns", ["u", "y"], new)  # "y" again: the first cached row wins (same text anyway)
    out = np.zeros((4, DIM), dtype=np.float32)
    assert vector_cache.fill(store, "ns", pd.Index(["z", "u", "y", "x"]), out).all()
    assert np.array_equal(out, np.stack([old[2], new[0], old[1], old[0]]))


def test_vectors_of_another_length_are_passed_over(tmp_path):
    store = Store(tmp_path)
    vector_cache.save(store, "ns", ["a"], np.ones((1, DIM * 2), dtype=np.float32))
    out = np.zeros((1, DIM), dtype=np.float32)
    assert not vector_cache.fill(store, "ns", pd.Index(["a"]), out).any()


def test_streaming_compaction_keeps_the_first_row_of_each_hash_and_old_layouts(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "COMPACT_AFTER", 3)
    monkeypatch.setattr(store_module, "SCAN_ROWS", 2)  # several record batches per file
    store = Store(tmp_path)
    old = unit_rows(3, 4)
    store.write_batch("ns", {"vectors": pd.DataFrame({"hash": ["a", "b", "c"], "vector": list(old)})})
    saved = {"a": old[0], "b": old[1], "c": old[2]}
    for i in range(3):
        rows = unit_rows(3, 10 + i)
        hashes = [f"n{i}-{j}" for j in range(2)] + ["a"]
        vector_cache.save(store, "ns", hashes, rows)
        saved.update({h: r for h, r in zip(hashes, rows, strict=True) if h not in saved})
    assert len(store.batches("ns")) == 1, "the fourth batch should have compacted the namespace"
    merged = pq.read_table(next((tmp_path / "ns").glob("batch-*/vectors.parquet")))
    assert merged.column("hash").to_pylist() == list(saved)
    out = np.zeros((len(saved), DIM), dtype=np.float32)
    assert vector_cache.fill(store, "ns", pd.Index(list(saved)), out).all()
    assert np.array_equal(out, np.stack(list(saved.values())))


def test_scan_reads_again_a_batch_retired_by_a_compaction_meanwhile(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "COMPACT_AFTER", 3)
    store = Store(tmp_path)
    for i in range(4):
        store.write_batch("ns", {"vectors": pd.DataFrame({"hash": [f"h{i}"], "n": [i]})})
    seen = []
    for batch in store.scan("ns", "vectors"):
        seen.extend(batch.column("hash").to_pylist())
        if len(seen) == 1:  # another process compacts right after the first batch was read
            store.compact_streaming("ns", "vectors", "hash")
    assert set(seen) == {"h0", "h1", "h2", "h3"}
    assert len(store.batches("ns")) == 1
