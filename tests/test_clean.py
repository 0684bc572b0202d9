"""Golden tests of the cleaner: the seeds against what a careful reader sees in them, the dev corpus dates."""

import json
from pathlib import Path

import pytest
from conftest import DEV, SEEDS

from lib.articles import clean, page
from lib.files import folders
from lib.records import RawDocument

EXPECTED = json.loads((Path(__file__).parent / "golden" / "seeds_articles.json").read_text(encoding="utf-8"))
SEED_FILES = sorted(k for k in EXPECTED if not k.startswith("_"))


def _article(path: Path):
    found = folders.FoundFile(path, path.name, folders.KINDS[path.suffix])
    return page.to_article(folders.read_document(found))


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_metadata(name):
    article, expected = _article(SEEDS / name), EXPECTED[name]
    assert article.title == expected["title"]
    assert article.lang == expected["lang"]
    assert (article.published.isoformat() if article.published else None) == expected["published"]
    assert article.source == expected["source"]


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_body_complete_and_clean(name):
    body, expected = _article(SEEDS / name).body, EXPECTED[name]
    flat = " ".join(body.split())
    for fragment in expected["must"]:
        assert " ".join(fragment.split()) in flat, fragment
    for fragment in expected["must_not"]:
        assert fragment not in body, fragment


def test_seed_bullets_kept_as_lines():
    body = _article(SEEDS / "002_ef18829c8c696d30.txt").body
    assert sum(1 for line in body.split("\n") if line.startswith("•")) == 4


@pytest.mark.skipif(not DEV.is_dir(), reason="the shared dev corpus is beside the project only on team machines")
def test_dev_corpus_publication_dates_and_titles():
    gold = json.loads((DEV / "gold.json").read_text(encoding="utf-8"))
    dated = [g for g in gold if g["published"]]
    right_dates = right_titles = 0
    for entry in gold:
        article = _article(DEV / entry["file"])
        published = article.published.isoformat() if article.published else None
        if entry["published"]:
            right_dates += published == entry["published"]
        else:
            assert published is None, f"{entry['file']}: invented a date {published}"
        right_titles += article.title == entry["title"]
    # Quality gate: the issue asks for 95% of dated articles; the cleaner reaches all of them today.
    assert right_dates / len(dated) >= 0.95
    assert right_titles == len(gold)


PAGE_HEAD = ["МЕНЮ САЙТА", "Главная | Политика | Экономика | Общество", "$ 99.61 +0.03   € 104.86 +0.80"]
PAGE_TAIL = ["Поделиться", "Читайте также: другая новость дня", "Комментарии (0)",
             "© 2024 «Новости». Все права защищены."]


@pytest.mark.parametrize(
    ("paragraphs", "title"),
    [
        (["Стороны обсудили вопросы торговли и транспорта, а также подготовку визита в следующем месяце.",
          "По итогам встречи было подписано соглашение о сотрудничестве в области энергетики и водных ресурсов."],
         "Министры обсудили торговлю"),
        (["The two ministers discussed trade and transport and agreed to meet again in the autumn in Bishkek.",
          "They also signed a memorandum on energy cooperation and on the joint management of water resources."],
         "Ministers discuss trade"),
    ],
)
def test_synthetic_page_keeps_every_article_line(paragraphs, title):
    text = "\n".join([*PAGE_HEAD, title, "12.03.2024, 10:15", *paragraphs, *PAGE_TAIL])
    article = page.to_article(RawDocument("x.txt", text, "text", "utf-8"))
    assert article.body.split("\n") == paragraphs
    assert article.title == title
    assert article.published.isoformat() == "2024-03-12"


def test_markdown_headings_and_links_become_text():
    text = ("# Министры обсудили торговлю\n\n"
            "Стороны обсудили [вопросы торговли](http://example.com) и транспорта, а также **подготовку визита**.\n\n"
            "По итогам встречи было подписано соглашение о сотрудничестве в области энергетики.\n")
    article = page.to_article(RawDocument("x.md", text, "markdown", "utf-8"))
    assert article.title == "Министры обсудили торговлю"
    assert "[" not in article.body and "**" not in article.body and "http" not in article.body
    assert "вопросы торговли и транспорта" in article.body


def test_html_scripts_never_reach_the_body():
    html = ("<html><head><title>Trade talks in Bishkek</title><script>var x = 'SCRIPTTEXT';</script>"
            "<style>.a{color:red}</style></head><body><nav>Home | Politics | NAVTEXT</nav><article>"
            "<h1>Trade talks in Bishkek</h1><p>The two prime ministers met in Bishkek on Tuesday and discussed "
            "trade, transport and the water and energy balance of the region for the coming year.</p>"
            "<p>They agreed to raise mutual trade and to open two new border crossings before the winter.</p>"
            "<img src=x onerror=alert(1)><iframe src='http://ads.example'>IFRAMETEXT</iframe></article>"
            "<script>alert('x')</script></body></html>")
    article = page.to_article(RawDocument("x.html", html, "html", "utf-8"))
    assert "two prime ministers met in Bishkek" in article.body
    assert article.title == "Trade talks in Bishkek"
    assert not article.body.startswith(article.title), "the headline is the title, not the first body line"
    for leaked in ("SCRIPTTEXT", "alert", "color:red", "IFRAMETEXT", "onerror", "<"):
        assert leaked not in article.body


def test_page_with_only_furniture_is_reported():
    text = "\n".join([*PAGE_HEAD, *PAGE_TAIL])
    with pytest.raises(clean.NoArticleText):
        page.to_article(RawDocument("x.txt", text, "text", "utf-8"))


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Президент провел переговоры в Астане.", "ru"), ("The president held talks in Astana.", "en"),
     ("Қазақстан Республикасының Президенті Астанада келіссөздер жүргізді.", "kk")],
)
def test_detect_lang(text, lang):
    assert clean.detect_lang(text) == lang


@pytest.mark.parametrize(
    ("head", "title"),
    [
        # a byline between the headline and the body
        (["ANALYSIS", "Water talks move upstream", "By Aliya Serikova", "May 3, 2025"], "Water talks move upstream"),
        (["Аналитика | Экономика", "Торговля растет, баланса нет", "Автор: Нурлан Исаев", "04.03.2025"],
         "Торговля растет, баланса нет"),
        # a standfirst of sentences under the headline
        (["Dams and money", "The project has new backers. Will it be built this time?", "June 2, 2025"],
         "Dams and money"),
        # initials and a quoted headline are not sentence breaks
        (["Политика", "С. Жапаров и К.-Ж. Токаев обсудили энергетику", "12.07.2022"],
         "С. Жапаров и К.-Ж. Токаев обсудили энергетику"),
        (["«Граница должна объединять». Посол о торговле и очередях", "12.07.2022"],
         "«Граница должна объединять». Посол о торговле и очередях"),
        # weather and a menu of capitalised words above the headline
        (["Новости Политика Экономика Общество Спорт", "Бишкек +31° Ош +34°", "Министры обсудили энергетику",
          "12.07.2022"], "Министры обсудили энергетику"),
    ],
)
def test_title_is_the_headline_not_its_neighbours(head, title):
    body = ["Стороны обсудили вопросы торговли и транспорта, а также подготовку визита в следующем месяце.",
            "По итогам встречи было подписано соглашение о сотрудничестве в области энергетики и водных ресурсов."]
    text = "\n".join([*PAGE_HEAD, *head, *body, *PAGE_TAIL])
    assert page.to_article(RawDocument("x.txt", text, "text", "utf-8")).title == title


def test_html_nested_deeper_than_libxml2_parses_is_still_read():
    paragraphs = ("<p>The two prime ministers met in Bishkek on Tuesday and discussed trade, transport and the water "
                  "and energy balance of the region.</p><p>They agreed to open two new border crossings before the "
                  "winter and to meet again in spring.</p><script>alert('DEEP')</script>")
    html = ("<html><head><title>Talks in Bishkek</title><style>.x{}</style></head><body>" + "<div>" * 5000
            + paragraphs + "</div>" * 5000 + "</body></html>")
    article = page.to_article(RawDocument("deep.html", html, "html", "utf-8"))
    assert article.title == "Talks in Bishkek"
    assert article.body.split("\n") == [
        "The two prime ministers met in Bishkek on Tuesday and discussed trade, transport and the water and energy "
        "balance of the region.",
        "They agreed to open two new border crossings before the winter and to meet again in spring."]


def test_lower_casing_agrees_with_ignorecase_on_usual_characters():
    """The furniture search over lower-cased text is exact for every character it is used on."""
    import re

    pattern = clean.FURNITURE_PHRASES
    assert pattern == pattern.lower()
    atoms = [re.compile(a) for a in {re.escape(c) for c in pattern if c != "\\"} | {r"\d", r"\s", "[+−-]"}]
    folded = [re.compile(a.pattern, re.IGNORECASE) for a in atoms]
    usual = [chr(i) for i in range(0x3000) if not clean.UNUSUAL_CASE.search(chr(i))]
    assert "ё" in usual and "Қ" in usual and "«" in usual and "İ" not in usual and "ſ" not in usual
    for ch in usual:
        lowered = ch.lower()
        assert len(lowered) == 1, ch
        for plain, ignorecase in zip(atoms, folded, strict=True):
            assert bool(ignorecase.fullmatch(ch)) == bool(plain.fullmatch(lowered)), (ch, plain.pattern)


@pytest.mark.parametrize("line", ["© 2024 Kazinform", "ВСЕ ПРАВА ЗАЩИЩЕНЫ.", "COPYRIGHT İSTANBUL", "Сегодня +25 °C",
                                  "Privacy Policy | Terms of Use", "ſome copyright text", "Президент провел переговоры",
                                  "ᲃсылка обязательна", "18+"])
def test_furniture_anywhere_is_the_ignorecase_search(line):
    assert clean._furniture_anywhere(line) is bool(clean.FURNITURE_ANY.search(line))


def test_letter_sets_are_disjoint_and_within_the_basic_plane():
    every = "".join(map(chr, range(0x110000)))
    matched = [{m.start() for m in pattern.finditer(every)} for pattern in clean.LETTER_SETS]
    assert all(max(points) < 0xFFFF for points in matched)
    assert sum(map(len, matched)) == len(set().union(*matched))


def _lang_by_regex(text):
    sample = text[:20000]
    cyr, kazakh, kyrgyz, latin = (len(p.findall(sample)) for p in clean.LETTER_SETS)
    if cyr + kazakh + kyrgyz < latin:
        return "en"
    return "kk" if kazakh > 0.02 * cyr else "ky" if kyrgyz > 0.02 * cyr else "ru"


@pytest.mark.parametrize("text", ["", "Президент провел переговоры", "The President met", "Қазақстан Республикасы",
                                  "Кыргыз Республикасынын Өкмөтү", "ſſſ İİİ KKK ᲀᲀᲀᲀ абв", "😀 🇰🇿 abc где",
                                  "Ab" * 15000 + "где" * 9000])
def test_detect_lang_counts_letters_as_the_patterns_match_them(text):
    assert clean.detect_lang(text) == _lang_by_regex(text)


@pytest.mark.parametrize("language", ["English", "Russian"])
def test_stop_words_are_justexts(language):
    import justext

    assert clean._stopwords(language) == frozenset(w.lower() for w in justext.get_stoplist(language))


@pytest.mark.parametrize("line", ["Kazinform reports that the talks went well.", "AKIpress cites the ministry.",
                                  "The Ministry said in a statement on Monday", "Как сообщало «Кабар», визит",
                                  "как передает Sputnik, стороны", "Как передаёт ТАСС, президенты"])
def test_outlet_credits_contain_a_reporting_word(line):
    assert clean.OUTLET_REPORTS.search(line)
    assert any(word in line for word in clean.REPORTING_WORDS)


def test_short_sentences_between_paragraphs_keep_the_article_whole():
    # Found by the property test: two four-word sentences and two list items between paragraphs cut the body
    # in two, and the article was read from its last paragraph with a list item as its headline.
    text = ("Стороны обсудили новые маршруты\n"
            "Министры договорились открыть прямое автобусное сообщение между городами летом.\n"
            "Встреча прошла в Бишкеке.\n"
            "Она длилась два часа.\n"
            "— запуск рейса Ош — Шымкент;\n"
            "— ремонт автовокзала;\n"
            "Министерства подготовят расписание и тарифы до конца месяца, сообщили в ведомстве.\n")
    article = page.to_article(RawDocument("page.txt", text, "text", "utf-8"))
    assert article.title == "Стороны обсудили новые маршруты"
    assert article.body.split("\n") == text.strip().split("\n")[1:]
