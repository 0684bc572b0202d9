"""Runs the stages in order: folders → raw documents → articles → per-article facts → events, via the store.

Per-article work (reading, cleaning, officials, meeting reports, trade, passages) is cached in the store under
a fingerprint of the code and data that produce it, so an unchanged corpus is never parsed twice and a code
change re-parses everything. Work across articles (merging meetings) is recomputed on each build: it is
cheap and depends on which articles are present.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lib import clean, corpus, meetings, passages, people, trade
from lib.records import (
    ARTICLE_COLUMNS,
    ERROR_COLUMNS,
    MEETING_COLUMNS,
    OFFICIAL_COLUMNS,
    PASSAGE_COLUMNS,
    TRADE_COLUMNS,
    Article,
    ReadError,
    articles_frame,
    empty,
)
from lib.store import Store

Progress = Callable[[int, int, str], None]

LIB_DIR = Path(__file__).resolve().parent
# Per-article fact tables, each with an article_id column, and the key that makes a row unique in the cache.
FACT_TABLES = ("mentions", "officials", "reports", "trade", "passages")
# Articles are cleaned in batches so memory stays flat and a crash loses one batch of work at most.
BATCH_SIZE = 500


@dataclass(frozen=True)
class Corpus:
    """Everything the views show, as DataFrames; ``errors`` lists files that could not be read."""

    articles: pd.DataFrame
    officials: pd.DataFrame
    meetings: pd.DataFrame
    trade: pd.DataFrame
    passages: pd.DataFrame
    mentions: pd.DataFrame
    errors: pd.DataFrame
    stats: dict[str, int] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> Corpus:
        return cls(
            articles=articles_frame([]),
            officials=empty(OFFICIAL_COLUMNS),
            meetings=empty(MEETING_COLUMNS),
            trade=empty(TRADE_COLUMNS),
            passages=empty(PASSAGE_COLUMNS),
            mentions=empty(people.MENTION_COLUMNS),
            errors=empty(ERROR_COLUMNS),
        )


def fingerprint() -> str:
    """A hash of the code and data that turn a file into facts: any change to them invalidates the cache."""
    digest = hashlib.sha256()
    for path in sorted(LIB_DIR.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".csv", ".json", ".txt", ".tsv", ".yaml"}:
            digest.update(path.relative_to(LIB_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def extract_facts(articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The per-article stages, in order; each returns a table keyed by article_id."""
    mentions = people.extract_mentions(articles)
    return {
        "mentions": mentions,
        "officials": people.summarise_officials(mentions, articles),
        "reports": meetings.extract_reports(articles, mentions),
        "trade": trade.extract_trade(articles),
        "passages": passages.make_passages(articles),
    }


def build(roots: Iterable[tuple[Path, str]], store: Store, progress: Progress | None = None) -> Corpus:
    """Read every article under ``roots`` ((folder, prefix for its file names) pairs) into a Corpus."""
    files, errors = corpus.scan(list(roots))
    namespace = f"facts-{fingerprint()}"
    store.clean_stale()

    known = store.read(namespace, "files", key="raw_hash")
    known_hashes = set(known["raw_hash"]) if known is not None else set()
    cached_articles = store.read(namespace, "articles", key="article_id")
    cached_ids = set(cached_articles["article_id"]) if cached_articles is not None else set()

    hashed: list[tuple[corpus.FoundFile, str]] = []
    for found in files:
        try:
            hashed.append((found, corpus.file_hash(found.path)))
        except OSError as exc:
            errors.append(ReadError(found.file, f"cannot read the file ({exc.strerror or exc})"))

    todo = [(f, h) for f, h in hashed if h not in known_hashes]
    for start in range(0, len(todo), BATCH_SIZE):
        chunk = todo[start:start + BATCH_SIZE]
        if progress:
            progress(start, len(todo), "reading and extracting")
        _ingest(chunk, store, namespace, cached_ids)
    if progress and todo:
        progress(len(todo), len(todo), "reading and extracting")
    store.compact(namespace, {"files": "raw_hash", "articles": "article_id"})
    return _assemble(hashed, errors, store, namespace, stats={"files": len(files), "parsed": len(todo)})


def _ingest(chunk: list[tuple[corpus.FoundFile, str]], store: Store, namespace: str, cached_ids: set[str]) -> None:
    file_rows, new_articles = [], []
    for found, raw_hash in chunk:
        result = read_article(found)
        if isinstance(result, ReadError):
            file_rows.append({"raw_hash": raw_hash, "article_id": None, "error": result.error})
            continue
        file_rows.append({"raw_hash": raw_hash, "article_id": result.article_id, "error": None})
        if result.article_id not in cached_ids:
            cached_ids.add(result.article_id)
            new_articles.append(result)
    frame = articles_frame(new_articles)
    tables = {"files": pd.DataFrame(file_rows, columns=["raw_hash", "article_id", "error"]), "articles": frame}
    tables.update(extract_facts(frame))
    store.write_batch(namespace, tables)


def read_article(found: corpus.FoundFile) -> Article | ReadError:
    """One file to one clean Article, or the reason it cannot be one."""
    try:
        raw = corpus.read_document(found)
        return clean.to_article(raw)
    except corpus.UnreadableFile as exc:
        return ReadError(found.file, str(exc))
    except clean.NoArticleText as exc:
        return ReadError(found.file, str(exc))


def _assemble(
    hashed: list[tuple[corpus.FoundFile, str]],
    errors: list[ReadError],
    store: Store,
    namespace: str,
    stats: dict[str, int],
) -> Corpus:
    known = store.read(namespace, "files", key="raw_hash")
    by_hash = known.set_index("raw_hash") if known is not None else pd.DataFrame(columns=["article_id", "error"])
    file_of: dict[str, str] = {}
    for found, raw_hash in sorted(hashed, key=lambda pair: pair[0].file):
        if raw_hash not in by_hash.index:
            continue
        row = by_hash.loc[raw_hash]
        if isinstance(row["error"], str):
            errors.append(ReadError(found.file, row["error"]))
        elif row["article_id"] in file_of:
            errors.append(ReadError(found.file, f"same text as {file_of[row['article_id']]}: counted once"))
        else:
            file_of[row["article_id"]] = found.file

    def current(table: str, columns: list[str]) -> pd.DataFrame:
        frame = store.read(namespace, table)
        if frame is None or frame.empty:
            out = empty(columns) if table != "articles" else articles_frame([])
            return out
        frame = frame[frame["article_id"].isin(file_of.keys())].copy()
        if table == "articles":
            frame = frame.drop_duplicates("article_id")
        if "file" in frame.columns or table == "articles":
            frame["file"] = frame["article_id"].map(file_of)
        sort = ["file"] if "file" in frame.columns else ["article_id"]
        return frame.sort_values(sort, kind="stable").reset_index(drop=True)

    articles = current("articles", ARTICLE_COLUMNS)
    if not articles.empty:
        articles["published"] = pd.to_datetime(articles["published"]).astype("datetime64[ns]")
        articles = articles[ARTICLE_COLUMNS]
    reports = current("reports", meetings.REPORT_COLUMNS)
    error_frame = pd.DataFrame([(e.file, e.error) for e in errors], columns=ERROR_COLUMNS)
    error_frame = error_frame.sort_values("file", kind="stable").reset_index(drop=True)
    stats = {**stats, "articles": len(articles), "errors": len(error_frame)}
    return Corpus(
        articles=articles,
        officials=current("officials", OFFICIAL_COLUMNS),
        meetings=meetings.merge_meetings(reports, articles),
        trade=current("trade", TRADE_COLUMNS),
        passages=current("passages", PASSAGE_COLUMNS),
        mentions=current("mentions", people.MENTION_COLUMNS),
        errors=error_frame,
        stats=stats,
    )
