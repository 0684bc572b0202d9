"""The dashboard's pure view functions on a small hand-made corpus (no streamlit, no pipeline)."""

import html as html_lib
import re
from datetime import date
from io import StringIO

import numpy as np
import pandas as pd
import pytest

from lib.articles import countries
from lib.pipeline import Corpus
from lib.records import MEETING_COLUMNS, OFFICIAL_COLUMNS, TRADE_COLUMNS, Article, articles_frame
from lib.views import detail, figures
from lib.views import filters as views
from lib.views import trade as trade_view
from lib.views.export import to_csv_bytes


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
    assert countries["kg1.txt"] == "KG;KZ"
    assert countries["ru1.txt"] == "KZ;RU"
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
    assert views.overview_counts(view) == views.Counts(0, 0, 0, 0)
    assert views.articles_per_month(view.articles).empty
    assert views.meetings_table(view.meetings).empty
    assert detail.timeline_frame(view.meetings, view.articles).empty
    assert detail.whos_who(view.officials, view.articles).empty
    assert detail.who_met_whom(view.meetings).empty
    assert views.trade_metrics(trade_view.trade_summary(view.trade, view.articles)) == []


def test_overview_counts_and_months(corpus):
    view = views.apply_filters(corpus, views.Filters())
    assert views.overview_counts(view) == views.Counts(articles=3, meetings=2, officials=2, sources=3)
    months = views.articles_per_month(view.articles)
    assert months.to_dict("records") == [
        {"month": pd.Timestamp("2024-03-01"), "lang": "en", "articles": 1},
        {"month": pd.Timestamp("2024-03-01"), "lang": "ru", "articles": 1},
    ]
    assert len(figures.articles_per_month_figure(months).data) == 2


def test_meetings_table_newest_first_with_lists_joined(corpus):
    table = views.meetings_table(corpus.meetings)
    assert table["meeting_id"].tolist() == ["m3", "m2", "m1"]
    assert table.loc[2, "files"] == "kg1.txt; kg2.txt"
    assert table.loc[2, "date"] == "2024-03-02"


def test_timeline_frame_and_figure(corpus):
    frame = detail.timeline_frame(corpus.meetings, corpus.articles)
    assert frame["reports"].tolist() == [2, 1, 1]
    assert frame.loc[0, "sources"] == "24.kg, Akorda"
    fig = figures.timeline_figure(frame)
    assert {trace.name for trace in fig.data} == {"held", "planned"}
    held = next(t for t in fig.data if t.name == "held")
    assert held.marker.symbol != next(t for t in fig.data if t.name == "planned").marker.symbol


def test_meeting_details(corpus):
    meeting = detail.meeting_row(corpus.meetings, "m1")
    assert detail.meeting_sources(meeting, corpus.articles)["file"].tolist() == ["kg1.txt", "kg2.txt"]
    assert detail.meeting_evidence(meeting) == ["Tokayev and Japarov meet in Astana"]
    assert detail.meeting_when(meeting) == "2024-03-02"
    assert list(detail.meeting_choices(corpus.meetings)) == ["m3", "m2", "m1"]


def test_officials_tables(corpus):
    who = detail.whos_who(corpus.officials, corpus.articles)
    japarov = who[who["person"] == "Sadyr Japarov"].iloc[0]
    assert (japarov["articles"], japarov["mentions"]) == (2, 3)
    assert japarov["first_seen"] == pd.Timestamp("2024-03-01")
    per_month = detail.mentions_per_month(corpus.officials, corpus.articles)
    assert per_month[per_month["person"] == "Sadyr Japarov"]["mentions"].tolist() == [3]
    matrix = detail.who_met_whom(corpus.meetings)
    assert matrix.loc["Sadyr Japarov", "Kassym-Jomart Tokayev"] == 1
    assert (matrix.to_numpy() == matrix.to_numpy().T).all()


def test_trade_metrics(corpus):
    summary = trade_view.trade_summary(corpus.trade, corpus.articles)
    metrics = {m.label: m for m in views.trade_metrics(summary)}
    assert metrics["Latest partial (Jan–Nov 2023)"].value.startswith("$1.3")
    assert metrics["Current target"].value.startswith("$2") and metrics["Current target"].value.endswith("by 2025")
    assert metrics["Gap to target"].value.startswith("$700") and "Jan–Nov 2023" in metrics["Gap to target"].delta
    assert views.trade_metrics(trade_view.trade_summary(corpus.trade.iloc[0:0], corpus.articles)) == []


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[click](javascript:alert(1))",
    "$x$ **bold** &amp; &lt;", "<iframe src='//evil'></iframe>",
])
def test_highlight_html_keeps_article_text_as_text(hostile):
    body = f"Before {hostile} after Japarov."
    start = body.index("Japarov")
    html = detail.highlight_html(body, [detail.Highlight(start, start + 7, "official", "<b>x</b>")])
    assert "<script" not in html and "<img" not in html and "<iframe" not in html and "<b>" not in html
    assert '<mark class="kk-official"' in html and ">Japarov</mark>" in html
    # Decoding the entities gives back exactly the article text: nothing lost, nothing became markup.
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", html))
    assert text == body


def test_article_highlights_use_offsets_and_quotes(corpus):
    article = views.article_row(corpus.articles, "a2")
    spans = detail.article_highlights(article, corpus)
    kinds = {(s.kind, article["body"][s.start:s.end]) for s in spans}
    assert ("trade", "Trade reached $1.3 billion") in kinds
    article = views.article_row(corpus.articles, "a1")
    spans = detail.article_highlights(article, corpus)
    assert [article["body"][s.start:s.end] for s in spans] == ["Садыр Жапаров"]


def test_search_hit_highlighting():
    html = detail.highlight_terms("Товарооборот вырос. Trade <b>checkpoints</b>", ["товарооборот", "checkpoint"])
    assert '<mark class="kk-term" title="Товарооборот">Товарооборот</mark>' in html
    assert ">checkpoints</mark>" in html and "<b>" not in html
    assert detail.query_terms("a border checkpoint") == ["checkpoint", "border"]


def test_csv_of_a_filtered_table_holds_exactly_its_rows(corpus):
    view = views.apply_filters(corpus, views.Filters(langs=("en",)))
    table = views.articles_table(view.articles)
    rows = pd.read_csv(StringIO(to_csv_bytes(table).decode("utf-8-sig")))
    assert rows["file"].tolist() == ["kg2.txt", "undated.txt"]
    assert {"file", "article_id", "url"} <= set(rows.columns)
    trade = pd.read_csv(StringIO(to_csv_bytes(trade_view.trade_table(view.trade, view.articles)).decode("utf-8-sig")))
    assert trade["quote"].tolist() == ["Trade reached $1.3 billion", "the goal is $2 billion"]


@pytest.mark.parametrize("value", [
    ["A", "B"], [], ["A", ""], ["A", None], ["A", 3], ("A", "B"), np.array(["A", "B"]), "A; B", None, float("nan"),
    [np.str_("A")], 7,
])
def test_joined_is_the_join_of_as_list(value):
    assert views.joined(value, ", ") == ", ".join(views.as_list(value))
    if isinstance(value, list):
        assert views.as_list(value) is not value  # a copy: callers may extend it


@pytest.mark.parametrize(("pattern", "text"), [
    ("an", "banana"), ("na", "nanana"), ("x", ""), ("a|", "banana"), ("x?", "xx"), ("kazakh", "Kazakh kazakh"),
])
def test_matches_at_least_counts_as_findall(pattern, text):
    compiled = re.compile(pattern, re.IGNORECASE)
    for times in range(5):
        assert countries._matches_at_least(compiled, text, times) == (len(compiled.findall(text)) >= times)


@pytest.mark.parametrize(("title", "body", "expected"), [
    ("Tokayev visits Bishkek", "", ["KZ", "KG"]),
    ("Talks", "Kazakhstan once.", []),
    ("Talks", "Kazakhstan and again Kazakh exports.", ["KZ"]),
    ("", "Казахстан и Кыргызстан: Казахстан и Бишкек.", ["KZ", "KG"]),
])
def test_text_countries(title, body, expected):
    assert views.text_countries_column(pd.DataFrame({"title": [title], "body": [body]})).tolist() == [
        ";".join(expected)]
    assert countries.text_countries(title, body) == expected


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
