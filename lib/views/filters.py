"""The sidebar's filters: a Corpus → the prepared corpus, the choices each filter offers, and the filtered view.

Every function takes DataFrames and returns new ones; nothing here reads files or mutates its input.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations

import pandas as pd

from lib.articles.countries import country_name, text_countries_column
from lib.records import CORPUS_TABLES, LEVELS, TEXT_COUNTRIES, Corpus
from lib.views.cells import as_list, list_column, meeting_dates, rows_where
from lib.views.timeline import period_ends

ALL_PAIRS = "all"
DEFAULT_PAIR = "KZ-KG"
UNKNOWN_SOURCE = "(unknown outlet)"
# The meetings' list cells; "evidence" holds one quote per report.
MEETING_LISTS = ("countries", "participants", "files")


@dataclass(frozen=True, slots=True)
class Filters:
    """The sidebar's choices; an empty tuple or None means "no restriction"."""

    start: date | None = None
    end: date | None = None
    officials: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    pair: str = DEFAULT_PAIR


@dataclass(frozen=True, slots=True)
class FilterOptions:
    """The values each filter can take in a corpus."""

    officials: tuple[str, ...]
    levels: tuple[str, ...]
    langs: tuple[str, ...]
    sources: tuple[str, ...]
    pairs: tuple[str, ...]
    min_date: date | None
    max_date: date | None


def pair_label(pair: str) -> str:
    if pair == ALL_PAIRS:
        return "All countries"
    a, _, b = pair.partition("-")
    return f"{country_name(a)} – {country_name(b)}"


def prepare(corpus: Corpus) -> Corpus:
    """Adds the columns every filter needs (countries per article, outlet label) and makes every list cell a list
    of strings; done once per load."""
    meetings = _meetings_with_lists(corpus.meetings)
    articles = corpus.articles.copy()
    if articles.empty:
        articles["countries"] = pd.Series(dtype="object")
        articles["outlet"] = pd.Series(dtype="object")
        return _replace(corpus, articles=articles, meetings=meetings)
    fact_countries: dict[object, set[str]] = {}
    # tolist throughout: iterating pandas' Arrow strings value by value is ~10x slower.
    for aid, country in zip(_values(corpus.officials, "article_id"), _values(corpus.officials, "country"), strict=True):
        if isinstance(country, str) and country:
            fact_countries.setdefault(aid, set()).add(country)
    by_file = dict(zip(articles["file"].tolist(), articles["article_id"].tolist(), strict=True))
    for files, codes in zip(meetings["files"].tolist(), meetings["countries"].tolist(), strict=True):
        for file in files:
            if file in by_file:
                fact_countries.setdefault(by_file[file], set()).update(codes)
    # The pipeline computed each article's text countries once, in its workers; tables built elsewhere
    # (tests, older callers) get them computed here by the same function.
    in_text = articles[TEXT_COUNTRIES] if TEXT_COUNTRIES in articles else text_countries_column(articles)
    articles["countries"] = [
        sorted(set(as_list(codes)) | fact_countries.get(a, set()))
        for a, codes in zip(articles["article_id"].tolist(), in_text.tolist(), strict=True)
    ]
    articles["outlet"] = articles["source"].map(lambda s: s if isinstance(s, str) and s.strip() else UNKNOWN_SOURCE)
    # Bodies as Python strings: each filter change takes the kept rows, and pandas' Arrow strings copy every
    # body's characters (~15 ms at 10,000 articles) where an object column copies pointers.
    articles["body"] = articles["body"].astype(object)
    return _replace(corpus, articles=articles, meetings=meetings)


def _meetings_with_lists(meetings: pd.DataFrame) -> pd.DataFrame:
    out = meetings.copy(deep=False)
    for column in MEETING_LISTS:
        out[column] = list_column(meetings[column]) if column in meetings else pd.Series(
            [[] for _ in range(len(meetings))], index=meetings.index, dtype=object)
    if "evidence" in meetings:
        out["evidence"] = [_quotes(v) for v in meetings["evidence"].tolist()]
    return out


def _quotes(evidence: object) -> list[str]:
    # A quote may hold ";", so one held as text is split at line breaks only.
    if isinstance(evidence, str):
        return [q.strip() for q in evidence.split("\n") if q.strip()]
    return as_list(evidence)


def _values(frame: pd.DataFrame, column: str) -> list[object]:
    return frame[column].tolist() if column in frame else []


def shallow(corpus: Corpus) -> Corpus:
    """A Corpus of shallow copies of the tables: nothing is copied now, and under pandas' copy-on-write whatever a
    caller writes into them (a new column, an assignment) stays in its copy. The dashboard keeps one prepared
    corpus for all reruns and sessions and hands out these (a pickled copy per rerun doubled its memory)."""
    tables = {name: getattr(corpus, name).copy(deep=False) for name in CORPUS_TABLES}
    return Corpus(**tables, stats=dict(corpus.stats))


def _replace(corpus: Corpus, **tables: pd.DataFrame) -> Corpus:
    fields = {name: getattr(corpus, name) for name in CORPUS_TABLES}
    fields.update(tables)
    return Corpus(**fields, stats=dict(corpus.stats))


def _article_pairs(codes: Sequence[str]) -> list[str]:
    return [f"{a}-{b}" for a, b in combinations(sorted(set(codes)), 2)]


def _normal_pair(pair: str) -> tuple[str, str]:
    a, _, b = pair.partition("-")
    return a, b


def filter_options(corpus: Corpus) -> FilterOptions:
    """What each sidebar filter offers for this corpus; KZ–KG is always offered and listed first."""
    articles = corpus.articles
    # Distinct values first: iterating pandas' Arrow strings costs ~1 µs a value, and most values repeat.
    people = set(corpus.officials.get("person", pd.Series(dtype=object)).dropna().unique())
    for participants in corpus.meetings.get("participants", []):
        people.update(participants)
    pair_counts: dict[str, int] = {}
    # Counted per distinct country set: an article's set is one of a few dozen.
    codes_counts = Counter(map(tuple, articles.get("countries", pd.Series(dtype=object)).tolist()))
    for codes, count in codes_counts.items():
        for pair in _article_pairs(codes):
            pair_counts[pair] = pair_counts.get(pair, 0) + int(count)
    kz_kg = "-".join(sorted(_normal_pair(DEFAULT_PAIR)))
    others = sorted((p for p in pair_counts if p != kz_kg), key=lambda p: (-pair_counts[p], p))
    dates = articles["published"].dropna() if "published" in articles else pd.Series(dtype="datetime64[ns]")
    outlets = articles["outlet"] if "outlet" in articles else pd.Series(dtype=object)
    return FilterOptions(
        officials=tuple(sorted(people)),
        levels=tuple(LEVELS),
        langs=tuple(sorted(articles["lang"].dropna().unique())) if not articles.empty else (),
        sources=tuple(sorted(outlets.dropna().unique())),
        pairs=(DEFAULT_PAIR, *others, ALL_PAIRS),
        min_date=dates.min().date() if len(dates) else None,
        max_date=dates.max().date() if len(dates) else None,
    )


def member(column: pd.Series, values: set[str]) -> pd.Series:
    """``column.isin(values)`` for large sets: pandas' Arrow-backed strings turn every value of the set into an
    Arrow scalar first, which cost most of a filter change at 10,000 articles."""
    return column.astype(object).isin(list(values))


def apply_filters(corpus: Corpus, filters: Filters) -> Corpus:
    """The corpus restricted to what the filters select; facts follow the articles they came from.

    Passages are left whole: the search index is built once over all of them and restricted by article ids,
    and filtering hundreds of thousands of passage rows on every filter change was most of its cost.
    """
    articles = corpus.articles
    if articles.empty:
        return corpus
    keep = pd.Series(True, index=articles.index)
    if filters.pair != ALL_PAIRS and "countries" in articles:
        a, b = _normal_pair(filters.pair)
        keep &= pd.Series([a in codes and b in codes for codes in articles["countries"].tolist()],
                          index=articles.index, dtype=bool)
    if filters.langs:
        keep &= articles["lang"].isin(filters.langs)
    if filters.sources and "outlet" in articles:
        keep &= articles["outlet"].isin(filters.sources)
    published = articles["published"]
    if filters.start:
        keep &= published >= pd.Timestamp(filters.start)
    if filters.end:
        keep &= published < pd.Timestamp(filters.end) + pd.Timedelta(days=1)
    meetings = corpus.meetings
    if filters.levels and not meetings.empty:
        meetings = meetings[meetings["level"].isin(filters.levels)]
    elif filters.levels:
        meetings = meetings.iloc[0:0]
    if filters.officials:
        chosen = set(filters.officials)
        meetings = rows_where(meetings, "participants", lambda p: not chosen.isdisjoint(p))
        with_person = set(corpus.officials.loc[corpus.officials["person"].isin(chosen), "article_id"])
        with_person |= set(corpus.mentions.loc[corpus.mentions["person"].isin(chosen), "article_id"])
        with_person |= set(articles.loc[member(articles["file"], _files_of(meetings)), "article_id"])
        keep &= member(articles["article_id"], with_person)
    if filters.levels:
        keep &= member(articles["file"], _files_of(meetings))
    articles = articles if keep.all() else articles[keep]  # taking every row would still copy them
    kept_files = set(articles["file"].tolist())  # tolist: iterating pandas' Arrow strings is ~10x slower
    meetings = rows_where(meetings, "files", lambda files: not kept_files.isdisjoint(files))
    # A meeting known only to its month or year, or lasting several days, is kept when its period overlaps the range.
    if filters.start:
        ends = period_ends(meetings)
        meetings = meetings[ends.isna() | (ends >= pd.Timestamp(filters.start))]
    if filters.end:
        dates = meeting_dates(meetings)
        meetings = meetings[dates.isna() | (dates < pd.Timestamp(filters.end) + pd.Timedelta(days=1))]
    ids = set(articles["article_id"].tolist())

    def by_article(frame: pd.DataFrame) -> pd.DataFrame:
        mask = member(frame["article_id"], ids)
        return (frame if mask.all() else frame[mask]).reset_index(drop=True)

    return _replace(
        corpus, articles=articles.reset_index(drop=True), meetings=meetings.reset_index(drop=True),
        officials=by_article(corpus.officials), trade=by_article(corpus.trade),
        mentions=by_article(corpus.mentions),
    )


def _files_of(meetings: pd.DataFrame) -> set[str]:
    return {f for files in meetings.get("files", []) for f in files}
