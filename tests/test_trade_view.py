"""The Trade page's pure functions on a small hand-made corpus (numbers worked out by hand) and on empty input."""

import math

import pandas as pd
import plotly.graph_objects as go
import pytest

from lib.records import TRADE_COLUMNS, articles_frame, empty
from lib.views.figures import trade_figure
from lib.views.trade import period_label, target_steps, trade_points, trade_summary, trade_table


def _articles() -> pd.DataFrame:
    rows = [("a1", "Outlet A", "2022-04-29"), ("a2", "Outlet B", "2024-02-01"), ("a3", "Outlet C", "2024-03-01"),
            ("a4", "Outlet D", "2024-05-01"), ("a5", None, None)]
    frame = pd.DataFrame([{"article_id": a, "file": f"{a}.txt", "title": "", "source": s, "url": None, "lang": "en",
                           "published": pd.Timestamp(p) if p else pd.NaT, "body": "", "n_chars": 0}
                          for a, s, p in rows])
    frame["published"] = frame["published"].astype("datetime64[ns]")
    return frame


def _row(article, kind, value, start=None, end=None, growth=None, year=None, quote="q"):
    return {"article_id": article, "file": f"{article}.txt", "kind": kind, "value_usd": value, "approximate": False,
            "period_start": start, "period_end": end, "growth_pct": growth, "target_year": year, "quote": quote}


def _trade() -> pd.DataFrame:
    return pd.DataFrame([
        _row("a1", "actual", 1.0e9, "2021-01", "2021-12", 35.0, quote="Trade reached $1 billion last year."),
        _row("a1", "target", 1.5e9),
        _row("a2", "actual", 1.1e9, "2023-01", "2023-11", 12.0),
        _row("a3", "actual", 1.2e9, "2023-01", "2023-12"),
        _row("a4", "actual", 1.22e9, "2023-01", "2023-12"),
        _row("a4", "target", 2.0e9, year=2030),
        _row("a5", "target", 5.0e9),
    ], columns=TRADE_COLUMNS)


def test_points_keep_every_report_and_spread_conflicts():
    points = trade_points(_trade(), _articles())
    assert list(points["value_usd"]) == [1.0e9, 1.1e9, 1.2e9, 1.22e9]
    assert list(points["series"]) == ["full year", "11 months", "full year", "full year"]
    assert list(points["period_label"]) == ["2021", "Jan–Nov 2023", "2023", "2023"]
    assert list(points["outlet"]) == ["Outlet A", "Outlet B", "Outlet C", "Outlet D"]
    both_2023 = points[points["period_label"] == "2023"]
    assert both_2023["x"].nunique() == 2  # side by side, not on top of each other and not averaged


def test_target_steps_in_order_of_first_statement():
    steps = target_steps(_trade(), _articles())
    assert list(steps["value_usd"]) == [1.5e9, 2.0e9, 5.0e9]
    assert list(steps["first_stated"].dt.strftime("%Y-%m-%d").fillna("")) == ["2022-04-29", "2024-05-01", ""]
    assert steps.loc[1, "due_year"] == 2030
    assert pd.isna(steps.loc[0, "due_year"])


def test_summary_numbers():
    s = trade_summary(_trade(), _articles())
    assert s.latest_full_year == 2023
    assert s.latest_full_year_usd == pytest.approx(1.21e9)  # median of 1.20 and 1.22 for the projection base
    assert s.latest_full_year_values == (1.2e9, 1.22e9)  # both reports are kept
    assert (s.latest_partial_label, s.latest_partial_usd) == ("Jan–Nov 2023", 1.1e9)
    assert (s.current_target_usd, s.current_target_due) == (2.0e9, 2030)  # the latest dated target
    assert s.gap_usd == pytest.approx(0.79e9)
    assert s.gap_pct == pytest.approx(0.79 / 1.21 * 100)
    assert s.growth_pct == pytest.approx(10.0)  # 1.0 → 1.21 over two years
    assert s.projected_year == 2029  # 1.21 × 1.1^5 = 1.95 < 2 ≤ 1.21 × 1.1^6 = 2.14
    assert "10.0% a year" in s.assumption and "2023" in s.assumption


def test_filters_apply_through_the_articles_passed_in():
    articles = _articles()
    s = trade_summary(_trade(), articles[articles["article_id"].isin(["a1", "a3"])])
    assert s.current_target_usd == 1.5e9
    assert s.latest_full_year_values == (1.2e9,)
    assert s.growth_pct == pytest.approx((math.sqrt(1.2) - 1) * 100)


def test_summary_with_one_year_uses_the_stated_growth_and_reached_targets():
    trade = pd.DataFrame([_row("a1", "actual", 1.0e9, "2021-01", "2021-12", 25.0), _row("a1", "target", 1.5e9)],
                         columns=TRADE_COLUMNS)
    s = trade_summary(trade, _articles())
    assert s.growth_pct == 25.0 and s.projected_year == 2023  # 1.25 < 1.5 ≤ 1.5625
    reached = pd.DataFrame([_row("a1", "actual", 2.0e9, "2021-01", "2021-12"), _row("a1", "target", 1.5e9)],
                           columns=TRADE_COLUMNS)
    s = trade_summary(reached, _articles())
    assert s.projected_year == 2021 and "reached" in s.assumption


def test_figure_has_series_steps_projection_and_hover():
    fig = trade_figure(_trade(), _articles())
    names = [t.name for t in fig.data if t.name]
    assert "reported: full year" in names and "reported: 11 months" in names
    assert any(n.startswith("target $2 billion (set 2024-05, due 2030)") for n in names)
    assert any(n == "projection: target reached in 2029" for n in names)
    newest = next(t for t in fig.data if t.name and t.name.startswith("target $2 billion"))
    assert pd.Timestamp(newest.x[-1]) >= pd.Timestamp("2030-12-31")  # the newest target runs to its due year
    older = next(t for t in fig.data if t.name and t.name.startswith("target $1.5 billion"))
    assert pd.Timestamp(older.x[-1]) == pd.Timestamp("2024-05-01")  # until the next target was announced
    full = next(t for t in fig.data if t.name == "reported: full year")
    assert "Outlet A" in full.hovertext[0] and "2022-04-29" in full.hovertext[0]
    assert "Trade reached $1 billion last year." in full.hovertext[0] and "+35%" in full.hovertext[0]
    assert any("Assumes turnover grows" in a.text for a in fig.layout.annotations)


@pytest.mark.parametrize("trade, articles", [
    (empty(TRADE_COLUMNS), articles_frame([])),
    (_trade(), articles_frame([])),
    (empty(TRADE_COLUMNS), _articles()),
])
def test_everything_works_on_empty_input(trade, articles):
    assert isinstance(trade_figure(trade, articles), go.Figure)
    assert trade_points(trade, articles).empty and target_steps(trade, articles).empty
    assert trade_table(trade, articles).empty
    assert trade_summary(trade, articles).projected_year is None


def test_table_rows_and_labels():
    table = trade_table(_trade(), _articles())
    assert list(table["kind"]) == ["actual"] * 4 + ["target"] * 3
    assert table.iloc[0]["value"] == "$1 billion" and table.iloc[1]["period"] == "Jan–Nov 2023"


@pytest.mark.parametrize("start, end, label", [
    ("2023-01", "2023-11", "Jan–Nov 2023"), ("2023-01", "2023-12", "2023"), ("2023-03", "2023-03", "Mar 2023"),
    ("2022-07", "2023-06", "Jul 2022–Jun 2023"), (None, None, "period not stated"),
])
def test_period_label(start, end, label):
    assert period_label(start, end) == label
