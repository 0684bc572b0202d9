"""Corpus → CSV files (the export contract of DESIGN.md): lists joined with "; ", dates as YYYY-MM-DD."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lib.records import ARTICLE_COLUMNS, ERROR_COLUMNS, MEETING_COLUMNS, OFFICIAL_COLUMNS, TRADE_COLUMNS

EXPORT_TABLES = {
    "articles": ARTICLE_COLUMNS,
    "officials": OFFICIAL_COLUMNS,
    "meetings": MEETING_COLUMNS,
    "trade": TRADE_COLUMNS,
    "errors": ERROR_COLUMNS,
}


def to_csv_frame(frame: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """A copy of ``frame`` with lists joined by "; " and dates as YYYY-MM-DD, ready for CSV."""
    out = frame.copy() if columns is None else frame.reindex(columns=columns).copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_datetime64_any_dtype(series):
            out[column] = series.dt.strftime("%Y-%m-%d").where(series.notna(), "")
        elif series.dtype == object:
            out[column] = series.map(_cell)
    return out


def _cell(value: object) -> object:
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist") and not isinstance(value, str):
        items = value.tolist() if hasattr(value, "tolist") else value
        return "; ".join(str(v) for v in items)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()
    return value


def write_export(corpus: object, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, columns in EXPORT_TABLES.items():
        frame = getattr(corpus, name)
        to_csv_frame(frame, columns).to_csv(out / f"{name}.csv", index=False, lineterminator="\n")
