"""One decoded document → one Article: HTML pages through the HTML reader, text and Markdown through the
line cleaner."""

from __future__ import annotations

from lib.articles.clean import NoArticleText, text_article
from lib.articles.html import html_article
from lib.records import Article, RawDocument

__all__ = ["NoArticleText", "to_article"]


def to_article(raw: RawDocument) -> Article:
    """Raises NoArticleText when no article text remains."""
    return html_article(raw) if raw.kind == "html" else text_article(raw)
