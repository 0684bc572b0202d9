"""Every plotly figure of the dashboard: the tables of the page modules in lib/views → go.Figure (no streamlit)."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from lib.records import LEVELS
from lib.views.trade import TradeSummary, format_usd, target_steps, trade_points, trade_summary

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


# A meeting known only to its month or year is a bar over that period, never a dot on its first day; a year's bar
# is hatched so it reads as vaguer than a month's even when the two are the same length on screen.
PERIOD_STYLE = {"month": {"name": "month known (bar spans it)", "pattern": ""},
                "year": {"name": "year known (bar spans it)", "pattern": "/"}}
# The bars' outline by status: the markers' outline colours, so a bar and a marker of one status match.
STATUS_OUTLINE = {"held": "#0b3c4d", "planned": "#e67e22"}
_HOVER_FIELDS = ["participants", "place", "sources", "reports", "meeting_id", "basis", "when", "status"]
_HOVER = ("<br>%{customdata[0]}<br>Place: %{customdata[1]}<br>Sources (%{customdata[3]}): %{customdata[2]}"
          "<br>Date from: %{customdata[5]}<extra></extra>")


def _hover_data(group: pd.DataFrame) -> object:
    """The hover's fields; meeting_id stays at index 4, where a click on the chart reads it."""
    return group.assign(participants=group["participants"].map(", ".join),
                        sources=group["sources"].map(", ".join))[_HOVER_FIELDS].to_numpy()


def timeline_figure(frame: pd.DataFrame) -> go.Figure:
    """Meetings on a date × level plane. A meeting known to the day is a marker (colour and symbol by status, size
    by the number of reports); one known only to its month or year is a bar over that whole period."""
    fig = go.Figure()
    precision = frame["precision"] if "precision" in frame else pd.Series("day", index=frame.index)
    days = frame[~precision.isin(list(PERIOD_STYLE))]
    for status, group in days.groupby("status", sort=True, observed=True):
        style = STATUS_STYLE.get(str(status), STATUS_STYLE["held"])
        fig.add_scatter(
            x=group["date"], y=group["level"].astype(str).map(LEVEL_NAMES), mode="markers", name=str(status),
            customdata=_hover_data(group),
            marker={"size": 12 + 6 * group["reports"].clip(upper=6), "color": style["color"],
                    "symbol": style["symbol"], "line": style["line"]},
            hovertemplate="<b>%{x|%d %b %Y}</b> · " + str(status) + _HOVER,
        )
    for kind, period in PERIOD_STYLE.items():
        group = frame[precision == kind]
        if group.empty:
            continue
        # plotly draws a date bar as a base plus a length in milliseconds (as plotly.express's timeline does)
        length = (group["end"] + pd.Timedelta(days=1) - group["date"]).dt.total_seconds() * 1000
        statuses = group["status"].astype(str)
        fig.add_bar(
            base=group["date"], x=length, y=group["level"].astype(str).map(LEVEL_NAMES), orientation="h",
            name=period["name"], width=0.35, customdata=_hover_data(group),
            marker={"color": [STATUS_STYLE.get(s, STATUS_STYLE["held"])["color"] for s in statuses],
                    "line": {"color": [STATUS_OUTLINE.get(s, STATUS_OUTLINE["held"]) for s in statuses],
                             "width": 2},
                    "pattern": {"shape": period["pattern"]}, "opacity": 0.55},
            hovertemplate="<b>%{customdata[6]}</b> · %{customdata[7]} · " + kind + " only, no day reported" + _HOVER,
        )
    fig.update_layout(barmode="overlay")
    fig.update_yaxes(categoryorder="array", categoryarray=[LEVEL_NAMES[lv] for lv in reversed(LEVELS)],
                     title=None)
    fig.update_xaxes(title=None, type="date")
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


def _wrap(text: object, width: int = 80) -> str:
    return "<br>".join(textwrap.wrap(str(text), width)) if isinstance(text, str) else ""


def _date(value: object) -> str:
    return value.strftime("%Y-%m-%d") if isinstance(value, pd.Timestamp) and not pd.isna(value) else "date unknown"


def trade_figure(trade: pd.DataFrame, articles: pd.DataFrame) -> go.Figure:
    """Turnover over time: one series per period length, targets as steps, and the projection with its
    assumption written on the chart. Hover shows value, period, growth, outlet, date and quote."""
    points, steps = trade_points(trade, articles), target_steps(trade, articles)
    summary = trade_summary(trade, articles)
    fig = go.Figure()
    fig.update_layout(template="plotly_white", yaxis={"title": "US$ billion", "rangemode": "tozero"},
                      xaxis_title="end of reported period",
                      hovermode="closest", legend={"orientation": "h", "y": -0.2}, margin={"t": 60})
    if points.empty and steps.empty:
        fig.add_annotation(text="No trade figures in the selected articles", showarrow=False,
                           xref="paper", yref="paper", x=0.5, y=0.5)
        return fig
    symbols = {"full year": "circle", "period not stated": "diamond-open"}
    for series, group in points.groupby("series", sort=False):
        start = pd.to_datetime(group["period_start"], format="%Y-%m", errors="coerce")
        hover = [
            f"<b>{format_usd(r.value_usd)}</b>{' (approx.)' if r.approximate else ''}<br>period: {r.period_label}"
            f"<br>growth: {'n/a' if pd.isna(r.growth_pct) else f'{r.growth_pct:+g}%'}<br>{r.outlet}, "
            f"{_date(r.published)}<br><i>{_wrap(r.quote)}</i>"
            for r in group.itertuples()
        ]
        fig.add_trace(go.Scatter(
            x=group["x"], y=group["value_usd"] / 1e9, mode="markers", name=f"reported: {series}",
            marker={"size": 10, "symbol": symbols.get(str(series), "circle-open"), "line": {"width": 2}},
            hovertext=hover, hoverinfo="text", legendgroup=str(series),
        ))
        if series not in ("full year", "period not stated"):  # the span the partial figure covers
            xs: list[object] = []
            ys: list[object] = []
            for s, r in zip(start, group.itertuples(), strict=True):
                xs += [s, r.x, None]
                ys += [r.value_usd / 1e9, r.value_usd / 1e9, None]
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"width": 1, "dash": "dot"},
                                     legendgroup=str(series), showlegend=False, hoverinfo="skip"))
    _add_targets(fig, steps, points)
    _add_projection(fig, summary)
    return fig


def _add_targets(fig: go.Figure, steps: pd.DataFrame, points: pd.DataFrame) -> None:
    dated = steps[steps["first_stated"].notna()].reset_index(drop=True)
    if dated.empty:
        return
    horizon = max([pd.Timestamp.today().normalize()] + [x for x in points["x"] if not pd.isna(x)])
    for i, step in dated.iterrows():
        # A target holds until the next one is announced; the newest holds until its due year (or today).
        if i + 1 < len(dated):
            end = dated.loc[i + 1, "first_stated"]
        else:
            end = max(horizon, pd.Timestamp(int(step.due_year), 12, 31)) if not pd.isna(step.due_year) else horizon
        due = f", due {step.due_year}" if not pd.isna(step.due_year) else ""
        label = f"target {format_usd(step.value_usd)} (set {step.first_stated:%Y-%m}{due})"
        fig.add_trace(go.Scatter(
            x=[step.first_stated, end], y=[step.value_usd / 1e9] * 2, mode="lines",
            line={"shape": "hv", "dash": "dash"},
            name=label, hovertext=f"{label}<br>{step.outlet}<br><i>{_wrap(step.quote)}</i>", hoverinfo="text",
        ))
        if not pd.isna(step.due_year):
            fig.add_trace(go.Scatter(
                x=[pd.Timestamp(int(step.due_year), 12, 31)], y=[step.value_usd / 1e9], mode="markers",
                marker={"symbol": "star", "size": 12}, name=f"due {step.due_year}", hoverinfo="text",
                hovertext=f"{format_usd(step.value_usd)} due by {step.due_year}", showlegend=False,
            ))


def _add_projection(fig: go.Figure, summary: TradeSummary) -> None:
    if summary.latest_full_year is not None and summary.projected_year is not None and summary.current_target_usd:
        start = pd.Timestamp(summary.latest_full_year, 12, 31)
        end = pd.Timestamp(summary.projected_year, 12, 31)
        base = summary.latest_full_year_usd or 0.0
        fig.add_trace(go.Scatter(
            x=[start, end], y=[base / 1e9, summary.current_target_usd / 1e9], mode="lines",
            line={"dash": "dot", "width": 2}, name=f"projection: target reached in {summary.projected_year}",
            hovertext=summary.assumption, hoverinfo="text",
        ))
    fig.add_annotation(text=summary.assumption, xref="paper", yref="paper", x=0, y=1.08, showarrow=False,
                       xanchor="left", font={"size": 12})
