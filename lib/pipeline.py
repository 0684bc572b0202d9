"""Runs the stages in order: folders → raw documents → articles → per-article facts → events, via the store.

Per-article work (reading, cleaning, officials, meeting reports, trade, passages) is cached in the store under
a fingerprint of the code and data that produce it, so an unchanged corpus is never parsed twice and a code
change re-parses everything. Work across articles (merging meetings) is recomputed on each build: it is
cheap and depends on which articles are present.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import pandas as pd
from threadpoolctl import threadpool_limits

from lib import lifetime
from lib.articles import countries, page
from lib.articles.sentences import Sentences
from lib.facts import passages, topics
from lib.facts.agreements import registry as agreement_registry
from lib.facts.agreements import reports as agreement_reports
from lib.facts.meetings import reports as meetings
from lib.facts.officials import people
from lib.facts.trade import turnover
from lib.files import folders as corpus
from lib.records import (
    AGREEMENT_REPORT_COLUMNS,
    ARTICLE_COLUMNS,
    CORPUS_TABLES,
    ERROR_COLUMNS,
    MENTION_COLUMNS,
    OFFICIAL_COLUMNS,
    PASSAGE_COLUMNS,
    TEXT_COUNTRIES,
    TOPIC_COLUMNS,
    TRADE_COLUMNS,
    Article,
    Corpus,
    ReadError,
    articles_frame,
    empty,
)
from lib.store import memory, snapshots
from lib.store.batches import Store

Progress = Callable[[int, int, str], None]

LIB_DIR = Path(__file__).resolve().parent
# Facts are kept per version of the code, in the namespace FACTS_PREFIX + fingerprint().
# What makes facts: the stages up to facts, their data, the records they fill, and this module that runs them.
FACT_SOURCES = ("files", "articles", "facts", "data", "records.py", "settings.py", "pipeline.py")
FACTS_PREFIX = "facts-"
# Per-article fact tables, each with an article_id column, and the key that makes a row unique in the cache.
FACT_TABLES = ("mentions", "officials", "reports", "trade", "passages", "agreement_reports", "topic_sentences")
# The articles table as built: the records' columns and the countries each article's text names.
ARTICLE_TABLE_COLUMNS = [*ARTICLE_COLUMNS, TEXT_COUNTRIES]
# Articles are cleaned in batches so memory stays flat and a crash loses one batch of work at most.
BATCH_SIZE = 500
# Below this many new files, starting worker processes (each loads the NER model, ~2 s) costs more than it saves.
PARALLEL_MIN = 200


def fingerprint() -> str:
    """A hash of the code and data that turn a file into facts: any change to them invalidates the cache.

    Only FACT_SOURCES count, so editing a view, the search or the benchmark keeps every article's facts.
    """
    digest = hashlib.sha256()
    for source in FACT_SOURCES:
        top = LIB_DIR / source
        for path in sorted(top.rglob("*")) if top.is_dir() else [top]:
            if path.is_file() and path.suffix in {".py", ".csv", ".json", ".txt", ".tsv", ".yaml"}:
                digest.update(path.relative_to(LIB_DIR).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def extract_facts(articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The per-article stages, in order; each returns a table keyed by article_id."""
    # natasha's NER multiplies tiny matrices: OpenBLAS waking its threads for each costs ~50x the product
    # itself on this kind of machine (150 ms vs 3 ms a sentence), and parallelism comes from processes anyway.
    # Each body is split into sentences once, line by line as an extractor first asks, for every extractor.
    texts = {article_id: Sentences(body) for article_id, body in zip(articles["article_id"], articles["body"],
                                                                      strict=True) if isinstance(body, str)}
    with threadpool_limits(limits=1, user_api="blas"):
        mentions = people.extract_mentions(articles, texts)
        split = [(texts.get(article_id) or Sentences(str(body))).spans
                 for article_id, body in zip(articles["article_id"], articles["body"], strict=True)]
        agreements = agreement_reports.extract_agreement_reports(articles, split)
        return {
            "mentions": mentions,
            "officials": people.summarise_officials(mentions, articles),
            "reports": meetings.extract_reports(articles, mentions, texts),
            "trade": turnover.extract_trade(articles, texts),
            "passages": passages.make_passages(articles, texts),
            "agreement_reports": agreements,
            "topic_sentences": topics.with_agreement_topics(topics.extract_topic_sentences(articles, split),
                                                            agreements),
        }


def build(roots: Iterable[tuple[Path, str]], store: Store, progress: Progress | None = None,
          workers: int | None = None) -> Corpus:
    """Read every article under ``roots`` ((folder, prefix for its file names) pairs) into a Corpus.

    ``workers`` processes read and extract new files (default: one per CPU core; 1 runs everything here).
    A re-run on the same files with the same code reads the Corpus the last run assembled (see lib.store.snapshots).
    """
    files, errors = corpus.scan(list(roots))
    namespace = f"{FACTS_PREFIX}{fingerprint()}"
    store.clean_stale()
    store.retire_idle(FACTS_PREFIX, namespace)  # facts of earlier versions of the code
    hashed, file_stats = snapshots.hash_files(files, errors, snapshots.known_stats(store))
    if file_stats is not None:
        snapshots.save_stats(store, file_stats)
    key = snapshots.corpus_key(namespace, hashed, errors)
    saved = snapshots.load(store, key, CORPUS_TABLES)
    if saved is not None:
        stats = {"files": len(files), "parsed": 0, "articles": len(saved["articles"]), "errors": len(saved["errors"])}
        return Corpus(**saved, stats=stats)

    known = store.read(namespace, "files", key="raw_hash")
    known_hashes = set(known["raw_hash"]) if known is not None else set()
    # The files table names every stored article (both are written in one batch), and is far smaller to read
    # than the articles table with its bodies.
    cached_ids = set(known["article_id"].dropna()) if known is not None else set()

    todo = [(f, h) for f, h in hashed if h not in known_hashes]
    done = 0
    if progress and todo:
        progress(0, len(todo), "reading and extracting")
    for chunk, (file_rows, tables) in _process(todo, cached_ids, workers):
        _write(file_rows, tables, store, namespace, cached_ids)
        done += len(chunk)
        if progress:
            progress(done, len(todo), "reading and extracting")
    store.compact(namespace, {"files": "raw_hash", "articles": "article_id"}, group="article_id")
    memory.release()
    built = _assemble(hashed, errors, store, namespace, stats={"files": len(files), "parsed": len(todo)})
    snapshots.save(store, key, {name: getattr(built, name) for name in CORPUS_TABLES})
    memory.release()
    return built


Chunk = list[tuple[corpus.FoundFile, str]]
Result = tuple[list[dict[str, object]], dict[str, pd.DataFrame]]


def _process(todo: Chunk, known_ids: set[str], workers: int | None) -> Iterator[tuple[Chunk, Result]]:
    """Each chunk of ``todo`` with its extracted tables, in order (so the store and every output are the same
    whatever the number of workers)."""
    workers = max(1, workers or _cpu_count())
    if workers == 1 or len(todo) < PARALLEL_MIN:
        for start in range(0, len(todo), BATCH_SIZE):
            chunk = todo[start:start + BATCH_SIZE]
            yield chunk, _work(chunk, known_ids)
        return
    # Chunks small enough that every worker gets several (a slow chunk does not leave a core idle at the end),
    # and never larger than a batch.
    size = max(1, min(BATCH_SIZE, -(-len(todo) // (workers * 4))))
    chunks = [todo[start:start + size] for start in range(0, len(todo), size)]
    # fork starts workers at once with everything already imported, but copies only the calling thread: in a
    # process with other threads (the dashboard's server) a lock held by one of them would stay held forever in
    # the child, so there the workers come from a clean forkserver (which needs the usual __main__ guard).
    context = multiprocessing.get_context("fork" if threading.active_count() == 1 else "forkserver")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(frozenset(known_ids),)) as pool:
        # At most two chunks per worker in flight, so finished tables never pile up in memory.
        pending: deque[tuple[Chunk, Future[Result]]] = deque()
        for chunk in chunks:
            pending.append((chunk, pool.submit(_work_in_worker, chunk)))
            if len(pending) >= 2 * workers:
                first, future = pending.popleft()
                yield first, future.result()
        while pending:
            first, future = pending.popleft()
            yield first, future.result()


_WORKER_KNOWN: frozenset[str] = frozenset()


def _init_worker(known_ids: frozenset[str]) -> None:
    global _WORKER_KNOWN
    lifetime.end_with_parent()  # a build killed outright must not leave its workers asleep behind it
    _WORKER_KNOWN = known_ids


def _work_in_worker(chunk: Chunk) -> Result:
    return _work(chunk, _WORKER_KNOWN)


def _work(chunk: Chunk, known_ids: set[str] | frozenset[str]) -> Result:
    """Read, clean and extract one chunk: its files rows and fact tables (articles already stored are skipped)."""
    file_rows: list[dict[str, object]] = []
    new_articles: list[Article] = []
    seen: set[str] = set()
    for found, raw_hash in chunk:
        result = read_article(found)
        if isinstance(result, ReadError):
            file_rows.append({"raw_hash": raw_hash, "article_id": None, "error": result.error})
            continue
        file_rows.append({"raw_hash": raw_hash, "article_id": result.article_id, "error": None})
        if result.article_id not in known_ids and result.article_id not in seen:
            seen.add(result.article_id)
            new_articles.append(result)
    frame = _articles_frame(new_articles)
    try:
        return file_rows, {"articles": frame, **extract_facts(frame)}
    except Exception:  # an extractor bug on one article must not cost the batch: find it, report it, go on
        return _work_one_by_one(file_rows, new_articles)


def _work_one_by_one(file_rows: list[dict[str, object]], articles: list[Article]) -> Result:
    """Extract article by article; an article whose extraction raises is listed as an error, not stored."""
    good: list[Article] = []
    failed: dict[str, str] = {}
    for article in articles:
        try:
            extract_facts(articles_frame([article]))
            good.append(article)
        except Exception as exc:
            failed[article.article_id] = (f"its facts could not be extracted ({type(exc).__name__}): the file is "
                                          "skipped; please report it with the file")
    for row in file_rows:
        if row["article_id"] in failed:
            row["error"], row["article_id"] = failed[str(row["article_id"])], None
    frame = _articles_frame(good)
    return file_rows, {"articles": frame, **extract_facts(frame)}


def _articles_frame(articles: list[Article]) -> pd.DataFrame:
    """The articles table as stored: each article's countries are found here, in the workers, once."""
    frame = articles_frame(articles)
    frame[TEXT_COUNTRIES] = countries.text_countries_column(frame)
    return frame


def _write(file_rows: list[dict[str, object]], tables: dict[str, pd.DataFrame], store: Store, namespace: str,
           cached_ids: set[str]) -> None:
    """Store one chunk as one batch; an article another chunk stored first is dropped (same text, same facts)."""
    fresh = set(tables["articles"]["article_id"]) - cached_ids
    if len(fresh) < len(tables["articles"]):
        tables = {name: frame[frame["article_id"].isin(fresh)] for name, frame in tables.items()}
    cached_ids.update(fresh)
    files = pd.DataFrame(file_rows, columns=["raw_hash", "article_id", "error"])
    store.write_batch(namespace, {"files": files, **tables})


def _uniform_strings(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as pandas' string dtype whatever the batching: a batch whose values of a column are all
    missing stores it untyped, and concatenating that with typed batches would give ``object`` instead."""
    for column in frame.columns:
        if frame[column].dtype == object and pd.api.types.infer_dtype(frame[column], skipna=True) == "string":
            frame[column] = frame[column].astype("str")
    return frame


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def read_article(found: corpus.FoundFile) -> Article | ReadError:
    """One file to one clean Article, or the reason it cannot be one."""
    try:
        raw = corpus.read_document(found)
        return page.to_article(raw)
    except corpus.UnreadableFile as exc:
        return ReadError(found.file, str(exc))
    except page.NoArticleText as exc:
        return ReadError(found.file, str(exc))
    except Exception as exc:  # a bug in cleaning one file is reported for that file; the others go on
        return ReadError(found.file, f"could not be cleaned ({type(exc).__name__}): the file is skipped; "
                                     "please report it with the file")


def _assemble(
    hashed: list[tuple[corpus.FoundFile, str]],
    errors: list[ReadError],
    store: Store,
    namespace: str,
    stats: dict[str, int],
) -> Corpus:
    known = store.read(namespace, "files", key="raw_hash")
    # Plain dicts, not .loc per file: a row lookup in pandas costs ~50 µs, 5 s at 100,000 files.
    by_hash: dict[str, tuple[object, object]] = {}
    if known is not None:
        by_hash = dict(zip(known["raw_hash"], zip(known["article_id"], known["error"], strict=True), strict=True))
    file_of: dict[str, str] = {}
    for found, raw_hash in sorted(hashed, key=lambda pair: pair[0].file):
        if raw_hash not in by_hash:
            continue
        article_id, error = by_hash[raw_hash]
        if isinstance(error, str):
            errors.append(ReadError(found.file, error))
        elif article_id in file_of:
            errors.append(ReadError(found.file, f"same text as {file_of[article_id]}: counted once"))
        else:
            file_of[article_id] = found.file  # type: ignore[index]

    def current(table: str, columns: list[str]) -> pd.DataFrame:
        frame = store.read(namespace, table, group="article_id")
        if frame is None or frame.empty:
            out = empty(columns) if table != "articles" else _articles_frame([])
            return out
        frame = frame[frame["article_id"].isin(file_of.keys())].copy()
        if table == "articles":
            frame = frame.drop_duplicates("article_id")
        if "file" in frame.columns or table == "articles":
            frame["file"] = frame["article_id"].map(file_of)
        sort = ["file"] if "file" in frame.columns else ["article_id"]
        return _uniform_strings(frame.sort_values(sort, kind="stable").reset_index(drop=True))

    articles = current("articles", ARTICLE_TABLE_COLUMNS)
    if not articles.empty:
        articles["published"] = pd.to_datetime(articles["published"]).astype("datetime64[ns]")
        articles = articles[ARTICLE_TABLE_COLUMNS]
    reports = current("reports", meetings.REPORT_COLUMNS)
    error_frame = pd.DataFrame([(e.file, e.error) for e in errors], columns=ERROR_COLUMNS)
    error_frame = error_frame.sort_values("file", kind="stable").reset_index(drop=True)
    stats = {**stats, "articles": len(articles), "errors": len(error_frame)}
    reported = agreement_registry.same_things(current("agreement_reports", AGREEMENT_REPORT_COLUMNS))
    topic_sentences = current("topic_sentences", TOPIC_COLUMNS)
    articles, merged = topics.with_topics_columns(articles, meetings.merge_meetings(reports, articles),
                                                  topic_sentences)
    return Corpus(
        articles=articles,
        officials=current("officials", OFFICIAL_COLUMNS),
        meetings=merged,
        trade=current("trade", TRADE_COLUMNS),
        passages=current("passages", PASSAGE_COLUMNS),
        mentions=current("mentions", MENTION_COLUMNS),
        errors=error_frame,
        stats=stats,
        agreements=agreement_registry.merge_agreements(reported),
        agreement_reports=reported,
        topic_sentences=topic_sentences,
    )
