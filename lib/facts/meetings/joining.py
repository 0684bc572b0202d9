"""Which meeting reports of many articles are one event: report columns (reports.REPORT_COLUMNS) → a cluster
label per report (events.py turns each cluster into one row).

Reports are compared only inside a block of one pair of participants, so the work grows with the number of
reports, never with its square. Inside a block:
- dated reports sorted by day are one event while each is within a day of every report already in it (a visit
  of 2–3 March, its arrival on the 2nd and talks on the 3rd); two reports further apart than the event's span never
  merge, however many days lie between them;
- reports naming one numbered session (sessions.py) are one event;
- a report dated by a month ("in April") joins the event of the same people and kind dated in that month, else the
  other reports naming that month; one dated by a year ("в этом году") joins the others naming that year with the
  same status;
- an undated announcement joins the first dated report of the same people and kind published on or after it,
  else the one coming event of theirs that other pages place by a month or year not before it;
- an undated report of a held meeting joins the dated event of the same people and kind when nothing contradicts
  it: the event lies in the RECENT_DAYS before the page was published (or, on a page with no date, it is the only
  one of its kind), and its city is the same or unknown.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations

# An announcement without a day is the meeting of the same people reported held within this many days.
ANNOUNCEMENT_WINDOW = timedelta(days=90)
# A page reporting a held meeting without its day speaks of one held at most this long before the page: news
# reports follow within days, and three weeks covers a weekly digest or a feature written after a visit.
RECENT_DAYS = timedelta(days=21)
DAY = timedelta(days=1)
PERIOD = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2]))?")


@dataclass(frozen=True, slots=True)
class Item:
    """What joining needs of one report."""

    start: date | None
    end: date | None
    period: str | None  # "YYYY-MM" or "YYYY" of a report dated by a month or a year only
    status: str
    published: date | None
    participants: tuple[str, ...]
    article: str
    phone: bool  # a call and a meeting in person are never one event
    place: str | None
    session: str | None


class _Links:
    """Union-find over report indexes."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def cluster(items: Sequence[Item]) -> list[int]:
    """A cluster label per report: reports of one event share it."""
    links = _Links(len(items))
    blocks: dict[tuple[str, str], list[int]] = {}
    sessions: dict[str, int] = {}
    for i, item in enumerate(items):
        for pair in combinations(sorted(set(item.participants)), 2):
            blocks.setdefault(pair, []).append(i)
        if item.session:
            links.join(sessions.setdefault(item.session, i), i)
    for members in blocks.values():
        if len(members) >= 2:
            _join_block(items, members, links)
    return [links.find(i) for i in range(len(items))]


def _join_block(items: Sequence[Item], members: list[int], links: _Links) -> None:
    dated = sorted((i for i in members if items[i].start), key=lambda i: items[i].start)  # type: ignore[arg-type,return-value]
    first: int | None = None
    earliest_end: date | None = None
    for i in dated:
        start, end = items[i].start, items[i].end or items[i].start
        assert start is not None and end is not None
        if first is not None and earliest_end is not None and start <= earliest_end + DAY:
            links.join(first, i)
            earliest_end = min(earliest_end, end)
        else:
            first, earliest_end = i, end
    # Undated reports find dated ones by bisection: a scan of the block for each would grow with the square of a
    # block, and the block of two presidents grows with the archive.
    keys: list[date] = [start for i in dated if (start := items[i].start) is not None]
    by_period: dict[tuple[str, bool, str], int] = {}
    periods = [i for i in members if items[i].start is None and items[i].period]
    planned: dict[str, list[int]] = {}  # coming events placed by a month or year, by that period
    for i in periods:  # first, so that an undated report finds the events they make
        _join_period(items, i, dated, keys, by_period, links)
        if items[i].status == "planned":
            planned.setdefault(items[i].period, []).append(i)  # type: ignore[arg-type]
    for i in members:
        item = items[i]
        if item.start is not None or item.period:
            continue
        if item.status == "planned" and item.published:
            _join_announcement(items, i, dated, keys, planned, links)
        elif item.status == "held":
            _join_undated(items, i, dated, keys, links)


def _same_kind(a: Item, b: Item) -> bool:
    return a.phone == b.phone


def _same_city(a: Item, b: Item) -> bool:
    return a.place is None or b.place is None or a.place == b.place


def _bounds(period: str) -> tuple[date, date] | None:
    if not PERIOD.fullmatch(period):
        return None  # not a period: no date is in it
    try:
        if len(period) == 4:
            return date(int(period), 1, 1), date(int(period), 12, 31)
        year, month = (int(part) for part in period.split("-"))
        return date(year, month, 1), date(year + month // 12, month % 12 + 1, 1) - DAY
    except ValueError:
        return None  # not a period: no date is in it


def _join_period(items: Sequence[Item], i: int, dated: list[int], keys: list[date],
                 by_period: dict[tuple[str, bool, str], int], links: _Links) -> None:
    item = items[i]
    period = item.period
    assert period is not None
    bounds = _bounds(period)
    if bounds is None:
        return
    # A month names the event of these people in it. A year does not: the one event of theirs this corpus dates in
    # that year need not be the one meant ("signed the treaty last year" beside a summit of July).
    inside = [dated[k] for k in range(bisect_left(keys, bounds[0]), bisect_right(keys, bounds[1]))
              if _same_kind(items[dated[k]], item) and _same_city(items[dated[k]], item)] if len(period) == 7 else []
    if inside:
        links.join(i, inside[0])
        return
    # No dated event in that period: reports naming the same period (and, for a year, the same status) are one.
    key = (period, item.phone, item.status if len(period) == 4 else "")
    links.join(by_period.setdefault(key, i), i)


def _join_announcement(items: Sequence[Item], i: int, dated: list[int], keys: list[date],
                       planned: dict[str, list[int]], links: _Links) -> None:
    item = items[i]
    assert item.published is not None
    last = item.published + ANNOUNCEMENT_WINDOW
    for k in range(bisect_left(keys, item.published), len(keys)):
        if keys[k] > last:
            break
        other = items[dated[k]]
        # another article's report: the article itself already told its meetings apart
        if other.article != item.article and _same_kind(other, item) and _same_city(other, item):
            links.join(i, dated[k])
            return
    # no dated meeting followed: the coming event other pages place by month or year ("planned for this year")
    # the periods the window touches: its years and months (a handful, however long the block)
    months = {f"{y:04d}-{m:02d}" for y, m in _months(item.published, last)}
    nearby = [k for period in sorted(months | {m[:4] for m in months}) for k in planned.get(period, ())]
    dated_events = {links.find(k) for k in dated}  # a dated event would have been found above, or not be this one
    coming = {links.find(k) for k in nearby if items[k].article != item.article and _same_kind(items[k], item)
              } - dated_events
    if len(coming) == 1:
        links.join(i, coming.pop())


def _months(first: date, last: date) -> list[tuple[int, int]]:
    """(year, month) of every month from ``first`` to ``last``."""
    out, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append((year, month))
        year, month = year + month // 12, month % 12 + 1
    return out


def _join_undated(items: Sequence[Item], i: int, dated: list[int], keys: list[date], links: _Links) -> None:
    item = items[i]
    fitting = []
    if item.published is not None:
        begin = bisect_left(keys, item.published - RECENT_DAYS)
        candidates = dated[begin:bisect_right(keys, item.published)]
    else:
        candidates = dated
    fitting = [k for k in candidates if items[k].status == "held" and items[k].article != item.article
               and _same_kind(items[k], item) and _same_city(items[k], item)]
    events = {links.find(k) for k in fitting}
    if len(events) == 1:  # two events of these people in the window (or ever, undated): which one is not said
        links.join(i, fitting[-1])
