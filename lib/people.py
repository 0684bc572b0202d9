"""Officials in articles: articles → mentions (person, span) → officials table. (Stub: filled by the officials issue.)"""

from __future__ import annotations

import pandas as pd

from lib.records import OFFICIAL_COLUMNS, empty

MENTION_COLUMNS = ["article_id", "person", "country", "role", "listed", "start", "end", "surface"]


def extract_mentions(articles: pd.DataFrame) -> pd.DataFrame:
    """Every mention of an official in each article body, with character offsets into ``body``."""
    return empty(MENTION_COLUMNS)


def summarise_officials(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article and person (OFFICIAL_COLUMNS)."""
    return empty(OFFICIAL_COLUMNS)
