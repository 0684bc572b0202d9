"""Attaching periods and growth rates to the figures of one sentence.

Input: a sentence, its dollar amounts (money.py) and the periods, due years and growth rates found in it
(periods.py). Output: for each figure its own period and growth rate. A figure takes the nearest
period with no other figure in between, and several figures and periods pair off ("from $900 million in 2020 to
$1.6 billion in 2023"); the base of a comparison ("против $1,18 млрд в 2020 году") takes a period of its own.
"""

from __future__ import annotations

import re

from lib.facts.trade.cues import BASE_BEFORE, CHEAP, COMMA
from lib.facts.trade.money import Amount
from lib.facts.trade.periods import DueYear, Growth, Period


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _distance(amount: Amount, span: Period | DueYear, text: str) -> int:
    """Characters between a figure and a span; a span after the figure and past a comma or dash belongs to the next
    clause ("если в 2020 году он составлял $1,18 млрд, то в 2024 году — $1,77 млрд") and counts as far."""
    gap = _gap((amount.start, amount.end), (span.start, span.end))
    return gap + 200 if span.start >= amount.end and re.search(r"[,;—–]", text[amount.end:span.start]) else gap


def nearest(amount: Amount, spans: list[Period] | list[DueYear], limit: int,
             others: list[Amount] | tuple[()] = (), text: str = "") -> Period | DueYear | None:
    """The span nearest to ``amount`` (a tie goes to the one after it: "$1.6 billion in 2023") that no other figure
    stands between ("from $900 million in 2020 to $1.6 billion in 2023")."""
    def free(s: Period | DueYear) -> bool:
        low, high = min(amount.end, s.end), max(amount.start, s.start)
        return not any(low <= o.start and o.end <= high for o in others if o is not amount)

    best = min((s for s in spans if free(s)), key=lambda s: (_distance(amount, s, text), s.start < amount.start),
               default=None)
    if best is None or _gap((amount.start, amount.end), (best.start, best.end)) > limit:
        return None
    return best


YEAR_EARLIER = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:a year (?:earlier|before|ago)|the previous year|"
                          r"годом (?:ранее|раньше)|год назад|в предыдущем году|за предыдущий год)", re.IGNORECASE)


# "против $1,1 млрд за аналогичный период 2023 года", "compared with $700 million in the same period last year"
SAME_PERIOD = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:аналогичн\w+ период\w*|same period)(?:\s+(?:of\s+)?(?:(?P<year>"
                         r"(?:19|20)\d\d)|прошлого года|предыдущего года|last year|the previous year))?",
                         re.IGNORECASE)


def is_base(sentence: str, amount: Amount) -> bool:
    """Is ``amount`` the base of a comparison ("11.6% more than the $1.181 billion", "против 1,5 млрд")?"""
    return bool(BASE_BEFORE.search(sentence[max(0, amount.start - 14):amount.start]))


def pair_periods(actuals: list[Amount], periods: list[Period], sentence: str, others: list[Amount]
                  ) -> dict[int, Period]:
    """With several figures and several periods ("в 2021 году составил X, тогда как в 2019 году — Y"), each figure
    takes its own period, nearest pairs first; keyed by the figure's start."""
    if len(actuals) < 2 or len(periods) < 2:
        return {}
    pairs = sorted((_distance(a, p, sentence), p.start < a.start, a.start, i)
                   for a in actuals for i, p in enumerate(periods)
                   if nearest(a, [p], 60 if is_base(sentence, a) else 200, others) is not None)
    out: dict[int, Period] = {}
    used: set[int] = set()
    for _, _, start, i in pairs:
        if start not in out and i not in used:
            out[start] = periods[i]
            used.add(i)
    return out


def period_of(amount: Amount, sentence: str, periods: list[Period], main: set[Period | DueYear | None],
               others: list[Amount], paired: Period | None = None) -> tuple[str | None, str | None]:
    """A figure's period: its own when figures and periods pair off, else the nearest one; for the base of a
    comparison, the nearest one the main figure does not use, or the main figure's period a year back when the
    base is "a year earlier"."""
    if paired is not None:
        return paired.first, paired.last
    if not is_base(sentence, amount):
        # A period across another figure is taken only when none is on this side of it.
        period = nearest(amount, periods, 200, others, sentence) or nearest(amount, periods, 200, (), sentence)
        return (period.first, period.last) if isinstance(period, Period) else (None, None)
    own = nearest(amount, [p for p in periods if p not in main], 60, others, sentence)
    if isinstance(own, Period):
        return own.first, own.last
    taken = [p for p in main if isinstance(p, Period)]
    after = sentence[amount.end:amount.end + 60]
    same = SAME_PERIOD.search(after)
    if len(taken) == 1 and (YEAR_EARLIER.search(after[:40]) or same):
        year = int(same.group("year")) if same and same.group("year") else int(taken[0].first[:4]) - 1
        shift = [f"{year:04d}{x[4:]}" for x in (taken[0].first, taken[0].last)]
        return shift[0], shift[1]
    return None, None


def past_by(sentence: str, due: DueYear) -> bool:
    """Is a year "by" which something happened followed, in its own clause, by a figure ("к 2023 году товарооборот
    вырос до $1,5 млрд")?"""
    rest = sentence[due.end:due.end + 80]
    rest = rest[:m.start()] if (m := COMMA.search(rest)) else rest
    return bool(CHEAP.search(rest))


def assign_growth(actuals: list[Amount], growths: list[Growth], sentence: str) -> dict[int, float]:
    """Each growth rate goes to the nearest actual figure that is not the base of a comparison ("than the $X")."""
    eligible = [a for a in actuals if not is_base(sentence, a)]
    pairs = sorted((_gap((a.start, a.end), (g.start, g.end)), a.start, g.start, g.pct)
                   for a in eligible for g in growths)
    out: dict[int, float] = {}
    used: set[int] = set()
    for gap, start, g_start, pct in pairs:
        if gap <= 120 and start not in out and g_start not in used:
            out[start] = pct
            used.add(g_start)
    return out
