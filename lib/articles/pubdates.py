"""Dates on a page: date strings → ``date``; a page's lines → its publication date (or None, never a guess).

Candidates are found with patterns and parsed by dateparser. The publication date is chosen by where a
date stands and what labels it: a "Published"/"Опубликовано" label wins; then the stamp or byline nearest the
article ("10:08, 26 мая 2022, Бишкек - 24.kg , …", "By … on 18 April 2024"); then a wire dateline ("Бишкек,
27.06.23. /Кабар/.", or "БИШКЕК, 21 янв — Sputnik." with the year of a full date elsewhere on the page); then a
saved page's metadata. The site header's today (a date beside the site clock, a weekday at the top, a date under
the tickers) is never the article's date: it only dates relative and time-only stamps ("Вчера в 19:05", "11:44").
Dates in teaser lists, comments, tickers and the page footer are furniture and never chosen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

import dateparser

MONTHS_RU = r"(?:январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе]|янв|фев|мар|апр|июн|июл|авг|сен|сент|окт|ноя|нояб|дек)\.?"  # noqa: E501
MONTHS_EN = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"  # noqa: E501
WEEKDAYS = (r"(?:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|Monday|Tuesday|Wednesday|"
            r"Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun)")
TIME = r"(?:\d{1,2}:\d{2}(?::\d{2})?)"

DATE_PATTERNS = [
    # ISO, optionally with time: 2021-03-02, 2020-07-16T11:03:00+06:00
    re.compile(r"(?<!\d)(?P<d>(?:19|20)\d{2}-[01]\d-[0-3]\d)(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:?\d{2}|Z)?)?"),
    # 01.02.2024, 22/08/2025, 29-05-2025 (one separator throughout)
    re.compile(r"(?<![\d.\-])(?P<d>[0-3]?\d([./-])[01]?\d\2(?:19|20)\d{2})(?![\d.\-]\d)"),
    # 8 апреля 2021, 27 ноября 2019 г., 28 November 2019, 22 апр 2022
    re.compile(rf"(?<!\d)(?P<d>[0-3]?\d\s+(?:{MONTHS_RU}|{MONTHS_EN})\s*,?\s+(?:19|20)\d{{2}})", re.IGNORECASE),
    # May 24, 2024; December 9, 2021; Март 02, 2021 (Radio Azattyk's Russian pages)
    re.compile(rf"(?P<d>{MONTHS_EN}\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}})", re.IGNORECASE),
    re.compile(rf"(?P<d>{MONTHS_RU}\s+[0-3]?\d,\s+(?:19|20)\d{{2}})", re.IGNORECASE),
]
RELATIVE = re.compile(r"^(?P<w>сегодня|вчера|позавчера|today|yesterday)\b[\s,в]*(?P<t>\d{1,2}:\d{2})?",
                      re.IGNORECASE)
PUBLISHED_LABEL = re.compile(
    r"(?:опубликовано|дата публикации|дата|published(?: on)?|posted(?: on)?|date|размещено|publication date)"
    r"\s*[:\-–]?\s*$",
    re.IGNORECASE)
UPDATED_LABEL = re.compile(r"(?:обновлено|изменено|updated|modified|edited|last update)\s*[:\-–]?\s*$", re.IGNORECASE)
# Words that may stand beside a date on a date line without making it a headline: time, views, reading time,
# the site clock ("Бишкекское время 07:27", "Bishkek time").
DATE_LINE_EXTRAS = re.compile(
    rf"[^\W\d_]+\s+(?:время|time|убактысы)\b|{WEEKDAYS}|{TIME}|\(?GMT[+-]?\d*\)?|UTC|г\.|года|год|в|at|views?|просмотр\w*|read|min|мин\w*|чтени\w*|"
    r"comments?|комментари\w*|by|staff|writer|автор\w*|[|·•,:;👁💬\-–—/()\[\]]|\d[\d\s ]*", re.IGNORECASE)
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
            return valid_day(int(iso[1]), int(iso[2]), int(iso[3]))
        numeric = re.fullmatch(r"([0-3]?\d)([./-])([01]?\d)\2((?:19|20)\d{2})", text)
        if numeric:
            return valid_day(int(numeric[4]), int(numeric[3]), int(numeric[1]))
        if lang not in ("ru", "en") and reference is None:
            parts = _named_month(text)
            if parts:
                return valid_day(*parts)
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
MONTH_DAY_YEAR = re.compile(r"(?P<month>[^\W\d_]+)\.? (?P<day>[0-3]?[0-9]),? (?P<year>(?:19|20)[0-9]{2})")


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


def valid_day(year: int, month: int, day: int) -> date | None:
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


# A site clock beside the header's "today": "20 апреля 2024, Бишкекское время 07:27", "Bishkek time 07:27".
SITE_CLOCK = re.compile(rf"(?<!reading )(?<!чтения )\b(?:время|time|убактысы)\s*:?\s*{TIME}", re.IGNORECASE)
# Widgets of a site header: currency quotes ("USD 87.45", "KGS/USD = 0.01149"), the weather, a bare clock.
HEADER_WIDGET = re.compile(
    rf"(?:[$€₽¥£₸]|\b(?:USD|EUR|RUB|KZT|KGS|CNY|UZS|TJS|TMT|Brent)\b)[\s/A-Z=:]*[+-]?\d+[.,]\d+|\d\s?°|^\s*{TIME}\s*$",
    re.IGNORECASE)
UPDATED_STAMP = re.compile(r"^\W*(?:обновлен[оа]?|дата обновления|изменено|жаңыртылды|updated|modified|edited|"
                           r"last updated?)\b", re.IGNORECASE)
# A stamp with the time and nothing else of a date ("11:44", "11:44 | 👁 1 203"): its day is the header's today.
TIME_STAMP = re.compile(rf"^\s*{TIME}(?:\s*[|·•,]?\s*(?:👁|просмотр\w*|views?)?\s*[\d  ]*)?\s*$", re.IGNORECASE)
# "By Dana Omarova in Nation on 18 April 2024", "Автор: Имя Фамилия | 18.04.2024".
BYLINE_START = re.compile(r"^\W*(?i:by|автор\w*|author|текст|text)\s*:?\s+[A-ZА-ЯЁ][\w'’\-]*\.?"
                          r"(?:\s+[A-ZА-ЯЁ]|\s*[|·•,]|\s+(?:in|on)\s)")
# "Бишкек - 24.kg", "Bishkek - 24.kg news agency": the place and the outlet after a byline's date.
PLACE_OUTLET = re.compile(r"^[A-ZА-ЯЁ][\w\-]+(?:\s[\w\-]+)?\s+[-–—]\s+"
                          r"(?:[\w-]+\.(?:kg|kz|ru|uz|com|org|net|info|media|asia)\b|[A-Z][\w.\-]+|[A-ZА-ЯЁ]{3,}\b)")
WORD = re.compile(r"[^\W\d_]+")
# A wire dateline: the city (and country), then the date, then the agency or the first sentence.
CITY = (r"(?!(?i:сегодня|вчера|накануне|today|yesterday)\b)"
        r"[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё\-]+(?:\s[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё\-]+)?")
PLACE = rf"^(?P<city>{CITY})(?:,\s*{CITY})?\s*[,.]\s*"
# "BISHKEK, April 29 (Kabar) –", "БИШКЕК, 21 янв — Sputnik.", "БИШКЕК, 3-май — Sputnik.", "Астана. 27 января. KAZAKHSTAN
# TODAY -", "BISHKEK, Kyrgyzstan, May 24. Kyrgyzstan and …": no year, so the page must give one.
DATELINE = re.compile(
    rf"{PLACE}(?P<md>(?i:{MONTHS_EN})\s+[0-3]?\d|[0-3]?\d(?:-|\s+)(?i:{MONTHS_RU}))(?![\w-])"
    r"\s*[.,]?\s*(?:\([^()]{2,40}\)\s*|/[^/]{2,40}/\s*)?[.,]?\s*(?:[-–—]|(?=[A-ZА-ЯЁ«\"]))")
# "Бишкек, 27.06.23. /Кабар/.": a two-digit year, read in a dateline only (elsewhere 27.06.23 is any number).
SHORT_YEAR_DATELINE = re.compile(rf"{PLACE}(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>\d{{2}})(?![\d])")
FULL_DATELINE = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁa-zа-яё\-]+(?:\s[A-ZА-ЯЁ\-]+)?\s*[,.(]")
COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|copyright)[^\n]*?((?:19|20)\d{2})(?:\s*[–—-]\s*((?:19|20)\d{2}))?",
                            re.IGNORECASE)
# An article's stamp stands by its headline, a few lines above the text (five at most in every annotated set);
# a date further up is the site's, or a teaser's in a list of links above the article.
STAMP_REACH = 15
# A dateline's year is taken from a full date elsewhere on the page no further than this from its day; a page
# saved a year later shows other dates, and its dateline then has none.
YEAR_WINDOW_DAYS = 45


def is_date_line(line: str) -> bool:
    """A line that is a date stamp (with time, weekday, views...) or a byline with one — not a dated headline."""
    if len(line) > 160:  # a stamp with its time, weekday, byline and counters is short; prose is not a stamp
        return False
    return _is_short_date_line(line)


@lru_cache(maxsize=8192)
def _is_short_date_line(line: str) -> bool:
    # The cleaner, the headline and the date reader each ask this of the same lines of a page.
    found = dates_in(line)
    return _plain_stamp(line, found) or (bool(found) and _byline(line, found))


def _plain_stamp(line: str, found: list[Found]) -> bool:
    """A date (or "Вчера в 19:05") with only times, weekdays, counters and labels beside it."""
    if len(line) > 120:
        return False
    if not found and not RELATIVE.match(line.strip()):
        return False
    rest = line
    for f in reversed(found):
        rest = rest[:f.start] + " " + rest[f.end:]
    rest = RELATIVE.sub(" ", rest.strip())
    if len(DATE_LINE_EXTRAS.sub(" ", rest).split()) <= 1:
        return True
    # "Главная Политика 11:54 09 Декабря 2022 4745": the rubric's breadcrumb before the time and date.
    crumbs = WORD.findall(rest)
    return bool(found) and len(crumbs) <= 3 and all(w[0].isupper() for w in crumbs) \
        and re.search(rf"{TIME}\s*[,|·]?\s*$", line[:found[0].start]) is not None


def _byline(line: str, found: list[Found]) -> bool:
    """A byline that carries the date: "10:08, 26 мая 2022, Бишкек - 24.kg , Имя ФАМИЛИЯ", "By … on 18 April 2024"."""
    first = found[0]
    before, after = line[:first.start], line[first.end:]
    if BYLINE_START.match(line):
        # The reporter's name and the date; a sentence that opens with "By …" ends like one.
        return len(WORD.findall(line)) <= 16 and not UPDATED_LABEL.search(before) \
            and not re.search(r"[.!?…]\s*$", line)
    rest = re.sub(rf"^\s*[,|·•]?\s*(?:{TIME})?\s*[,|·•]?\s*", "", after)
    # A sentence that opens with a date ends like one; a byline ends with a name or the outlet.
    if len(rest.split()) > 12 or re.search(r"[.!?…]\s*$", rest):
        return False
    time_first = re.fullmatch(rf"\s*{TIME}\s*[,|·•]?\s*", before) is not None
    return time_first or (not before.strip() and PLACE_OUTLET.match(rest) is not None)


@dataclass(frozen=True, slots=True)
class PageDates:
    """The lines of a page split by the cleaner (before the body, the body, after it) and its saved metadata."""

    head: list[str]
    body: list[str]
    tail: list[str]
    metadata: date | None = None  # the publication date the saved page's metadata gives
    seen: date | None = None  # the day the metadata says the page was crawled: dates "Сегодня"/"вчера"
    updated: date | None = None  # the day the metadata says the article was changed: never its publication


@dataclass(frozen=True, slots=True)
class Stamp:
    """A date stamp above the article: its line, its date, and what it dates (the article, the site's today, an
    update)."""

    index: int
    value: date
    kind: Literal["article", "today", "updated"]


def publication_date(page: PageDates) -> date | None:
    """The article's own publication date, or None when the page states none.

    Candidates by how sure their place makes them: a publication label; a relative stamp ("Вчера в 19:05") read
    against the site's today; the stamp or byline nearest the article; a time-only stamp on the site's today; a
    wire dateline; the saved page's metadata. The site header's today is never the article's date by itself.
    """
    head = [line.strip() for line in page.head]
    tail = [line.strip() for line in page.tail]
    candidates: list[tuple[int, date]] = []
    candidates += [(10, d) for d in map(_labelled, head) if d]
    candidates += [(9, d) for d in map(_labelled, tail) if d]
    stamps = _stamps(head, page.metadata)
    today = next((s.value for s in stamps if s.kind == "today"), None)
    own = [s for s in stamps if s.kind == "article" and len(head) - s.index <= STAMP_REACH]
    if own:
        # The stamp nearest the article: a date above it is the page's, or a teaser's.
        candidates.append((6, own[-1].value))
    anchor = today or page.seen
    if anchor:
        for text in [*head, *tail[:3]]:
            relative = RELATIVE.match(text)
            if relative and is_date_line(text):
                shift = {"вчера": 1, "yesterday": 1, "позавчера": 2}.get(relative["w"].lower(), 0)
                candidates.append((7, anchor - timedelta(days=shift)))
    if today and _time_stamp_after(head, stamps):
        candidates.append((5, today))
    wire = _dateline(page, head, tail)
    if wire:
        candidates.append(wire)
    if page.metadata:
        # A scraper's metadata line counts when the page itself says nothing better.
        candidates.append((2, page.metadata))
    if not candidates:
        return None
    return max(candidates, key=lambda c: c[0])[1]  # the first of the best: max keeps the first of equals


def _stamps(head: list[str], saved: date | None = None) -> list[Stamp]:
    """Every date stamp above the article, each marked as the article's, the site's today or an update;
    ``saved``: the publication date the saved page's metadata gives."""
    stamps = []
    for index, text in enumerate(head):
        if not is_date_line(text):
            continue
        found = dates_in(text)
        if found:
            stamps.append(Stamp(index, found[0].value, "updated" if UPDATED_STAMP.match(text) else "article"))
    first = next((n for n, s in enumerate(stamps) if s.kind == "article"), None)
    marked = []
    for n, stamp in enumerate(stamps):
        later = [s for s in stamps[n + 1:] if s.kind == "article" and s.value != stamp.value]
        # the exporter's own date of the page, when another, tells a bare header date under widgets for the site's
        other = bool(later) or (saved is not None and saved != stamp.value and _under_widgets(head, stamp))
        if stamp.kind == "article" and _site_today(head, stamp, n == first, other):
            stamp = Stamp(stamp.index, stamp.value, "today")
        marked.append(stamp)
    return marked


def _site_today(head: list[str], stamp: Stamp, first: bool, later_other_date: bool) -> bool:
    """The site header's date (the day the page was seen), not the article's: beside the site clock, a weekday
    at the top, or the first date, without a time, under nothing but menus and a ticker marquee (its quotes
    repeated) or above another date stamp."""
    text = head[stamp.index]
    if SITE_CLOCK.search(text):
        return True
    if re.search(TIME, text):
        return False  # an article's stamp gives its time; a header's today does not, unless beside the clock
    if re.search(WEEKDAYS, text, re.IGNORECASE) and stamp.index < 3:
        return True
    if not first:
        return False
    above = head[:stamp.index]
    if any(_text_like(line) for line in above):
        return False  # a headline or lead above: the stamp is the article's, under its headline
    # One row of quotes over a date is as often a news site's own stamp under its menu; a ticker bar of a quote a
    # line, or a marquee that repeats its quotes, is the site's header, and the date that ends it is the bar's.
    widgets = [line for line in above if HEADER_WIDGET.search(line)]
    return later_other_date or len(widgets) >= 3 or len(widgets) > len(set(widgets))


def _under_widgets(head: list[str], stamp: Stamp) -> bool:
    """A ticker quote or a clock stands above the stamp."""
    return any(HEADER_WIDGET.search(line) for line in head[:stamp.index])


def _text_like(line: str) -> bool:
    """A headline or a sentence, not a menu row ("Главная Политика Экономика") or a ticker."""
    words = WORD.findall(line)
    if len(words) < 4 or HEADER_WIDGET.search(line) or is_date_line(line):
        return False
    return any(w[0].islower() for w in words) or re.search(r"[.!?»\"”]\s*$", line) is not None


def _time_stamp_after(head: list[str], stamps: list[Stamp]) -> bool:
    """A time-only stamp under the headline, after the site's today: the article came out that day."""
    today = next(s.index for s in stamps if s.kind == "today")
    headline = False
    for line in head[today + 1:]:
        headline = headline or _text_like(line)
        if headline and TIME_STAMP.match(line) and not SITE_CLOCK.search(line):
            return True
    return False


def _dateline(page: PageDates, head: list[str], tail: list[str]) -> tuple[int, date] | None:
    """The date of a wire dateline opening the article."""
    # The first line of the text, or the second under a standfirst; or a line of its own above the text.
    lines = [line.strip() for line in page.body[:2]] + head[-2:][::-1]
    for line in lines:
        opening = dates_in(line[:60])
        # A full date ("ASTANA, 12 March 2024. …") is the filing date.
        if opening and FULL_DATELINE.match(line) and opening[0].start <= 30:
            return 5, opening[0].value
        short = SHORT_YEAR_DATELINE.match(line)
        if short:
            value = valid_day(2000 + int(short["y"]), int(short["m"]), int(short["d"]))
            if value:
                return 5, value
        match = DATELINE.match(line)
        if match:
            month_day = match["md"].replace("-", " ")
            anchors = _anchors(page, head, tail)
            if any(anchors):
                value = _with_year(month_day, anchors)
            else:
                # A page with no full date at all still shows the year it was made in its copyright line.
                year = _copyright_year(tail)
                value = _parse_cached(f"{month_day} {year}") if year else None
            if value:
                return 4, value
    return None


def _anchors(page: PageDates, head: list[str], tail: list[str]) -> list[list[date]]:
    """Full dates of the page that may give a dateline its year: the page's stamps and metadata first, then the
    article's own text."""
    furniture = [f.value for line in [*head, *tail] for f in dates_in(line)]
    furniture += [d for d in (page.metadata, page.seen, page.updated) if d]
    text = [f.value for line in page.body for f in dates_in(line)]
    return [furniture, text]


def _with_year(month_day: str, anchors: list[list[date]]) -> date | None:
    """ "21 янв" as the day nearest a full date of the page, within YEAR_WINDOW_DAYS of it, else None."""
    for tier in anchors:
        best: tuple[int, date] | None = None
        for anchor in tier:
            for year in (anchor.year - 1, anchor.year, anchor.year + 1):
                day = _parse_cached(f"{month_day} {year}")
                if day is None:
                    continue
                distance = abs((day - anchor).days)
                if distance <= YEAR_WINDOW_DAYS and (best is None or distance < best[0]):
                    best = (distance, day)
        if best:
            return best[1]
    return None


def _copyright_year(tail: list[str]) -> int | None:
    """The year the page itself was made, from its copyright line (the last year of a range)."""
    for line in reversed(tail):
        match = COPYRIGHT_YEAR.search(line)
        if match:
            return int(match.group(2) or match.group(1))
    return None


def _labelled(text: str) -> date | None:
    """The date right after a publication label ("Опубликовано 8 апреля 2021", "Published 14 Nov 2025")."""
    for found in dates_in(text):
        before = text[:found.start]
        if UPDATED_LABEL.search(before):
            continue
        if PUBLISHED_LABEL.search(before):
            return found.value
    return None
