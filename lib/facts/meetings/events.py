"""Meeting reports of many articles (reports.REPORT_COLUMNS) → one row per event (MEETING_COLUMNS).

Which reports are one event is joining.py's answer; where the event sits in time (day, month or year) is
placing.py's. A day written without a year ("второго-третьего марта" on an undated page) takes its year from
another report of the same people on that day, else from the only year in which all participants held posts.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date, timedelta

import pandas as pd

from lib.facts.meetings import joining, placing
from lib.facts.officials.roster import covered_years, load_officials
from lib.records import MEETING_COLUMNS, empty


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


def _meeting_id(participants: list[str], start: date | None, anchor: str) -> str:
    key = "|".join(sorted(participants)) + "|" + (start.isoformat() if start else anchor)
    return "m-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def merge_reports(reports: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per event across all articles (MEETING_COLUMNS), sorted by date then id."""
    if reports is None or reports.empty:
        return empty(MEETING_COLUMNS)
    frame = placing.years_from_article(placing.years_from_periods(_resolve_years(reports.reset_index(drop=True))))
    for column in ("session", "date_source", "own_place"):  # reports stored before these columns existed
        if column not in frame:
            frame[column] = None
    file_of = dict(zip(articles["article_id"], articles["file"], strict=True)) if not articles.empty else {}
    starts = [_d(v) for v in frame["date"]]
    ends = [_d(v) for v in frame["end_date"]]
    periods: list[str | None] = (
        [v if isinstance(v, str) else None for v in frame["period"]] if "period" in frame else [None] * len(frame))
    labels = joining.cluster([
        joining.Item(start, end, period, status, _d(published), tuple(people), article, kind == "phone",
                     place if isinstance(place, str) else None, session if isinstance(session, str) else None)
        for start, end, period, status, published, people, article, kind, place, session in zip(
            starts, ends, periods, frame["status"], frame["published"], frame["participants"], frame["article_id"],
            frame["kind"], frame["place"], frame["session"], strict=True)])
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
    # missing values are None, never NaN, in the CSV and the views
    for column in ("date", "end_date", "place", "date_precision", "date_basis"):
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
    placed = None if start else placing.period_placing(frame, members)
    date_basis = (placing.day_basis(frame["date_source"][chosen], inferred, frame["session"][chosen]) if start
             else placed[2] if placed else None)
    return {
        "meeting_id": _meeting_id(participants, start, anchor),
        "date": start.isoformat() if start else placed[0].isoformat() if placed else None,
        "end_date": end.isoformat() if end and start and end > start else None,
        "date_precision": placing.precision_of(start, placed),
        "date_basis": date_basis,
        "date_inferred": inferred,
        "status": "held" if held else "planned",
        "place": places.most_common(1)[0][0] if places else None,
        "level": level(participants, on, titled),
        "countries": countries,
        "participants": participants,
        "files": files,
        "evidence": evidence,
    }
