"""Count axes show whole numbers: few articles a month read 0, 1, 2 — not 0, 0, 0, 1, 1, 1 (rounded fractions)."""

import numpy as np
import pandas as pd
import pytest

from lib.views import figures


def per_month(counts: list[int]) -> pd.DataFrame:
    months = pd.date_range("2024-01-01", periods=len(counts), freq="MS")
    return pd.DataFrame({"month": months, "lang": ["en"] * len(counts), "articles": counts})


def ticks(axis, highest: float) -> list[float]:
    """The tick values plotly draws for a linear axis from 0 to ``highest`` with the figure's dtick."""
    assert axis.tickformat == "d" and axis.rangemode == "tozero"
    if axis.dtick is None:
        return []
    return list(np.arange(axis.tick0 or 0, highest + axis.dtick, axis.dtick))


@pytest.mark.parametrize("counts", [[1], [1, 1, 1], [2, 1], [3, 0, 1], [10, 2]])
def test_small_counts_step_by_one(counts):
    axis = figures.articles_per_month_figure(per_month(counts)).layout.yaxis
    assert axis.dtick == 1
    assert ticks(axis, max(counts)) == list(range(0, max(counts) + 1))


def test_stacked_languages_count_the_months_total():
    frame = pd.concat([per_month([6, 1]), per_month([6, 0]).assign(lang="ru")])
    # 12 articles in the first month in all: plotly's own steps (whole numbers there) are kept.
    assert figures.articles_per_month_figure(frame).layout.yaxis.dtick is None
    assert figures.articles_per_month_figure(per_month([40, 3])).layout.yaxis.dtick is None


def test_mentions_axis_too():
    frame = pd.DataFrame({"month": pd.to_datetime(["2024-01-01", "2024-02-01"]), "person": ["A", "A"],
                          "mentions": [1, 2]})
    assert figures.mentions_figure(frame).layout.yaxis.dtick == 1
