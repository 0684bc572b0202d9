"""Date expressions inside article text: a sentence + the publication date → dated spans (day, range, or vague).

"22 августа 2025", "второго-третьего марта", "18–19 April", "вчера", "on Tuesday", "BISHKEK, April 29 (Kabar)".
Candidate spans are found with our own patterns (fast, and never over-eager on numbers that are not dates);
each is resolved against a reference date. A day written without a year takes its year from the reference date
(the nearest such day) and is marked ``year_inferred``; with no reference it keeps day and month only.
Month-only and fuzzy expressions ("в апреле", "last week", "earlier this year") are ``vague``: they say a
meeting is not the one of the article's day, but give no date.

dateparser is not used on purpose: measured on a meeting sentence, its search_dates was ~50× slower and
read "27 ноября, 15 граждан" as 2015-11-27 and "в 2026 году" as 2026-11-28 (a day that was never written).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from lib.facts.patterns import behind_lookahead, first_characters

RU_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8, "сентябр": 9,
    "октябр": 10, "ноябр": 11, "декабр": 12,
}
EN_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_RU_MONTH = (r"(?:январ[яеюь]|феврал[яеюь]|марта?|марте|апрел[яеюь]|ма[яею]|май|июн[яеюь]|июл[яеюь]|"
             r"августа?|августе|сентябр[яеюь]|октябр[яеюь]|ноябр[яеюь]|декабр[яеюь])")
_EN_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
             r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
MONTH = rf"(?:{_RU_MONTH}|{_EN_MONTH})"

# Ordinal day words in any case: stem → value ("второго", "третьего", "двадцать первое").
ORDINAL_STEMS = {
    "перв": 1, "втор": 2, "трет": 3, "четверт": 4, "пят": 5, "шест": 6, "седьм": 7, "восьм": 8, "девят": 9,
    "десят": 10, "одиннадцат": 11, "двенадцат": 12, "тринадцат": 13, "четырнадцат": 14, "пятнадцат": 15,
    "шестнадцат": 16, "семнадцат": 17, "восемнадцат": 18, "девятнадцат": 19, "двадцат": 20, "тридцат": 30,
}
_STEMS = "|".join(sorted(ORDINAL_STEMS, key=len, reverse=True))
_ORD = rf"(?:(?:двадцать|тридцать)\s+)?(?:{_STEMS})(?:ье|ьего|ьему|ьем|ое|ого|ому|ом|ый|ий|ая)"
DAY = rf"(?:[0-3]?\d(?:-?(?:го|е|th|st|nd|rd))?|{_ORD})"
DASH = r"\s*[-–—]\s*"
YEAR = r"(?:(?:19|20)\d\d)(?:\s*(?:г\.|года|году|год|гг\.))?"

_RANGE_SEP = rf"(?:{DASH}|\s+(?:по|и|and|to|until)\s+)"
# "22 августа прошлого года", "August 22 last year": the year is the reference's, shifted (RELATIVE_YEARS).
_RELATIVE_YEAR = (r"(?:\s+(?P<ry>прошлого|текущего|этого|следующего|будущего)\s+года|"
                  r",?\s+(?:of\s+)?(?P<rye>last|this|next)\s+year)")
RELATIVE_YEARS = {"прошлого": -1, "last": -1, "текущего": 0, "этого": 0, "this": 0, "следующего": 1,
                  "будущего": 1, "next": 1}
_FLAGS = re.IGNORECASE
# "18–19 April 2024", "второго-третьего марта", "27 ноября 2019 г.", "с 18 по 19 апреля"
DAY_MONTH = re.compile(
    rf"(?<![\w.])(?:с\s+)?(?P<d1>{DAY})(?:\s+(?P<m1>{MONTH}))?(?:{_RANGE_SEP}(?P<d2>{DAY}))?(?:\s+of)?\s+(?P<m2>{MONTH})"
    rf"(?:,?\s+(?P<y>{YEAR})|{_RELATIVE_YEAR})?(?!\w)", _FLAGS)
# "April 18-19, 2024", "November 27, 2019", "on March 2"
MONTH_DAY = re.compile(
    rf"(?<!\w)(?P<m2>{_EN_MONTH})\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:{_RANGE_SEP}(?P<d2>[0-3]?\d))?"
    rf"(?:,?\s+(?P<y>{YEAR})|{_RELATIVE_YEAR})?(?![\w%])", _FLAGS)
NUMERIC = re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./](?P<y>(?:19|20)\d\d)(?![\d])"
                     r"|(?<!\d)(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?!\d)")

RELATIVE_DAYS = {
    "позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2, "накануне": -1,
    "yesterday": -1, "today": 0, "tomorrow": 1, "the previous day": -1, "the preceding day": -1,
    "the day before": -1, "a day earlier": -1,
}
# "накануне" alone is the day before the article's; "накануне визита" / "накануне его встречи" is the eve of an
# event, not a date of its own.
EVE_OF = (r"накануне(?!\s+(?:[\w-]*(?:ого|его|ой|ей|ых|их)\s+){0,2}(?:визита|встреч[иь]|переговоров|саммита|"
          r"заседания|поездки|праздник\w*|выборов|форума|совета|открытия|церемонии|прибытия|приезда|начала|"
          r"юбилея|годовщины|года|дня|мероприяти\w*|конференции|сессии|голосования|референдума|инаугурации|\d))")
RELATIVE = re.compile(r"(?<!\w)(?:позавчера|вчера|вчерашн\w*|сегодня|сегодняшн\w*|послезавтра|завтра|"
                      rf"yesterday|today|tomorrow|{EVE_OF}|the\s+(?:previous|preceding)\s+day|a\s+day\s+earlier|"
                      r"the\s+day\s+before(?!\s+(?:the|his|her|its|their|a|an|yesterday)\b))(?!\w)", _FLAGS)
WEEKDAYS = {
    "понедельник": 0, "вторник": 1, "среду": 2, "четверг": 3, "пятницу": 4, "субботу": 5, "воскресенье": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
WEEKDAY = re.compile(r"(?<!\w)(?:(?:во?|в\s+эт[оиу]\w*|(?P<past_ru>в\s+(?:минувш|прошл)\w*))\s+"
                     r"(?P<ru>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)|"
                     r"(?:on|(?P<past_en>last|this\s+past|on\s+the\s+previous))\s+"
                     r"(?P<en>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))(?!\w)", _FLAGS)
# Expressions that place a meeting in the past or future without a day: the meeting is not "today's".
VAGUE = re.compile(
    rf"(?<!\w)(?:(?:в|во|к)\s+(?:(?:начале|середине|конце)\s+)?(?P<vm>{_RU_MONTH})(?:\s+(?P<vy>{YEAR})|"
    r"\s+(?P<vr>прошлого|этого|текущего|следующего|будущего)\s+года)?|"
    rf"(?:in|since|by|early|late|mid|in\s+(?:early|late|mid)-?)\s*(?P<em>{_EN_MONTH})(?:\s+(?P<ey>(?:19|20)\d\d)|"
    r",?\s+(?:of\s+)?(?P<er>last|this|next)\s+year)?|"
    r"(?:на|в)\s+(?:прошлой|следующей|этой|будущей)\s+неделе|(?:last|next|this)\s+week|earlier\s+this\s+(?:year|month)|"
    r"ранее\s+в\s+этом\s+году|(?:в|на)\s+прошлом\s+(?:году|месяце)|last\s+(?:year|month)|"
    r"в\s+этом\s+месяце|this\s+month|в\s+следующем\s+месяце|"
    r"в\s+следующем\s+(?:году|месяце)|next\s+(?:year|month)|(?:в|до)\s+конце\s+года|later\s+this\s+year|"
    r"в\s+(?:19|20)\d\d\s+году|in\s+(?:19|20)\d\d|(?:в|на)\s+(?:этом|текущем|нынешнем)\s+году|this\s+year|"
    r"(?:этой|прошлой|следующей|будущей)\s+(?:весной|осенью|зимой)|(?:этим|прошлым|следующим)\s+летом|"
    r"(?:весной|летом|осенью|зимой)(?:\s+(?:этого|текущего|следующего|прошлого)\s+года)?|"
    r"(?:this|last|next|in\s+the)\s+(?:spring|summer|autumn|fall|winter))(?!\w)", _FLAGS)

# The plain patterns, for tests: those used are the same behind a lookahead for their first characters (a digit;
# a digit, "с" or an ordinal's first letter; the letters that open a month name or a vague expression).
PLAIN = {"NUMERIC": NUMERIC, "DAY_MONTH": DAY_MONTH, "MONTH_DAY": MONTH_DAY, "VAGUE": VAGUE}
NUMERIC = behind_lookahead(NUMERIC, r"\d")
DAY_MONTH = behind_lookahead(
    DAY_MONTH, r"\d" + "".join(sorted({w[0] for w in (*ORDINAL_STEMS, "двадцать", "тридцать", "с")})))
MONTH_DAY = behind_lookahead(MONTH_DAY, first_characters(MONTH_DAY.pattern))
VAGUE = behind_lookahead(VAGUE, first_characters(VAGUE.pattern))

# Months named relative to the reference: their period is known though their day is not.
RELATIVE_MONTHS = {"в прошлом месяце": -1, "на прошлом месяце": -1, "last month": -1, "в этом месяце": 0,
                   "this month": 0, "в следующем месяце": 1, "next month": 1}
# A year named relative to the reference ("в прошлом году", "next year"); other year words are the reference's.
YEAR_SHIFTS = (("прошл", -1), ("last", -1), ("следующ", 1), ("будущ", 1), ("next", 1))
MONTH_STEMS = ("янв", "фев", "мар", "апр", "мая", "мае", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек",
               "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
RELATIVE_STEMS = ("вчера", "сегодня", "завтра", "накануне", "yesterday", "today", "tomorrow", "previous day",
                  "preceding day", "day earlier", "day before")
WEEKDAY_STEMS = ("понедельник", "вторник", "среду", "четверг", "пятниц", "суббот", "воскресен", "day")
VAGUE_STEMS = ("недел", "году", "месяц", "year", "week", "month", "весн", "лет", "осен", "зим", "spring", "summer",
               "autumn", "fall", "winter")
_RELATIVE_LONGEST_FIRST = sorted(RELATIVE_DAYS, key=len, reverse=True)
# What str.isdigit accepts, as one character class (a regex scan is ~6x cheaper than testing each character):
# the decimal digits (\d) and the other digits of Unicode 14 (superscripts, circled numbers…); a test checks it.
DIGIT = re.compile("[\\d\u00b2\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468"
                   "\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792"
                   "\U00010a40-\U00010a43\U00010e60-\U00010e68\U00011052-\U0001105a\U0001f100-\U0001f10a]")


@dataclass(frozen=True, slots=True)
class DateSpan:
    """One date expression: offsets into the text, and its resolution (``start`` None when vague or yearless)."""

    begin: int
    end: int
    text: str
    start: date | None
    end_date: date | None
    day: int | None = None
    month: int | None = None
    end_day: int | None = None
    end_month: int | None = None
    year_inferred: bool = False
    vague: bool = False
    relative: bool = False
    period: str | None = None  # "YYYY-MM" of a month named without a day ("в апреле", "in August 2025")


def month_number(word: str) -> int | None:
    """Month of a Russian (any case) or English month word."""
    w = word.lower().rstrip(".")
    if w[:3] in EN_MONTHS and re.fullmatch(r"[a-z]+", w):
        return EN_MONTHS[w[:3]]
    for stem, value in sorted(RU_MONTHS.items(), key=lambda kv: -len(kv[0])):
        if w.startswith(stem):
            return value
    return None


def day_number(word: str) -> int | None:
    """A day of the month written in digits ("18", "2-го") or as a Russian ordinal ("второго", "двадцать первое")."""
    w = word.lower().strip()
    digits = re.match(r"\d+", w)
    if digits:
        value = int(digits.group())
        return value if 1 <= value <= 31 else None
    total = 0
    parts = w.split()
    if len(parts) == 2:
        total = {"двадцать": 20, "тридцать": 30}.get(parts[0], 0)
        w = parts[1]
    for stem in sorted(ORDINAL_STEMS, key=len, reverse=True):
        if w.startswith(stem):
            value = total + ORDINAL_STEMS[stem]
            return value if 1 <= value <= 31 else None
    return None


def _year_of(text: str | None) -> int | None:
    if not text:
        return None
    found = re.match(r"\d{4}", text)
    return int(found.group()) if found else None


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# A day written without its year in a clause not about coming events is at most this far after the page: "signed
# on 19 April" on a December page is the April before, not the one after ("1 января" on 29 December still comes).
HELD_AHEAD_DAYS = 60


def nearest_year(month: int, day: int, reference: date, ahead: int | None = None) -> int | None:
    """The year that puts day/month nearest to the reference date (an article speaks of recent or coming days);
    with ``ahead``, only a year that puts it at most that many days after the reference, when one does."""
    best: tuple[int, int] | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        candidate = _safe(year, month, day)
        if candidate is not None and ahead is not None and (candidate - reference).days > ahead:
            continue
        if candidate is not None:
            distance = abs((candidate - reference).days)
            if best is None or distance < best[0]:
                best = (distance, year)
    return best[1] if best else None


def _resolve(match: re.Match[str], reference: date | None, future: bool = True) -> DateSpan | None:
    d1, d2 = day_number(match.group("d1")), day_number(match.group("d2")) if match.group("d2") else None
    m2 = month_number(match.group("m2"))
    m1 = month_number(match.group("m1")) if "m1" in match.groupdict() and match.group("m1") else m2
    if d1 is None or m2 is None or m1 is None or (match.group("d2") and d2 is None):
        return None
    year = _year_of(match.group("y"))
    inferred = False
    relative = match.group("ry") or match.group("rye")
    if relative and reference is not None:
        year, inferred = reference.year + RELATIVE_YEARS[relative.lower()], True
    if year is None and reference is not None:
        year, inferred = nearest_year(m1, d1, reference, None if future else HELD_AHEAD_DAYS), True
    start = _safe(year, m1, d1) if year else None
    end = _safe(year, m2, d2) if year and d2 else None
    if end is not None and start is not None and end < start:
        assert year is not None and d2 is not None  # end is only set when both are
        end = _safe(year + 1, m2, d2) if m2 < m1 else None
    if year and start is None:
        return None
    return DateSpan(match.start(), match.end(), match.group(), start, end, d1, m1, d2, m2 if d2 else None,
                    inferred)


def _weekday(match: re.Match[str], reference: date, future: bool) -> date:
    target = WEEKDAYS[(match.group("ru") or match.group("en")).lower()]
    shift = (reference.weekday() - target) % 7
    if match.group("past_ru") or match.group("past_en"):
        # "last Thursday" / "в минувший четверг" is the one before the reference, never the reference day itself.
        return reference - timedelta(days=shift or 7)
    if future:
        return reference + timedelta(days=(target - reference.weekday()) % 7)
    return reference - timedelta(days=shift)


def _year_period(text: str, reference: date | None) -> str | None:
    """"YYYY" of a vague expression that names a year ("в 2026 году", "last year", "later this year"), else None."""
    written = re.search(r"(?:19|20)\d\d", text)
    if written:
        return written.group()
    if reference is None or not re.search(r"году|года|year", text):
        return None
    shift = next((value for stem, value in YEAR_SHIFTS if stem in text), 0)
    return f"{reference.year + shift:04d}"


def _period(match: re.Match[str], reference: date | None, future: bool) -> str | None:
    """The month a vague expression names, with its year written or the nearest one before (after) the reference;
    "YYYY" for one that names only a year."""
    word = match.group("vm") or match.group("em")
    month = month_number(word) if word else None
    if month is None:
        text = " ".join(match.group().lower().split())
        shift = RELATIVE_MONTHS.get(text)
        if shift is None:
            return _year_period(text, reference)
        if reference is None:
            return None
        index = reference.year * 12 + reference.month - 1 + shift
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    year = _year_of(match.group("vy") or match.group("ey"))
    relative = (match.group("vr") or match.group("er") or "").lower()
    if relative and reference is not None:  # "в июне прошлого года", "in June last year"
        year = reference.year + (-1 if relative in ("прошлого", "last") else
                                 1 if relative in ("следующего", "будущего", "next") else 0)
    if year is None and reference is not None:
        if future:
            year = reference.year if month >= reference.month else reference.year + 1
        else:
            year = reference.year if month <= reference.month else reference.year - 1
    return f"{year:04d}-{month:02d}" if year else None


def find_dates(text: str, reference: date | None, future: bool = False) -> list[DateSpan]:
    """Every date expression in ``text``, in order; relative ones resolved against ``reference``.

    ``future`` says the text speaks of coming events, so "on Tuesday" is the next Tuesday, not the last one.
    """
    spans: list[DateSpan] = []
    taken: list[tuple[int, int]] = []
    low = text.lower()
    # Substring gates (C speed) spare the patterns most sentences cannot match.
    has_digit = DIGIT.search(text) is not None
    has_month = any(map(low.__contains__, MONTH_STEMS))

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(span: DateSpan | None) -> None:
        if span is not None and free(span.begin, span.end):
            spans.append(span)
            taken.append((span.begin, span.end))

    for m in NUMERIC.finditer(text) if has_digit else ():
        if m.group("iy"):
            y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
        else:
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        when = _safe(y, mo, d)
        if when:
            add(DateSpan(m.start(), m.end(), m.group(), when, None, d, mo))
    for pattern in ((DAY_MONTH, MONTH_DAY) if has_digit else (DAY_MONTH,)) if has_month else ():  # MONTH_DAY: digits
        for m in pattern.finditer(text):
            add(_resolve(m, reference, future))
    for m in RELATIVE.finditer(text) if any(map(low.__contains__, RELATIVE_STEMS)) else ():
        if reference is not None:
            word = m.group().lower()
            key = next(k for k in _RELATIVE_LONGEST_FIRST if word.startswith(k))
            when = reference + timedelta(days=RELATIVE_DAYS[key])
            add(DateSpan(m.start(), m.end(), m.group(), when, None, when.day, when.month, relative=True))
    for m in WEEKDAY.finditer(text) if any(map(low.__contains__, WEEKDAY_STEMS)) else ():
        if reference is not None:
            when = _weekday(m, reference, future)
            add(DateSpan(m.start(), m.end(), m.group(), when, None, when.day, when.month, relative=True))
    for m in VAGUE.finditer(text) if has_month or has_digit or any(map(low.__contains__, VAGUE_STEMS)) else ():
        add(DateSpan(m.start(), m.end(), m.group(), None, None, vague=True, period=_period(m, reference, future)))
    return sorted(spans, key=lambda s: s.begin)


class Dates:
    """find_dates with its answers kept, for one article: each meeting sentence is read as a clause, as a sentence
    and for the day it carries, so the same text is asked about several times. Answers are shared: do not modify."""

    __slots__ = ("_seen",)

    def __init__(self) -> None:
        self._seen: dict[tuple[str, date | None, bool], list[DateSpan]] = {}

    def find(self, text: str, reference: date | None, future: bool = False) -> list[DateSpan]:
        key = (text, reference, future)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = find_dates(text, reference, future)
        return found


def explicit_years(text: str) -> list[tuple[int, int]]:
    """(offset, year) of each full date written in ``text``, in order: evidence for dating yearless days."""
    found = [(m.start(), _year_of(m.group("y"))) for p in (DAY_MONTH, MONTH_DAY) for m in p.finditer(text)
             if m.group("y")]
    found += [(m.start(), int(m.group("y") or m.group("iy"))) for m in NUMERIC.finditer(text)]
    return sorted((position, year) for position, year in found if year)


# A dateline with a full date ("Astana, 12 March 2025.", "ASTANA, October 3, 2023 (Kabar) –") dates the article:
# a city, then the date, within the first DATED_LINE characters of the body.
DATELINE_CITY = re.compile(r"\s*[A-ZА-ЯЁ][\w-]+(?: [A-ZА-ЯЁ][\w-]+)?(?:\.? [A-ZА-ЯЁ]+)?\s*[,.—–-]\s*$")
DATED_LINE = 80
# A sentence that opens with "earlier" tells of a past meeting, not of the article's day ("Earlier that day" is
# the day of the meeting told before: SAME_DAY).
EARLIER = re.compile(r"\s*(?:ранее|прежде|earlier|previously)\b(?!\s+(?:that|the\s+same)\s+day)", _FLAGS)
# "later that day", "the same day", "в тот же день": the day of the meeting the article told of just before.
SAME_DAY = re.compile(r"\b(?:(?:earlier|later)\s+(?:that|the\s+same)\s+day|(?:that|the)\s+same\s+day|"
                      r"в\s+(?:тот|этот)\s+же\s+день|(?:в\s+)?тот\s+же\s+день|позднее\s+в\s+тот\s+день|"
                      r"в\s+тот\s+день)\b", _FLAGS)


def article_date(body: str, published: date | None) -> date | None:
    """The publication date, else the full date of a dateline opening the body ("Astana, 12 March 2025.")."""
    if published is not None:
        return published
    lead = find_dates(body[:DATED_LINE], None)
    head = next((d for d in lead if d.start and DATELINE_CITY.match(body[:d.begin])), None)
    return head.start if head else None


def clause_date(clause: str, sentence: str, reference: date | None, future: bool,
                dates: Dates | None = None) -> DateSpan | None:
    """The date of a meeting clause: a written day (over a weekday), else a vague one, else "Earlier, …".

    None when the clause names no day or says "the same day" (the caller carries the day told before)."""
    find = dates.find if dates is not None else find_dates
    for text in (clause, sentence):
        spans = find(text, reference, future)
        # a written date wins over "on Monday" in "on Monday, March 3"
        dated = sorted((s for s in spans if not s.vague and (s.start or s.day)), key=lambda s: s.relative)
        if dated:
            return dated[0]
        if spans:
            return spans[0]
    backgrounder = EARLIER.match(sentence)
    if backgrounder:  # "Ранее, …" / "Earlier, …": a meeting before the article's, on a day not given
        return DateSpan(0, backgrounder.end(), backgrounder.group(), None, None, vague=True)
    return None


# "на следующий день", "the next day": the day after the last day written before (the caller gives the text before).
NEXT_DAY = re.compile(r"\b(?:на\s+следующий\s+день|на\s+другой\s+день|(?:the\s+)?(?:next|following)\s+day|"
                      r"a\s+day\s+later)\b", _FLAGS)


def next_day(clause: str, before: str, reference: date | None, dates: Dates | None = None) -> DateSpan | None:
    """The day after the last day ``before`` writes, when ``clause`` says "the next day"; None otherwise."""
    if not NEXT_DAY.search(clause):
        return None
    find = dates.find if dates is not None else find_dates
    told = [d for d in find(before, reference) if not d.vague and d.day and d.month]
    if not told:
        return None
    last = told[-1]
    if last.start is not None:
        when = last.start + timedelta(days=1)
        return DateSpan(0, 0, clause, when, None, when.day, when.month, year_inferred=last.year_inferred)
    assert last.day is not None and last.month is not None
    after = date(2000, last.month, last.day) + timedelta(days=1)  # a leap year: 29 February has a next day
    return DateSpan(0, 0, clause, None, None, after.day, after.month)
