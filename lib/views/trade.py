"""What the Trade page shows: trade rows + articles → reported points, target steps, the summary and its cards.

Every function takes the trade table (TRADE_COLUMNS) and the articles table (ARTICLE_COLUMNS) and keeps only
trade rows whose article is in ``articles``: pass the articles left after the sidebar filters (date range,
sources) and the page shows exactly those. ``articles.source`` names the outlet and ``articles.published``
dates the report. Every function copes with empty input. The chart drawn from these is in figures.py.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from lib.views.metric import Metric

MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
POINT_COLUMNS = ["article_id", "file", "value_usd", "approximate", "growth_pct", "period_start", "period_end",
                 "months", "period_label", "series", "x", "outlet", "published", "quote"]
STEP_COLUMNS = ["value_usd", "first_stated", "due_year", "reports", "files", "outlet", "quote"]
TABLE_COLUMNS = ["kind", "value", "value_usd", "period", "growth_pct", "target_year", "outlet", "published", "file",
                 "quote"]
# Two reports of one period are drawn this many days apart so that neither hides the other.
SIDE_BY_SIDE_DAYS = 12
MAX_PROJECTION_YEARS = 50


def format_usd(value: float, lang: str = "en") -> str:
    """A readable amount: 1.3e9 → "$1.3 billion" (en) or "1,3 млрд долларов" (ru); exact to the dollar."""
    number = Decimal(str(value))
    for word_en, word_ru, factor in (("billion", "млрд", Decimal(10) ** 9), ("million", "млн", Decimal(10) ** 6)):
        if abs(number) >= factor:
            scaled = format(number / factor, "f")
            scaled = scaled.rstrip("0").rstrip(".") if "." in scaled else scaled
            if lang == "ru":
                return f"{scaled.replace('.', ',')} {word_ru} долларов"
            return f"${scaled} {word_en}"
    plain = format(number, "f")
    plain = plain.rstrip("0").rstrip(".") if "." in plain else plain
    return f"{plain.replace('.', ',')} долларов" if lang == "ru" else f"${plain}"


@dataclass(frozen=True, slots=True)
class TradeSummary:
    """The headline numbers above the chart; every field is None when the reports do not give it."""

    latest_full_year: int | None
    latest_full_year_usd: float | None
    latest_full_year_values: tuple[float, ...]  # every reported total for that year (sources may disagree)
    latest_partial_label: str | None
    latest_partial_usd: float | None
    current_target_usd: float | None
    current_target_due: int | None
    current_target_set: pd.Timestamp | None
    gap_usd: float | None
    gap_pct: float | None  # growth still needed, in % of the latest full-year figure
    growth_pct: float | None  # the yearly growth the projection assumes
    projected_year: int | None
    assumption: str


def _joined(trade: pd.DataFrame, articles: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Trade rows of ``kind`` whose article is in ``articles``, with outlet and publication date."""
    if trade is None or trade.empty or articles is None or articles.empty:
        return pd.DataFrame(columns=[*trade.columns, "outlet", "published"] if trade is not None else [])
    source = "source" if "source" in articles.columns else "outlet"
    meta = articles.reindex(columns=["article_id", source, "published"]).drop_duplicates("article_id")
    meta = meta.rename(columns={source: "source"})
    rows = trade[trade["kind"] == kind].merge(meta, on="article_id", how="inner")
    rows["outlet"] = rows["source"].where(rows["source"].notna() & (rows["source"].astype(str) != ""), rows["file"])
    rows["published"] = pd.to_datetime(rows["published"])
    return rows.drop(columns=["source"]).reset_index(drop=True)


def _months(start: object, end: object) -> int | None:
    if not isinstance(start, str) or not isinstance(end, str):
        return None
    (y1, m1), (y2, m2) = (map(int, start.split("-")), map(int, end.split("-")))
    return (y2 - y1) * 12 + m2 - m1 + 1


def period_label(start: object, end: object) -> str:
    """ "2023-01".."2023-11" → "Jan–Nov 2023"; a calendar year → "2023"; no period → "period not stated"."""
    if not isinstance(start, str) or not isinstance(end, str):
        return "period not stated"
    y1, m1 = map(int, start.split("-"))
    y2, m2 = map(int, end.split("-"))
    if (y1, m1, m2) == (y2, 1, 12):
        return str(y1)
    if y1 == y2:
        return f"{MONTH_ABBR[m1 - 1]}–{MONTH_ABBR[m2 - 1]} {y1}" if m1 != m2 else f"{MONTH_ABBR[m1 - 1]} {y1}"
    return f"{MONTH_ABBR[m1 - 1]} {y1}–{MONTH_ABBR[m2 - 1]} {y2}"


def _series(months: int | None) -> str:
    if months is None or pd.isna(months):
        return "period not stated"
    if months == 12:
        return "full year"
    return f"{int(months)} months" if months > 1 else "1 month"


def trade_points(trade: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Reported turnover figures as chart points (POINT_COLUMNS), oldest first.

    ``x`` is the last day of the period (the publication date when no period is stated); reports of the same
    period by several outlets are spread a few days apart so that a conflict (1.3 vs 1.317 billion) stays
    visible. ``series`` groups points by period length ("full year", "11 months", "period not stated").
    """
    rows = _joined(trade, articles, "actual")
    if rows.empty:
        return pd.DataFrame(columns=POINT_COLUMNS)
    rows["months"] = pd.array([_months(s, e) for s, e in zip(rows["period_start"], rows["period_end"], strict=True)],
                              dtype="Int64")
    rows["period_label"] = [period_label(s, e) for s, e in zip(rows["period_start"], rows["period_end"],
                                                               strict=True)]
    rows["series"] = [_series(m) for m in rows["months"]]
    ends = pd.to_datetime(rows["period_end"], format="%Y-%m", errors="coerce") + pd.offsets.MonthEnd(0)
    rows["x"] = ends.where(ends.notna(), rows["published"])
    rows = rows.sort_values(["x", "published", "value_usd"], kind="stable").reset_index(drop=True)
    rank = rows.groupby(["period_label", "x"], dropna=False).cumcount()
    count = rows.groupby(["period_label", "x"], dropna=False)["value_usd"].transform("size")
    rows["x"] = rows["x"] + pd.to_timedelta((rank - (count - 1) / 2) * SIDE_BY_SIDE_DAYS, unit="D")
    rows["months"] = rows["months"].astype("Int64")
    return rows[POINT_COLUMNS]


def target_steps(trade: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Each distinct target (STEP_COLUMNS): when it was first stated, its due year, how many reports cite it.

    Ordered by when it was first stated; targets from undated articles come last with ``first_stated`` NaT.
    """
    rows = _joined(trade, articles, "target")
    if rows.empty:
        return pd.DataFrame(columns=STEP_COLUMNS)
    rows = rows.sort_values("published", kind="stable", na_position="last")
    rows["key"] = rows["value_usd"].round(-6)
    steps = []
    for _, group in rows.groupby("key", sort=False):
        first = group.iloc[0]
        due = pd.to_numeric(group["target_year"], errors="coerce").dropna()
        steps.append({
            "value_usd": float(first["value_usd"]), "first_stated": first["published"],
            "due_year": int(due.min()) if not due.empty else None, "reports": len(group),
            "files": list(dict.fromkeys(group["file"])), "outlet": first["outlet"], "quote": first["quote"],
        })
    out = pd.DataFrame(steps, columns=STEP_COLUMNS)
    out["due_year"] = out["due_year"].astype("Int64")
    return out.sort_values("first_stated", kind="stable", na_position="last").reset_index(drop=True)


def _full_years(points: pd.DataFrame) -> pd.Series:
    """Median reported total per calendar year (the projection's base; the chart shows every report)."""
    full = points[points["series"] == "full year"]
    if full.empty:
        return pd.Series(dtype=float)
    years = full["period_start"].str[:4].astype(int)
    return full.groupby(years)["value_usd"].median().sort_index()


def trade_summary(trade: pd.DataFrame, articles: pd.DataFrame) -> TradeSummary:
    """Latest full-year and partial figures, the current target, the gap to it and when it is reached.

    The projection compounds the latest full-year figure at the yearly growth between the first and the last
    full-year figures (median of the reports of each year); with one year only, at the median growth rate the
    reports state. ``assumption`` says which, in words, for the chart.
    """
    points, steps = trade_points(trade, articles), target_steps(trade, articles)
    years = _full_years(points) if not points.empty else pd.Series(dtype=float)
    latest_year = int(years.index[-1]) if not years.empty else None
    latest_value = float(years.iloc[-1]) if not years.empty else None
    values: tuple[float, ...] = ()
    if latest_year is not None:
        mask = (points["series"] == "full year") & (points["period_start"].str[:4] == str(latest_year))
        values = tuple(sorted(float(v) for v in points.loc[mask, "value_usd"]))
    partial = points[points["series"].str.endswith(("months", "month"))] if not points.empty else points
    partial_row = partial.sort_values(["period_end", "published"]).iloc[-1] if not partial.empty else None

    dated = steps[steps["first_stated"].notna()] if not steps.empty else steps
    target = dated.iloc[-1] if not dated.empty else (steps.iloc[-1] if not steps.empty else None)
    target_value = float(target["value_usd"]) if target is not None else None
    due = int(target["due_year"]) if target is not None and not pd.isna(target["due_year"]) else None
    set_at = target["first_stated"] if target is not None and not pd.isna(target["first_stated"]) else None

    gap = gap_pct = None
    if target_value is not None and latest_value:
        gap = target_value - latest_value
        gap_pct = gap / latest_value * 100

    growth, basis = None, ""
    if len(years) >= 2:
        span = int(years.index[-1] - years.index[0])
        growth = float(((years.iloc[-1] / years.iloc[0]) ** (1 / span) - 1) * 100)
        basis = f"the average yearly growth of full-year figures {years.index[0]}–{years.index[-1]}"
    elif not points.empty and points["growth_pct"].notna().any():
        growth = float(points["growth_pct"].dropna().median())
        basis = "the median growth rate the reports state"

    projected = None
    if gap is not None and latest_year is not None:
        if gap <= 0:
            projected = latest_year
        elif growth is not None and growth > 0:
            years_needed = math.log(target_value / latest_value) / math.log(1 + growth / 100)  # type: ignore[operator]
            if years_needed <= MAX_PROJECTION_YEARS:
                projected = latest_year + math.ceil(years_needed - 1e-9)

    if latest_value is None or target_value is None:
        assumption = "No projection: it needs a full-year figure and a target."
    elif gap is not None and gap <= 0:
        assumption = f"The {format_usd(target_value)} target was reached in {latest_year}."
    elif growth is None or growth <= 0:
        assumption = "No projection: the reports show no growth to extrapolate."
    else:
        assumption = (f"Assumes turnover grows {growth:.1f}% a year ({basis}) from {format_usd(round(latest_value))} "
                      f"in {latest_year}.")
    return TradeSummary(
        latest_full_year=latest_year, latest_full_year_usd=latest_value, latest_full_year_values=values,
        latest_partial_label=str(partial_row["period_label"]) if partial_row is not None else None,
        latest_partial_usd=float(partial_row["value_usd"]) if partial_row is not None else None,
        current_target_usd=target_value, current_target_due=due, current_target_set=set_at,
        gap_usd=gap, gap_pct=gap_pct, growth_pct=growth, projected_year=projected, assumption=assumption,
    )


def trade_table(trade: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The rows under the chart (TABLE_COLUMNS): figures then targets, each with outlet, date and quote."""
    parts = []
    for kind in ("actual", "target"):
        rows = _joined(trade, articles, kind)
        if rows.empty:
            continue
        rows["value"] = [format_usd(v) for v in rows["value_usd"]]
        rows["period"] = [period_label(s, e) if kind == "actual" else "" for s, e in
                          zip(rows["period_start"], rows["period_end"], strict=True)]
        parts.append(rows.sort_values("published", kind="stable"))
    if not parts:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    return pd.concat(parts, ignore_index=True)[TABLE_COLUMNS]


def trade_metrics(summary: TradeSummary) -> list[Metric]:
    """The trade summary as headline numbers: latest figures, current target, gap, projected year."""
    usd = format_usd
    metrics = []
    if summary.latest_full_year_usd is not None:
        values = summary.latest_full_year_values
        spread = (f"{len(values)} reports: " + ", ".join(usd(v) for v in values)) if len(set(values)) > 1 else None
        metrics.append(Metric(f"Turnover {summary.latest_full_year}", usd(summary.latest_full_year_usd),
                              help=spread or "median of the reports of that year"))
    if summary.latest_partial_usd is not None:
        metrics.append(Metric(f"Latest partial ({summary.latest_partial_label})", usd(summary.latest_partial_usd)))
    if summary.current_target_usd is not None:
        due = f" by {summary.current_target_due}" if summary.current_target_due else ""
        stated = summary.current_target_set
        metrics.append(Metric("Current target", usd(summary.current_target_usd) + due,
                              help=f"first stated {stated:%d %b %Y}" if stated is not None else None))
    if summary.gap_usd is not None:
        pct = f"+{summary.gap_pct:.0f}% still needed" if summary.gap_pct and summary.gap_usd > 0 else "reached"
        metrics.append(Metric("Gap to target", usd(max(summary.gap_usd, 0)), pct, help=summary.assumption,
                              delta_color="off"))
    elif summary.current_target_usd is not None and summary.latest_partial_usd is not None:
        # Without a full-year figure the gap is measured from the latest partial one, and labelled as such.
        gap = summary.current_target_usd - summary.latest_partial_usd
        metrics.append(Metric("Gap to target", usd(max(gap, 0)), f"from the {summary.latest_partial_label} figure",
                              delta_color="off", help="No full-year figure in the selected articles."))
    if summary.projected_year is not None:
        metrics.append(Metric("Target reached (projection)", str(summary.projected_year), help=summary.assumption))
    return metrics
