"""What the pages show: a Corpus + Filters → filtered Corpus → the tables each page draws (pure, no streamlit).

Every function takes DataFrames and returns new ones; nothing here reads files or mutates its input, so the
pages stay thin and everything a page shows can be tested without a browser.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import TypeGuard

import pandas as pd

from lib.articles.countries import country_name, text_countries_column
from lib.records import CORPUS_TABLES, LEVELS, TEXT_COUNTRIES, Corpus
from lib.views import trade as trade_view

ALL_PAIRS = "all"
DEFAULT_PAIR = "KZ-KG"
UNKNOWN_SOURCE = "(unknown outlet)"


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


def as_list(value: object) -> list[str]:
    """A list cell as a list of strings, whether it arrived as a list, an array or a "; "-joined string."""
    if _plain(value):
        return list(value)  # the usual cell, first: a filter change looks at some 100,000 cells at 10,000 articles
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple, set, frozenset)):
        return [str(v) for v in value if v is not None and str(v) != ""]
    return [str(value)]


def joined(value: object, sep: str) -> str:
    """``sep.join(as_list(value))``."""
    if type(value) is list:
        try:
            text = sep.join(value)  # the usual cell, a list of strings: one C call
        except TypeError:
            return sep.join(as_list(value))
        if "" not in value:
            return text
    return sep.join(as_list(value))


def _plain(value: object) -> TypeGuard[list[str]]:
    """Whether a cell is already what ``as_list`` makes of it: a list of non-empty strings."""
    return type(value) is list and set(map(type, value)) <= {str} and "" not in value


def cell_items(value: object) -> list[str]:
    """``as_list(value)`` without copying a cell that already is one; for reading only."""
    return value if _plain(value) else as_list(value)


def rows_where(frame: pd.DataFrame, column: str, test: Callable[[object], bool]) -> pd.DataFrame:
    """The rows whose ``column`` passes ``test`` (columns kept even when no row does)."""
    mask = [bool(test(v)) for v in frame[column]] if column in frame else []
    return frame.loc[pd.Series(mask, index=frame.index, dtype=bool)] if len(frame) else frame


def prepare(corpus: Corpus) -> Corpus:
    """Adds the columns every filter needs (countries per article, outlet label); done once per load."""
    articles = corpus.articles.copy()
    if articles.empty:
        articles["countries"] = pd.Series(dtype="object")
        articles["outlet"] = pd.Series(dtype="object")
        return _replace(corpus, articles=articles)
    fact_countries: dict[object, set[str]] = {}
    # tolist throughout: iterating pandas' Arrow strings value by value is ~10x slower.
    for aid, country in zip(_values(corpus.officials, "article_id"), _values(corpus.officials, "country"), strict=True):
        if isinstance(country, str) and country:
            fact_countries.setdefault(aid, set()).add(country)
    by_file = dict(zip(articles["file"].tolist(), articles["article_id"].tolist(), strict=True))
    for files, codes in zip(corpus.meetings.get("files", []), corpus.meetings.get("countries", []), strict=True):
        for file in as_list(files):
            if file in by_file:
                fact_countries.setdefault(by_file[file], set()).update(as_list(codes))
    # The pipeline computed each article's text countries once, in its workers; tables built elsewhere
    # (tests, older callers) get them computed here by the same function.
    in_text = articles[TEXT_COUNTRIES] if TEXT_COUNTRIES in articles else text_countries_column(articles)
    articles["countries"] = [
        ";".join(sorted(set(as_list(codes)) | fact_countries.get(a, set())))
        for a, codes in zip(articles["article_id"].tolist(), in_text.tolist(), strict=True)
    ]
    articles["outlet"] = articles["source"].map(lambda s: s if isinstance(s, str) and s.strip() else UNKNOWN_SOURCE)
    # Bodies as Python strings: each filter change takes the kept rows, and pandas' Arrow strings copy every
    # body's characters (~15 ms at 10,000 articles) where an object column copies pointers.
    articles["body"] = articles["body"].astype(object)
    return _replace(corpus, articles=articles)


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


def _article_pairs(codes: str) -> list[str]:
    return [f"{a}-{b}" for a, b in combinations(sorted(set(codes.split(";")) - {""}), 2)]


def _normal_pair(pair: str) -> tuple[str, str]:
    a, _, b = pair.partition("-")
    return a, b


def filter_options(corpus: Corpus) -> FilterOptions:
    """What each sidebar filter offers for this corpus; KZ–KG is always offered and listed first."""
    articles = corpus.articles
    # Distinct values first: iterating pandas' Arrow strings costs ~1 µs a value, and most values repeat.
    people = set(corpus.officials.get("person", pd.Series(dtype=object)).dropna().unique())
    for participants in corpus.meetings.get("participants", []):
        people.update(cell_items(participants))
    pair_counts: dict[str, int] = {}
    codes_counts = articles.get("countries", pd.Series(dtype=object)).dropna().value_counts(sort=False)
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


def meeting_dates(meetings: pd.DataFrame) -> pd.Series:
    return pd.to_datetime(meetings.get("date", pd.Series(dtype=object)), errors="coerce")


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
        # Tested once per distinct value: an article's country set is one of a few dozen.
        codes = articles["countries"]
        keep &= member(codes, {c for c in codes.unique() if a in c.split(";") and b in c.split(";")})
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
        meetings = rows_where(meetings, "participants", lambda p: not chosen.isdisjoint(cell_items(p)))
        with_person = set(corpus.officials.loc[corpus.officials["person"].isin(chosen), "article_id"])
        with_person |= set(corpus.mentions.loc[corpus.mentions["person"].isin(chosen), "article_id"])
        with_person |= set(articles.loc[member(articles["file"], _files_of(meetings)), "article_id"])
        keep &= member(articles["article_id"], with_person)
    if filters.levels:
        keep &= member(articles["file"], _files_of(meetings))
    articles = articles if keep.all() else articles[keep]  # taking every row would still copy them
    kept_files = set(articles["file"].tolist())  # tolist: iterating pandas' Arrow strings is ~10x slower
    meetings = rows_where(meetings, "files", lambda files: not kept_files.isdisjoint(cell_items(files)))
    dates = meeting_dates(meetings)
    if filters.start:
        meetings = meetings[dates.isna() | (dates >= pd.Timestamp(filters.start))]
        dates = meeting_dates(meetings)
    if filters.end:
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
    return {f for files in meetings.get("files", []) for f in cell_items(files)}


# ---- Overview ---------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Counts:
    articles: int
    meetings: int
    officials: int
    sources: int


def overview_counts(view: Corpus) -> Counts:
    outlets = view.articles["outlet"] if "outlet" in view.articles else view.articles["source"]
    return Counts(
        articles=len(view.articles),
        meetings=len(view.meetings),
        officials=view.officials["person"].nunique(),
        sources=outlets[outlets != UNKNOWN_SOURCE].nunique(),
    )


def articles_per_month(articles: pd.DataFrame) -> pd.DataFrame:
    """month (first day), lang, articles: how coverage moves over time in each language (dated articles)."""
    dated = articles.dropna(subset=["published"])
    if dated.empty:
        return pd.DataFrame({"month": pd.Series(dtype="datetime64[ns]"), "lang": pd.Series(dtype=object),
                             "articles": pd.Series(dtype="int64")})
    month = dated["published"].dt.to_period("M").dt.to_timestamp()
    out = dated.assign(month=month).groupby(["month", "lang"]).size().rename("articles").reset_index()
    return out.sort_values(["month", "lang"]).reset_index(drop=True)


MEETING_TABLE_COLUMNS = ["date", "end_date", "status", "level", "participants", "place", "countries", "files",
                         "evidence", "meeting_id"]


def meetings_table(meetings: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """Meetings newest first (undated last), list cells joined for display; provenance columns kept."""
    frame = meetings.assign(_date=meeting_dates(meetings))
    frame = frame.sort_values("_date", ascending=False, na_position="last", kind="stable").drop(columns="_date")
    frame = frame.reindex(columns=MEETING_TABLE_COLUMNS)
    for column in ("participants", "countries", "files"):
        frame[column] = frame[column].map(lambda v: joined(v, "; "))
    for column in ("date", "end_date"):
        parsed = pd.to_datetime(frame[column], errors="coerce")
        frame[column] = parsed.dt.strftime("%Y-%m-%d").where(parsed.notna(), "")
    frame = frame.reset_index(drop=True)
    return frame.head(limit) if limit else frame


ARTICLE_TABLE_COLUMNS = ["published", "title", "outlet", "lang", "countries", "n_chars", "file", "url",
                         "article_id"]


def articles_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles newest first (undated last) without their bodies."""
    frame = articles.sort_values(["published", "file"], ascending=[False, True], na_position="last", kind="stable")
    return frame.reindex(columns=ARTICLE_TABLE_COLUMNS).reset_index(drop=True)


def error_table(errors: pd.DataFrame) -> pd.DataFrame:
    return errors.reindex(columns=["file", "error"]).reset_index(drop=True)


@dataclass(frozen=True, slots=True)
class Metric:
    """One headline number for st.metric: label, value, an optional delta and a tooltip."""

    label: str
    value: str
    delta: str | None = None
    help: str | None = None
    delta_color: str = "normal"


def trade_metrics(summary: trade_view.TradeSummary) -> list[Metric]:
    """The trade summary as headline numbers: latest figures, current target, gap, projected year."""
    usd = trade_view.format_usd
    metrics = []
    if summary.latest_full_year_usd is not None:
        values = summary.latest_full_year_values
        spread = (f"{len(values)} reports: " + ", ".join(usd(v) for v in values)) if len(set(values)) > 1 else None
        metrics.append(Metric(f"Turnover {summary.latest_full_year}", usd(summary.latest_full_year_usd),
                              help=spread or "median of the reports of that year"))
    if summary.latest_partial_usd is not None:
        metrics.append(Metric(f"Latest partial ({summary.latest_partial_label})", usd(summary.latest_partial_usd)))
    if summary.current_target_usd is not None:
        due = f" by {summary.current_target_due}" if summary.current_target_due else ""
        stated = summary.current_target_set
        metrics.append(Metric("Current target", usd(summary.current_target_usd) + due,
                              help=f"first stated {stated:%d %b %Y}" if stated is not None else None))
    if summary.gap_usd is not None:
        pct = f"+{summary.gap_pct:.0f}% still needed" if summary.gap_pct and summary.gap_usd > 0 else "reached"
        metrics.append(Metric("Gap to target", usd(max(summary.gap_usd, 0)), pct, help=summary.assumption,
                              delta_color="off"))
    elif summary.current_target_usd is not None and summary.latest_partial_usd is not None:
        # Without a full-year figure the gap is measured from the latest partial one, and labelled as such.
        gap = summary.current_target_usd - summary.latest_partial_usd
        metrics.append(Metric("Gap to target", usd(max(gap, 0)), f"from the {summary.latest_partial_label} figure",
                              delta_color="off", help="No full-year figure in the selected articles."))
    if summary.projected_year is not None:
        metrics.append(Metric("Target reached (projection)", str(summary.projected_year), help=summary.assumption))
    return metrics


# ---- Articles ---------------------------------------------------------------------------------------------

def article_choices(table: pd.DataFrame) -> dict[str, str]:
    """article_id → "date · outlet · title" in the order of the articles table."""
    def label(row: pd.Series) -> str:
        day = row["published"].strftime("%Y-%m-%d") if pd.notna(row["published"]) else "undated"
        title = str(row["title"] or row["file"])
        return f"{day} · {row.get('outlet') or UNKNOWN_SOURCE} · {title[:110]}"
    return {row["article_id"]: label(row) for _, row in table.iterrows()}


def article_ids(view: Corpus) -> set[str]:
    """The ids of the articles a view holds (what search may return)."""
    return set(view.articles["article_id"])


def article_row(articles: pd.DataFrame, article_id: str) -> pd.Series:
    return articles[articles["article_id"] == article_id].iloc[0]


def article_byline(article: pd.Series) -> str:
    day = article["published"].strftime("%d %B %Y") if pd.notna(article["published"]) else "date unknown"
    parts = [str(article.get("outlet") or UNKNOWN_SOURCE), day, str(article["lang"]).upper(),
             f"{int(article['n_chars']):,} characters", str(article["file"])]
    return " · ".join(parts)


def count_metrics(counts: Counts) -> list[Metric]:
    return [Metric("Articles", f"{counts.articles:,}"), Metric("Meetings", f"{counts.meetings:,}"),
            Metric("Officials", f"{counts.officials:,}"), Metric("Outlets", f"{counts.sources:,}")]
