"""Search quality: an index + labelled queries → recall@k and MRR of each ranking method (bm25, dense, fused)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from lib.search.engine import METHODS, SearchIndex


def recall_at_k(ranked: Iterable[str], relevant: set[str], k: int = 5) -> float:
    top = list(dict.fromkeys(ranked))[:k]
    return sum(1 for f in top if f in relevant) / min(k, len(relevant)) if relevant else 1.0


def reciprocal_rank(ranked: Iterable[str], relevant: set[str]) -> float:
    for i, f in enumerate(dict.fromkeys(ranked), start=1):
        if f in relevant:
            return 1.0 / i
    return 0.0


def score_queries(index: SearchIndex, queries: list[dict], k: int = 5, vectors: np.ndarray | None = None,
                  ) -> pd.DataFrame:
    """recall@k and MRR of each method on labelled queries ({"q", "relevant": [files], "cross_lingual"})."""
    rows = []
    if vectors is None:
        vectors = index.query_vectors([q["q"] for q in queries])
    for query, vector in zip(queries, vectors, strict=True):
        parts = index.article_scores(query["q"], vector)
        relevant = set(query["relevant"])
        for method in METHODS:
            order = np.argsort(-parts[method], kind="stable")
            files = index.articles["file"].to_numpy()[order].tolist()
            rows.append({"query": query["q"], "method": method, "cross_lingual": bool(query.get("cross_lingual")),
                         "recall": recall_at_k(files, relevant, k), "rr": reciprocal_rank(files, relevant)})
    return pd.DataFrame(rows)


def summarise_scores(scores: pd.DataFrame) -> pd.DataFrame:
    """Per method: recall@5 and MRR over all queries, and recall@5 and MRR over the cross-lingual ones."""
    out = []
    for method in METHODS:
        part = scores[scores["method"] == method]
        cross = part[part["cross_lingual"]]
        out.append({"method": method, "recall@5": part["recall"].mean(), "MRR": part["rr"].mean(),
                    "cross recall@5": cross["recall"].mean() if len(cross) else float("nan"),
                    "cross MRR": cross["rr"].mean() if len(cross) else float("nan"), "queries": len(part)})
    return pd.DataFrame(out)
