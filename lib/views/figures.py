"""Plotly figures of the dashboard: tables from lib/views*.py → go.Figure. They never call streamlit."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.records import LEVELS

LANG_COLOURS = {"ru": "#c0392b", "en": "#2471a3"}
# Held meetings are solid, planned ones hollow with a dashed outline: told apart at a glance even in greyscale.
STATUS_STYLE = {
    "held": {"color": "#1f6f8b", "symbol": "circle", "line": {"width": 1, "color": "#0b3c4d"}},
    "planned": {"color": "rgba(230,126,34,0.15)", "symbol": "circle-open-dot",
                "line": {"width": 2, "color": "#e67e22"}},
}
LEVEL_NAMES = {level: level.replace("_", " ").capitalize() for level in LEVELS}


def _layout(fig: go.Figure, height: int = 360) -> go.Figure:
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 30, "b": 10}, template="plotly_white",
                      legend={"orientation": "h", "y": 1.08, "x": 0})
    return fig


def _month_axis(fig: go.Figure, months: pd.Series) -> go.Figure:
    """Month ticks, and a few months of room either side so one month alone is not zoomed to milliseconds."""
    if len(months):
        low, high = pd.Timestamp(months.min()), pd.Timestamp(months.max())
        fig.update_xaxes(range=[low - pd.Timedelta(days=45), high + pd.Timedelta(days=45)])
    fig.update_xaxes(tickformat="%b %Y", title=None)
    return fig


# Below this many, plotly puts ticks at fractions (0.2, 0.4, ...) that "d" rounds to 0, 0, 1, 1: count axes
# then step by one. Above it plotly's own steps (2, 5, 10, ...) are whole numbers already.
COUNT_AXIS_UNIT_STEPS = 10


def _count_axis(fig: go.Figure, highest: float) -> go.Figure:
    """A y axis of counts: from zero, whole-number ticks only."""
    fig.update_yaxes(rangemode="tozero", tickformat="d",
                     dtick=1 if highest <= COUNT_AXIS_UNIT_STEPS else None, tick0=0)
    return fig


def articles_per_month_figure(per_month: pd.DataFrame) -> go.Figure:
    """Stacked bars: articles per month, one colour per language."""
    fig = go.Figure()
    for lang, group in per_month.groupby("lang", sort=True):
        fig.add_bar(x=group["month"], y=group["articles"], name=str(lang).upper(),
                    marker_color=LANG_COLOURS.get(str(lang), "#7f8c8d"),
                    hovertemplate="%{x|%B %Y}: %{y} articles<extra>" + str(lang).upper() + "</extra>")
    fig.update_layout(barmode="stack", yaxis_title="articles", xaxis_title=None)
    # Stacked: the tallest bar is a month's total over languages.
    _count_axis(fig, per_month.groupby("month")["articles"].sum().max() if len(per_month) else 0)
    fig.update_traces(xperiod="M1", xperiodalignment="middle")
    return _month_axis(_layout(fig, 300), per_month["month"])


def timeline_figure(frame: pd.DataFrame) -> go.Figure:
    """Meetings on a date × level plane; colour and symbol by status, size by the number of reports."""
    fig = go.Figure()
    for status, group in frame.groupby("status", sort=True, observed=True):
        style = STATUS_STYLE.get(str(status), STATUS_STYLE["held"])
        fig.add_scatter(
            x=group["date"], y=group["level"].astype(str).map(LEVEL_NAMES), mode="markers", name=str(status),
            customdata=group[["participants", "place", "sources", "reports", "meeting_id"]].to_numpy(),
            marker={"size": 12 + 6 * group["reports"].clip(upper=6), "color": style["color"],
                    "symbol": style["symbol"], "line": style["line"]},
            hovertemplate=("<b>%{x|%d %b %Y}</b> · " + str(status) + "<br>%{customdata[0]}"
                           "<br>Place: %{customdata[1]}"
                           "<br>Sources (%{customdata[3]}): %{customdata[2]}<extra></extra>"),
        )
    fig.update_yaxes(categoryorder="array", categoryarray=[LEVEL_NAMES[lv] for lv in reversed(LEVELS)],
                     title=None)
    fig.update_xaxes(title=None)
    return _layout(fig, 420)


def mentions_figure(per_month: pd.DataFrame, top: int = 8) -> go.Figure:
    """Lines: mentions per month of the most-mentioned officials."""
    leaders = per_month.groupby("person")["mentions"].sum().sort_values(ascending=False).head(top).index
    fig = go.Figure()
    for person in leaders:
        group = per_month[per_month["person"] == person]
        fig.add_scatter(x=group["month"], y=group["mentions"], mode="lines+markers", name=person,
                        hovertemplate="%{x|%B %Y}: %{y} mentions<extra>" + person + "</extra>")
    _layout(fig, 340)
    fig.update_layout(yaxis_title="mentions", legend={"orientation": "h", "y": -0.15, "x": 0})
    _count_axis(fig, per_month["mentions"].max() if len(per_month) else 0)
    return _month_axis(fig, per_month["month"])


def who_met_whom_figure(matrix: pd.DataFrame) -> go.Figure:
    """Heatmap of how many meetings each pair of officials shared."""
    fig = go.Figure(go.Heatmap(
        z=matrix.to_numpy(), x=list(matrix.columns), y=list(matrix.index), colorscale="Blues",
        hovertemplate="%{y} and %{x}: %{z} meetings<extra></extra>", showscale=False,
        text=matrix.where(matrix > 0, "").astype(str).to_numpy(), texttemplate="%{text}"))
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, max(300, 40 * len(matrix) + 120))
