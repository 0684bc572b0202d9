"""The benchmark and the pipeline plumbing it measures: synthetic corpora, a small full run, parallel = serial.

No assertion here is about speed: timings depend on the machine and on whatever else runs on it.
"""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pandas as pd
import pytest
from conftest import SEEDS

from lib import pipeline, records
from lib.search.encoders import ModelInfo
from lib.store.batches import Store
from lib.tools import bench, synth

TABLES = ("articles", "officials", "meetings", "trade", "passages", "mentions", "errors")


def test_synthetic_corpus_is_deterministic_varied_and_bilingual(tmp_path):
    first = synth.make_corpus(tmp_path / "a", 40, seed=3)
    again = synth.make_corpus(tmp_path / "b", 40, seed=3)
    other = synth.make_corpus(tmp_path / "c", 40, seed=4)
    texts = [p.read_text(encoding="utf-8") for p in first]
    assert len(first) == 40 and all(p.suffix == ".txt" for p in first)
    assert texts == [p.read_text(encoding="utf-8") for p in again]
    assert texts != [p.read_text(encoding="utf-8") for p in other]
    assert len(set(texts)) == 40, "pages repeat verbatim"
    assert {synth.language(t) for t in texts} == {"ru", "en"}
    assert all(len(t.splitlines()) >= 8 for t in texts)  # furniture + title + date + paragraphs


def test_synthetic_corpus_works_from_the_seeds_alone(tmp_path):
    pools = synth.load_pools([SEEDS])
    paths = synth.make_corpus(tmp_path, 5, pools=pools)
    assert len(paths) == 5 and all(p.stat().st_size > 200 for p in paths)


def frames(corpus: records.Corpus) -> dict[str, pd.DataFrame]:
    return {name: getattr(corpus, name) for name in TABLES}


def test_parallel_ingest_gives_the_serial_result(tmp_path, monkeypatch):
    synth.make_corpus(tmp_path / "corpus", 24, seed=5)
    (tmp_path / "corpus" / "copy.txt").write_bytes((tmp_path / "corpus" / "0000" / "000003.txt").read_bytes())
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 5)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 1)
    serial = pipeline.build([(tmp_path / "corpus", "")], Store(tmp_path / "s1"), workers=1)
    parallel = pipeline.build([(tmp_path / "corpus", "")], Store(tmp_path / "s2"), workers=2)
    reused = pipeline.build([(tmp_path / "corpus", "")], Store(tmp_path / "s2"), workers=2)
    assert serial.stats["parsed"] == parallel.stats["parsed"] == 25 and reused.stats["parsed"] == 0
    assert len(serial.articles) == 24 and len(serial.passages) > 24
    assert "same text as" in " ".join(serial.errors["error"])
    for name, frame in frames(serial).items():
        pd.testing.assert_frame_equal(frame, getattr(parallel, name), obj=name)
        pd.testing.assert_frame_equal(frame, getattr(reused, name), obj=name)


class HashModel:
    """A deterministic stand-in for a sentence-transformers model (loading the real one takes long)."""

    def encode(self, texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False):
        rows = []
        for text in texts:
            rng = np.random.default_rng(int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little"))
            row = rng.standard_normal(16).astype(np.float32)
            rows.append(row / np.linalg.norm(row))
        return np.stack(rows)


class HashEncoder:
    info = ModelInfo("hash-stand-in", fallback=False, multilingual=True)
    batch_size = 4
    dim = 16
    model = HashModel()

    def encode(self, texts, kind, progress=None):
        return self.model.encode(list(texts)) if len(texts) else np.zeros((0, 16), dtype=np.float32)


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    return bench.measure(12, tmp_path_factory.mktemp("bench"), embed_sample=8, workers=1, query_rounds=1,
                         max_queries=3, encoder=HashEncoder(), rank_passages=500)


def test_a_small_benchmark_reports_every_figure(small_run):
    r = small_run
    for key in ("ingest_articles_per_s", "first_run_s", "reingest_unchanged_s", "embed_passages_per_s",
                "raw_encode_passages_per_s", "search_ms_p50", "search_ms_p95", "rank_ms_p95", "filter_ms",
                "peak_rss_mb", "stage_ms_per_article"):
        assert key in r, key
    assert r["articles"] == 12 and r["errors"] == 0 and r["passages"] > 12
    assert r["ingest_articles_per_s"] > 0 and r["first_run_s"] > 0 and r["reingest_unchanged_s"] > 0
    assert r["embed_passages"] == 8 and r["embed_passages_per_s"] > 0 and r["raw_encode_passages_per_s"] > 0
    assert 0 < r["passages_distinct_share"] <= 1
    assert r["index_passages"] == r["passages"] and r["index_build_s"] > 0 and r["index_build_cached_s"] > 0
    assert 0 < r["rank_ms_p50"] <= r["rank_ms_p95"] and 0 < r["search_ms_p50"] <= r["search_ms_p95"]
    assert r["search_queries"] >= 3
    assert set(r["stage_ms_per_article"]) == {"read_clean", "mentions", "officials", "meeting_reports", "trade",
                                              "passages", "sentences", "agreements", "topics"}
    assert r["embed_model"] == "hash-stand-in" and r["embed_cached_passages_per_s"] > 0
    assert 0 < r["rank_at_500_passages_ms_p50"] <= r["rank_at_500_passages_ms_p95"]
    assert r["filter_ms"] > 0 and r["peak_rss_mb"] > 50
    json.dumps(r)  # one JSON line per size


def test_the_command_prints_one_json_line_per_size(tmp_path):
    lines: list[str] = []
    results = bench.run([4, 6], workdir=tmp_path, out=lines.append, embed=False)
    assert [json.loads(line)["articles"] for line in lines] == [4, 6] == [r["articles"] for r in results]
    assert all("embed_passages_per_s" not in r and r["filter_ms"] > 0 for r in results)
    assert all(50 < r["peak_total_pss_mb"] < r["peak_rss_mb"] + r["workers_peak_rss_mb"] + 1 for r in results)
    assert list(tmp_path.iterdir()) == [], "the temporary corpora and stores were not removed"
