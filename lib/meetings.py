"""Meetings: articles + official mentions → meeting reports per article → events merged across articles.
(Stub: filled by the meetings issue.)"""

from __future__ import annotations

import pandas as pd

from lib.records import MEETING_COLUMNS, empty

REPORT_COLUMNS = ["article_id", "date", "end_date", "status", "place", "participants", "evidence"]


def extract_reports(articles: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Each article's meeting reports (one row per meeting the article describes)."""
    return empty(REPORT_COLUMNS)


def merge_meetings(reports: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per event across all articles (MEETING_COLUMNS)."""
    return empty(MEETING_COLUMNS)
