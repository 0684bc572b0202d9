"""Periods, target years and growth rates inside one sentence, as spans the trade extractor attaches to figures.

Input: a sentence and the article's publication date (None when unknown). Output: ``Period``, ``DueYear`` and
``Growth`` spans. Relative phrases ("за 11 месяцев прошлого года", "last year", "текущего года") resolve
against the publication date; without one they are dropped rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from lib.facts.patterns import Cue
from lib.facts.trade.money import WORD_NUMBERS

MONTHS = [
    ("jan", "январ"), ("feb", "феврал"), ("mar", "март"), ("apr", "апрел"), ("may", "ма[йяею]"),
    ("jun", "июн"), ("jul", "июл"), ("aug", "август"), ("sep", "сентябр"), ("oct", "октябр"),
    ("nov", "ноябр"), ("dec", "декабр"),
]
_MONTH = "|".join(f"(?:{en}[a-z]*\\.?|{ru}[а-яё]*)" for en, ru in MONTHS)
_NUMWORD = r"\d{1,2}|" + "|".join(w for w in WORD_NUMBERS if " " not in w and len(w) > 2)
_YEAR = r"(?P<year>(?:19|20)\d\d)(?:\s*(?:год[а-я]*|г\.))?"
_REL = (r"(?P<rel>last year|the previous year|this year|the current year|прошлого года|прошедшего года|"
        r"минувшего года|текущего года|этого года|сего года|нынешнего года)")
_SEP = r"\s*(?:[–—-]|\bпо\b|\bto\b|\bthrough\b)\s*"

MONTH_RANGE = Cue(
    rf"\b(?P<m1>{_MONTH}){_SEP}(?P<m2>{_MONTH})(?:\s+(?:{_YEAR}|{_REL}))?")
N_MONTHS = Cue(
    rf"\b(?:first\s+|первые\s+)?(?P<n>{_NUMWORD})\s+(?:months?|месяц[а-я]*|мес\.)(?:\s+(?:of\s+)?(?:{_YEAR}|{_REL}))?")
PART_YEAR = Cue(
    rf"(?<!\w)(?P<part>first quarter|first half|(?:(?:первом|первый|I|1-м|1-й)\s+)(?:квартале?|полугодии)|"
    rf"(?:первое|I|1-е)\s+полугодие|(?:Q1|H1))"
    rf"(?:\s+(?:of\s+)?(?:{_YEAR}|{_REL}))?")
YEAR = Cue(rf"(?<![\d.,/-])(?P<prep>\b(?:by|к|до|since|с|from|until)\s+(?:the end of\s+|концу\s+)?)?{_YEAR}"
           r"(?![\d.,/-]\d)")
REL_YEAR = Cue(
    r"(?P<rel>last year|this year|the current year|в прошлом году|прошлого года|за прошлый год|"
    r"в минувшем году|в этом году|в текущем году|текущего года)")
# A period after "уровня"/"level of"/"than" is the base of a comparison, not the period of the figure.
# A figure standing in between ("compared with $900 million in 2020") makes the period that figure's own.
COMPARISON = Cue(r"(?:уровн[а-я]*|level of|levels? in|compared (?:with|to)|сравнению с|than(?: in)?|чем|"
                 r"above|below|выше|ниже|against|относительно|аналогичн[а-я]*)\W*(?:[^\W\d]+[^\w$]+){0,3}$")

GROWTH = Cue(
    r"\b(?P<num>\d+(?:[.,]\d+)?)\s*-?\s*(?:%|percent|per cent|процент[а-я]*)|"
    r"\b(?P<word>" + _NUMWORD + r")\s+(?:percent|per cent|процент[а-я]*)|"
    r"(?:на|by)\s+(?:почти\s+|около\s+|almost\s+|nearly\s+|about\s+)?(?P<frac>четверть|треть|половину|"
    r"a quarter|a third|half)|"
    r"\bв\s+(?P<times>\d+(?:[.,]\d+)?|два|две|три|полтора)\s+раза|"
    r"\b(?P<times_en>\d+(?:[.,]\d+)?)[- ]?(?:times|fold)\b")
TIMES = {"два": 2.0, "две": 2.0, "три": 3.0, "полтора": 1.5}
FRACTIONS = {"четверть": 25.0, "a quarter": 25.0, "треть": 33.3, "a third": 33.3, "половину": 50.0, "half": 50.0}
# "an increase of 8 percent", "рост составил 7%": the rate as the noun's complement.
_RATE_NOUN = (r"(?:increase|rise|growth|gain|jump|surge|decrease|decline|drop|fall|reduction)\s+of|"
              r"(?:рост|прирост|увеличение|снижение|сокращение|падение)\s+(?:составил[а-я]*|—|-)")
GROWTH_BEFORE = Cue(r"(?:\bby|\bна|\bup|rose|rising|grew|growing|increas\w*|jump\w*|climb\w*|expand\w*|"
                    r"вырос[а-я]*|"
                    r"увеличил[а-я]*|рост[а-я]*|прирост[а-я]*|another|ещё|еще|почти|около|"
                    + _RATE_NOUN + r")\s*(?:about|almost|nearly|some|around|почти|около|порядка)?\s*$")
GROWTH_AFTER = re.compile(r"^\s*(?:more|higher|up|increase|rise|growth|jump|year[- ]on[- ]year|больше|рост|"
                          r"less|lower|down|меньше|ниже)", re.IGNORECASE)
LESS_AFTER = re.compile(r"^\s*(?:less|lower|down|меньше|ниже)", re.IGNORECASE)
DECLINE = Cue(r"(?:fell|dropped|declined|decreased|down|сократил[а-я]*|снизил[а-я]*|упал[а-я]*|"
              r"уменьшил[а-я]*|(?:decrease|decline|drop|fall|reduction)\s+of|"
              r"(?:снижение|сокращение|падение)\s+(?:составил[а-я]*|—|-))\s*(?:by|на)?\s*$")
NOT_GROWTH_AFTER = re.compile(r"^\s*(?:of\b|от\b|в общ|доли|share)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Period:
    start: int
    end: int
    first: str  # YYYY-MM
    last: str   # YYYY-MM


@dataclass(frozen=True, slots=True)
class DueYear:
    start: int
    end: int
    year: int


@dataclass(frozen=True, slots=True)
class Growth:
    start: int
    end: int
    pct: float


def _month(token: str) -> int | None:
    low = token.lower()
    for i, (en, ru) in enumerate(MONTHS, start=1):
        if re.match(en, low) or re.match(ru, low):
            return i
    return None


def _count(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    value = WORD_NUMBERS.get(token.lower())
    return int(value) if value is not None and value == int(value) else None


def _year_of(m: re.Match[str], published: date | None, last_month: int = 1) -> int | None:
    """The year of a period: stated, relative to the publication date, or (no year given) the latest year in
    which the period had already ended when the article appeared."""
    if m.group("year"):
        return int(m.group("year"))
    rel = (m.group("rel") or "").lower()
    if published is None:
        return None
    if not rel:
        return published.year if last_month < published.month else published.year - 1
    return published.year - 1 if re.search(r"last|previous|прошл|прошедш|минувш", rel) else published.year


def _span(first: tuple[int, int], last: tuple[int, int]) -> tuple[str, str]:
    return f"{first[0]:04d}-{first[1]:02d}", f"{last[0]:04d}-{last[1]:02d}"


def find_periods(text: str, published: date | None) -> tuple[list[Period], list[DueYear]]:
    """Periods of figures and due years of targets ("by 2030", "к 2030 году") in one sentence."""
    periods: list[Period] = []
    due: list[DueYear] = []
    taken: list[tuple[int, int]] = []

    def free(m: re.Match[str]) -> bool:
        return not any(a < m.end() and m.start() < b for a, b in taken)

    def add(m: re.Match[str], year: int | None, m1: int, m2: int) -> None:
        taken.append((m.start(), m.end()))
        if year is None or COMPARISON.search(text[max(0, m.start() - 40):m.start()]):
            return
        periods.append(Period(m.start(), m.end(), *_span((year, m1), (year, m2))))

    for m in MONTH_RANGE.finditer(text):
        m1, m2 = _month(m.group("m1")), _month(m.group("m2"))
        if m1 and m2 and m1 <= m2:
            add(m, _year_of(m, published, m2), m1, m2)
    for m in N_MONTHS.finditer(text):
        n = _count(m.group("n"))
        if free(m) and n and 1 <= n <= 12:
            add(m, _year_of(m, published, n), 1, n)
    for m in PART_YEAR.finditer(text):
        if free(m):
            last = 3 if re.search(r"quarter|квартал|Q1", m.group("part"), re.I) else 6
            add(m, _year_of(m, published, last), 1, last)
    for m in YEAR.finditer(text):
        if not free(m):
            continue
        prep = (m.group("prep") or "").strip().lower()
        taken.append((m.start(), m.end()))
        if prep.startswith(("by", "к", "до", "until")):
            due.append(DueYear(m.start(), m.end(), int(m.group("year"))))
        elif not prep and not COMPARISON.search(text[max(0, m.start() - 40):m.start()]):
            y = int(m.group("year"))
            periods.append(Period(m.start(), m.end(), *_span((y, 1), (y, 12))))
    for m in REL_YEAR.finditer(text):
        if not free(m) or published is None:
            continue
        rel = m.group("rel").lower()
        if re.search(r"last|прошл|минувш", rel):
            add(m, published.year - 1, 1, 12)
        else:  # "this year" dates a target; for a figure it is a part of the year we cannot bound
            due.append(DueYear(m.start(), m.end(), published.year))
    return periods, due


def find_growth(text: str) -> list[Growth]:
    """Growth rates in one sentence: "by 12%", "на 21%", "nine percent more", "почти на четверть" (≈25)."""
    out: list[Growth] = []
    for m in GROWTH.finditer(text):
        before, after = text[max(0, m.start() - 25):m.start()], text[m.end():m.end() + 25]
        if m.group("frac"):
            pct = FRACTIONS[m.group("frac").lower()]
        elif m.group("times") or m.group("times_en"):
            times = (m.group("times") or m.group("times_en")).lower()
            factor = TIMES.get(times) or float(times.replace(",", "."))
            pct = round((factor - 1) * 100, 1)
        else:
            if NOT_GROWTH_AFTER.search(after):
                continue
            if not (GROWTH_BEFORE.search(before) or GROWTH_AFTER.search(after) or DECLINE.search(before)):
                continue
            if re.match(r"^\s*(?:above|below)", after, re.I):
                continue
            raw = m.group("num") or str(_count(m.group("word")) or "")
            try:
                pct = float(raw.replace(",", "."))
            except ValueError:
                continue
        if DECLINE.search(before) or (not (m.group("times") or m.group("times_en")) and LESS_AFTER.search(after)):
            pct = -pct
        out.append(Growth(m.start(), m.end(), pct))
    return out
