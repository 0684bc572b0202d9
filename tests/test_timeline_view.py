"""The Timeline's drawing of meetings known to the day, the month, the year or not at all (issue 13, item 3)."""

from datetime import date

import pandas as pd
import pytest

from lib.records import MEETING_COLUMNS, Corpus, articles_frame
from lib.records import Article as A
from lib.views import figures, timeline
from lib.views import filters as views

ROWS = [  # id, date, end, precision, basis, status, level, files
    ("day", "2024-06-03", "2024-06-04", "day", "day written in the report", "held", "heads_of_state", ["a.txt"]),
    ("month", "2024-06-01", None, "month", "month named in the report", "held", "foreign_ministers", ["b.txt"]),
    ("year", "2025-01-01", None, "year", "13th session in the session table (year only)", "planned",
     "heads_of_government", ["a.txt", "b.txt"]),
    ("none", None, None, "", None, "held", "other", ["b.txt"]),
    ("plan", None, None, None, None, "planned", "other", ["a.txt", "b.txt"]),
]


def _meetings() -> pd.DataFrame:
    return pd.DataFrame([
        {"meeting_id": m, "date": d, "end_date": e, "date_precision": p, "date_basis": b, "status": s, "level": lv,
         "countries": ["KG", "KZ"], "participants": ["Sadyr Japarov"], "files": f, "evidence": [f"quote {m}"],
         "place": "Astana" if m == "day" else None, "date_inferred": False}
        for m, d, e, p, b, s, lv, f in ROWS
    ]).reindex(columns=MEETING_COLUMNS)


ARTICLES = pd.DataFrame({"file": ["a.txt", "b.txt"], "source": ["24.kg", "Kabar"]})


def test_dates_are_written_to_their_precision():
    table = timeline.meetings_table(_meetings())
    assert table["meeting_id"].tolist() == ["year", "day", "month", "none", "plan"]
    assert table["date"].tolist() == ["2025", "2024-06-03", "2024-06", "", ""]
    assert table["date_precision"].tolist() == ["year", "day", "month", "", ""]
    assert table.loc[0, "date_basis"] == "13th session in the session table (year only)"
    assert table.loc[3, "date_basis"] == ""
    assert {"date_precision", "date_basis"} <= set(timeline.MEETING_TABLE_COLUMNS)


def test_a_meeting_without_precision_is_a_day():
    """Stores written before date_precision existed: a meeting with a date is known to the day."""
    old = _meetings().assign(date_precision=None)
    assert timeline.date_precisions(old).tolist() == ["day", "day", "day", "", ""]
    assert timeline.meetings_table(old)["date"].tolist()[:3] == ["2025-01-01", "2024-06-03", "2024-06-01"]


def test_periods_end_at_the_month_or_year_end():
    ends = timeline.period_ends(_meetings())
    assert ends.tolist()[:3] == [pd.Timestamp("2024-06-04"), pd.Timestamp("2024-06-30"), pd.Timestamp("2025-12-31")]
    assert ends[3:].isna().all()


def test_timeline_frame_keeps_every_meeting_with_a_period():
    frame = timeline.timeline_frame(_meetings(), ARTICLES)
    assert frame["meeting_id"].tolist() == ["month", "day", "year"]
    assert frame["precision"].tolist() == ["month", "day", "year"]
    assert frame["when"].tolist() == ["2024-06", "2024-06-03", "2025"]
    assert frame.loc[2, "sources"] == ["24.kg", "Kabar"]


def test_month_and_year_meetings_are_bars_over_their_period():
    fig = figures.timeline_figure(timeline.timeline_frame(_meetings(), ARTICLES))
    traces = {t.name: t for t in fig.data}
    assert set(traces) == {"held", figures.PERIOD_STYLE["month"]["name"], figures.PERIOD_STYLE["year"]["name"]}
    held = traces["held"]
    assert held.type == "scatter" and list(held.customdata[:, 4]) == ["day"]
    month, year = traces[figures.PERIOD_STYLE["month"]["name"]], traces[figures.PERIOD_STYLE["year"]["name"]]
    for bar, first, days in ((month, "2024-06-01", 30), (year, "2025-01-01", 365)):
        assert bar.type == "bar" and bar.orientation == "h"
        assert pd.Timestamp(bar.base[0]) == pd.Timestamp(first)
        assert bar.x[0] == days * 24 * 3600 * 1000  # the bar covers the whole period, last day included
    assert year.marker.pattern.shape != month.marker.pattern.shape
    # hover: the period as known, the precision said in words, and why
    assert month.customdata[0][4] == "month" and month.customdata[0][6] == "2024-06"
    assert month.customdata[0][5] == "month named in the report"
    assert "month only" in month.hovertemplate and "Date from: %{customdata[5]}" in month.hovertemplate
    assert year.customdata[0][6] == "2025" and year.customdata[0][7] == "planned"
    assert "year only" in year.hovertemplate
    assert "Date from" in held.hovertemplate and held.customdata[0][5] == "day written in the report"


def test_only_meetings_without_any_time_are_off_the_chart_each_with_its_reason():
    frame = timeline.off_chart(_meetings())
    assert frame["meeting_id"].tolist() == ["none", "plan"]
    assert frame["reason"].tolist() == ["no day, month or year in its report",
                                        "planned; no date announced in any of its 2 reports"]
    given = timeline.off_chart(_meetings().assign(date_basis="reports contradict each other"))
    assert set(given["reason"]) == {"reports contradict each other"}
    assert list(timeline.off_chart(_meetings().iloc[0:0]).columns) == timeline.OFF_CHART_COLUMNS


def test_details_say_the_period_and_its_basis():
    meetings = _meetings()
    month = timeline.meeting_row(meetings, "month")
    assert timeline.meeting_when(month) == "2024-06 (month only)"
    assert timeline.meeting_when(timeline.meeting_row(meetings, "year")) == "2025 (year only)"
    assert timeline.meeting_date_basis(month) == "month named in the report"
    assert timeline.meeting_date_basis(timeline.meeting_row(meetings, "none")) == "—"
    assert timeline.meeting_choices(meetings)["month"].startswith("2024-06 · foreign ministers")
    assert timeline.meeting_label(month).startswith("2024-06 · ")


def _corpus(published: date) -> Corpus:
    """Both reports published on ``published``, so the articles' own date filter keeps them and only the
    meetings' dates decide."""
    articles = articles_frame([
        A("a", "a.txt", "Japarov in Astana", "24.kg", None, "en", published, "Kazakhstan and Kyrgyzstan."),
        A("b", "b.txt", "Kyrgyzstan and Kazakhstan", "Kabar", None, "en", published, "Kyrgyzstan, Kazakhstan."),
    ])
    base = Corpus.empty()
    return views.prepare(Corpus(articles, base.officials, _meetings(), base.trade, base.passages, base.mentions,
                                base.errors))


@pytest.mark.parametrize(("start", "end", "kept"), [
    (date(2024, 6, 15), date(2024, 6, 30), {"month"}),  # inside June: the June meeting overlaps
    (date(2024, 6, 4), date(2024, 6, 30), {"day", "month"}),  # the two-day meeting's second day
    (date(2024, 5, 1), date(2024, 6, 1), {"month"}),  # June's first day
    (date(2025, 7, 1), date(2025, 7, 31), {"year"}),  # inside 2025
    (date(2024, 7, 1), date(2024, 12, 31), set()),  # after June, before 2025
    (date(2024, 5, 1), date(2024, 5, 31), set()),  # before everything
])
def test_the_date_filter_keeps_meetings_whose_period_overlaps(start, end, kept):
    view = views.apply_filters(_corpus(start), views.Filters(start=start, end=end, pair=views.ALL_PAIRS))
    assert len(view.articles) == 2
    # meetings with no date at all are not excluded by a date range (they stay listed off the chart)
    assert set(view.meetings["meeting_id"]) == kept | {"none", "plan"}
