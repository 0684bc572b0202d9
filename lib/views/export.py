"""Corpus → CSV files (the export contract of DESIGN.md): lists joined with "; ", dates as YYYY-MM-DD."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lib.records import (
    AGREEMENT_COLUMNS,
    AGREEMENT_REPORT_COLUMNS,
    ARTICLE_COLUMNS,
    ERROR_COLUMNS,
    MEETING_COLUMNS,
    OFFICIAL_COLUMNS,
    TRADE_COLUMNS,
    Corpus,
)

# Columns added after a table's contract was first published go at its end, so readers by position keep working.
EXPORT_TABLES = {
    "articles": [*ARTICLE_COLUMNS, "topics"],
    "officials": OFFICIAL_COLUMNS,
    "meetings": [*MEETING_COLUMNS, "topics"],
    "trade": TRADE_COLUMNS,
    "errors": ERROR_COLUMNS,
    "agreements": AGREEMENT_COLUMNS,
    "agreement_reports": [c for c in AGREEMENT_REPORT_COLUMNS if c != "article_id"],
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
    # tolist first, as a list or tuple subclass that has one was joined through it.
    if hasattr(value, "tolist") and not isinstance(value, str):
        return "; ".join(str(v) for v in value.tolist())
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()
    return value


def write_export(corpus: Corpus, out: Path) -> None:
    """Writes OUT/articles.csv, officials.csv, meetings.csv, trade.csv and errors.csv (creating ``out``)."""
    out.mkdir(parents=True, exist_ok=True)
    for name, columns in EXPORT_TABLES.items():
        frame = getattr(corpus, name)
        to_csv_frame(frame, columns).to_csv(out / f"{name}.csv", index=False, lineterminator="\n")


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy where text cells that a spreadsheet would run as a formula are prefixed with a quote."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v)
    return out


def to_csv_bytes(frame: pd.DataFrame, columns: list[str] | None = None) -> bytes:
    """The rows of ``frame`` as UTF-8 CSV (with BOM so spreadsheets detect it), safe to open in a spreadsheet."""
    # "\r\n" rows (RFC 4180): the csv module then quotes a cell holding a bare "\r", which would otherwise end
    # the row in a spreadsheet and start the next one with the rest of the cell, unescaped ("x\r=HYPERLINK(…)").
    text = spreadsheet_safe(to_csv_frame(frame, columns)).to_csv(index=False, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")
