"""Trade turnover: articles → figures and targets (TRADE_COLUMNS). (Stub: filled by the trade issue.)"""

from __future__ import annotations

import pandas as pd

from lib.records import TRADE_COLUMNS, empty


def extract_trade(articles: pd.DataFrame) -> pd.DataFrame:
    return empty(TRADE_COLUMNS)
