"""What the Timeline, Officials and Articles pages show: filtered Corpus → meeting, people and reading tables.

Pure functions over DataFrames, no streamlit; the plotly figures drawn from these tables live in figures.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

import pandas as pd

from lib.records import LEVELS, Corpus
from lib.views.filters import as_list, cell_items, joined, meeting_dates, meetings_table, rows_where

# ---- Timeline ---------------------------------------------------------------------------------------------


def timeline_frame(meetings: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per dated meeting: date, level, status, reports, and the hover texts (participants, place, sources)."""
    # tolist: iterating pandas' Arrow strings value by value is ~10x slower.
    outlet_of = dict(zip(articles["file"].tolist(), articles.get("outlet", articles["source"]).tolist(), strict=True))
    dates = meeting_dates(meetings)
    frame = pd.DataFrame({
        "meeting_id": meetings.get("meeting_id", pd.Series(dtype=object)).astype(str),
        "date": dates,
        "level": meetings.get("level", pd.Series(dtype=object)).fillna("other"),
        "status": meetings.get("status", pd.Series(dtype=object)).fillna("held"),
        "reports": meetings.get("files", pd.Series(dtype=object)).map(lambda f: max(len(cell_items(f)), 1)),
        "participants": meetings.get("participants", pd.Series(dtype=object)).map(lambda p: joined(p, ", ")),
        "place": meetings.get("place", pd.Series(dtype=object)).map(lambda p: p if isinstance(p, str) and p else "—"),
        "sources": meetings.get("files", pd.Series(dtype=object)).map(
            lambda files: ", ".join(sorted({str(outlet_of.get(f) or f) for f in cell_items(files)}))),
    })
    frame = frame.dropna(subset=["date"])
    frame["level"] = pd.Categorical(frame["level"], categories=LEVELS, ordered=True)
    return frame.sort_values("date", kind="stable").reset_index(drop=True)


def meeting_label(row: pd.Series) -> str:
    """A one-line name for a meeting in a picker: date, level, participants."""
    when = pd.to_datetime(row.get("date"), errors="coerce")
    day = when.strftime("%Y-%m-%d") if pd.notna(when) else "undated"
    who = ", ".join(as_list(row.get("participants"))) or "participants unknown"
    return f"{day} · {str(row.get('level') or 'other').replace('_', ' ')} · {row.get('status') or ''} · {who}"


def meeting_choices(meetings: pd.DataFrame) -> dict[str, str]:
    """meeting_id → label, newest first (the order of the meetings table)."""
    # Built column-wise: a filter change rebuilds the picker, and row by row it cost seconds at 10,000 articles.
    dates = meeting_dates(meetings)
    frame = meetings.assign(_date=dates, _day=dates.dt.strftime("%Y-%m-%d").fillna("undated"))
    frame = frame.sort_values("_date", ascending=False, na_position="last", kind="stable")
    levels = frame.get("level", pd.Series("other", index=frame.index)).fillna("other").astype(str)
    statuses = frame.get("status", pd.Series("", index=frame.index)).fillna("").astype(str)
    people = frame.get("participants", pd.Series(None, index=frame.index, dtype=object)).map(
        lambda p: joined(p, ", ") or "participants unknown")
    labels = (frame["_day"] + " · " + levels.str.replace("_", " ") + " · " + statuses + " · " + people)
    return dict(zip(frame["meeting_id"].astype(str).tolist(), labels.tolist(), strict=True))


def meeting_row(meetings: pd.DataFrame, meeting_id: str) -> pd.Series:
    return meetings[meetings["meeting_id"].astype(str) == str(meeting_id)].iloc[0]


def meeting_when(meeting: pd.Series) -> str:
    """"2021-03-02 – 2021-03-03", with "(year inferred)" when the text did not state it."""
    start = pd.to_datetime(meeting.get("date"), errors="coerce")
    end = pd.to_datetime(meeting.get("end_date"), errors="coerce")
    if pd.isna(start):
        return "unknown"
    text = start.strftime("%Y-%m-%d") + (f" – {end.strftime('%Y-%m-%d')}" if pd.notna(end) and end != start else "")
    inferred = meeting.get("date_inferred")
    return text + (" (year inferred)" if isinstance(inferred, (bool, int)) and bool(inferred) else "")


SOURCE_COLUMNS = ["published", "title", "outlet", "lang", "file", "url", "article_id"]


def meeting_sources(meeting: pd.Series, articles: pd.DataFrame) -> pd.DataFrame:
    """Every article reporting the meeting, oldest first."""
    files = set(as_list(meeting.get("files")))
    frame = articles[articles["file"].isin(files)]
    return frame.sort_values("published", na_position="last").reindex(columns=SOURCE_COLUMNS).reset_index(drop=True)


def meeting_evidence(meeting: pd.Series) -> list[str]:
    """The evidence quotes of a meeting (one per report when the merger keeps several)."""
    evidence = meeting.get("evidence")
    if isinstance(evidence, str):
        return [q.strip() for q in evidence.split("\n") if q.strip()] or []
    return as_list(evidence)


# ---- Officials --------------------------------------------------------------------------------------------

WHO_COLUMNS = ["person", "country", "role", "first_seen", "last_seen", "articles", "mentions", "listed"]


def _with_dates(officials: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    published = articles.set_index("article_id")["published"] if not articles.empty else pd.Series(dtype=object)
    out = officials.copy()
    out["published"] = pd.to_datetime(out["article_id"].map(published), errors="coerce")
    out["mentions"] = pd.to_numeric(out["mentions"], errors="coerce").fillna(1).astype(int)
    return out


def whos_who(officials: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per person and post: the dates the articles show them in it, how many articles and mentions."""
    if officials.empty:
        return pd.DataFrame(columns=WHO_COLUMNS)
    frame = _with_dates(officials, articles)
    frame["role"] = frame["role"].fillna("").astype(str)
    frame["country"] = frame["country"].fillna("").astype(str)
    grouped = frame.groupby(["person", "country", "role"], dropna=False).agg(
        first_seen=("published", "min"), last_seen=("published", "max"), articles=("article_id", "nunique"),
        mentions=("mentions", "sum"), listed=("listed", "max")).reset_index()
    grouped = grouped.sort_values(["articles", "person", "first_seen"], ascending=[False, True, True])
    return grouped.reindex(columns=WHO_COLUMNS).reset_index(drop=True)


def mentions_per_month(officials: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """month, person, mentions: how often each official is named over time (dated articles only)."""
    columns = {"month": pd.Series(dtype="datetime64[ns]"), "person": pd.Series(dtype=object),
               "mentions": pd.Series(dtype="int64")}
    if officials.empty:
        return pd.DataFrame(columns)
    frame = _with_dates(officials, articles).dropna(subset=["published"])
    if frame.empty:
        return pd.DataFrame(columns)
    frame["month"] = frame["published"].dt.to_period("M").dt.to_timestamp()
    out = frame.groupby(["month", "person"])["mentions"].sum().reset_index()
    return out.sort_values(["month", "person"]).reset_index(drop=True)


def who_met_whom(meetings: pd.DataFrame) -> pd.DataFrame:
    """A symmetric person × person table counting the meetings both took part in (people who met anyone)."""
    counts: dict[tuple[str, str], int] = {}
    for participants in meetings.get("participants", []):
        for a, b in combinations(sorted(set(as_list(participants))), 2):
            counts[(a, b)] = counts.get((a, b), 0) + 1
    people = sorted({p for pair in counts for p in pair})
    matrix = pd.DataFrame(0, index=people, columns=people, dtype="int64")
    for (a, b), n in counts.items():
        matrix.loc[a, b] = n
        matrix.loc[b, a] = n
    return matrix


def meetings_of(person: str, meetings: pd.DataFrame) -> pd.DataFrame:
    return rows_where(meetings, "participants", lambda p: person in as_list(p))


# ---- Articles: reading one --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Highlight:
    """A span of the article body that a fact came from."""

    start: int
    end: int
    kind: str  # "official" | "meeting" | "trade"
    label: str


def article_highlights(article: pd.Series, view: Corpus) -> list[Highlight]:
    """Where the article's extracted facts sit in its body: official mentions by offset, quotes by search."""
    body = str(article.get("body") or "")
    aid = article.get("article_id")
    spans: list[Highlight] = []
    mentions = view.mentions[view.mentions["article_id"] == aid]
    for _, row in mentions.iterrows():
        start, end = pd.to_numeric(row.get("start"), errors="coerce"), pd.to_numeric(row.get("end"), errors="coerce")
        if pd.notna(start) and pd.notna(end) and 0 <= int(start) < int(end) <= len(body):
            spans.append(Highlight(int(start), int(end), "official", str(row.get("person") or "")))
    for _, row in view.trade[view.trade["article_id"] == aid].iterrows():
        spans.extend(_quote_spans(body, row.get("quote"), "trade", f"{row.get('kind')}: {row.get('value_usd')}"))
    for _, row in rows_where(view.meetings, "files", lambda f: article.get("file") in as_list(f)).iterrows():
        for quote in meeting_evidence(row):
            spans.extend(_quote_spans(body, quote, "meeting", meeting_label(row)))
    return sorted(spans, key=lambda h: (h.start, -h.end))


def _quote_spans(body: str, quote: object, kind: str, label: str) -> list[Highlight]:
    if not isinstance(quote, str) or not quote.strip():
        return []
    at = body.find(quote.strip())
    return [Highlight(at, at + len(quote.strip()), kind, label)] if at >= 0 else []


def highlight_html(body: str, highlights: list[Highlight], css_class: str = "kk-article") -> str:
    """The body as HTML: every character escaped first, then the fact spans wrapped in <mark>.

    Spans are cut at the text's own offsets before escaping, so a highlight can never split an entity or
    let article text become markup. Overlapping spans: the outer one (a quote) wins over inner ones.
    """
    pieces: list[str] = []
    position = 0
    for span in highlights:
        if span.start < position:
            continue
        pieces.append(_escape(body[position:span.start]))
        pieces.append(f'<mark class="kk-{span.kind}" title="{_escape(span.label)}">'
                      f"{_escape(body[span.start:span.end])}</mark>")
        position = span.end
    pieces.append(_escape(body[position:]))
    text = "".join(pieces).replace("\n", "<br>")
    return f'<div class="{css_class}">{text}</div>'


# Characters that markdown or a math renderer would read as syntax become entities too, so the text stays
# text whatever renders it.
# One translation table, applied in one pass, so no entity is escaped twice.
_ESCAPES = {ord(c): f"&#{ord(c)};" for c in "&<>\"'`*_[]{}()#+!|~$\\="}


def _escape(text: str) -> str:
    return text.translate(_ESCAPES)


def article_facts(article: pd.Series, view: Corpus) -> dict[str, pd.DataFrame]:
    """The officials, meetings and trade figures extracted from one article, with their quotes."""
    aid, file = article.get("article_id"), article.get("file")
    return {
        "officials": view.officials[view.officials["article_id"] == aid].reset_index(drop=True),
        "meetings": meetings_table(rows_where(view.meetings, "files", lambda f: file in as_list(f))),
        "trade figures": view.trade[view.trade["article_id"] == aid].reset_index(drop=True),
    }


# ---- Search -----------------------------------------------------------------------------------------------

HIT_COLUMNS = ["query", "rank", "score", "title", "outlet", "published", "lang", "passage", "file", "article_id",
               "start", "end"]


def search_hits(results: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Search results with each article's title, outlet, date and language (the provenance columns kept)."""
    meta = articles.reindex(columns=["article_id", "title", "outlet", "published", "lang"])
    merged = results.merge(meta, on="article_id", how="left")
    return merged.reindex(columns=HIT_COLUMNS).reset_index(drop=True)


def query_terms(query: str) -> list[str]:
    """The query's words worth highlighting (three letters or more), longest first."""
    words = {w for w in re.findall(r"[^\W_]{3,}", query.lower())}
    return sorted(words, key=len, reverse=True)


def highlight_terms(text: str, terms: list[str]) -> str:
    """Passage text as HTML, escaped first, with words sharing a stem with a query term marked.

    A stem is the term less two letters (at least four kept), so "checkpoints" marks "checkpoint" and
    "товарооборот" marks "товарооборота" without a morphology library on the page's hot path.
    """
    stems = sorted({t[: max(4, len(t) - 2)] if len(t) > 4 else t for t in terms}, key=len, reverse=True)
    spans: list[Highlight] = []
    if stems:
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, stems)) + r")[^\W_]*", re.IGNORECASE)
        spans = [Highlight(m.start(), m.end(), "term", m.group(0)) for m in pattern.finditer(text)]
    return highlight_html(text, spans, css_class="kk-passage")


def hit_byline(hit: pd.Series) -> str:
    day = hit["published"].strftime("%Y-%m-%d") if pd.notna(hit.get("published")) else "date unknown"
    lang = str(hit.get("lang") or "").upper()
    return f"{hit.get('outlet') or '(unknown outlet)'} · {day} · {lang} · score {hit['score']:.3f} · {hit['file']}"
