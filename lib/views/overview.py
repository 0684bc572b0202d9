"""What the Overview page shows: the filtered corpus → headline counts, articles per month, unreadable files.

Pure functions over DataFrames, no streamlit; the chart of ``articles_per_month`` is in figures.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.records import Corpus
from lib.views.filters import UNKNOWN_SOURCE
from lib.views.metric import Metric


@dataclass(frozen=True, slots=True)
class Counts:
    articles: int
    meetings: int
    officials: int
    sources: int


def overview_counts(view: Corpus) -> Counts:
    outlets = view.articles["outlet"] if "outlet" in view.articles else view.articles["source"]
    return Counts(
        articles=len(view.articles),
        meetings=len(view.meetings),
        officials=view.officials["person"].nunique(),
        sources=outlets[outlets != UNKNOWN_SOURCE].nunique(),
    )


def count_metrics(counts: Counts) -> list[Metric]:
    return [Metric("Articles", f"{counts.articles:,}"), Metric("Meetings", f"{counts.meetings:,}"),
            Metric("Officials", f"{counts.officials:,}"), Metric("Outlets", f"{counts.sources:,}")]


def articles_per_month(articles: pd.DataFrame) -> pd.DataFrame:
    """month (first day), lang, articles: how coverage moves over time in each language (dated articles)."""
    dated = articles.dropna(subset=["published"])
    if dated.empty:
        return pd.DataFrame({"month": pd.Series(dtype="datetime64[ns]"), "lang": pd.Series(dtype=object),
                             "articles": pd.Series(dtype="int64")})
    month = dated["published"].dt.to_period("M").dt.to_timestamp()
    out = dated.assign(month=month).groupby(["month", "lang"]).size().rename("articles").reset_index()
    return out.sort_values(["month", "lang"]).reset_index(drop=True)


def error_table(errors: pd.DataFrame) -> pd.DataFrame:
    return errors.reindex(columns=["file", "error"]).reset_index(drop=True)
