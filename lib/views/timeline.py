"""What the Timeline page shows: the filtered meetings → the meetings table, the timeline's points, one meeting.

Pure functions over DataFrames, no streamlit; the figure drawn from ``timeline_frame`` is in figures.py.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lib.records import LEVELS
from lib.views.cells import meeting_dates
from lib.views.metric import Metric

MEETING_TABLE_COLUMNS = ["date", "end_date", "status", "level", "participants", "place", "countries", "files",
                         "evidence", "meeting_id"]
SOURCE_COLUMNS = ["published", "title", "outlet", "lang", "file", "url", "article_id"]


def meetings_table(meetings: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """Meetings newest first (undated last), dates as YYYY-MM-DD; provenance columns kept."""
    frame = meetings.assign(_date=meeting_dates(meetings))
    frame = frame.sort_values("_date", ascending=False, na_position="last", kind="stable").drop(columns="_date")
    frame = frame.reindex(columns=MEETING_TABLE_COLUMNS)
    for column in ("date", "end_date"):
        parsed = pd.to_datetime(frame[column], errors="coerce")
        frame[column] = parsed.dt.strftime("%Y-%m-%d").where(parsed.notna(), "")
    frame = frame.reset_index(drop=True)
    return frame.head(limit) if limit else frame


def timeline_frame(meetings: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per dated meeting: date, level, status, reports, participants, place and the reporting outlets."""
    # tolist: iterating pandas' Arrow strings value by value is ~10x slower.
    outlet_of = dict(zip(articles["file"].tolist(), articles.get("outlet", articles["source"]).tolist(), strict=True))
    files = meetings.get("files", pd.Series(dtype=object))
    frame = pd.DataFrame({
        "meeting_id": meetings.get("meeting_id", pd.Series(dtype=object)).astype(str),
        "date": meeting_dates(meetings),
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
    when = pd.to_datetime(row.get("date"), errors="coerce")
    day = when.strftime("%Y-%m-%d") if pd.notna(when) else "undated"
    who = ", ".join(row.get("participants", [])) or "participants unknown"
    return f"{day} · {str(row.get('level') or 'other').replace('_', ' ')} · {row.get('status') or ''} · {who}"


def meeting_choices(meetings: pd.DataFrame) -> dict[str, str]:
    """meeting_id → label, newest first (the order of the meetings table)."""
    # Built column-wise: a filter change rebuilds the picker, and row by row it cost seconds at 10,000 articles.
    dates = meeting_dates(meetings)
    frame = meetings.assign(_date=dates, _day=dates.dt.strftime("%Y-%m-%d").fillna("undated"))
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
    """"2021-03-02 – 2021-03-03", with "(year inferred)" when the text did not state it."""
    start = pd.to_datetime(meeting.get("date"), errors="coerce")
    end = pd.to_datetime(meeting.get("end_date"), errors="coerce")
    if pd.isna(start):
        return "unknown"
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
