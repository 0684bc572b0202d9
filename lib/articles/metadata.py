"""The metadata a scraper or exporter writes at the top of a saved page → (Metadata, the page's own text).

Three forms are read, only where tools write them (at the top, before the page's own lines):
- YAML front matter between ``---`` lines (trafilatura's ``--with-metadata``, static-site exporters):
  ``title:``, ``date:``, ``url:``, ``sitename:``...;
- ``key: value`` lines (``Date: 2024-02-06``, ``published_time: 2024-02-06T11:44:00+06:00``, ``URL: ...``);
- a bare ``date 2024-12-05 11:44`` prefix, sometimes with the page's first line run on after it.

Publication keys give ``published``; modification and crawl keys ("updated", "scraped_at") are never the
publication date, but they date the page: a crawl date is the day "Сегодня"/"вчера" stamps count from, and
either gives a dateline without a year its year. Metadata lines never reach the text the cleaner reads, so
they never become a title or body line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime

import yaml

from lib.articles import pubdates

# Keys that tools use for each field (compared lower-cased, with "-", " " and ":" folded to "_").
PUBLISHED_KEYS = {"date", "published", "published_time", "article_published_time", "og_published_time",
                  "datepublished", "date_published", "publish_date", "publishdate", "publication_date",
                  "pubdate", "pub_date", "published_at", "publishedat", "created", "created_at", "issued"}
MODIFIED_KEYS = {"updated", "modified", "last_modified", "datemodified", "date_modified", "modified_time",
                 "article_modified_time", "og_updated_time", "updated_at", "updatedat", "lastmod"}
CRAWLED_KEYS = {"scraped", "scraped_at", "crawled", "crawled_at", "fetched", "fetched_at", "retrieved",
                "retrieved_at", "accessed", "accessed_at", "saved", "saved_at", "downloaded", "downloaded_at",
                "date_accessed", "date_retrieved", "date_saved"}
TITLE_KEYS = {"title", "headline", "og_title"}
URL_KEYS = {"url", "link", "canonical", "canonical_url", "canonicalurl", "source_url", "og_url", "permalink"}
SOURCE_KEYS = {"source", "sitename", "site_name", "site", "publisher", "outlet", "og_site_name", "hostname"}
OTHER_KEYS = {"author", "authors", "byline", "description", "excerpt", "lang", "language", "inlanguage",
              "categories", "category", "tags", "keywords", "id", "fingerprint", "license", "image", "section",
              "type", "encoding", "charset", "summary"}
KNOWN_KEYS = PUBLISHED_KEYS | MODIFIED_KEYS | CRAWLED_KEYS | TITLE_KEYS | URL_KEYS | SOURCE_KEYS | OTHER_KEYS

# What separates a key from its value: "published_time: …", "Date = …", "article:published_time 2024-…".
KEY_SEPARATOR = re.compile(r"\s*[:=]\s*|\s+(?=\d)")
KEY_TEXT = re.compile(r"^[A-Za-z][A-Za-z_:\- ]{0,40}$")
# "date 2024-12-05 11:44 …": a crawler's prefix, after which the page's own first line may run on.
BARE_DATE = re.compile(r"^\s*date\s+(?P<value>(?:19|20)\d{2}-[01]\d(?:-[0-3]\d)?"
                       r"(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d)?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?)(?=\s|$)\s*")
ISO_DAY = re.compile(r"^((?:19|20)\d{2})-([01]\d)-([0-3]\d)(?![\d])")
MARKUP_START = re.compile(r"\s*<")
FENCE = re.compile(r"^\s*---\s*$")
FENCE_END = re.compile(r"^\s*(?:---|\.\.\.)\s*$")
# Front matter is a few dozen lines at most; a fence further down is a horizontal rule of the article.
MAX_FRONT_MATTER_LINES = 60
# Key lines are read only among the first lines of the page: further down "Date: …" is the page's own text.
MAX_KEY_LINES = 12


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the saved page's metadata says; every field None when it says nothing of it."""

    published: date | None = None
    seen: date | None = None  # the day the page was crawled: dates "Сегодня", never the publication date
    updated: date | None = None  # the day the article was last changed: never the publication date
    title: str | None = None
    source: str | None = None
    url: str | None = None


def split_metadata(text: str) -> tuple[Metadata, str]:
    """The metadata at the top of a saved page and the page's text without it (unchanged when there is none)."""
    if MARKUP_START.match(text):
        return Metadata(), text  # markup from its first character: nothing was written above it
    # Only the top of the page can hold metadata: the rest stays one piece, never split or parsed.
    pieces = MAX_FRONT_MATTER_LINES + 4 * MAX_KEY_LINES
    lines = text.split("\n", pieces)
    last_is_rest = len(lines) > pieces  # the last piece is the rest of the page, not a line
    start = _first_non_blank(lines)
    if start is None:
        return Metadata(), text
    fields: dict[str, object] = {}
    end = start
    if FENCE.match(lines[start]):
        closing = next((i for i in range(start + 1, min(len(lines), start + MAX_FRONT_MATTER_LINES))
                        if FENCE_END.match(lines[i])), None)
        if closing is not None:
            block = _front_matter(lines[start + 1:closing])
            if block is not None:
                # Front matter is the whole of the saver's metadata: what follows its fence is the page.
                return _metadata(block), "\n".join(lines[closing + 1:])
    rest = lines[end:]
    kept: list[str] = []
    seen_lines = 0
    in_block = True  # still in the run of metadata lines at the top: title/url/source keys are read only there
    for number, line in enumerate(rest):
        if not line.strip():
            kept.append(line)
            continue
        seen_lines += 1
        if seen_lines > MAX_KEY_LINES or (last_is_rest and end + number == len(lines) - 1):
            kept.extend(rest[number:])
            break
        bare = BARE_DATE.match(line)
        if bare:
            fields.setdefault("date", bare["value"])
            remainder = line[bare.end():].strip()
            if re.fullmatch(r"https?://\S+", remainder):
                fields.setdefault("url", remainder)  # " date 2025-11-24 https://…": the page's address
            elif remainder:
                kept.append(remainder)
                in_block = False
            continue
        pair = _key_line(line, in_block)
        if pair:
            fields.setdefault(*pair)
            continue
        in_block = False
        kept.append(line)
    if not fields:
        return Metadata(), text
    return _metadata(fields), "\n".join(kept)


def _first_non_blank(lines: list[str]) -> int | None:
    return next((i for i, line in enumerate(lines) if line.strip()), None)


def _front_matter(block: list[str]) -> dict[str, object] | None:
    """The key: value pairs of a front-matter block, or None when it is not one (a rule under a line of text)."""
    try:
        loaded = yaml.safe_load("\n".join(block))
    except yaml.YAMLError:
        loaded = None
    if isinstance(loaded, dict):
        pairs = {_key(str(k)): v for k, v in loaded.items()}
    else:
        # Exporters do not quote values: "title: Talks: what was agreed" is not YAML, yet every line is a pair.
        found = [_split_pair(line) for line in block if line.strip()]
        if not found or any(pair is None for pair in found):
            return None
        pairs = {key: value for key, value in found if key}  # type: ignore[misc]
    known = {k: v for k, v in pairs.items() if k in KNOWN_KEYS}
    return known or None


def _split_pair(line: str) -> tuple[str, str] | None:
    key, sep, value = line.partition(":")
    if not sep or not key.strip() or len(key) > 40:
        return None
    return _key(key), value.strip().strip("'\"")


def _key_line(line: str, in_block: bool) -> tuple[str, object] | None:
    """("date", "2024-02-06") for a metadata line; a date key needs a date value, other keys the top block."""
    for separator in KEY_SEPARATOR.finditer(line, 0, 48):
        # "article:published_time: …": the key may hold the separator itself; the first known key is the key.
        raw_key = line[:separator.start()].strip()
        if not KEY_TEXT.match(raw_key) or _key(raw_key) not in KNOWN_KEYS:
            continue
        key, value = _key(raw_key), line[separator.end():].strip().strip("'\"")
        dated = key in PUBLISHED_KEYS | MODIFIED_KEYS | CRAWLED_KEYS
        if not value or (separator.group().isspace() and not dated):
            return None  # "published_time 2024-…" is a pair; "Source 24 …" is a line of text
        if dated:
            # "Date: 2024-02-06" is metadata; "Date of the talks: not yet set" is not.
            return (key, value) if _date_value(value) else None
        if not in_block or (key in URL_KEYS and not re.match(r"^(?:https?://|www\.)\S+$", value)):
            return None
        return key, value
    return None


def _key(key: str) -> str:
    return re.sub(r"[\s:\-]+", "_", key.strip().lower())


def _metadata(fields: dict[str, object]) -> Metadata:
    def first(keys: set[str]) -> object | None:
        return next((fields[k] for k in fields if k in keys and fields[k] not in (None, "")), None)

    published = next((d for k in fields if k in PUBLISHED_KEYS and (d := _date_value(fields[k]))), None)
    seen = next((d for k in fields if k in CRAWLED_KEYS and (d := _date_value(fields[k]))), None)
    updated = next((d for k in fields if k in MODIFIED_KEYS and (d := _date_value(fields[k]))), None)
    url = first(URL_KEYS)
    source = first(SOURCE_KEYS)
    if isinstance(source, str) and re.match(r"^https?://", source):
        url = url or source  # "source: https://…" names the page, not the outlet
        source = None
    title = first(TITLE_KEYS)
    return Metadata(
        published=published,
        seen=seen,
        updated=updated,
        title=_text(title),
        source=_text(source),
        url=_text(url),
    )


def _text(value: object | None) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(str(value).split())
    return text or None


def _date_value(value: object) -> date | None:
    """A metadata value as a day: YAML's own dates, ISO, RFC 2822 (RSS pubDate), or a written full date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    iso = ISO_DAY.match(text)
    if iso:
        return pubdates.valid_day(int(iso[1]), int(iso[2]), int(iso[3]))
    if re.match(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}", text):
        try:
            return parsedate_to_datetime(text).date()
        except (TypeError, ValueError):
            return None
    found = pubdates.dates_in(text[:60])
    return found[0].value if found and found[0].start <= 2 else None
