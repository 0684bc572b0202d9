"""HTML pages → clean articles, with trafilatura for the main text and metadata and htmldate for the date.

Scripts, styles, navigation and comments never reach the body: trafilatura drops them, and the body is
plain text (no markup survives).
"""

from __future__ import annotations

import hashlib
from datetime import date

import trafilatura
from htmldate import find_date

from lib.records import Article, RawDocument


def html_article(raw: RawDocument) -> Article:
    from lib.clean import NoArticleText, detect_lang

    try:
        doc = trafilatura.bare_extraction(raw.text, include_comments=False, include_tables=True,
                                          with_metadata=True, favor_precision=True)
    except Exception as exc:  # lxml/trafilatura raise many kinds on broken markup; the file is reported
        raise NoArticleText(f"the HTML could not be parsed ({type(exc).__name__})") from exc
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise NoArticleText("no article text found in the HTML page")
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    title = (getattr(doc, "title", None) or "").strip() or lines[0][:160]
    # trafilatura keeps the page's <h1>; the headline is the title, not the article's first sentence.
    while lines and lines[0] == title:
        lines.pop(0)
    if not lines:
        raise NoArticleText("no article text found in the HTML page (only a headline)")
    body = "\n".join(lines)
    return Article(
        article_id=hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()[:16],
        file=raw.file,
        title=title,
        source=(getattr(doc, "sitename", None) or None),
        url=(getattr(doc, "url", None) or None),
        lang=detect_lang(body),
        published=_published(raw.text),
        body=body,
    )


def _published(html: str) -> date | None:
    # original_date: the first publication, not an "updated" stamp; no extensive search, which would take any
    # date in the page text as a guess.
    try:
        found = find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:
        return None
    return date.fromisoformat(found) if found else None
