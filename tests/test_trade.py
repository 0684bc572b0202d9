"""Trade extraction: table-driven sentences (figures, targets, each trap), the seeds, and a dev-corpus quality gate."""

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from conftest import DEV, SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.articles import page
from lib.facts.trade.periods import find_growth, find_periods
from lib.facts.trade.turnover import _markers, article_figures, extract_trade
from lib.files import folders
from lib.records import TRADE_COLUMNS, articles_frame
from lib.tools.evaluate import score_trade

TITLE = "Kazakhstan and Kyrgyzstan / Казахстан и Кыргызстан"


def figures(text: str, published: date | None = date(2024, 2, 1)):
    return [(f.kind, round(f.value_usd), f.period_start, f.period_end, f.growth_pct, f.target_year)
            for f in article_figures(TITLE, text, published)]


@pytest.mark.parametrize("text, published, expected", [
    ("In just 11 months of last year, mutual trade grew by 12% and reached $1.3 billion.", date(2024, 2, 1),
     [("actual", 1_300_000_000, "2023-01", "2023-11", 12.0, None)]),
    ("За 11 месяцев прошлого года взаимный товарооборот составил около 840 млн долларов.", date(2020, 3, 19),
     [("actual", 840_000_000, "2019-01", "2019-11", None, None)]),
    ("За первые восемь месяцев текущего года товарооборот вырос на 21% и достиг $1,4 млрд.", date(2025, 11, 14),
     [("actual", 1_400_000_000, "2025-01", "2025-08", 21.0, None)]),
    ("Bilateral trade in January–September 2024 reached US$680 million, nine percent more than a year earlier.",
     date(2024, 12, 9), [("actual", 680_000_000, "2024-01", "2024-09", 9.0, None)]),
    ("По итогам 2023 года взаимный товарооборот вырос почти на четверть и вышел на уровень полутора миллиардов "
     "долларов.", date(2024, 4, 19), [("actual", 1_500_000_000, "2023-01", "2023-12", 25.0, None)]),
    ("Trade between the two countries reached about $1.5bn last year.", date(2024, 4, 17),
     [("actual", 1_500_000_000, "2023-01", "2023-12", None, None)]),
    ("Товарооборот между странами по итогам 2024 года составил 1,7 млрд долларов.", None,
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None)]),
    ("Объем двусторонней торговли вышел на уровень около 2 млрд долл. США.", date(2025, 8, 22),
     [("actual", 2_000_000_000, None, None, None, None)]),
    ("Товарооборот составил 1 млрд 317 млн долларов, что на 11,6% больше, чем годом ранее.", date(2024, 5, 1),
     [("actual", 1_317_000_000, None, None, 11.6, None)]),
    ("Товарооборот снизился на 7% и составил 900 млн долларов.", date(2024, 5, 1),
     [("actual", 900_000_000, None, None, -7.0, None)]),
    ("Bilateral trade stood at $1.317 billion in 2023, 11.6 percent more than the $1.181 billion recorded in 2022.",
     date(2024, 5, 24), [("actual", 1_317_000_000, "2023-01", "2023-12", 11.6, None),
                         ("actual", 1_181_000_000, "2022-01", "2022-12", None, None)]),
    ("Trade turnover grew by 35 percent last year and reached $1 billion, he said, adding that the two "
     "governments intend to double it to $2 billion.", date(2022, 4, 29),
     [("actual", 1_000_000_000, "2021-01", "2021-12", 35.0, None), ("target", 2_000_000_000, None, None, None, None)]),
    ("Governments continue to work on the task to increase trade turnover up to $2 billion.", date(2024, 2, 1),
     [("target", 2_000_000_000, None, None, None, None)]),
    ("Стороны намерены довести товарооборот до 3 млрд долларов к 2030 году.", date(2025, 8, 22),
     [("target", 3_000_000_000, None, None, None, 2030)]),
    ("Both sides reaffirmed the goal of lifting trade to $3 billion by 2030.", date(2025, 11, 14),
     [("target", 3_000_000_000, None, None, None, 2030)]),
    ("At that meeting he said turnover could reach $2 billion this year.", date(2024, 5, 24),
     [("target", 2_000_000_000, None, None, None, 2024)]),
    ("Президенты констатировали, что в прошлом году взаимная торговля достигла миллиарда долларов, и поручили "
     "правительствам удвоить этот показатель.", date(2022, 5, 26),
     [("actual", 1_000_000_000, "2021-01", "2021-12", None, None), ("target", 2_000_000_000, None, None, None, None)]),
    ("В 2024 году товарооборот составил 1,7 млрд долларов, а к 2030 году стороны намерены довести его до "
     "3 млрд долларов.", date(2025, 8, 22),
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None),
      ("target", 3_000_000_000, None, None, None, 2030)]),
    ("Внешнеторговый оборот Кыргызстана с Казахстаном в 2023 году составил 1,5 млрд долларов.", date(2024, 3, 1),
     [("actual", 1_500_000_000, "2023-01", "2023-12", None, None)]),
    ("За январь–сентябрь товарооборот увеличился на 9% и составил 680 млн долларов, что выше уровня 2019 года.",
     date(2021, 12, 9), [("actual", 680_000_000, "2021-01", "2021-09", 9.0, None)]),
    ("Увеличение товарооборота на 15% до 1,5 млрд долларов зафиксировано в 2023 году.", date(2024, 2, 1),
     [("actual", 1_500_000_000, "2023-01", "2023-12", 15.0, None)]),
    ("Trade turnover rose in 2023, increasing 15% to $1.5 billion.", date(2024, 2, 1),
     [("actual", 1_500_000_000, "2023-01", "2023-12", 15.0, None)]),
    ("Стороны договорились об увеличении товарооборота до 2 млрд долларов.", date(2024, 2, 1),
     [("target", 2_000_000_000, None, None, None, None)]),
    ("Ожидается, что по итогам года товарооборот составит 2 млрд долларов.", date(2024, 2, 1),
     [("target", 2_000_000_000, None, None, None, None)]),
    ("В 2023 году товарооборот достиг исторического максимума — 1,5 млрд долларов.", date(2024, 2, 1),
     [("actual", 1_500_000_000, "2023-01", "2023-12", None, None)]),
    ("Торговля за прошлый год составила около 1,7 млрд долларов, а к 2030 году ее планируется довести до 3 млрд.",
     date(2024, 2, 1), [("actual", 1_700_000_000, "2023-01", "2023-12", None, None),
                        ("target", 3_000_000_000, None, None, None, 2030)]),
    ("Last year trade between the two countries rose by 26% on the year before, reaching $1.6 billion.",
     date(2024, 4, 18), [("actual", 1_600_000_000, "2023-01", "2023-12", 26.0, None)]),
    ("The turnover target of $1 billion was already achieved in 2021.", date(2023, 9, 23),
     [("actual", 1_000_000_000, "2021-01", "2021-12", None, None)]),
    ("Мы нацелены на доведение двустороннего товарооборота до 2 миллиардов долларов.", date(2022, 4, 30),
     [("target", 2_000_000_000, None, None, None, None)]),
    ("He set an ambitious target of $2 billion in bilateral trade for the current year.", date(2024, 4, 10),
     [("target", 2_000_000_000, None, None, None, 2024)]),
    ("Товарооборот за 2024 год составил 1,7 млрд долларов США против 1,5 млрд долларов годом ранее.",
     date(2025, 2, 1), [("actual", 1_700_000_000, "2024-01", "2024-12", None, None),
                        ("actual", 1_500_000_000, "2023-01", "2023-12", None, None)]),
    ("Trade turnover reached $1.7 billion in 2024 against $1.5 billion.", date(2025, 2, 1),
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None), ("actual", 1_500_000_000, None, None, None, None)]),
])
def test_trade_sentences(text, published, expected):
    assert figures(text, published) == expected


def test_a_target_may_refer_back_to_the_turnover_of_the_sentence_before():
    text = ("За восемь месяцев товарооборот двух стран достиг $1,4 млрд. Перед правительствами стоит задача — "
            "выйти на 3 млрд долларов.")
    assert [(k, v) for k, v, *_ in figures(text, date(2025, 11, 14))] == [
        ("actual", 1_400_000_000), ("target", 3_000_000_000)]


@pytest.mark.parametrize("text", [
    "$ 99.61 +0.03   € 105.20   ₽ 1.05",
    "Kazakhstan has invested more than $1 billion in the Kyrgyz economy since 2005.",
    "Kazakh companies have put almost $1.3 billion into Kyrgyzstan's economy, and trade keeps growing.",
    "Trade was strong; the $1.3 billion of investment came on top.",
    "Kyrgyz exports to Kazakhstan rose 10.9 percent to $455.7 million, while imports grew to $862.2 million.",
    "Казахстан может дополнительно поставлять в Кыргызстан 195 видов товаров на сумму около 260 млн долларов.",
    "Товарооборот Казахстана с КНР вышел на рекордные 44 млрд долларов.",
    "По данным пресс-службы узбекского президента, взаимная торговля достигла $4 млрд.",
    "Trade between Kazakhstan and China reached $31 billion in 2023.",
    "Внешнеторговый оборот страны за январь–ноябрь 2024 года составил около 129 млрд долларов.",
    "Доходы республиканского бюджета запланированы на уровне около 20 трлн тенге.",
    "Mutual trade was up 10.5 percent on the previous year.",
    "Kazakhstan sent more than 50 tonnes of humanitarian aid worth $2 million.",
    "Товарооборот Кыргызстана с ЕАЭС за 2023 год составил 3,5 млрд долларов.",
    "Читайте также: товарооборот Казахстана и Кыргызстана достиг $1,5 млрд",
    "По-моему, к 2025 году будет и 3 миллиарда, если границу не будут закрывать.",
    "The trade and logistics complex will cost $100 million.",
    "Товарооборот Казахстана со странами Центральной Азии составил 7 млрд долларов.",
    "At the business forum on trade, companies signed agreements worth $1.2 billion.",
    "The sides discussed trade and 50 joint projects totaling $1.3 billion.",
    "• Товарооборот Казахстана и Кыргызстана вырос до $1,5 млрд — 12.03.2024",
    "3. Opinion: Kazakh-Kyrgyz trade hit $2 billion. What next? — 12 Jan 2026",
    "Entrepreneurs signed contracts worth $300 million, the Ministry of Trade and Integration said.",
    "Kazakhstan has an export potential of $260 million in trade with its neighbour.",
    "Over five years intra-regional trade turnover has grown by 80 percent, reaching 10.6 billion dollars.",
    "Trade between Kazakhstan and the countries of the region rose by 26.8% to reach 8 billion US dollars.",
    "Взаимная торговля стран Центральной Азии за год выросла до 11 млрд долларов.",
    "Mutual trade in agricultural products between the two countries reached $350.9 million in 2024.",
])
def test_traps_are_not_trade(text):
    assert figures(text) == []


def test_reader_comments_are_not_figures():
    body = ("Президенты обсудили торговлю.\nКомментарии (2)\nЭрмек, 26.05.2022 17:11\n"
            "Товарооборот уже 3 млрд долларов, а толку нет.\nAigul 12 May 2022, 10:05\nTrade is $5 billion already!")
    assert article_figures(TITLE, body, date(2022, 5, 26)) == []
    dateline = "Опубликовано 14.11.2025, 14:25\nТоварооборот двух стран достиг $1,4 млрд."
    assert len(article_figures(TITLE, dateline, date(2025, 11, 14))) == 1


def test_a_headline_repeating_the_body_is_one_figure():
    body = "Kyrgyz-Kazakh trade tops $2 billion in 2025\nTrade crossed the $2 billion mark for the first time in 2025."
    assert len(article_figures("", body, date(2026, 1, 14))) == 1
    (figure,) = article_figures("Kyrgyz-Kazakh trade tops $2 billion in 2025", body, date(2026, 1, 14))
    assert figure.quote.startswith("Trade crossed") and figure.period_start == "2025-01"


def test_an_actual_may_refer_back_to_the_turnover_of_the_sentence_before():
    text = "Взаимный товарооборот стабильно растет. В 2023 году этот показатель достиг 1 572 млн долларов."
    assert figures(text, date(2024, 7, 3)) == [("actual", 1_572_000_000, "2023-01", "2023-12", None, None)]
    assert figures("Погода была хорошей. В 2023 году этот показатель достиг 1 572 млн долларов.") == []


@pytest.mark.parametrize("follow_up, growth", [
    ("The trade increased by 11.6 percent compared to $1.181 billion in 2022.", 11.6),
    ("Это на 12% больше, чем годом ранее.", 12.0),
    ("Kyrgyz exports grew by 20 percent.", None),
    ("Trade grew by 5% in 2022, reaching $1.181 billion.", None),
])
def test_a_growth_rate_in_the_next_sentence_belongs_to_the_figure_before(follow_up, growth):
    text = f"Bilateral trade turnover amounted to $1.317 billion in 2023. {follow_up}"
    first = article_figures(TITLE, text, date(2024, 4, 9))[0]
    assert (first.value_usd, first.growth_pct) == (1.317e9, growth)


def test_another_pair_article_yields_nothing():
    body = ("Президенты Казахстана и Узбекистана провели заседание в Ташкенте.\n"
            "Главная задача — выполнить программу увеличения товарооборота до 10 млрд долларов к 2030 году.")
    assert article_figures("Токаев и Мирзиёев", body, date(2025, 11, 15)) == []


def test_relative_periods_without_a_publication_date_stay_unknown():
    (figure,) = article_figures(TITLE, "Last year bilateral trade reached $1.5 billion.", None)
    assert (figure.period_start, figure.period_end) == (None, None)


@pytest.mark.parametrize("text, published, expected", [
    ("in the first half of 2024", None, [("2024-01", "2024-06")]),
    ("с января по сентябрь 2023 года", None, [("2023-01", "2023-09")]),
    ("за 9 месяцев", date(2024, 2, 1), [("2023-01", "2023-09")]),
    ("за 9 месяцев", date(2024, 11, 1), [("2024-01", "2024-09")]),
    ("higher than in the same period last year", date(2024, 11, 1), []),
    ("за 10 мес. 2023 года", None, [("2023-01", "2023-10")]),
    ("в I полугодии текущего года", date(2024, 11, 1), [("2024-01", "2024-06")]),
    ("in Q1 2024", None, [("2024-01", "2024-03")]),
    ("по итогам 2023 г.", None, [("2023-01", "2023-12")]),
    ("к 2030 году", None, []),
])
def test_periods(text, published, expected):
    periods, _ = find_periods(text, published)
    assert [(p.first, p.last) for p in periods] == expected


@pytest.mark.parametrize("text, expected", [
    ("вырос на 21%", [21.0]), ("nine percent more", [9.0]), ("почти на четверть", [25.0]),
    ("8.4 percent of the country's total foreign trade", []), ("вырос в 1,5 раза", [50.0]),
    ("fell by 3 percent", [-3.0]), ("grew 1.5 times", [50.0]), ("a twofold rise", []),
])
def test_growth(text, expected):
    assert [g.pct for g in find_growth(text)] == expected


def test_extract_trade_columns_and_empty_input():
    assert list(extract_trade(articles_frame([])).columns) == TRADE_COLUMNS
    body = "In just 11 months of last year, mutual trade grew by 12% and reached $1.3 billion."
    frame = pd.DataFrame([{"article_id": "a", "file": "x.txt", "title": TITLE, "source": None, "url": None,
                           "lang": "en", "published": pd.Timestamp("2024-02-01"), "n_chars": 0, "body": body}])
    out = extract_trade(frame)
    assert list(out.columns) == TRADE_COLUMNS
    assert out.iloc[0][["file", "kind", "value_usd", "period_start", "period_end"]].tolist() == [
        "x.txt", "actual", 1.3e9, "2023-01", "2023-11"]


def _articles(root: Path) -> pd.DataFrame:
    files, _ = folders.scan([(root, "")])
    return articles_frame([page.to_article(folders.read_document(f)) for f in files])


def _period(row) -> str | None:
    if not isinstance(row.period_start, str):
        return None
    if row.period_start[:4] == row.period_end[:4] and (row.period_start[5:], row.period_end[5:]) == ("01", "12"):
        return row.period_start[:4]
    return f"{row.period_start}..{row.period_end}"


def test_seeds_golden():
    trade = extract_trade(_articles(SEEDS))
    got = sorted((r.file, r.kind, r.value_usd, _period(r), None if pd.isna(r.growth_pct) else r.growth_pct,
                  None if pd.isna(r.target_year) else int(r.target_year)) for r in trade.itertuples())
    seed = "003_8e824b60efd429a5.txt"
    assert got == [(seed, "actual", 1.3e9, "2023-01..2023-11", 12.0, None), (seed, "target", 2e9, None, None, None)]


@pytest.mark.skipif(not DEV.is_dir(), reason="the shared dev corpus is beside the project only on team machines")
def test_dev_corpus_quality_gate():
    articles = _articles(DEV)
    trade = extract_trade(articles)
    gold = json.loads((DEV / "gold.json").read_text(encoding="utf-8"))
    # Quality gate at the figure reached (all 19 figures and 16 targets); the issue asks for 0.95.
    assert score_trade(trade, gold, "actual").f1 == 1.0
    assert score_trade(trade, gold, "target").f1 == 1.0
    # The scorer checks kind and value only; periods, growth and due years are checked here.
    expected = sorted((g["file"], t["kind"], t["value_usd"], t.get("period"),
                       t.get("growth_pct") if t["kind"] == "actual" else t.get("by_year"))
                      for g in gold for t in g.get("trade", []))
    got = sorted((r.file, r.kind, r.value_usd, _period(r),
                  (None if pd.isna(r.growth_pct) else r.growth_pct) if r.kind == "actual"
                  else (None if pd.isna(r.target_year) else int(r.target_year)))
                 for r in trade[trade["file"].isin({g["file"] for g in gold})].itertuples())
    assert got == expected


@pytest.mark.parametrize("text, which", [
    ("Кыргызстаном", "KG"), ("Bishkek", "KG"), ("Казахстан", "KZ"), ("Astana", "KZ"), ("узбекского", "third"),
    ("КНР", "third"), ("Россией", "third"), ("the USA", "third"), ("Iranian", "third"),
])
def test_country_table(text, which):
    assert _markers(which).search(text.lower())
    others = {"KG", "KZ", "third"} - {which}
    assert not any(_markers(o).search(text.lower()) for o in others)


@settings(max_examples=150, deadline=None)
@given(st.text(), st.sampled_from(["", TITLE, "$1 billion"]), st.one_of(st.none(), st.dates()))
def test_never_raises_on_arbitrary_text(body, title, published):
    for figure in article_figures(title, body + " trade turnover $1.5 billion", published):
        assert figure.kind in {"actual", "target"} and figure.value_usd > 0


# --- Second pass: phenomena of running news text (sentences written for these tests, not taken from any corpus) ---

@pytest.mark.parametrize("text, published, expected", [
    # a pronoun or a bare "показатель"/"the figure" as the subject continues the turnover of the sentence before
    ("Товарооборот Кыргызстана и Казахстана за три года вырос почти вдвое. По итогам 2023 года он составил "
     "1,6 млрд долларов против 900 млн долларов в 2020 году.", date(2024, 3, 1),
     [("actual", 1_600_000_000, "2023-01", "2023-12", None, None),
      ("actual", 900_000_000, "2020-01", "2020-12", None, None)]),
    ("Взаимная торговля Казахстана и Кыргызстана уверенно растет. В 2022 году она достигла $1,4 млрд.",
     date(2023, 5, 1), [("actual", 1_400_000_000, "2022-01", "2022-12", None, None)]),
    ("Товарооборот между Бишкеком и Астаной продолжает расти. В прошлом году показатель составил $1,6 млрд.",
     date(2024, 3, 1), [("actual", 1_600_000_000, "2023-01", "2023-12", None, None)]),
    ("Trade between Kazakhstan and Kyrgyzstan has grown fast. In 2023 it reached $1.6 billion, compared with "
     "$900 million in 2020.", date(2024, 3, 1),
     [("actual", 1_600_000_000, "2023-01", "2023-12", None, None),
      ("actual", 900_000_000, "2020-01", "2020-12", None, None)]),
    ("Kazakh-Kyrgyz trade keeps rising. Last year the figure came to $1.6 billion.", date(2024, 3, 1),
     [("actual", 1_600_000_000, "2023-01", "2023-12", None, None)]),
    # two figures, two periods: each takes the period on its own side of the other figure
    ("Trade between the two countries grew from $900 million in 2020 to $1.6 billion in 2023.", date(2024, 3, 1),
     [("actual", 900_000_000, "2020-01", "2020-12", None, None),
      ("actual", 1_600_000_000, "2023-01", "2023-12", None, None)]),
    ("В 2021 году взаимный товарооборот составил 1,1 млрд долларов, тогда как в 2019 году — 850 млн долларов.",
     date(2022, 3, 1), [("actual", 1_100_000_000, "2021-01", "2021-12", None, None),
                        ("actual", 850_000_000, "2019-01", "2019-12", None, None)]),
    ("Если в 2019 году товарооборот составлял $900 млн, то в 2023 году — уже $1,5 млрд.", date(2024, 3, 1),
     [("actual", 900_000_000, "2019-01", "2019-12", None, None),
      ("actual", 1_500_000_000, "2023-01", "2023-12", None, None)]),
    ("In 2019 mutual trade was $900 million; by 2023 it had grown to $1.5 billion.", date(2024, 3, 1),
     [("actual", 900_000_000, "2019-01", "2019-12", None, None),
      ("actual", 1_500_000_000, "2023-01", "2023-12", None, None)]),
    ("За январь–июнь 2023 года товарооборот составил $700 млн против $650 млн за аналогичный период прошлого года.",
     date(2023, 8, 1), [("actual", 700_000_000, "2023-01", "2023-06", None, None),
                        ("actual", 650_000_000, "2022-01", "2022-06", None, None)]),
    # a pronoun that is a person, or a sentence with no turnover before it, is not a figure
    ("Министр прибыл в Бишкек. Он сообщил, что на ремонт дороги выделено $40 млн.", date(2024, 3, 1), []),
    ("Погода в Бишкеке была теплой. Он составил $1,6 млрд.", date(2024, 3, 1), []),
    # two sentences on, only a clear continuation counts, and a loan is no turnover
    ("Trade between Kazakhstan and Kyrgyzstan grew. The presidents also discussed the border. It will cost "
     "$100 million to rebuild the checkpoint.", date(2024, 3, 1), []),
    ("Kazakh-Kyrgyz trade grew to $1.5 billion in 2023. According to its own figures, the bank lent $200 million.",
     date(2024, 3, 1), [("actual", 1_500_000_000, "2023-01", "2023-12", None, None)]),
])
def test_a_figure_may_continue_the_turnover_of_the_sentence_before(text, published, expected):
    assert figures(text, published) == expected


@pytest.mark.parametrize("text, expected", [
    # a second agency's total in a paragraph about the turnover, with no trade word of its own
    ("По данным казахстанской статистики, товарооборот в 2023 году составил $1,5 млрд. Кыргызская сторона "
     "по своим подсчетам называет цифру выше — $1,62 млрд.",
     [("actual", 1_500_000_000, "2023-01", "2023-12", None, None),
      ("actual", 1_620_000_000, "2023-01", "2023-12", None, None)]),
    ("Kazakh statistics put bilateral trade in 2023 at $1.5 billion. The Kyrgyz side, by its own count, "
     "records even more, $1.62 billion.",
     [("actual", 1_500_000_000, "2023-01", "2023-12", None, None),
      ("actual", 1_620_000_000, "2023-01", "2023-12", None, None)]),
    ("Kazakh-Kyrgyz trade came to $1.5 billion in 2023. By Bishkek's count, the number is closer to $1.62 billion.",
     [("actual", 1_500_000_000, "2023-01", "2023-12", None, None),
      ("actual", 1_620_000_000, "2023-01", "2023-12", None, None)]),
    ("Bilateral trade reached $1.5 billion in 2023, Astana says. According to Bishkek's own figures, "
     "the total was $1.62 billion.",
     [("actual", 1_500_000_000, "2023-01", "2023-12", None, None),
      ("actual", 1_620_000_000, "2023-01", "2023-12", None, None)]),
    ("Взаимная торговля Казахстана и Кыргызстана быстро растет. Кыргызская статистика показывает за 2023 год "
     "$1,9 млрд, тогда как казахстанские данные дают $1,6 млрд.",
     [("actual", 1_900_000_000, "2023-01", "2023-12", None, None),
      ("actual", 1_600_000_000, "2023-01", "2023-12", None, None)]),
    # ... but not an investment or export figure that follows it
    ("Товарооборот в 2023 году составил $1,5 млрд. Объем финансирования проекта составит $50 млн.",
     [("actual", 1_500_000_000, "2023-01", "2023-12", None, None)]),
    ("Bilateral trade reached $1.5 billion in 2023. According to its own figures, Kyrgyzstan attracted "
     "$500 million.", [("actual", 1_500_000_000, "2023-01", "2023-12", None, None)]),
    ("Товарооборот в 2023 году составил $1,5 млрд. По данным министерства, казахстанские инвестиции "
     "насчитывают $300 млн.", [("actual", 1_500_000_000, "2023-01", "2023-12", None, None)]),
    ("Bilateral trade reached $1.5 billion in 2023. According to the ministry, Kyrgyz exports came to "
     "$400 million.", [("actual", 1_500_000_000, "2023-01", "2023-12", None, None)]),
])
def test_a_second_source_total_continues_the_turnover_paragraph(text, expected):
    assert figures(text, date(2024, 3, 1)) == expected


@pytest.mark.parametrize("text", [
    "Кыргызстан и Таджикистан намерены довести взаимную торговлю до $1 млрд.",
    "Для сравнения, Казахстан и Узбекистан поставили цель довести товарооборот до $10 млрд к 2030 году.",
    "Kyrgyzstan and Uzbekistan plan to raise their trade to $5 billion.",
    "Kyrgyz-Uzbek trade reached $1.7 billion last year.",
    "Торговля между Кыргызстаном и Китаем в 2023 году выросла до $20 млрд.",
    "Кыргызско-узбекский товарооборот составил $1,7 млрд.",
])
def test_another_pair_with_one_of_ours_is_not_kz_kg(text):
    assert figures(text) == []


def test_a_sentence_with_our_pair_and_another_keeps_only_ours():
    text = ("Товарооборот Казахстана и Кыргызстана составил $1,7 млрд, а товарооборот Кыргызстана и Узбекистана — "
            "$1,2 млрд.")
    assert figures(text) == [("actual", 1_700_000_000, None, None, None, None)]
    text = "Trade between Kyrgyzstan and Kazakhstan is growing, while Kyrgyzstan and Tajikistan aim for $1 billion."
    assert figures(text) == []


@pytest.mark.parametrize("text, expected", [
    ("The ministers noted that in January-June 2024 bilateral trade amounted to $800 million, and confirmed the "
     "goal of raising it to $2 billion.",
     [("actual", 800_000_000, "2024-01", "2024-06", None, None), ("target", 2_000_000_000, None, None, None, None)]),
    ("В 2023 году товарооборот составил 1,5 млрд долларов, и стороны подтвердили цель довести его до 3 млрд.",
     [("actual", 1_500_000_000, "2023-01", "2023-12", None, None), ("target", 3_000_000_000, None, None, None, None)]),
    ("The leaders, who aim to bring trade to $3 billion by 2030, noted that it reached $1.7 billion in 2023.",
     [("target", 3_000_000_000, None, None, None, 2030), ("actual", 1_700_000_000, "2023-01", "2023-12", None, None)]),
    ("Стороны, намеренные довести товарооборот до 3 млрд долларов к 2030 году, отметили, что в 2023 году он "
     "составил 1,5 млрд долларов.",
     [("target", 3_000_000_000, None, None, None, 2030), ("actual", 1_500_000_000, "2023-01", "2023-12", None, None)]),
    # an intention in a relative clause is about the noun; the start of a planned rise is the current figure
    ("Trade, which the leaders want to double, reached $1.2 billion in the first half of 2024.",
     [("actual", 1_200_000_000, "2024-01", "2024-06", None, None)]),
    ("Товарооборот, который стороны намерены удвоить, за 2023 год составил $1,5 млрд.",
     [("actual", 1_500_000_000, "2023-01", "2023-12", None, None)]),
    ("The sides plan to lift trade to $3 billion by 2030 from $1.5 billion in 2023.",
     [("target", 3_000_000_000, None, None, None, 2030), ("actual", 1_500_000_000, "2023-01", "2023-12", None, None)]),
    ("Стороны планируют нарастить товарооборот с 1,5 млрд долларов в 2023 году до 3 млрд долларов к 2030 году.",
     [("actual", 1_500_000_000, "2023-01", "2023-12", None, None), ("target", 3_000_000_000, None, None, None, 2030)]),
    # a second target after the first keeps the kind
    ("Стороны намерены довести товарооборот до $2 млрд, а затем до $3 млрд.",
     [("target", 2_000_000_000, None, None, None, None), ("target", 3_000_000_000, None, None, None, None)]),
])
def test_actual_and_goal_in_one_sentence_are_decided_per_figure(text, expected):
    assert figures(text, date(2024, 8, 1)) == expected


@pytest.mark.parametrize("text, expected_target", [
    ("Товарооборот двух стран в прошлом году превысил $1 млрд. Президенты поставили задачу удвоить этот "
     "показатель в течение пяти лет.", 2_000_000_000),
    ("Last year bilateral trade reached $1.2 billion. The leaders want to double it by 2030.", 2_400_000_000),
    ("Взаимная торговля в 2023 году составила 1,5 млрд долларов.\nПравительствам поручено удвоить товарооборот.",
     3_000_000_000),
    ("Bilateral trade came to $1 billion last year. The presidents agreed to triple that figure.", 3_000_000_000),
    ("В прошлом году товарооборот достиг $1,5 млрд. Теперь задача — увеличить его вдвое.", 3_000_000_000),
])
def test_doubling_in_the_next_sentence_is_an_implicit_target(text, expected_target):
    got = figures(text, date(2024, 3, 1))
    assert [(k, v) for k, v, *_ in got][-1] == ("target", expected_target)
    assert [k for k, *_ in got] == ["actual", "target"]


@pytest.mark.parametrize("text", [
    "Bilateral trade reached $1 billion last year. Since 2015 it has doubled.",
    "Товарооборот в прошлом году превысил $1 млрд. Стороны договорились удвоить число авиарейсов.",
    "Товарооборот в прошлом году превысил $1 млрд.\n\nЧисло туристов за год выросло вдвое.",
])
def test_doubling_that_is_no_trade_target(text):
    assert [k for k, *_ in figures(text, date(2024, 3, 1))] == ["actual"]


@pytest.mark.parametrize("text, expected", [
    ("reached $1.6 billion, an increase of 8 percent", [8.0]),
    ("a rise of 12.5% on the year before", [12.5]),
    ("a decrease of 4 percent", [-4.0]),
    ("рост составил 7%", [7.0]),
    ("an 8-percent increase", [8.0]),
    ("a share of 8 percent", []),
])
def test_growth_phrased_as_a_noun(text, expected):
    assert [g.pct for g in find_growth(text)] == expected


def test_growth_phrased_as_a_noun_attaches_to_the_figure():
    text = "Mutual trade in January-June 2024 reached $900 million, an increase of 6 percent."
    assert figures(text, date(2024, 8, 1)) == [("actual", 900_000_000, "2024-01", "2024-06", 6.0, None)]
    text = "Товарооборот за первое полугодие 2024 года составил $900 млн. Рост составил 6 процентов."
    assert figures(text, date(2024, 8, 1)) == [("actual", 900_000_000, "2024-01", "2024-06", 6.0, None)]


# --- Third pass: promises inside actual-figure sentences, due-year goals continuing the turnover talk, headline
# verbs of intention (sentences written for these tests, not taken from any corpus) ---

@pytest.mark.parametrize("text, expected", [
    # a figure promised before and not yet reached is the goal, not a second reported amount
    ("Bilateral trade reached $1.7 billion in 2024, still short of the $2bn the governments first promised.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None), ("target", 2_000_000_000, None, None, None, None)]),
    ("Trade came to $1.7 billion last year, well below the $2 billion pledged by the two presidents.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None), ("target", 2_000_000_000, None, None, None, None)]),
    ("Mutual trade stood at $1.7 billion in 2024, shy of the promised $2 billion.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None), ("target", 2_000_000_000, None, None, None, None)]),
    ("Товарооборот в 2024 году составил $1,7 млрд, но все еще не дотягивает до обещанных $2 млрд.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None), ("target", 2_000_000_000, None, None, None, None)]),
    ("Товарооборот в 2024 году составил $1,7 млрд — это далеко до намеченных $2 млрд.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None), ("target", 2_000_000_000, None, None, None, None)]),
    ("Товарооборот в 2024 году составил $1,7 млрд, что ниже целевых $2 млрд.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None), ("target", 2_000_000_000, None, None, None, None)]),
    ("Взаимная торговля в 2024 году составила $1,7 млрд против $2 млрд, обещанных ранее.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None), ("target", 2_000_000_000, None, None, None, None)]),
    ("Товарооборот в 2024 году составил $1,7 млрд, что меньше обещанных в 2019 году $2 млрд.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None), ("target", 2_000_000_000, None, None, None, None)]),
    ("Trade reached $1.7 billion in 2024 but has yet to reach the $2 billion mark.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None), ("target", 2_000_000_000, None, None, None, None)]),
    ("Trade reached $1.7 billion in 2024, a long way from the $3 billion the leaders talk about.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None), ("target", 3_000_000_000, None, None, None, None)]),
    ("Товарооборот в 2024 году составил $1,7 млрд, но до $2 млрд еще далеко.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None), ("target", 2_000_000_000, None, None, None, None)]),
    ("Товарооборот в 2024 году составил $1,7 млрд, но пока не достиг заветных $2 млрд.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None), ("target", 2_000_000_000, None, None, None, None)]),
    ("Bilateral trade reached $1.7 billion in 2024, short of a promised $2 billion by 2025.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None), ("target", 2_000_000_000, None, None, None, 2025)]),
    # ... but a promise about the figure, a plan that was kept, or "далеко не предел" leaves it an actual
    ("Товарооборот в 2024 году составил $1,7 млрд, и это далеко не предел.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None)]),
    ("Trade reached $1.7 billion in 2024, and the presidents promised to raise it further.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None)]),
    ("As planned, bilateral trade reached $1.5 billion in 2023.",
     [("actual", 1_500_000_000, "2023-01", "2023-12", None, None)]),
    ("The $2 billion of trade that the governments promised was reached in 2024.",
     [("actual", 2_000_000_000, "2024-01", "2024-12", None, None)]),
])
def test_a_promised_figure_in_an_actual_sentence_is_the_goal(text, expected):
    assert figures(text, date(2025, 6, 1)) == expected


@pytest.mark.parametrize("text, expected", [
    # a figure due by a future year, with no trade word, continues the turnover talk of the sentences before
    ("Bilateral trade grew to $1.7 billion in 2024. The presidents now speak of $3 billion by 2030.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None), ("target", 3_000_000_000, None, None, None, 2030)]),
    ("Товарооборот в 2024 году составил $1,7 млрд. Теперь речь идет о $3 млрд к 2030 году.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None), ("target", 3_000_000_000, None, None, None, 2030)]),
    ("Взаимная торговля Казахстана и Кыргызстана растет. Лидеры уже говорят о $3 млрд к концу 2030 года.",
     [("target", 3_000_000_000, None, None, None, 2030)]),
    ("Kazakh-Kyrgyz trade keeps growing. The ministers met in Astana. By 2030 the leaders hope for $3 billion.",
     [("target", 3_000_000_000, None, None, None, 2030)]),
    ("The presidents now speak of $3 billion in bilateral trade by 2030.",
     [("target", 3_000_000_000, None, None, None, 2030)]),
    ("Президенты теперь говорят о $3 млрд взаимной торговли к 2030 году.",
     [("target", 3_000_000_000, None, None, None, 2030)]),
    ("Bilateral trade reached $1.7 billion in 2024. By 2030, $3 billion.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None), ("target", 3_000_000_000, None, None, None, 2030)]),
    # a past year right after a figure is its period, unless the figure is named a goal
    ("Trade grew to $1.5 billion by 2023.", [("actual", 1_500_000_000, "2023-01", "2023-12", None, None)]),
    ("Товарооборот вырос до $1,5 млрд к 2023 году.", [("actual", 1_500_000_000, "2023-01", "2023-12", None, None)]),
    ("Kazakhstan and Kyrgyzstan reached $1.5 billion in mutual trade by 2023.",
     [("actual", 1_500_000_000, "2023-01", "2023-12", None, None)]),
    ("In 2017 the presidents set a goal of $1 billion in trade by 2020.",
     [("target", 1_000_000_000, None, None, None, 2020)]),
    # ... not a cost, an investment or a sentence far from any trade talk, and "this year"/a past year is no goal
    ("Bilateral trade grew to $1.7 billion in 2024. The new railway will cost $3 billion by 2030.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None)]),
    ("Товарооборот в 2024 году составил $1,7 млрд. К 2030 году Казахстан вложит в экономику соседа $3 млрд.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None)]),
    ("Погода в Бишкеке была теплой. Речь идет о $3 млрд к 2030 году.", []),
    ("Bilateral trade reached $1.7 billion in 2024. The Kyrgyz economy should grow to $20 billion by 2030.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None)]),
    ("Товарооборот в 2024 году составил $1,7 млрд. Объем производства к 2030 году вырастет до $5 млрд.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None)]),
    ("Trade reached $1.7 billion in 2024. Tourism revenue is expected to reach $1 billion by 2030.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None)]),
    ("В этом году товарооборот Казахстана и Кыргызстана уже достиг $1,5 млрд.",
     [("actual", 1_500_000_000, None, None, None, None)]),
    ("Trade between Kazakhstan and Kyrgyzstan grew fast. By 2023 it had reached $1.5 billion.",
     [("actual", 1_500_000_000, "2023-01", "2023-12", None, None)]),
])
def test_a_figure_due_by_a_year_continues_the_turnover_talk_as_a_goal(text, expected):
    assert figures(text, date(2025, 6, 1)) == expected


@pytest.mark.parametrize("title, body, expected", [
    ("На пути к $3 млрд: Казахстан и Кыргызстан наращивают торговлю",
     "Товарооборот Казахстана и Кыргызстана в 2024 году составил $1,7 млрд.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None), ("target", 3_000_000_000, None, None, None, None)]),
    ("Kazakhstan, Kyrgyzstan eyeing $3bn in trade by 2030",
     "Kazakhstan and Kyrgyzstan want to lift bilateral trade to $3 billion by 2030.",
     [("target", 3_000_000_000, None, None, None, 2030)]),
    ("PMs eye $3bn trade",
     "The prime ministers of Kazakhstan and Kyrgyzstan agreed to bring bilateral trade to $3 billion by 2030.",
     [("target", 3_000_000_000, None, None, None, 2030)]),
    ("Премьеры нацелились на $3 млрд товарооборота",
     "Премьеры Казахстана и Кыргызстана договорились довести товарооборот до $3 млрд к 2030 году.",
     [("target", 3_000_000_000, None, None, None, 2030)]),
    ("Kazakhstan, Kyrgyzstan look to $3 billion in trade",
     "Bilateral trade reached $1.7 billion in 2024.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None), ("target", 3_000_000_000, None, None, None, None)]),
    ("Казахстан и Кыргызстан рассчитывают на $3 млрд товарооборота",
     "Товарооборот в 2024 году составил $1,7 млрд.",
     [("actual", 1_700_000_000, "2024-01", "2024-12", None, None), ("target", 3_000_000_000, None, None, None, None)]),
    # a headline reporting a figure stays an actual and merges with the body
    ("Kyrgyz-Kazakh trade tops $2 billion",
     "Trade between Kazakhstan and Kyrgyzstan crossed the $2 billion mark in 2025.",
     [("actual", 2_000_000_000, "2025-01", "2025-12", None, None)]),
])
def test_a_headline_verb_of_intention_makes_a_target_merged_with_the_body(title, body, expected):
    got = article_figures(title, body, date(2025, 6, 1))
    assert [(f.kind, round(f.value_usd), f.period_start, f.period_end, f.growth_pct, f.target_year)
            for f in got] == expected
    assert got[0].quote != title  # the body's sentence is quoted, not the headline
