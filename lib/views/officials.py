"""What the Officials page shows: officials and meetings of the filtered corpus → who's who, mentions, who met whom.

Pure functions over DataFrames, no streamlit; the figures drawn from these tables are in figures.py.
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd

WHO_COLUMNS = ["person", "country", "role", "first_seen", "last_seen", "articles", "mentions", "listed"]


def _with_dates(officials: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    published = articles.set_index("article_id")["published"] if not articles.empty else pd.Series(dtype=object)
    out = officials.copy()
    out["published"] = pd.to_datetime(out["article_id"].map(published), errors="coerce")
    out["mentions"] = pd.to_numeric(out["mentions"], errors="coerce").fillna(1).astype(int)
    return out


def whos_who(officials: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per person and post: the dates the articles show them in it, how many articles and mentions."""
    if officials.empty:
        return pd.DataFrame(columns=WHO_COLUMNS)
    frame = _with_dates(officials, articles)
    frame["role"] = frame["role"].fillna("").astype(str)
    frame["country"] = frame["country"].fillna("").astype(str)
    grouped = frame.groupby(["person", "country", "role"], dropna=False).agg(
        first_seen=("published", "min"), last_seen=("published", "max"), articles=("article_id", "nunique"),
        mentions=("mentions", "sum"), listed=("listed", "max")).reset_index()
    grouped = grouped.sort_values(["articles", "person", "first_seen"], ascending=[False, True, True])
    return grouped.reindex(columns=WHO_COLUMNS).reset_index(drop=True)


def mentions_per_month(officials: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """month, person, mentions: how often each official is named over time (dated articles only)."""
    columns = {"month": pd.Series(dtype="datetime64[ns]"), "person": pd.Series(dtype=object),
               "mentions": pd.Series(dtype="int64")}
    if officials.empty:
        return pd.DataFrame(columns)
    frame = _with_dates(officials, articles).dropna(subset=["published"])
    if frame.empty:
        return pd.DataFrame(columns)
    frame["month"] = frame["published"].dt.to_period("M").dt.to_timestamp()
    out = frame.groupby(["month", "person"])["mentions"].sum().reset_index()
    return out.sort_values(["month", "person"]).reset_index(drop=True)


def who_met_whom(meetings: pd.DataFrame) -> pd.DataFrame:
    """A symmetric person × person table counting the meetings both took part in (people who met anyone)."""
    counts: dict[tuple[str, str], int] = {}
    for participants in meetings.get("participants", []):
        for a, b in combinations(sorted(set(participants)), 2):
            counts[(a, b)] = counts.get((a, b), 0) + 1
    people = sorted({p for pair in counts for p in pair})
    matrix = pd.DataFrame(0, index=people, columns=people, dtype="int64")
    for (a, b), n in counts.items():
        matrix.loc[a, b] = n
        matrix.loc[b, a] = n
    return matrix
