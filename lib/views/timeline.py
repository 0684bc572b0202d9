"""What the Timeline page shows: the filtered meetings → the meetings table, the timeline's points, one meeting.

Pure functions over DataFrames, no streamlit; the figure drawn from ``timeline_frame`` is in figures.py.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lib.records import DAY_PRECISION, LEVELS, MONTH_PRECISION, YEAR_PRECISION
from lib.views.cells import meeting_dates
from lib.views.metric import Metric

MEETING_TABLE_COLUMNS = ["date", "end_date", "date_precision", "date_basis", "status", "level", "participants",
                         "place", "countries", "files", "evidence", "meeting_id"]
OFF_CHART_COLUMNS = ["meeting_id", "status", "level", "participants", "reason", "files"]
# How a date of each precision is written: a month-precision meeting's date is the month's first day, and
# writing that day out would claim a day nobody reported.
DATE_FORMATS = {DAY_PRECISION: "%Y-%m-%d", MONTH_PRECISION: "%Y-%m", YEAR_PRECISION: "%Y"}
PERIOD_WORDS = {MONTH_PRECISION: "month only", YEAR_PRECISION: "year only"}
SOURCE_COLUMNS = ["published", "title", "outlet", "lang", "file", "url", "article_id"]


def date_precisions(meetings: pd.DataFrame) -> pd.Series:
    """Each meeting's date precision: day, month or year when it has a date (day when the column is missing,
    as in stores written before it existed), "" when it has none."""
    return _precisions(meetings, meeting_dates(meetings))


def period_ends(meetings: pd.DataFrame) -> pd.Series:
    """The last day each meeting may have taken place: its month's or year's end, else its end date or its day."""
    dates = meeting_dates(meetings)
    return _ends(meetings, dates, _precisions(meetings, dates))


def date_labels(meetings: pd.DataFrame, empty: str = "") -> pd.Series:
    """Dates written to their precision: "2024-06-03", "2024-06", "2024"; ``empty`` where there is none."""
    dates = meeting_dates(meetings)
    return _labels(dates, _precisions(meetings, dates), empty)


# The helpers take the parsed dates, so that a filter change parses and formats each column once.
def _precisions(meetings: pd.DataFrame, dates: pd.Series) -> pd.Series:
    given = meetings.get("date_precision", pd.Series(index=meetings.index, dtype=object)).astype(object)
    known = given.where(given.isin([MONTH_PRECISION, YEAR_PRECISION]), DAY_PRECISION)
    return known.where(dates.notna(), "").astype(object)


def _ends(meetings: pd.DataFrame, dates: pd.Series, precisions: pd.Series) -> pd.Series:
    # numpy throughout, its month and year units included: pandas' masks and MonthEnd/YearEnd offsets cost
    # several times as much on every filter change
    starts = dates.to_numpy(dtype="datetime64[ns]")
    ends = pd.to_datetime(meetings.get("end_date", pd.Series(index=meetings.index, dtype=object)),
                          errors="coerce").to_numpy(dtype="datetime64[ns]")
    ends = np.where(ends > starts, ends, starts)  # NaT compares False: a missing end is the start
    day = np.timedelta64(1, "D")
    kinds = precisions.to_numpy(dtype=object)
    ends = np.where(kinds == MONTH_PRECISION, (starts.astype("datetime64[M]") + 1).astype("datetime64[ns]") - day,
                    ends)
    ends = np.where(kinds == YEAR_PRECISION, (starts.astype("datetime64[Y]") + 1).astype("datetime64[ns]") - day,
                    ends)
    return pd.Series(ends, index=dates.index)


_LABEL_WIDTHS = {DAY_PRECISION: 10, MONTH_PRECISION: 7, YEAR_PRECISION: 4}


def _labels(dates: pd.Series, precisions: pd.Series, empty: str = "") -> pd.Series:
    # one strftime, then cut to the precision: strftime per precision cost three times as much
    iso = dates.dt.strftime("%Y-%m-%d").tolist()
    widths = [_LABEL_WIDTHS.get(p, 0) for p in precisions.tolist()]
    return pd.Series([d[:w] if w and isinstance(d, str) else empty for d, w in zip(iso, widths, strict=True)],
                     index=dates.index, dtype=object)


def meetings_table(meetings: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """Meetings newest first (undated last), dates written to their precision; provenance columns kept."""
    dates = meeting_dates(meetings)
    precisions = _precisions(meetings, dates)
    frame = meetings.assign(_date=dates, _label=_labels(dates, precisions), _precision=precisions)
    frame = frame.sort_values("_date", ascending=False, na_position="last", kind="stable")
    frame = frame.assign(date=frame["_label"], date_precision=frame["_precision"]).reindex(
        columns=MEETING_TABLE_COLUMNS)
    parsed = pd.to_datetime(frame["end_date"], errors="coerce")
    frame["end_date"] = parsed.dt.strftime("%Y-%m-%d").where(parsed.notna(), "")
    frame["date_basis"] = frame["date_basis"].where(frame["date_basis"].notna(), "").astype(object)
    frame = frame.reset_index(drop=True)
    return frame.head(limit) if limit else frame


def off_chart(meetings: pd.DataFrame) -> pd.DataFrame:
    """The meetings the Timeline cannot place (no day, month or year in any report), each with the reason."""
    frame = meetings[meeting_dates(meetings).isna()]
    files = frame.get("files", pd.Series(index=frame.index, dtype=object))
    basis = frame.get("date_basis", pd.Series(index=frame.index, dtype=object))
    status = frame.get("status", pd.Series(index=frame.index, dtype=object)).fillna("held")
    reasons = [
        b if isinstance(b, str) and b else
        f"{'planned; no date announced' if s == 'planned' else 'no day, month or year'} in "
        + (f"any of its {len(f)} reports" if isinstance(f, list) and len(f) > 1 else "its report")
        for b, s, f in zip(basis.tolist(), status.tolist(), files.tolist(), strict=True)
    ]
    return frame.assign(reason=pd.Series(reasons, index=frame.index, dtype=object)).reindex(
        columns=OFF_CHART_COLUMNS).reset_index(drop=True)


def timeline_frame(meetings: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per meeting with a date: its start and end (a month's or year's end for a meeting known to the month
    or year), precision, date label and basis, level, status, reports, participants, place and outlets."""
    # tolist: iterating pandas' Arrow strings value by value is ~10x slower.
    outlet_of = dict(zip(articles["file"].tolist(), articles.get("outlet", articles["source"]).tolist(), strict=True))
    files = meetings.get("files", pd.Series(dtype=object))
    dates = meeting_dates(meetings)
    precisions = _precisions(meetings, dates)
    frame = pd.DataFrame({
        "meeting_id": meetings.get("meeting_id", pd.Series(dtype=object)).astype(str),
        "date": dates,
        "end": _ends(meetings, dates, precisions),
        "precision": precisions,
        "when": _labels(dates, precisions),
        "basis": pd.Series([b if isinstance(b, str) and b else "—" for b in meetings.get(
            "date_basis", pd.Series(index=meetings.index, dtype=object)).tolist()], index=meetings.index, dtype=object),
        "level": meetings.get("level", pd.Series(dtype=object)).fillna("other"),
        "status": meetings.get("status", pd.Series(dtype=object)).fillna("held"),
        "reports": files.map(lambda f: max(len(f), 1)),
        "participants": meetings.get("participants", pd.Series(dtype=object)),
        "place": meetings.get("place", pd.Series(dtype=object)).map(lambda p: p if isinstance(p, str) and p else "—"),
        "sources": files.map(lambda fs: sorted({str(outlet_of.get(f) or f) for f in fs})),
    })
    frame = frame.dropna(subset=["date"])
    frame["level"] = pd.Categorical(frame["level"], categories=LEVELS, ordered=True)
    return frame.sort_values("date", kind="stable").reset_index(drop=True)


def meeting_label(row: pd.Series) -> str:
    """A one-line name for a meeting in a picker: date, level, participants."""
    day = date_labels(pd.DataFrame([row]), "undated").iloc[0]
    who = ", ".join(row.get("participants", [])) or "participants unknown"
    return f"{day} · {str(row.get('level') or 'other').replace('_', ' ')} · {row.get('status') or ''} · {who}"


def meeting_choices(meetings: pd.DataFrame) -> dict[str, str]:
    """meeting_id → label, newest first (the order of the meetings table)."""
    # Built column-wise: a filter change rebuilds the picker, and row by row it cost seconds at 10,000 articles.
    dates = meeting_dates(meetings)
    frame = meetings.assign(_date=dates, _day=_labels(dates, _precisions(meetings, dates), "undated"))
    frame = frame.sort_values("_date", ascending=False, na_position="last", kind="stable")
    levels = frame.get("level", pd.Series("other", index=frame.index)).fillna("other").astype(str)
    statuses = frame.get("status", pd.Series("", index=frame.index)).fillna("").astype(str)
    people = frame.get("participants", pd.Series([[]] * len(frame), index=frame.index, dtype=object)).map(
        lambda p: ", ".join(p) or "participants unknown")
    labels = (frame["_day"] + " · " + levels.str.replace("_", " ") + " · " + statuses + " · " + people)
    return dict(zip(frame["meeting_id"].astype(str).tolist(), labels.tolist(), strict=True))


def meeting_row(meetings: pd.DataFrame, meeting_id: str) -> pd.Series:
    return meetings[meetings["meeting_id"].astype(str) == str(meeting_id)].iloc[0]


def meeting_when(meeting: pd.Series) -> str:
    """"2021-03-02 – 2021-03-03", with "(year inferred)" when the text did not state it; "2024-06 (month only)"
    for a meeting known to the month."""
    start = pd.to_datetime(meeting.get("date"), errors="coerce")
    end = pd.to_datetime(meeting.get("end_date"), errors="coerce")
    if pd.isna(start):
        return "unknown"
    precision = meeting.get("date_precision")
    if precision in PERIOD_WORDS:
        return f"{start.strftime(DATE_FORMATS[precision])} ({PERIOD_WORDS[precision]})"
    text = start.strftime("%Y-%m-%d") + (f" – {end.strftime('%Y-%m-%d')}" if pd.notna(end) and end != start else "")
    # The pipeline's column is numpy's bool, which is no Python bool or int.
    inferred = meeting.get("date_inferred")
    return text + (" (year inferred)" if isinstance(inferred, (bool, int, np.bool_)) and bool(inferred) else "")


def meeting_metrics(meeting: pd.Series) -> list[Metric]:
    """The cards above a meeting's details: date, status, level, place."""
    return [Metric("Date", meeting_when(meeting)), Metric("Status", str(meeting.get("status") or "—")),
            Metric("Level", str(meeting.get("level") or "other").replace("_", " ").capitalize()),
            Metric("Place", str(meeting.get("place") or "—"))]


def meeting_sources(meeting: pd.Series, articles: pd.DataFrame) -> pd.DataFrame:
    """Every article reporting the meeting, oldest first."""
    frame = articles[articles["file"].isin(meeting.get("files", []))]
    return frame.sort_values("published", na_position="last").reindex(columns=SOURCE_COLUMNS).reset_index(drop=True)


def meeting_evidence(meeting: pd.Series) -> list[str]:
    """The evidence quotes of a meeting (one per report when the merger keeps several)."""
    return list(meeting.get("evidence", []))


def meeting_date_basis(meeting: pd.Series) -> str:
    """Where a meeting's date came from, in words ("—" when nobody recorded it)."""
    basis = meeting.get("date_basis")
    return basis if isinstance(basis, str) and basis else "—"
