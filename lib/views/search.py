"""What the Search page shows: ranked passages + the filtered articles → hits with provenance, highlighted terms.

Pure functions, no streamlit and no model: the index that ranks the passages is built by lib/ui.py.
"""

from __future__ import annotations

import re

import pandas as pd

from lib.records import Corpus
from lib.views.filters import UNKNOWN_SOURCE
from lib.views.highlight import Highlight, highlight_html

HIT_COLUMNS = ["query", "rank", "score", "title", "outlet", "published", "lang", "passage", "file", "article_id",
               "start", "end"]


def article_ids(view: Corpus) -> set[str]:
    """The ids of the articles a view holds (what search may return)."""
    return set(view.articles["article_id"])


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
    return f"{hit.get('outlet') or UNKNOWN_SOURCE} · {day} · {lang} · score {hit['score']:.3f} · {hit['file']}"
