"""Passages: articles → paragraph-sized spans with offsets into the body. (Stub: filled by the search issue.)"""

from __future__ import annotations

import pandas as pd

from lib.records import PASSAGE_COLUMNS, empty


def make_passages(articles: pd.DataFrame) -> pd.DataFrame:
    return empty(PASSAGE_COLUMNS)
