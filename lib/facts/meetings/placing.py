"""Where an event sits in time: its reports (reports.REPORT_COLUMNS) → date, date_precision and date_basis.

An event with a day from any report is placed on that day (precision "day"); one whose reports give only a month
("in June", "в декабре прошлого года") or a year ("в 2026 году", "later this year", a session the table dates by
year) is placed on the period's first day with precision "month" or "year", so the Timeline can draw it as a span;
only an event with no evidence of its time keeps no date. ``date_basis`` says in words where the date came from.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pandas as pd

from lib.facts.meetings.event_dates import nearest_year
from lib.records import DAY_PRECISION, MONTH_PRECISION, YEAR_PRECISION

# Why a report's day is what it is (reports.py's date_source).
DAY_BASIS = {
    "explicit": "day written in the report",
    "relative": "weekday or 'yesterday' read against the publication date",
    "published": "publication date of a report of that day",
    "inherited": "day told earlier in the same article",
    "session": "the session table (lib/data/sessions.csv)",
}


def day_basis(source: object, inferred: bool, session: object = None) -> str:
    """Why a day-precision event has its day."""
    if source == "session" and isinstance(session, str):
        return f"{session} in the session table"
    text = DAY_BASIS.get(source if isinstance(source, str) else "", "day written in the report")
    return f"{text}; year inferred (from another report or the posts held)" if inferred else text


def period_placing(frame: dict[str, list], members: list[int]) -> tuple[date, str, str] | None:
    """(first day, precision, basis) of an event whose reports give a month or a year but no day; None if none."""
    periods = Counter(p for i in members if isinstance(p := frame["period"][i], str) and p[:4].isdigit())
    if not periods:
        return None
    # the finest period said, then the one most reports say
    period = max(periods, key=lambda p: (len(p), periods[p]))
    precision = MONTH_PRECISION if len(period) == 7 else YEAR_PRECISION
    first = date(int(period[:4]), int(period[5:7]) if precision == MONTH_PRECISION else 1, 1)
    sessions = [frame["session"][i] for i in members if frame["period"][i] == period
                and frame["date_source"][i] == "session" and isinstance(frame["session"][i], str)]
    basis = f"{sessions[0]} in the session table ({precision} only)" if sessions else f"{precision} named in the report"
    return first, precision, basis


def years_from_periods(frame: pd.DataFrame) -> pd.DataFrame:
    """A day written without a year ("On December 31") takes the year of a month another report of the same
    people names ("в декабре прошлого года" → 2025-12), when only one year fits."""
    if "period" not in frame:
        return frame
    missing = frame.index[frame["year_missing"].astype(bool) & frame["date"].isna()]
    if len(missing) == 0:
        return frame
    months: dict[frozenset[str], set[str]] = {}
    for people, period in zip(frame["participants"], frame["period"], strict=True):
        if isinstance(period, str) and len(period) == 7:
            months.setdefault(frozenset(people), set()).add(period)
    frame = frame.copy()
    for i in missing:
        month, day = int(frame.at[i, "month"]), int(frame.at[i, "day"])
        years = {int(p[:4]) for p in months.get(frozenset(frame.at[i, "participants"]), ()) if int(p[5:]) == month}
        if len(years) != 1:
            continue
        try:
            when = date(years.pop(), month, day)
        except ValueError:
            continue
        frame.at[i, "date"] = when.isoformat()
        frame.at[i, "date_inferred"] = True
    return frame


def years_from_article(frame: pd.DataFrame) -> pd.DataFrame:
    """A day without a year on an undated page takes the year that puts it nearest to the day another report of the
    same page was dated (that page speaks of days close together: "10 января … на следующий день" beside a visit
    on 2–3 March that another outlet dates 2021)."""
    missing = frame.index[frame["year_missing"].astype(bool) & frame["date"].isna()]
    if len(missing) == 0:
        return frame
    frame = frame.copy()
    dated = frame.loc[frame["date"].notna(), ["article_id", "date"]]
    first_day = dated.groupby("article_id")["date"].min().to_dict()  # one pass, however many pages
    for i in missing:
        anchor_day = first_day.get(frame.at[i, "article_id"])
        if not isinstance(anchor_day, str):
            continue
        anchor = date.fromisoformat(anchor_day)
        month, day = int(frame.at[i, "month"]), int(frame.at[i, "day"])
        year = nearest_year(month, day, anchor)
        if year is None:
            continue
        frame.at[i, "date"] = date(year, month, day).isoformat()
        frame.at[i, "date_inferred"] = True
    return frame


def precision_of(start: date | None, placed: tuple[date, str, str] | None) -> str | None:
    """day | month | year, or None when the event has no date."""
    if start is not None:
        return DAY_PRECISION
    return placed[1] if placed else None
