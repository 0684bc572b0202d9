"""The benchmark's model and search figures: embedding through the pipeline against the bare model, the
embedding backends side by side, and search latency (``python -m lib bench`` calls these; see bench.py).
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from lib import settings
from lib.records import Corpus
from lib.search import engine, models, onnx_backend
from lib.search.encoders import (
    EncodeProgress,
    Encoder,
    Kind,
    SentenceTransformerEncoder,
    UseEncoder,
    load_encoder,
    minilm_path,
)
from lib.search.engine import SearchIndex
from lib.store.batches import Store
from lib.tools.bench_search import bench_search
from lib.tools.timing import now, percentile, timed

# Each labelled query is timed this many times (the latency percentiles are over all rounds).
QUERY_ROUNDS = 3

QUERIES_FILE = settings.PROJECT_ROOT.parent / "shared" / "dev-corpus" / "queries.json"
FALLBACK_QUERIES = (
    "state visit of the Kyrgyz president to Kazakhstan", "trade turnover target two billion dollars",
    "border crossing queues of lorries", "визит Токаева в Бишкек", "товарооборот между Казахстаном и Кыргызстаном",
    "межправительственный совет", "water and energy cooperation", "демаркация границы",
)


class SyntheticPassageEncoder:
    """The real encoder for queries, seeded random unit vectors for passages: ranking costs the same whatever the
    vectors hold, and encoding every passage of a large corpus on CPU would take hours."""

    def __init__(self, real: Encoder) -> None:
        self._real = real
        self.info = real.info
        self._rng = np.random.default_rng(0)

    @property
    def dim(self) -> int:
        return int(self._real.dim)

    def encode(self, texts: Sequence[str], kind: Kind, progress: EncodeProgress | None = None) -> np.ndarray:
        if kind == "query":
            return self._real.encode(texts, kind)
        # Drawn as float32 and normalised in place: at 729,000 passages a float64 draw and a normalised copy took
        # 3.4 GB more than the 1.1 GB of vectors the index holds, and made the bench's memory peak.
        vectors = self._rng.standard_normal((len(texts), self.dim), dtype=np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors


def measure_embedding(texts: list[str], store_root: Path,
                      encoder: SentenceTransformerEncoder | UseEncoder | None = None,
                      ) -> tuple[dict[str, object], SentenceTransformerEncoder | UseEncoder]:
    """Passages per second: the bare model, then the pipeline (sorting, batching, cache writes), then cached."""
    encoder = encoder or load_encoder()
    encoder.encode(texts[:64], "passage")  # warm-up: first calls allocate and pick kernels
    cpu = time.process_time()
    raw_s, _ = timed(partial(_bare_encode, encoder, texts))  # the baseline: the bare model on the same passages
    raw_cpu, cpu = time.process_time() - cpu, time.process_time()
    store = Store(store_root)
    pipe_s, _ = timed(lambda: engine.passage_vectors(texts, encoder, store))
    pipe_cpu = time.process_time() - cpu
    cached_s, _ = timed(lambda: engine.passage_vectors(texts, encoder, store))
    n = len(texts)
    return {
        "embed_model": encoder.info.name,
        "embed_device": encoder.info.where,
        "embed_batch": getattr(encoder, "batch_size", None),
        "embed_passages": n,
        "raw_encode_passages_per_s": round(n / raw_s, 1) if raw_s else None,
        "embed_passages_per_s": round(n / pipe_s, 1) if pipe_s else None,
        "embed_ratio": round(raw_s / pipe_s, 3) if pipe_s else None,
        # CPU seconds (all threads) of the two: the comparison that other programs on the machine disturb least.
        "embed_ratio_cpu": round(raw_cpu / pipe_cpu, 3) if pipe_cpu else None,
        "embed_cached_passages_per_s": round(n / cached_s, 1) if cached_s else None,
    }, encoder


def _bare_encode(encoder: SentenceTransformerEncoder | UseEncoder, texts: list[str]) -> np.ndarray:
    if isinstance(encoder, UseEncoder):
        return np.asarray(encoder.model.encode(texts), dtype=np.float32)
    model = encoder.model  # the bare model is what is compared
    # The encoder holds the sentence-transformers model as an object: that library is imported lazily.
    return np.asarray(model.encode(texts, batch_size=encoder.batch_size, normalize_embeddings=True,  # type: ignore[attr-defined]
                                   convert_to_numpy=True, show_progress_bar=False), dtype=np.float32)


def measure_backends(texts: list[str], cache_root: Path, name: str | None = None) -> dict[str, object]:
    """The bare model under each backend on the same passages: passages/s, CPU and closeness to torch's vectors.

    ``name``: the configured model, or the packaged all-MiniLM-L6-v2 when the configured one is the packaged
    numpy model (which has no backends to compare).

    Quality on real queries is a separate check (``python -m lib evaluate --queries`` with KK_EMBED_BACKEND).
    """
    speed: dict[str, float] = {}
    cpu_ms: dict[str, float] = {}
    closeness: dict[str, dict[str, float]] = {}
    reference = None
    name = name or settings.get("embed_model")
    name = str(minilm_path()) if models.is_packaged(name) else name
    previous = os.environ.get("KK_STORE")
    os.environ["KK_STORE"] = str(cache_root)  # the exported ONNX files go to the bench's own folder
    try:
        for backend in onnx_backend.BACKENDS:
            encoder = load_encoder(name, backend=backend)
            if encoder.info.backend != backend:
                speed[backend] = None  # type: ignore[assignment] # this model or machine cannot run it
                continue
            _bare_encode(encoder, texts[:64])  # warm-up: first calls allocate and pick kernels
            cpu = time.process_time()
            # partial, not a lambda with defaults: mypy cannot type a lambda whose parameters the Callable[[], T] lacks.
            seconds, vectors = timed(partial(_bare_encode, encoder, texts))
            cpu_ms[backend] = round(1000 * (time.process_time() - cpu) / len(texts), 2)
            speed[backend] = round(len(texts) / seconds, 1)
            if reference is None:
                reference = vectors
            else:
                cosine = (vectors * reference).sum(axis=1)
                closeness[backend] = {"min": round(float(cosine.min()), 4), "mean": round(float(cosine.mean()), 4)}
    finally:
        if previous is None:
            os.environ.pop("KK_STORE", None)
        else:
            os.environ["KK_STORE"] = previous
    return {"backend_model": Path(name).name if Path(name).is_dir() else name,
            "backend_passages": len(texts), "backend_passages_per_s": speed, "backend_cpu_ms_per_passage": cpu_ms,
            "backend_cosine_to_torch": closeness}


def load_queries() -> list[str]:
    if QUERIES_FILE.is_file():
        try:
            return [q["q"] for q in json.loads(QUERIES_FILE.read_text(encoding="utf-8"))]
        except (ValueError, KeyError, TypeError):
            pass
    return list(FALLBACK_QUERIES)


def measure_searchable(built: Corpus, encoder: Encoder, store_root: Path, ingest_s: float,
                       passages_per_s: float | None, ingest_cpu_s: float | None = None) -> dict[str, object]:
    """Time to searchable for a new archive, after its ingest (``ingest_s``): by words (the index returns with the
    vectors still to come, as the dashboard builds it) and fully (every title and distinct passage encoded by the
    real model into an empty store). The synthetic corpus repeats most passages, so the time a real archive of
    distinct passages would take is estimated too, from the model's passages/s. CPU seconds (every thread, the
    ingest's workers included) say what it takes of an idle machine when others share this one."""
    store = Store(store_root)
    cpu = time.process_time()
    start = now()
    index = engine.build_index(built.articles, built.passages, encoder, store, background=True)
    lexical_s = now() - start
    assert index.dense is not None
    encoded = len(index.dense.missing)
    index.dense.wait()
    full_s = now() - start
    index_cpu_s = time.process_time() - cpu
    status = index.dense_status()
    if status.error:
        raise RuntimeError(f"background encoding failed: {status.error}")
    texts = len(built.passages) + (len(built.articles) if index.title_vectors is not None else 0)
    return {
        "searchable_lexical_s": round(ingest_s + lexical_s, 2),
        "time_to_searchable_s": round(ingest_s + full_s, 2),
        "time_to_searchable_cpu_s": round(ingest_cpu_s + index_cpu_s, 2) if ingest_cpu_s is not None else None,
        "embed_passages_per_cpu_s": round(encoded / index_cpu_s, 1) if index_cpu_s and encoded else None,
        "searchable_texts_encoded": encoded,
        "searchable_texts": texts,
        "time_to_searchable_all_distinct_s_est": round(ingest_s + lexical_s + texts / passages_per_s, 1)
        if passages_per_s else None,
    }


def measure_search(built: Corpus, encoder: Encoder, store_root: Path, rounds: int = QUERY_ROUNDS,
                   max_queries: int | None = None) -> dict[str, object]:
    """Index building as the dashboard does it (through the store's vector cache: first encoding every passage,
    then reading them all back), and the latency of one query: encoding + ranking, and ranking alone."""
    synthetic = SyntheticPassageEncoder(encoder)
    index_s, index = timed(lambda: engine.build_index(
        built.articles, built.passages, synthetic, Store(store_root)))
    # The dashboard reopened on the same corpus: one index at a time, its vectors all read from the cache.
    del index
    gc.collect()
    cached_s, index = timed(lambda: engine.build_index(
        built.articles, built.passages, synthetic, Store(store_root)))
    queries = load_queries()[:max_queries]
    index.search(queries[:2], k=10)  # warm-up
    vectors = index.query_vectors(queries)
    full, ranking, single = [], [], []
    for _ in range(rounds):
        for query, vector in zip(queries, vectors, strict=True):
            start = now()
            index.search([query], k=10)
            full.append(1000 * (now() - start))
            start = now()
            rank_only(index, query, vector)
            ranking.append(1000 * (now() - start))
            # The same with numpy's BLAS on one thread: waking OpenBLAS threads for one query-vector product
            # can cost more than the product (see pipeline.extract_facts).
            with threadpool_limits(limits=1, user_api="blas"):
                start = now()
                rank_only(index, query, vector)
                single.append(1000 * (now() - start))
    encode = _query_encoding(index, queries)
    return {
        **encode,
        "index_passages": len(index.passages),
        "index_vectors": "synthetic (ranking cost does not depend on their values)",
        "index_build_s": round(index_s, 2),
        "index_build_cached_s": round(cached_s, 2),
        "search_queries": len(full),
        "search_ms_p50": percentile(full, 50),
        "search_ms_p95": percentile(full, 95),
        "rank_ms_p50": percentile(ranking, 50),
        "rank_ms_p95": percentile(ranking, 95),
        "rank_ms_p95_blas_1_thread": percentile(single, 95),
    }


def _query_encoding(index: SearchIndex, queries: list[str]) -> dict[str, object]:
    """Encoding one query, with torch's default threads and with one: when other work shares the cores, torch's
    threads wait for each other at every layer."""
    out: dict[str, object] = {}
    if "torch" not in sys.modules:
        return out  # a stand-in encoder (tests): no torch threads to compare
    import torch  # loaded already by the encoder (checked above); a stand-in must not load it


    threads = torch.get_num_threads()
    for label, count in (("", threads), ("_torch_1_thread", 1)):
        torch.set_num_threads(count)
        samples = [1000 * timed(partial(index.query_vectors, [q]))[0] for q in queries]
        out[f"query_encode_ms_p50{label}"] = percentile(samples, 50)
    torch.set_num_threads(threads)
    return out


def rank_only(index: SearchIndex, query: str, vector: np.ndarray) -> object:
    """What ``SearchIndex.search`` does after encoding: scores, fusion, top k and their best passages."""
    return index.rank(query, vector, k=10)


def measure_rank_at(n_passages: int) -> dict[str, object]:
    """Ranking alone at a fixed index size (bench_search.py: synthetic texts and vectors), as the
    product runs and with numpy's BLAS on one thread."""
    default = bench_search(n_passages, repeats=3)
    with threadpool_limits(limits=1, user_api="blas"):
        single = bench_search(n_passages, repeats=3)
    key = f"rank_at_{n_passages}_passages"
    return {f"{key}_ms_p50": default["ranking"]["p50_ms"], f"{key}_ms_p95": default["ranking"]["p95_ms"],  # type: ignore[index]
            f"{key}_ms_p95_blas_1_thread": single["ranking"]["p95_ms"]}  # type: ignore[index]
