"""Table cells as every view reads them: list cells are lists of strings, meeting dates are timestamps.

``as_list`` adapts any other form a list cell arrives in (an array, a ";"-joined string) once, when the corpus is
prepared; inside the views a list cell is always a ``list[str]``, joined with "; " only at the CSV boundary.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeGuard

import pandas as pd


def as_list(value: object) -> list[str]:
    """A list cell as a new list of non-empty strings, whether it arrived as a list, an array or a ";"-joined string."""
    if _plain(value):
        return list(value)  # the usual cell, first: preparing looks at every cell of the corpus
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple, set, frozenset)):
        return [str(v) for v in value if v is not None and str(v) != ""]
    return [str(value)]


def _plain(value: object) -> TypeGuard[list[str]]:
    """Whether a cell is already what ``as_list`` makes of it: a list of non-empty strings."""
    return type(value) is list and set(map(type, value)) <= {str} and "" not in value


def list_column(column: pd.Series) -> pd.Series:
    """A list column with every cell a list of strings (cells that already are one are kept, not copied)."""
    # tolist: iterating pandas' Arrow strings value by value is ~10x slower.
    return pd.Series([v if _plain(v) else as_list(v) for v in column.tolist()], index=column.index, dtype=object)


def rows_where(frame: pd.DataFrame, column: str, test: Callable[[list[str]], bool]) -> pd.DataFrame:
    """The rows whose list cell ``column`` passes ``test`` (columns kept even when no row does)."""
    mask = [bool(test(v)) for v in frame[column]] if column in frame else []
    return frame.loc[pd.Series(mask, index=frame.index, dtype=bool)] if len(frame) else frame


def meeting_dates(meetings: pd.DataFrame) -> pd.Series:
    """The meetings' dates as timestamps (NaT where unknown)."""
    return pd.to_datetime(meetings.get("date", pd.Series(dtype=object)), errors="coerce")
