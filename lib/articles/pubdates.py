"""Dates on a page: date strings → ``date``; a page's lines → its publication date (or None, never a guess).

Candidates are found with patterns and parsed by dateparser. The publication date is chosen by where a
date stands and what labels it: a "Published"/"Опубликовано" label wins; then a date line next to the title;
then the page's header date, which also anchors relative stamps ("Вчера в 19:05", "Сегодня 07:36"); then a
wire dateline ("BISHKEK, April 29 (Kabar) –") with the year of the page. Dates in teaser lists, comments,
tickers and the page footer are furniture and never chosen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import dateparser

MONTHS_RU = r"(?:январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе]|янв|фев|мар|апр|июн|июл|авг|сен|сент|окт|ноя|нояб|дек)\.?"  # noqa: E501
MONTHS_EN = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"  # noqa: E501
WEEKDAYS = (r"(?:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|Monday|Tuesday|Wednesday|"
            r"Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun)")
TIME = r"(?:\d{1,2}:\d{2}(?::\d{2})?)"

DATE_PATTERNS = [
    # ISO, optionally with time: 2021-03-02, 2020-07-16T11:03:00+06:00
    re.compile(r"(?<!\d)(?P<d>(?:19|20)\d{2}-[01]\d-[0-3]\d)(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:?\d{2}|Z)?)?"),
    # 01.02.2024, 22/08/2025
    re.compile(r"(?<![\d.])(?P<d>[0-3]?\d[./][01]?\d[./](?:19|20)\d{2})(?![\d.]\d)"),
    # 8 апреля 2021, 27 ноября 2019 г., 28 November 2019, 22 апр 2022
    re.compile(rf"(?<!\d)(?P<d>[0-3]?\d\s+(?:{MONTHS_RU}|{MONTHS_EN})\s*,?\s+(?:19|20)\d{{2}})", re.IGNORECASE),
    # May 24, 2024; December 9, 2021
    re.compile(rf"(?P<d>{MONTHS_EN}\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}})", re.IGNORECASE),
]
RELATIVE = re.compile(r"^(?P<w>сегодня|вчера|позавчера|today|yesterday)\b[\s,в]*(?P<t>\d{1,2}:\d{2})?",
                      re.IGNORECASE)
PUBLISHED_LABEL = re.compile(
    r"(?:опубликовано|дата публикации|дата|published(?: on)?|posted(?: on)?|date|размещено|publication date)"
    r"\s*[:\-–]?\s*$",
    re.IGNORECASE)
UPDATED_LABEL = re.compile(r"(?:обновлено|изменено|updated|modified|edited|last update)\s*[:\-–]?\s*$", re.IGNORECASE)
# Words that may stand beside a date on a date line without making it a headline: time, views, reading time.
DATE_LINE_EXTRAS = re.compile(
    rf"{WEEKDAYS}|{TIME}|\(?GMT[+-]?\d*\)?|UTC|г\.|года|год|в|at|views?|просмотр\w*|read|min|мин\w*|чтени\w*|"
    r"comments?|комментари\w*|by|staff|writer|автор\w*|[|·•,:;👁💬\-–—/()\[\]]|\d[\d\s ]*", re.IGNORECASE)
DATELINE = re.compile(
    rf"^(?P<city>[A-ZА-ЯЁ][A-ZА-ЯЁ\-]+(?:\s[A-ZА-ЯЁ\-]+)?)\s*[,.]\s*"
    rf"(?P<md>(?:{MONTHS_EN})\s+[0-3]?\d|[0-3]?\d\s+(?:{MONTHS_RU}))\b",
    re.IGNORECASE)
COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|copyright)[^\n]*?((?:19|20)\d{2})(?:\s*[–—-]\s*((?:19|20)\d{2}))?", re.IGNORECASE)  # noqa: E501

EARLIEST = date(1991, 1, 1)


def parse_date(text: str, lang: str | None = None, reference: date | None = None) -> date | None:
    """One date string ("8 апреля 2021", "2021-03-02", "May 24, 2024", "вчера") to a date, or None.

    Never raises: any text that is not a date gives None. A missing year is taken from ``reference``.
    """
    try:
        if not isinstance(text, str):
            return None
        text = text.strip()
        if not text or len(text) > 80:
            return None
        iso = re.fullmatch(r"((?:19|20)\d{2})-(\d{2})-(\d{2})", text)
        if iso:
            return _valid(int(iso[1]), int(iso[2]), int(iso[3]))
        numeric = re.fullmatch(r"([0-3]?\d)[./]([01]?\d)[./]((?:19|20)\d{2})", text)
        if numeric:
            return _valid(int(numeric[3]), int(numeric[2]), int(numeric[1]))
        if lang not in ("ru", "en") and reference is None:
            parts = _named_month(text)
            if parts:
                return _valid(*parts)
        settings: dict[str, object] = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"}
        if reference:
            settings["RELATIVE_BASE"] = _midnight(reference)
        else:
            # Without a reference, "вчера" or "8 апреля" would be dated from today's clock: a guess, not a date.
            settings["PARSERS"] = ["timestamp", "custom-formats", "absolute-time"]
            settings["REQUIRE_PARTS"] = ["day", "month", "year"]
        languages = [lang] if lang in ("ru", "en") else ["ru", "en"]
        parsed = dateparser.parse(text, languages=languages, settings=settings)
        if parsed is None:
            return None
        result = parsed.date()
        return result if result >= EARLIEST else None
    except Exception:  # dateparser raises assorted errors on odd input; a non-date is simply None
        return None


# Month words whose dates dateparser reads as day, month and year (checked against it in tests/test_dates.py).
# The prepositional "в мае", "в марте" is not among them: dateparser refuses some of its forms, so it decides.
MONTH_WORDS_RU = [("январь", "января", "янв"), ("февраль", "февраля", "фев"), ("март", "марта", "мар"),
                  ("апрель", "апреля", "апр"), ("май", "мая"), ("июнь", "июня", "июн"), ("июль", "июля", "июл"),
                  ("август", "августа", "авг"), ("сентябрь", "сентября", "сен", "сент"),
                  ("октябрь", "октября", "окт"), ("ноябрь", "ноября", "ноя", "нояб"), ("декабрь", "декабря", "дек")]
MONTH_WORDS_EN = [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
                  ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
                  ("october", "oct"), ("november", "nov"), ("december", "dec")]
MONTH_NUMBERS = {word: number for table in (MONTH_WORDS_RU, MONTH_WORDS_EN)
                 for number, words in enumerate(table, start=1) for word in words}
DAY_MONTH_YEAR = re.compile(r"(?P<day>[0-3]?[0-9]) (?P<month>[^\W\d_]+)\.?,? (?P<year>(?:19|20)[0-9]{2})")
MONTH_DAY_YEAR = re.compile(r"(?P<month>[a-zA-Z]+)\.? (?P<day>[0-3]?[0-9]),? (?P<year>(?:19|20)[0-9]{2})")


def _named_month(text: str) -> tuple[int, int, int] | None:
    """Year, month and day of "8 апреля 2021" or "May 24, 2024", or None for any other form (dateparser reads it).

    dateparser costs ~1 ms a call and ~0.5 s to load on its first; pages date nearly everything in these forms.
    """
    match = DAY_MONTH_YEAR.fullmatch(text) or MONTH_DAY_YEAR.fullmatch(text)
    if match is None:
        return None
    month = MONTH_NUMBERS.get(match["month"].lower())
    day = int(match["day"])
    if month is None or not 1 <= day <= 31:
        return None
    return int(match["year"]), month, day


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        result = date(year, month, day)
    except ValueError:
        return None
    return result if result >= EARLIEST else None


def _midnight(day: date):  # type: ignore[no-untyped-def]
    from datetime import datetime

    return datetime(day.year, day.month, day.day)


@dataclass(frozen=True, slots=True)
class Found:
    """A date in a line: the parsed value, where it starts and ends in the line."""

    value: date
    start: int
    end: int


def dates_in(line: str) -> list[Found]:
    """Every full date (with a year) in one line, left to right."""
    found: list[Found] = []
    if not any(map(str.isdigit, line)):  # every pattern needs a year: most lines stop here
        return found
    taken: list[tuple[int, int]] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(line):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            value = _parse_cached(match.group("d"))
            if value:
                found.append(Found(value, match.start(), match.end()))
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda f: f.start)


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> date | None:
    # Pages repeat the same few date strings (stamps, teasers, comments); dateparser costs ~1 ms a call.
    return parse_date(text)


def is_date_line(line: str) -> bool:
    """A line that is a date stamp (with time, weekday, views...) and nothing else — not a dated headline."""
    if len(line) > 120:  # a stamp with its time, weekday and counters is short; prose is not a stamp
        return False
    found = dates_in(line)
    rest = line
    for f in reversed(found):
        rest = rest[:f.start] + " " + rest[f.end:]
    if not found and not RELATIVE.match(line.strip()):
        return False
    rest = RELATIVE.sub(" ", rest.strip())
    rest = DATE_LINE_EXTRAS.sub(" ", rest)
    return len(rest.split()) <= 1


@dataclass(frozen=True, slots=True)
class PageDates:
    """The lines of a page split by the cleaner: before the body, the body, after it."""

    head: list[str]
    body: list[str]
    tail: list[str]


def publication_date(page: PageDates) -> date | None:
    """The article's own publication date, or None when the page states none."""
    year_hint = _page_year(page)
    best: tuple[int, date] | None = None
    header: date | None = None

    def offer(score: int, value: date | None) -> None:
        nonlocal best
        if value and (best is None or score > best[0]):
            best = (score, value)

    for index, line in enumerate(page.head):
        text = line.strip()
        labelled = _labelled(text)
        if labelled:
            offer(10, labelled)
            continue
        if is_date_line(text):
            found = dates_in(text)
            if found:
                has_weekday = re.search(WEEKDAYS, text, re.IGNORECASE) is not None
                # A weekday with a date and no time at the very top is the site's "today", not the article's
                # stamp: it anchors relative stamps and is used only when the page has nothing better.
                if has_weekday and not re.search(TIME, text) and index < 3:
                    header = header or found[0].value
                    offer(4, found[0].value)
                else:
                    offer(6, found[0].value)
    for text in [*page.head, *page.tail[:3]]:
        relative = RELATIVE.match(text.strip())
        if relative and header and is_date_line(text):
            shift = {"вчера": 1, "yesterday": 1, "позавчера": 2}.get(relative["w"].lower(), 0)
            offer(7, header - timedelta(days=shift))
    for text in page.tail:
        labelled = _labelled(text.strip())
        if labelled:
            offer(9, labelled)
    if best is None and page.body:
        first = page.body[0].strip()
        # A wire dateline with a full date ("ASTANA, 12 March 2024. …") is the filing date.
        opening = dates_in(first[:60])
        if opening and re.match(r"^[A-ZА-ЯЁ][A-ZА-ЯЁa-zа-яё\-]+(?:\s[A-ZА-ЯЁ\-]+)?\s*[,.(]", first) \
                and opening[0].start <= 30:
            offer(5, opening[0].value)
        match = DATELINE.match(first)
        if match and year_hint:
            offer(3, parse_date(f"{match['md']} {year_hint}"))
    return best[1] if best else None


def _labelled(text: str) -> date | None:
    """The date right after a publication label ("Опубликовано 8 апреля 2021", "Published 14 Nov 2025")."""
    for found in dates_in(text):
        before = text[:found.start]
        if UPDATED_LABEL.search(before):
            continue
        if PUBLISHED_LABEL.search(before):
            return found.value
    return None


def _page_year(page: PageDates) -> int | None:
    """The year the page itself was made, from its copyright line (the last year of a range)."""
    for line in reversed(page.tail):
        match = COPYRIGHT_YEAR.search(line)
        if match:
            return int(match.group(2) or match.group(1))
    return None
