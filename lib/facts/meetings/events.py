"""Meeting reports of many articles (lib/meetings.REPORT_COLUMNS) → one row per event (MEETING_COLUMNS).

Reports are blocked by each pair of participants, so the work grows with the number of reports, never with
its square: inside a block, reports sorted by date are linked when their days overlap (±1 day, ranges
included); a report dated by month only ("in April") joins the meeting of the same people dated in that month;
an undated announcement is linked to the first dated report of the same people published on or after it.
A day written without a year ("второго-третьего марта" on an undated page) takes its year from another report
of the same people on that day, else from the only year in which all participants held posts.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections import Counter
from datetime import date, timedelta
from itertools import combinations

import pandas as pd

from lib.facts.officials.roster import covered_years, load_officials
from lib.records import MEETING_COLUMNS, empty

# An announcement without a day is the meeting of the same people reported held within this many days.
ANNOUNCEMENT_WINDOW = timedelta(days=90)


def _d(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _kinds(person: str, on: date | None) -> frozenset[str]:
    from lib.facts.meetings.participants import post_kinds

    return post_kinds(person, on)


def level(participants: list[str], on: date | None, titled: dict[str, str] | None = None) -> str:
    """heads_of_state | heads_of_government | foreign_ministers | parliament | ministers | other.

    Posts come from the officials table at the date; ``titled`` gives the post kind read from the article's
    title for people the table does not know ("Министр транспорта Казахстана Марат Карабаев").
    """
    titled = titled or {}
    kinds = [_kinds(p, on) or (frozenset({titled[p]}) if titled.get(p) else frozenset()) for p in participants]
    if not kinds or not all(kinds):
        return "other"
    for name, accepted in (("heads_of_state", {"president"}), ("heads_of_government", {"head_of_government"}),
                           ("foreign_ministers", {"foreign_minister"}), ("parliament", {"speaker"}),
                           ("ministers", {"deputy_head_of_government", "minister"})):
        if all(k & accepted for k in kinds):
            return name
    return "other"


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def years_in_office(participants: list[str], month: int, day: int) -> list[int]:
    """Years in which every participant held a post on that day of the year."""
    out = []
    for year in covered_years(load_officials()):
        when = _safe(year, month, day)
        if when and all(_kinds(p, when) for p in participants):
            out.append(year)
    return out


def _resolve_years(frame: pd.DataFrame) -> pd.DataFrame:
    """Give yearless days a year from another report of the same people, else from the posts they held."""
    missing = frame.index[frame["year_missing"].astype(bool) & frame["date"].isna()]
    if len(missing) == 0:
        return frame
    frame = frame.copy()
    dated: dict[frozenset[str], list[tuple[date, date]]] = {}
    # Only days whose year is written or is the publication day are evidence for another report's year.
    known = frame["date"].notna() & ~frame["date_inferred"].astype(bool)
    for row in frame.loc[known, ["participants", "date", "end_date"]].itertuples(index=False):
        start = _d(row.date)
        # known rows have a date, and reports write every date as an ISO string (meetings._row)
        assert start is not None
        dated.setdefault(frozenset(row.participants), []).append((start, _d(row.end_date) or start))
    for i in missing:
        row = frame.loc[i]
        month, day = int(row["month"]), int(row["day"])
        end_month = int(row["end_month"]) if pd.notna(row["end_month"]) else None
        end_day = int(row["end_day"]) if pd.notna(row["end_day"]) else None
        year = None
        for start, end in dated.get(frozenset(row["participants"]), []):
            candidate = _safe(start.year, month, day)
            if candidate and start - timedelta(days=1) <= candidate <= end + timedelta(days=1):
                year = start.year
                break
            last = _safe(start.year, end_month, end_day) if end_month and end_day else None
            if candidate and last and candidate <= start <= last:
                year = start.year
                break
        if year is None:
            years = years_in_office(list(row["participants"]), month, day)
            year = years[0] if len(years) == 1 else None
        if year is None:
            continue
        frame.at[i, "date"] = _safe(year, month, day).isoformat()  # type: ignore[union-attr]
        if end_month and end_day and _safe(year, end_month, end_day):
            frame.at[i, "end_date"] = _safe(year, end_month, end_day).isoformat()  # type: ignore[union-attr]
        frame.at[i, "date_inferred"] = True
    return frame


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


def _cluster(starts: list[date | None], ends: list[date | None], periods: list[str | None], status: list[str],
             published: list[date | None], participants: list[list[str]], articles: list[str]) -> list[int]:
    """A cluster label per report: reports of one event share it."""
    links = _Links(len(starts))
    blocks: dict[tuple[str, str], list[int]] = {}
    for i, people in enumerate(participants):
        for pair in combinations(sorted(set(people)), 2):
            blocks.setdefault(pair, []).append(i)
    day = timedelta(days=1)
    for members in blocks.values():
        if len(members) < 2:
            continue
        dated = sorted((i for i in members if starts[i]), key=lambda i: starts[i])  # type: ignore[arg-type,return-value]
        reach: date | None = None
        previous: int | None = None
        for i in dated:
            start, end = starts[i], ends[i] or starts[i]
            if previous is not None and reach is not None and start <= reach + day:  # type: ignore[operator]
                links.join(previous, i)
                reach = max(reach, end)  # type: ignore[type-var]
            else:
                reach = end
            previous = i
        # Undated reports find their dated ones by bisection: a scan of the block for each would grow with the
        # square of a block, and the block of two presidents grows with the archive.
        keys = [start for i in dated if (start := starts[i])]
        for i in members:
            if starts[i] is not None:
                continue
            period = periods[i]
            if period:  # "in April": the meeting of these people dated in that month, if there is one
                month = _first_in_month(dated, keys, period)
                if month is not None:
                    links.join(i, month)
                continue  # a meeting said to be in another month is not this one
            announced = published[i]
            if status[i] == "planned" and announced:
                # another article's report: the article itself already told its meetings apart
                last = announced + ANNOUNCEMENT_WINDOW
                for k in range(bisect_left(keys, announced), len(keys)):
                    if keys[k] > last:
                        break
                    if articles[dated[k]] != articles[i]:
                        links.join(i, dated[k])
                        break
    return [links.find(i) for i in range(len(starts))]


def _first_in_month(dated: list[int], keys: list[date], period: str) -> int | None:
    """The first of ``dated`` (sorted by their ``keys``) that falls in ``period`` (YYYY-MM), if any."""
    try:
        year, month = (int(part) for part in period.split("-"))
        k = bisect_left(keys, date(year, month, 1))
    except ValueError:
        return None  # not a month: no date is in it
    return dated[k] if k < len(keys) and keys[k].strftime("%Y-%m") == period else None


def _meeting_id(participants: list[str], start: date | None, anchor: str) -> str:
    key = "|".join(sorted(participants)) + "|" + (start.isoformat() if start else anchor)
    return "m-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def merge_reports(reports: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per event across all articles (MEETING_COLUMNS), sorted by date then id."""
    if reports is None or reports.empty:
        return empty(MEETING_COLUMNS)
    frame = _resolve_years(reports.reset_index(drop=True))
    file_of = dict(zip(articles["article_id"], articles["file"], strict=True)) if not articles.empty else {}
    starts = [_d(v) for v in frame["date"]]
    ends = [_d(v) for v in frame["end_date"]]
    periods: list[str | None] = (
        [v if isinstance(v, str) else None for v in frame["period"]] if "period" in frame else [None] * len(frame))
    labels = _cluster(starts, ends, periods, list(frame["status"]),
                      [_d(v) for v in frame["published"]], [list(p) for p in frame["participants"]],
                      list(frame["article_id"]))
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, []).append(i)
    # plain lists: per-cell DataFrame access (and to_dict) is 10-100× slower at 100,000 reports
    columns = {c: frame[c].tolist() for c in frame.columns}
    rows = [_event(columns, members, starts, ends, file_of) for members in groups.values()]
    out = pd.DataFrame(rows, columns=MEETING_COLUMNS)
    out["_sort"] = out["date"].fillna("9999")
    out = out.sort_values(["_sort", "meeting_id"], kind="stable").drop(columns="_sort").reset_index(drop=True)
    out = out.astype({c: "object" for c in MEETING_COLUMNS if c != "date_inferred"})
    for column in ("date", "end_date", "place"):  # missing values are None, never NaN, in the CSV and the views
        out[column] = pd.Series([v if isinstance(v, str) else None for v in out[column]], dtype="object",
                                index=out.index)
    return out


def _event(frame: dict[str, list], members: list[int], starts: list[date | None], ends: list[date | None],
           file_of: dict[str, str]) -> dict[str, object]:
    held = [i for i in members if frame["status"][i] == "held"]
    basis = [i for i in (held or members) if starts[i]] or [i for i in members if starts[i]]
    start = end = None
    inferred = False
    if basis:
        start = Counter(starts[i] for i in basis).most_common(1)[0][0]
        chosen = next(i for i in basis if starts[i] == start)
        end = max((e for i in basis if starts[i] == start and (e := ends[i])), default=None)
        inferred = bool(frame["date_inferred"][chosen])
    # People named by at least half the reports: one outlet's stray name does not change the meeting's level.
    named = Counter(p for i in members for p in set(frame["participants"][i]))
    participants = sorted(p for p, n in named.items() if 2 * n >= len(members))
    if len(participants) < 2:
        participants = sorted(p for p, _ in named.most_common(2))
    titled: dict[str, str] = {}
    for i in members if "kinds" in frame else ():
        kinds = frame["kinds"][i]
        if kinds is not None and not isinstance(kinds, float):
            for person, kind in zip(frame["participants"][i], kinds, strict=False):
                titled.setdefault(person, kind)
    kept = set(participants)
    clean = [i for i in members if set(frame["participants"][i]) <= kept] or members
    countries = sorted({c for i in clean for c in frame["countries"][i]})
    places = Counter(frame["place"][i] for i in (held or members) if isinstance(frame["place"][i], str))
    if not places:
        places = Counter(frame["place"][i] for i in members if isinstance(frame["place"][i], str))
    files = sorted({file_of.get(frame["article_id"][i], frame["article_id"][i]) for i in members})
    quoted = sorted(members, key=lambda i: frame["status"][i] != "held")  # a held report's words first
    evidence = list(dict.fromkeys(q for i in quoted for q in list(frame["evidence"][i])[:1]))
    anchor = f"{frame['article_id'][members[0]]}:{frame['position'][members[0]]}"
    on = start or next((d for d in (_d(frame["published"][i]) for i in members) if d), None)
    return {
        "meeting_id": _meeting_id(participants, start, anchor),
        "date": start.isoformat() if start else None,
        "end_date": end.isoformat() if end and start and end > start else None,
        "date_inferred": inferred,
        "status": "held" if held else "planned",
        "place": places.most_common(1)[0][0] if places else None,
        "level": level(participants, on, titled),
        "countries": countries,
        "participants": participants,
        "files": files,
        "evidence": evidence,
    }
