"""The dashboard's pure view functions on a small hand-made corpus (no streamlit, no pipeline)."""

import html as html_lib
import re
import subprocess
import sys
from datetime import date
from io import StringIO

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT

from lib.records import MEETING_COLUMNS, OFFICIAL_COLUMNS, TRADE_COLUMNS, Article, Corpus, articles_frame
from lib.views import articles, figures, officials, overview, search, timeline
from lib.views import filters as views
from lib.views import trade as trade_view
from lib.views.cells import as_list
from lib.views.export import to_csv_bytes
from lib.views.highlight import Highlight, highlight_html


def _corpus() -> Corpus:
    articles = articles_frame([
        Article("a1", "kg1.txt", "Жапаров посетит Казахстан", "24.kg", None, "ru", date(2024, 3, 1),
                "Президент Кыргызстана Садыр Жапаров посетит Казахстан. Встреча с Токаевым пройдет в Астане."),
        Article("a2", "kg2.txt", "Tokayev and Japarov meet in Astana", "Akorda", None, "en", date(2024, 3, 3),
                "Kazakhstan and Kyrgyzstan leaders met. Trade reached $1.3 billion, the goal is $2 billion."),
        Article("a3", "ru1.txt", "Лавров в Астане", None, None, "ru", date(2024, 5, 10),
                "Министр России Лавров встретился с коллегой из Казахстана. Россия и Казахстан договорились."),
        Article("a4", "undated.txt", "Kyrgyzstan and Kazakhstan border", "Kabar", None, "en", None,
                "Kyrgyzstan and Kazakhstan opened a checkpoint."),
    ])
    officials = pd.DataFrame([
        ("a1", "kg1.txt", "Sadyr Japarov", "KG", "President", True, 1, "Садыр Жапаров посетит"),
        ("a1", "kg1.txt", "Kassym-Jomart Tokayev", "KZ", "President", True, 1, "с Токаевым"),
        ("a2", "kg2.txt", "Sadyr Japarov", "KG", "President", True, 2, "Japarov"),
        ("a3", "ru1.txt", "Sergey Lavrov", "RU", "Minister of Foreign Affairs", True, 1, "Лавров"),
    ], columns=OFFICIAL_COLUMNS)
    meetings = pd.DataFrame([
        ("m1", "2024-03-02", None, False, "held", "Astana", "heads_of_state", ["KG", "KZ"],
         ["Kassym-Jomart Tokayev", "Sadyr Japarov"], ["kg1.txt", "kg2.txt"], "Tokayev and Japarov meet in Astana"),
        ("m2", "2024-05-10", None, False, "held", "Astana", "foreign_ministers", ["KZ", "RU"],
         ["Sergey Lavrov", "Murat Nurtleu"], ["ru1.txt"], "Лавров встретился с коллегой из Казахстана"),
        ("m3", "2024-09-01", None, False, "planned", None, "heads_of_government", ["KG", "KZ"],
         ["Olzhas Bektenov", "Adylbek Kasymaliev"], ["kg2.txt"], "<script>alert(1)</script>"),
    ], columns=MEETING_COLUMNS[:11]).reindex(columns=MEETING_COLUMNS)  # placed by day: no precision columns given
    trade = pd.DataFrame([
        ("a2", "kg2.txt", "actual", 1.3e9, False, "2023-01", "2023-11", 12.0, None, "Trade reached $1.3 billion"),
        ("a2", "kg2.txt", "target", 2e9, False, None, None, None, 2025, "the goal is $2 billion"),
    ], columns=TRADE_COLUMNS)
    mentions = pd.DataFrame([("a1", "Sadyr Japarov", "KG", "President", True, 22, 35, "Садыр Жапаров")],
                            columns=["article_id", "person", "country", "role", "listed", "start", "end", "surface"])
    base = Corpus.empty()
    return views.prepare(Corpus(articles, officials, meetings, trade, base.passages, mentions, base.errors))


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return _corpus()


def test_prepare_finds_the_countries_of_each_article(corpus):
    countries = dict(zip(corpus.articles["file"], corpus.articles["countries"], strict=True))
    assert countries["kg1.txt"] == ["KG", "KZ"]
    assert countries["ru1.txt"] == ["KZ", "RU"]
    assert corpus.articles.loc[corpus.articles["file"] == "ru1.txt", "outlet"].item() == views.UNKNOWN_SOURCE


def test_options_offer_kz_kg_first_and_other_pairs(corpus):
    options = views.filter_options(corpus)
    assert options.pairs[0] == "KZ-KG" and options.pairs[-1] == views.ALL_PAIRS
    assert "KZ-RU" in options.pairs
    assert options.min_date == date(2024, 3, 1) and options.max_date == date(2024, 5, 10)
    assert "Sergey Lavrov" in options.officials and "Murat Nurtleu" in options.officials
    assert options.langs == ("en", "ru")


@pytest.mark.parametrize(("filters", "files", "meetings"), [
    (views.Filters(), {"kg1.txt", "kg2.txt", "undated.txt"}, {"m1", "m3"}),
    (views.Filters(pair=views.ALL_PAIRS), {"kg1.txt", "kg2.txt", "ru1.txt", "undated.txt"}, {"m1", "m2", "m3"}),
    (views.Filters(pair="KZ-RU"), {"ru1.txt"}, {"m2"}),
    (views.Filters(langs=("en",)), {"kg2.txt", "undated.txt"}, {"m1", "m3"}),
    (views.Filters(sources=("Akorda",)), {"kg2.txt"}, {"m1", "m3"}),
    # A date range leaves out undated articles; meetings keep to the range too.
    (views.Filters(start=date(2024, 3, 2)), {"kg2.txt"}, {"m1", "m3"}),
    (views.Filters(end=date(2024, 3, 1)), {"kg1.txt"}, set()),
    (views.Filters(officials=("Kassym-Jomart Tokayev",)), {"kg1.txt", "kg2.txt"}, {"m1"}),
    (views.Filters(levels=("heads_of_government",)), {"kg2.txt"}, {"m3"}),
    (views.Filters(langs=("fr",)), set(), set()),
])
def test_apply_filters(corpus, filters, files, meetings):
    view = views.apply_filters(corpus, filters)
    assert set(view.articles["file"]) == files
    assert set(view.meetings["meeting_id"]) == meetings
    assert set(view.officials["article_id"]) <= set(view.articles["article_id"])
    assert set(view.trade["article_id"]) <= set(view.articles["article_id"])
    assert list(view.meetings.columns) == MEETING_COLUMNS


def test_filters_do_not_change_the_corpus(corpus):
    before = corpus.articles.copy()
    views.apply_filters(corpus, views.Filters(langs=("en",), start=date(2024, 3, 2)))
    pd.testing.assert_frame_equal(corpus.articles, before)


def test_empty_corpus_everywhere():
    empty = views.prepare(Corpus.empty())
    view = views.apply_filters(empty, views.Filters(officials=("X",), levels=("other",)))
    assert view.articles.empty
    options = views.filter_options(empty)
    assert options.min_date is None and options.pairs == ("KZ-KG", views.ALL_PAIRS)
    assert overview.overview_counts(view) == overview.Counts(0, 0, 0, 0)
    assert overview.articles_per_month(view.articles).empty
    assert timeline.meetings_table(view.meetings).empty
    assert timeline.timeline_frame(view.meetings, view.articles).empty
    assert officials.whos_who(view.officials, view.articles).empty
    assert officials.who_met_whom(view.meetings).empty
    assert trade_view.trade_metrics(trade_view.trade_summary(view.trade, view.articles)) == []


def test_overview_counts_and_months(corpus):
    view = views.apply_filters(corpus, views.Filters())
    assert overview.overview_counts(view) == overview.Counts(articles=3, meetings=2, officials=2, sources=3)
    months = overview.articles_per_month(view.articles)
    assert months.to_dict("records") == [
        {"month": pd.Timestamp("2024-03-01"), "lang": "en", "articles": 1},
        {"month": pd.Timestamp("2024-03-01"), "lang": "ru", "articles": 1},
    ]
    assert len(figures.articles_per_month_figure(months).data) == 2


def test_meetings_table_newest_first_with_lists_kept_until_the_csv(corpus):
    table = timeline.meetings_table(corpus.meetings)
    assert table["meeting_id"].tolist() == ["m3", "m2", "m1"]
    assert table.loc[2, "files"] == ["kg1.txt", "kg2.txt"]
    assert table.loc[2, "date"] == "2024-03-02"
    rows = pd.read_csv(StringIO(to_csv_bytes(table).decode("utf-8-sig")))
    assert rows.loc[2, "files"] == "kg1.txt; kg2.txt"
    assert rows.loc[2, "participants"] == "Kassym-Jomart Tokayev; Sadyr Japarov"


def test_timeline_frame_and_figure(corpus):
    frame = timeline.timeline_frame(corpus.meetings, corpus.articles)
    assert frame["reports"].tolist() == [2, 1, 1]
    assert frame.loc[0, "sources"] == ["24.kg", "Akorda"]
    fig = figures.timeline_figure(frame)
    assert {trace.name for trace in fig.data} == {"held", "planned"}
    held = next(t for t in fig.data if t.name == "held")
    assert held.customdata[0][2] == "24.kg, Akorda"  # the hover text lists the outlets
    assert held.marker.symbol != next(t for t in fig.data if t.name == "planned").marker.symbol


def test_meeting_details(corpus):
    meeting = timeline.meeting_row(corpus.meetings, "m1")
    assert timeline.meeting_sources(meeting, corpus.articles)["file"].tolist() == ["kg1.txt", "kg2.txt"]
    assert timeline.meeting_evidence(meeting) == ["Tokayev and Japarov meet in Astana"]
    assert timeline.meeting_when(meeting) == "2024-03-02"
    inferred = corpus.meetings.assign(date_inferred=np.array([True, False, False]))
    assert timeline.meeting_when(timeline.meeting_row(inferred, "m1")) == "2024-03-02 (year inferred)"
    assert [(m.label, m.value) for m in timeline.meeting_metrics(meeting)] == [
        ("Date", "2024-03-02"), ("Status", "held"), ("Level", "Heads of state"), ("Place", "Astana")]
    choices = timeline.meeting_choices(corpus.meetings)
    assert list(choices) == ["m3", "m2", "m1"]
    assert choices["m1"] == "2024-03-02 · heads of state · held · Kassym-Jomart Tokayev, Sadyr Japarov"
    assert timeline.meeting_label(meeting) == choices["m1"]


def test_officials_tables(corpus):
    who = officials.whos_who(corpus.officials, corpus.articles)
    japarov = who[who["person"] == "Sadyr Japarov"].iloc[0]
    assert (japarov["articles"], japarov["mentions"]) == (2, 3)
    assert japarov["first_seen"] == pd.Timestamp("2024-03-01")
    per_month = officials.mentions_per_month(corpus.officials, corpus.articles)
    assert per_month[per_month["person"] == "Sadyr Japarov"]["mentions"].tolist() == [3]
    matrix = officials.who_met_whom(corpus.meetings)
    assert matrix.loc["Sadyr Japarov", "Kassym-Jomart Tokayev"] == 1
    assert (matrix.to_numpy() == matrix.to_numpy().T).all()


def test_trade_metrics(corpus):
    summary = trade_view.trade_summary(corpus.trade, corpus.articles)
    metrics = {m.label: m for m in trade_view.trade_metrics(summary)}
    assert metrics["Latest partial (Jan–Nov 2023)"].value.startswith("$1.3")
    assert metrics["Current target"].value.startswith("$2") and metrics["Current target"].value.endswith("by 2025")
    assert metrics["Gap to target"].value.startswith("$700") and "Jan–Nov 2023" in metrics["Gap to target"].delta
    assert trade_view.trade_metrics(trade_view.trade_summary(corpus.trade.iloc[0:0], corpus.articles)) == []


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[click](javascript:alert(1))",
    "$x$ **bold** &amp; &lt;", "<iframe src='//evil'></iframe>",
])
def test_highlight_html_keeps_article_text_as_text(hostile):
    body = f"Before {hostile} after Japarov."
    start = body.index("Japarov")
    html = highlight_html(body, [Highlight(start, start + 7, "official", "<b>x</b>")])
    assert "<script" not in html and "<img" not in html and "<iframe" not in html and "<b>" not in html
    assert '<mark class="kk-official"' in html and ">Japarov</mark>" in html
    # Decoding the entities gives back exactly the article text: nothing lost, nothing became markup.
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", html))
    assert text == body


def test_article_highlights_use_offsets_and_quotes(corpus):
    article = articles.article_row(corpus.articles, "a2")
    spans = articles.article_highlights(article, corpus)
    kinds = {(s.kind, article["body"][s.start:s.end]) for s in spans}
    assert ("trade", "Trade reached $1.3 billion") in kinds
    article = articles.article_row(corpus.articles, "a1")
    spans = articles.article_highlights(article, corpus)
    assert [article["body"][s.start:s.end] for s in spans] == ["Садыр Жапаров"]


def test_the_facts_of_one_article(corpus):
    facts = articles.article_facts(articles.article_row(corpus.articles, "a2"), corpus)
    assert facts["officials"]["person"].tolist() == ["Sadyr Japarov"]
    assert facts["meetings"]["meeting_id"].tolist() == ["m3", "m1"]
    assert facts["trade figures"]["kind"].tolist() == ["actual", "target"]


def test_search_hit_highlighting():
    html = search.highlight_terms("Товарооборот вырос. Trade <b>checkpoints</b>", ["товарооборот", "checkpoint"])
    assert '<mark class="kk-term" title="Товарооборот">Товарооборот</mark>' in html
    assert ">checkpoints</mark>" in html and "<b>" not in html
    assert search.query_terms("a border checkpoint") == ["checkpoint", "border"]


def test_csv_of_a_filtered_table_holds_exactly_its_rows(corpus):
    view = views.apply_filters(corpus, views.Filters(langs=("en",)))
    table = articles.articles_table(view.articles)
    rows = pd.read_csv(StringIO(to_csv_bytes(table).decode("utf-8-sig")))
    assert rows["file"].tolist() == ["kg2.txt", "undated.txt"]
    assert {"file", "article_id", "url"} <= set(rows.columns)
    trade = pd.read_csv(StringIO(to_csv_bytes(trade_view.trade_table(view.trade, view.articles)).decode("utf-8-sig")))
    assert trade["quote"].tolist() == ["Trade reached $1.3 billion", "the goal is $2 billion"]


@pytest.mark.parametrize(("value", "expected"), [
    (["A", "B"], ["A", "B"]), ([], []), (["A", ""], ["A"]), (["A", None], ["A"]), (["A", 3], ["A", "3"]),
    (("A", "B"), ["A", "B"]), (np.array(["A", "B"]), ["A", "B"]), ("A; B", ["A", "B"]), ("KZ;KG", ["KZ", "KG"]),
    (None, []), (float("nan"), []), ([np.str_("A")], ["A"]), (7, ["7"]),
])
def test_as_list_makes_every_form_of_a_list_cell_a_list_of_strings(value, expected):
    made = as_list(value)
    assert made == expected and all(type(v) is str for v in made)
    if isinstance(value, list):
        assert made is not value  # a copy: callers may extend it


def test_prepare_makes_every_list_cell_a_list_of_strings():
    base = _corpus()
    meetings = base.meetings.assign(participants=["A; B", None, np.array(["C"])], files=[("kg1.txt",), "", []],
                                    evidence=["one; quote\nanother", ["x"], None])
    prepared = views.prepare(Corpus(base.articles, base.officials, meetings, base.trade, base.passages,
                                    base.mentions, base.errors))
    assert prepared.meetings["participants"].tolist() == [["A", "B"], [], ["C"]]
    assert prepared.meetings["files"].tolist() == [["kg1.txt"], [], []]
    assert prepared.meetings["evidence"].tolist() == [["one; quote", "another"], ["x"], []]
    assert all(isinstance(c, list) for c in prepared.articles["countries"])


def test_loading_the_views_loads_no_extractor():
    code = ("import sys, pkgutil, importlib, lib.views\n"
            "for m in pkgutil.iter_modules(lib.views.__path__): importlib.import_module('lib.views.' + m.name)\n"
            "print(' '.join(sorted(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = result.stdout.split()
    assert "lib.views.figures" in loaded and "lib.views.timeline" in loaded
    assert [m for m in loaded if m == "lib.pipeline" or m == "lib.facts" or m.startswith("lib.facts.")] == []


def test_a_shallow_copy_shares_the_data_but_no_write_reaches_the_cached_corpus():
    cached = _corpus()
    before = {name: getattr(cached, name).copy() for name in ("articles", "meetings", "officials")}
    given = views.shallow(cached)
    assert given.articles is not cached.articles and given.stats is not cached.stats
    given.articles["title"] = "changed"
    given.articles.loc[0, "published"] = pd.Timestamp("1999-01-01")
    given.meetings["extra"] = 1
    given.officials.iloc[0, 2] = "Somebody Else"
    given.stats["files"] = -1
    for name, frame in before.items():
        pd.testing.assert_frame_equal(getattr(cached, name), frame)
    assert cached.stats.get("files") != -1
    pd.testing.assert_frame_equal(views.apply_filters(views.shallow(cached), views.Filters()).articles,
                                  views.apply_filters(_corpus(), views.Filters()).articles)
