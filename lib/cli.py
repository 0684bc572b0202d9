"""Command line: the same pipeline as the dashboard (python -m lib export|search|evaluate)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lib import cli_search, pipeline, settings
from lib.export import write_export
from lib.records import Corpus
from lib.store.batches import Store, StoreError
from lib.tools import bench, evaluate


def _corpus_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, default=None, help="folder of articles (default: seeds/)")
    parser.add_argument("--store", type=Path, default=None, help="store folder (default: .store/ in the project)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    export = sub.add_parser("export", help="write articles, officials, meetings, trade and errors as CSV")
    _corpus_args(export)
    export.add_argument("--out", type=Path, required=True, help="folder for the CSV files")
    evaluate = sub.add_parser("evaluate", help="score the corpus against an annotated gold file")
    _corpus_args(evaluate)
    evaluate.add_argument("--gold", type=Path, required=True,
                          help="annotated sample: JSON list of {file, title, published, officials, meetings, trade}")
    evaluate.add_argument("--verbose", action="store_true", help="also list what was missed or extra")
    evaluate.add_argument("--queries", type=Path, default=None,
                          help="also score search on labelled queries (format of dev-corpus/queries.json)")
    cli_search.add_search_parser(sub, _corpus_args)
    bench.add_bench_parser(sub)
    return parser


def load(args: argparse.Namespace) -> Corpus:
    corpus_dir = (args.corpus or settings.get_path("corpus")).resolve()
    store = Store(args.store or settings.get_path("store"))
    return pipeline.build([(corpus_dir, "")], store)


def cmd_export(args: argparse.Namespace) -> int:
    corpus = load(args)
    write_export(corpus, args.out)
    stats = corpus.stats
    print(f"{len(corpus.articles)} articles, {len(corpus.officials)} official mentions, {len(corpus.meetings)} "
          f"meetings, {len(corpus.trade)} trade figures; {len(corpus.errors)} files not read "
          f"(parsed {stats.get('parsed', 0)} of {stats.get('files', 0)} files, the rest from the store) → {args.out}")
    return 0 if len(corpus.articles) else 1


def cmd_evaluate(args: argparse.Namespace) -> int:
    corpus = load(args)
    gold = evaluate.load_gold(args.gold)
    shares = evaluate.score_articles(corpus.articles, gold)
    print(f"articles         title {shares['title']:.3f}  lang {shares['lang']:.3f}  "
          f"published {shares['published']:.3f}  (of {len(gold)} files, {shares['dated_files']} dated)")
    print(evaluate.score_officials(corpus.officials, gold).line())
    meeting_score, missed, extra = evaluate.score_meetings(corpus.meetings, gold)
    print(meeting_score.line())
    for kind in ("actual", "target"):
        print(evaluate.score_trade(corpus.trade, gold, kind).line())
    if args.queries:
        cli_search.print_query_scores(corpus, args.store, args.queries)
    if args.verbose:
        print("missed events:", ", ".join(missed) or "none")
        for index in extra:
            row = corpus.meetings.loc[index]
            print(f"unmatched: {row['date']} {row['participants']} {row['files']}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    return cli_search.cmd_search(args, load)


COMMANDS = {"export": cmd_export, "evaluate": cmd_evaluate, "search": cmd_search, "bench": bench.cmd_bench}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (StoreError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
