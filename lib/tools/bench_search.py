"""Search benchmark: ranking latency at N passages (synthetic vectors and texts) and query-encoding latency.

Not a test (timings depend on the machine); ``python -m lib bench`` calls ``bench_search`` and prints its dict.
The vectors here are random unit rows: ranking cost does not depend on what the vectors mean.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
import pandas as pd

from lib.search import rank
from lib.search.encoders import Encoder, ModelInfo
from lib.search.engine import SearchIndex, default_weights
from lib.search.expansion import default_expander, glossary_groups

QUERIES = [
    "border checkpoint queues of trucks", "trade turnover target of three billion dollars",
    "товарооборот между Казахстаном и Кыргызстаном", "пункт пропуска на границе",
    "intergovernmental council meeting in Astana", "телефонный разговор президентов",
    "water and energy cooperation", "evacuation of citizens", "заседание межправсовета в Бишкеке",
    "investment of Kazakh companies",
]


class _NoModel:
    """Stands for the model when only ranking is timed: the index needs an encoder it never calls."""

    info = ModelInfo("synthetic", fallback=False, multilingual=False)

    def __init__(self, dim: int) -> None:
        self._dim = dim

    @property
    def dim(self) -> int:
        return self._dim

    def encode(self, texts: Sequence[str], kind: str, progress: object = None) -> np.ndarray:
        raise RuntimeError("the ranking benchmark encodes nothing")


def synthetic_index(n_passages: int, dim: int = 384, per_article: int = 8, seed: int = 0) -> SearchIndex:
    """An index of ``n_passages`` passages of glossary words and filler, with random unit vectors."""
    rng = np.random.default_rng(seed)
    words = sorted({t for group in glossary_groups() for s in group for t in rank.tokenize(s)})
    vocab = np.array(words + [f"w{i}" for i in range(20_000)])
    # Zipf-like word frequencies, as in real text: a few words everywhere, most words rare.
    weights = 1.0 / np.arange(1, len(vocab) + 1)
    rng.shuffle(weights)
    weights /= weights.sum()
    lengths = rng.integers(20, 60, size=n_passages)
    drawn = rng.choice(len(vocab), size=int(lengths.sum()), p=weights)
    cuts = np.cumsum(lengths)[:-1]
    docs = [vocab[chunk].tolist() for chunk in np.split(drawn, cuts)]
    n_articles = max(1, n_passages // per_article)
    starts = np.arange(n_articles, dtype=np.int64) * per_article
    ends = np.r_[starts[1:], n_passages].astype(np.int64)
    article_ids = [f"a{i}" for i in range(n_articles)]
    owner = np.repeat(np.arange(n_articles), np.diff(np.r_[starts, n_passages]))
    vectors = rng.standard_normal((n_passages, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    passages = pd.DataFrame({"passage_id": [f"p{i}" for i in range(n_passages)],
                             "article_id": [article_ids[o] for o in owner], "text": [" ".join(d) for d in docs],
                             "start": 0, "end": lengths})
    articles = pd.DataFrame({"article_id": article_ids, "file": [f"{a}.txt" for a in article_ids],
                             "title": ""})
    joined: list[list[str]] = [sum((docs[i] for i in range(s, e)), []) for s, e in zip(starts, ends, strict=True)]
    encoder = _NoModel(dim)
    return SearchIndex(articles, passages, vectors, starts, ends, rank.BM25(joined), rank.BM25(docs), encoder,
                       default_expander(), default_weights(encoder))


def _percentiles(seconds: list[float]) -> dict[str, float]:
    ms = np.array(seconds) * 1000
    return {"p50_ms": round(float(np.percentile(ms, 50)), 2), "p95_ms": round(float(np.percentile(ms, 95)), 2)}


def bench_search(n_passages: int = 100_000, repeats: int = 5, encoder: Encoder | None = None,
                 seed: int = 0) -> dict[str, object]:
    """Ranking p50/p95 (BM25 + cosine + fusion + top-k, expansion included) at ``n_passages``; with an
    encoder, also the p50/p95 of encoding one query."""
    started = time.perf_counter()
    index = synthetic_index(n_passages, seed=seed)
    build_s = time.perf_counter() - started
    rng = np.random.default_rng(seed + 1)
    vectors = rng.standard_normal((len(QUERIES), index.vectors.shape[1])).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    for query, vector in zip(QUERIES, vectors, strict=True):  # warm caches (stemmer, lemmas)
        index.rank(query, vector, k=10)
    timings = []
    for _ in range(repeats):
        for query, vector in zip(QUERIES, vectors, strict=True):
            t = time.perf_counter()
            index.rank(query, vector, k=10)
            timings.append(time.perf_counter() - t)
    result: dict[str, object] = {"passages": n_passages, "articles": len(index.articles),
                                 "index_build_s": round(build_s, 1), "queries_timed": len(timings),
                                 "ranking": _percentiles(timings)}
    if encoder is not None:
        encoder.encode(["warm-up"], "query")
        encode_times = []
        for query in QUERIES:
            t = time.perf_counter()
            encoder.encode([query], "query")
            encode_times.append(time.perf_counter() - t)
        result["model"] = encoder.info.name
        result["query_encoding"] = _percentiles(encode_times)
    return result
