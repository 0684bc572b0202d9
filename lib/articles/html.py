"""HTML pages → clean articles, with trafilatura for the main text and metadata and htmldate for the date.

Scripts, styles, navigation and comments never reach the body: trafilatura drops them, and the body is
plain text (no markup survives). The date is htmldate's (the page's own markup and meta tags); when the markup
carries none, the page's visible stamps and bylines are read as in a scraped text page, and last the metadata
a saver wrote above the markup. Where trafilatura finds nothing (markup nested deeper than libxml2 parses, or
broken beyond repair), the page's text is taken with the standard library's tolerant parser and cleaned like a
scraped text page.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser

import trafilatura
from htmldate import find_date

from lib.articles import metadata, pubdates
from lib.articles.clean import NoArticleText, clean_text, detect_lang, text_article
from lib.records import Article, RawDocument


def html_article(raw: RawDocument) -> Article:
    saved, markup = metadata.split_metadata(raw.text)
    try:
        doc = trafilatura.bare_extraction(markup, include_comments=False, include_tables=True,
                                          with_metadata=True, favor_precision=True)
    except Exception:  # lxml/trafilatura raise many kinds on broken markup; the tolerant reader gets a try
        doc = None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        return _fallback_article(RawDocument(raw.file, markup, raw.kind, raw.encoding), saved)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    headline = (getattr(doc, "title", None) or "").strip()
    title = saved.title or headline or lines[0][:160]
    # trafilatura keeps the page's <h1>; the headline is the title, not the article's first sentence.
    while lines and lines[0] in (title, headline):
        lines.pop(0)
    if not lines:
        raise NoArticleText("no article text found in the HTML page (only a headline)")
    body = "\n".join(lines)
    return Article(
        article_id=_article_id(title, body),
        file=raw.file,
        title=title,
        source=saved.source or (getattr(doc, "sitename", None) or None),
        url=saved.url or (getattr(doc, "url", None) or None),
        lang=detect_lang(body),
        published=_published(markup) or _visible_date(markup, saved),
        body=body,
    )


def _article_id(title: str, body: str) -> str:
    return hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()[:16]


def _published(html: str) -> date | None:
    # original_date: the first publication, not an "updated" stamp; no extensive search, which would take any
    # date in the page text as a guess.
    try:
        found = find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:
        return None
    return date.fromisoformat(found) if found else None


def _visible_date(html: str, saved: metadata.Metadata) -> date | None:
    """The date the page shows (a byline, a stamp under the headline, a dateline), read from its visible lines as
    a scraped text page is read; else the saver's metadata."""
    parser = _TextOfPage()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # HTMLParser is tolerant, but a page can still be beyond reading
        return saved.published
    text = parser.text()
    head, body, tail = clean_text(text, detect_lang(text))
    return pubdates.publication_date(pubdates.PageDates(head, body, tail, metadata=saved.published,
                                                        seen=saved.seen, updated=saved.updated))


# Elements whose content is never text a reader sees; block elements end a line.
HIDDEN = {"script", "style", "iframe", "noscript", "template", "svg", "object", "embed", "head", "canvas"}
BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
          "footer", "nav", "aside", "blockquote", "table", "ul", "ol", "dd", "dt", "figcaption", "main", "title"}


class _TextOfPage(HTMLParser):
    """Visible text of a page, a line per block, with its <title>; never recurses, so any depth is fine."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.title = ""
        self._line: list[str] = []
        self._hidden = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in HIDDEN:
            self._hidden += 1
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in HIDDEN and self._hidden:
            self._hidden -= 1
        if tag in BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._hidden:
            self._line.append(data)

    def _flush(self) -> None:
        line = " ".join("".join(self._line).split())
        if line:
            self.lines.append(line)
        self._line = []

    def text(self) -> str:
        self._flush()
        return "\n".join(self.lines)


def _fallback_article(raw: RawDocument, saved: metadata.Metadata) -> Article:
    parser = _TextOfPage()
    try:
        parser.feed(raw.text)
        parser.close()
    except Exception as exc:  # HTMLParser is tolerant, but a page can still be beyond reading
        raise NoArticleText(f"the HTML could not be read ({type(exc).__name__})") from exc
    title = " ".join(parser.title.split())
    text = "\n".join(filter(None, [title, parser.text()]))
    if not text.strip():
        raise NoArticleText("no article text found in the HTML page")
    article = text_article(RawDocument(raw.file, text, "text", raw.encoding))
    if saved.title:
        article = replace(article, title=saved.title, article_id=_article_id(saved.title, article.body))
    article = replace(article, source=saved.source or article.source, url=saved.url or article.url)
    return article if article.published else replace(article, published=_published(raw.text) or saved.published)
