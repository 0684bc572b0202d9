"""Corpus → CSV, Excel or Parquet files (the export contract of DESIGN.md), and any table → download bytes.

CSV and Excel cells hold text: lists joined with "; ", dates as YYYY-MM-DD. Parquet keeps lists and dates typed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
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


FORMATS = ("csv", "xlsx", "parquet")


def write_export(corpus: Corpus, out: Path, fmt: str = "csv") -> list[Path]:
    """Writes every export table to ``out`` as ``<table>.<fmt>`` and returns the paths written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, columns in EXPORT_TABLES.items():
        frame = getattr(corpus, name)
        path = out / f"{name}.{fmt}"
        if fmt == "csv":
            to_csv_frame(frame, columns).to_csv(path, index=False, lineterminator="\n")
        elif fmt == "xlsx":
            path.write_bytes(to_xlsx_bytes(frame, columns, sheet=name))
        else:
            to_parquet_frame(frame, columns).to_parquet(path, index=False)
        written.append(path)
    return written


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


# ---- Excel and Parquet ----------------------------------------------------------------------------------------

# Excel holds at most this many characters in a cell: a longer one (an article's body) is cut, and says so.
XLSX_MAX_CELL = 32_767
# Control characters XML 1.0 cannot carry: openpyxl refuses a cell holding one, so they are dropped.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TRUNCATED = "… [cut: {n:,} characters in all; the CSV or Parquet export has the whole text]"


def to_sheet_frame(frame: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """A copy of ``frame`` that Excel can hold: lists joined, dates as YYYY-MM-DD, long or illegal text made safe."""
    out = to_csv_frame(frame, columns)
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(_sheet_text)
    return out


def _sheet_text(value: object) -> object:
    if not isinstance(value, str):
        return value
    value = XML_ILLEGAL.sub("", value)
    if len(value) > XLSX_MAX_CELL:
        note = TRUNCATED.format(n=len(value))
        value = value[:XLSX_MAX_CELL - len(note)] + note
    return value


def to_xlsx_bytes(frame: pd.DataFrame, columns: list[str] | None = None, sheet: str = "rows") -> bytes:
    """The rows of ``frame`` as an Excel workbook of one sheet (provenance columns kept, no cell a formula)."""
    return to_workbook_bytes({sheet: frame if columns is None else frame.reindex(columns=columns)})


def to_workbook_bytes(tables: Mapping[str, pd.DataFrame]) -> bytes:
    """One Excel workbook with a sheet per table (sheet names cut to Excel's 31 characters)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in tables.items():
            sheet = re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "rows"
            to_sheet_frame(frame).to_excel(writer, sheet_name=sheet, index=False)
            _text_not_formulas(writer.sheets[sheet])
    return buffer.getvalue()


def _text_not_formulas(worksheet: object) -> None:
    # openpyxl stores any text starting with "=" as a formula, which Excel would run (spreadsheet injection).
    # Typed as a string with Excel's quote prefix, the cell shows exactly the text and is never evaluated.
    for row in worksheet.iter_rows():  # type: ignore[attr-defined]
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
                cell.quotePrefix = True


def to_parquet_frame(frame: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """A copy of ``frame`` for Parquet: lists stay lists (of strings), dates stay dates, other cells as they are."""
    out = frame.copy() if columns is None else frame.reindex(columns=columns).copy()
    for column in out.columns:
        series = out[column]
        if series.dtype == object and series.map(_is_list).any():
            out[column] = series.map(_as_list)
        elif column in DATE_COLUMNS and not pd.api.types.is_datetime64_any_dtype(series):
            out[column] = _as_dates(series)
    return out


# Columns that hold a date (YYYY-MM-DD text in some tables): typed as dates in Parquet.
DATE_COLUMNS = {"published", "date", "end_date", "first_date", "last_date"}


def _as_dates(series: pd.Series) -> pd.Series:
    """The column as dates when every filled cell is YYYY-MM-DD; as it was otherwise, so nothing is lost."""
    text = series.astype("string").str.strip().replace("", pd.NA)
    dates = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    return dates if dates.notna().sum() == text.notna().sum() else series


def _is_list(value: object) -> bool:
    return isinstance(value, (list, tuple)) or (hasattr(value, "tolist") and not isinstance(value, str))


def _as_list(value: object) -> list[str]:
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return [str(value)]
