"""The command line's search parts: ``python -m lib search`` and ``python -m lib evaluate --queries``.

Kept apart from cli.py so the search code's console output (model notice, progress bar) lives in one place.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from lib import settings
from lib.records import Corpus
from lib.search.encoders import load_encoder
from lib.search.engine import SearchIndex, build_index
from lib.search.metrics import score_queries, summarise_scores
from lib.store.batches import Store

CSV_COLUMNS = ["query", "rank", "file", "score", "passage"]


def add_search_parser(sub: argparse._SubParsersAction, corpus_args: Callable[[argparse.ArgumentParser], None],
                      ) -> None:
    parser = sub.add_parser("search", help="search passages of every article; prints CSV")
    corpus_args(parser)
    parser.add_argument("--k", type=int, default=10, help="results per query (default 10)")
    parser.add_argument("queries", nargs="+", metavar="QUERY", help="one or more queries, in Russian or English")


def progress_bar(label: str, stream: TextIO | None = None) -> Callable[[int, int], None]:
    """A one-line text progress bar on ``stream``, stderr by default (stdout stays clean for the CSV)."""

    def show(done: int, total: int) -> None:
        out = stream or sys.stderr
        width = 30
        filled = width * done // total if total else width
        out.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            out.write("\n")
        out.flush()

    return show


def open_index(corpus: Corpus, store_path: Path | None, stream: TextIO | None = None) -> SearchIndex:
    """Load the model (saying which one, with a warning for the fallback) and index the corpus."""
    stream = stream or sys.stderr
    encoder = load_encoder()
    prefix = "warning: " if encoder.info.fallback else ""
    print(f"{prefix}{encoder.info.sentence()}", file=stream)
    store = Store(store_path or settings.get_path("store"))
    return build_index(corpus.articles, corpus.passages, encoder, store,
                       progress=progress_bar("encoding passages", stream))


def cmd_search(args: argparse.Namespace, load: Callable[[argparse.Namespace], Corpus]) -> int:
    corpus = load(args)
    if corpus.articles.empty:
        print("error: no articles to search in that folder", file=sys.stderr)
        return 1
    index = open_index(corpus, args.store)
    results = index.search(args.queries, k=args.k)
    results[CSV_COLUMNS].to_csv(sys.stdout, index=False)
    return 0


def print_query_scores(corpus: Corpus, store_path: Path | None, queries_path: Path) -> None:
    """recall@5 and MRR, overall and for cross-lingual queries, of BM25, dense and fused ranking."""
    queries = json.loads(Path(queries_path).read_text(encoding="utf-8"))
    index = open_index(corpus, store_path)
    summary = summarise_scores(score_queries(index, queries))
    info = index.encoder.info
    print(f"search ({len(queries)} queries, model {info.name}{', English-only fallback' if info.fallback else ''}"
          f"{'' if info.backend == 'torch' else ', backend ' + info.backend})")
    for row in summary.to_dict("records"):
        print(f"search {row['method']:<6}  recall@5 {row['recall@5']:.3f}  MRR {row['MRR']:.3f}  "
              f"cross-lingual recall@5 {row['cross recall@5']:.3f}  MRR {row['cross MRR']:.3f}")
