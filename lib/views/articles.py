"""What the Articles page shows: the filtered corpus → the articles table, one article with its facts marked.

Pure functions over DataFrames, no streamlit.
"""

from __future__ import annotations

import pandas as pd

from lib.records import Corpus
from lib.views.cells import rows_where
from lib.views.filters import UNKNOWN_SOURCE
from lib.views.highlight import Highlight
from lib.views.timeline import meeting_evidence, meeting_label, meetings_table

ARTICLE_TABLE_COLUMNS = ["published", "title", "outlet", "lang", "countries", "n_chars", "file", "url",
                         "article_id"]


def articles_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles newest first (undated last) without their bodies."""
    frame = articles.sort_values(["published", "file"], ascending=[False, True], na_position="last", kind="stable")
    return frame.reindex(columns=ARTICLE_TABLE_COLUMNS).reset_index(drop=True)


def article_choices(table: pd.DataFrame) -> dict[str, str]:
    """article_id → "date · outlet · title" in the order of the articles table."""
    def label(row: pd.Series) -> str:
        day = row["published"].strftime("%Y-%m-%d") if pd.notna(row["published"]) else "undated"
        title = str(row["title"] or row["file"])
        return f"{day} · {row.get('outlet') or UNKNOWN_SOURCE} · {title[:110]}"
    return {row["article_id"]: label(row) for _, row in table.iterrows()}


def article_row(articles: pd.DataFrame, article_id: str) -> pd.Series:
    return articles[articles["article_id"] == article_id].iloc[0]


def article_byline(article: pd.Series) -> str:
    day = article["published"].strftime("%d %B %Y") if pd.notna(article["published"]) else "date unknown"
    parts = [str(article.get("outlet") or UNKNOWN_SOURCE), day, str(article["lang"]).upper(),
             f"{int(article['n_chars']):,} characters", str(article["file"])]
    return " · ".join(parts)


def _meetings_reporting(article: pd.Series, meetings: pd.DataFrame) -> pd.DataFrame:
    file = article.get("file")
    return rows_where(meetings, "files", lambda files: file in files)


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
    for _, row in _meetings_reporting(article, view.meetings).iterrows():
        for quote in meeting_evidence(row):
            spans.extend(_quote_spans(body, quote, "meeting", meeting_label(row)))
    return sorted(spans, key=lambda h: (h.start, -h.end))


def _quote_spans(body: str, quote: object, kind: str, label: str) -> list[Highlight]:
    if not isinstance(quote, str) or not quote.strip():
        return []
    at = body.find(quote.strip())
    return [Highlight(at, at + len(quote.strip()), kind, label)] if at >= 0 else []


def article_facts(article: pd.Series, view: Corpus) -> dict[str, pd.DataFrame]:
    """The officials, meetings and trade figures extracted from one article, with their quotes."""
    aid = article.get("article_id")
    return {
        "officials": view.officials[view.officials["article_id"] == aid].reset_index(drop=True),
        "meetings": meetings_table(_meetings_reporting(article, view.meetings)),
        "trade figures": view.trade[view.trade["article_id"] == aid].reset_index(drop=True),
    }
