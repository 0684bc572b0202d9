"""Table-driven tests of date strings, of choosing a page's publication date and of a saved page's metadata."""

from datetime import date

import pytest

from lib.articles import pubdates
from lib.articles.clean import text_article
from lib.articles.metadata import Metadata, split_metadata
from lib.articles.page import to_article
from lib.articles.pubdates import PageDates
from lib.records import RawDocument


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-03-02", date(2021, 3, 2)),
        ("01.02.2024", date(2024, 2, 1)),
        ("22/08/2025", date(2025, 8, 22)),
        ("29-05-2025", date(2025, 5, 29)),
        ("8 апреля 2021", date(2021, 4, 8)),
        ("27 ноября 2019 г.", date(2019, 11, 27)),
        ("20 февраля 2026", date(2026, 2, 20)),
        ("22 апр 2022", date(2022, 4, 22)),
        ("May 24, 2024", date(2024, 5, 24)),
        ("28 November 2019", date(2019, 11, 28)),
        ("14 Nov 2025", date(2025, 11, 14)),
        ("Март 02, 2021", date(2021, 3, 2)),
        ("31.02.2024", None),
        ("вчера", None),  # relative words need a reference date
        ("", None),
        ("no date here", None),
        ("1812-06-24", None),
    ],
)
def test_parse_date(text, expected):
    assert pubdates.parse_date(text) == expected


def test_parse_relative_with_reference():
    assert pubdates.parse_date("вчера", reference=date(2020, 3, 20)) == date(2020, 3, 19)


@pytest.mark.parametrize(
    ("line", "is_stamp"),
    [
        ("01.02.2024, 17:30 94866", True),
        ("27 ноября 2019 г., 16:20   |   Просмотров: 3 418", True),
        ("Saturday, 23 September 2023, 19:02", True),
        ("Вчера в 19:05   👁 2 761   💬 0", True),
        ("28 November 2019, 09:12 (GMT+6)", True),
        ("• Жээнбеков вручил государственные награды учителям — 26.11.2019, 15:30", False),
        ("Официальные курсы НБКР на 27.11.2019: USD 69,85 ▲0,02", False),
        ("Президент провел переговоры", False),
        # bylines that carry the date: the time first (24.kg, also on its English pages), "By … on DATE"
        ("10:08, 26 мая 2022, Бишкек - 24.kg , Айгуль ТОКТОСУНОВА", True),
        ("11:01, 31 августа 2021, Bishkek - 24.kg news agency , Baktygul OSMONOVA", True),
        ("14:09, 01 февраля 2021, Бишкек - 24.kg", True),
        ("26 мая 2022, Бишкек - 24.kg", True),
        ("26 мая 2022, Бишкек — визит Токаева", False),  # a line of a chronology in the article
        ("By Dana Omarova in Nation on 18 April 2024", True),
        ("By Staff • 18 April 2024", True),
        ("By Staff on 18 April 2024", True),
        ("Автор: Нурлан Исаев | 04.03.2025", True),
        ("14:37, 19 Апрель 2024 | GMT +5", True),
        ("Главная Политика 11:54 09 Декабря 2022 4745", True),
        ("Январь 11, 2021 13:35 Бишкек", True),
        ("Январь 11, 2021 13:35", True),
        ("Токаев Жапаров 09 Декабря 2022", False),
        ("20 апреля 2024, Бишкекское время 07:27", True),
        # a sentence that opens with a date or a time is prose
        ("26 мая 2022 года президенты провели переговоры в Бишкеке.", False),
        ("10:00, 26 мая 2022, в Бишкеке начались переговоры двух президентов.", False),
        ("By the end of 2024 trade reached $1.5 billion, the minister said.", False),
        ("By 2030 trade should reach $3 billion under the roadmap of 12.03.2024", False),
        ("By President's decree of 12.03.2024 the council was formed", False),
        ("By Dana Omarova on 18.04.2024. The talks began.", False),
    ],
)
def test_is_date_line(line, is_stamp):
    assert pubdates.is_date_line(line) is is_stamp


@pytest.mark.parametrize(
    ("head", "body", "tail", "expected"),
    [
        # a label beats a later furniture date
        ([], ["Текст статьи."], ["Опубликовано 8 апреля 2021 в 11:08", "Все новости", "14.11.2024"], date(2021, 4, 8)),
        # "Updated" is not the publication
        (["Title", "Published 14 Nov 2025, 17:55 · Updated 15 Nov 2025, 09:10"], ["Body."], [], date(2025, 11, 14)),
        # relative stamp resolved against the site's header date
        (["пятница, 20 марта 2020", "Заголовок", "Вчера в 19:05"], ["Текст."], [], date(2020, 3, 19)),
        (["пятница, 20 февраля 2026", "Заголовок"], ["Текст."], ["Сегодня 07:36     Комментарии [0]"],
         date(2026, 2, 20)),
        # wire dateline without a year, on a page with no full date at all: the year of its copyright line
        (["Title"], ["BISHKEK, April 29 (Kabar) – The Chairman said."], ["© 2022 Kabar."], date(2022, 4, 29)),
        # a wire dateline with a full date at the head of the body
        (["Title"], ["ASTANA, 12 March 2024. President Japarov met President Tokayev."], [], date(2024, 3, 12)),
        (["Title"], ["Бишкек, 5 июня 2023 года. Стороны обсудили торговлю."], [], date(2023, 6, 5)),
        # a date later in the first sentence is an event's, not the filing date
        (["Title"], ["The two presidents agreed on Tuesday to meet again on 12 March 2025 in Bishkek."], [], None),
        # dated teasers in a sidebar are not the article's date
        (["Title"], ["Body."], ["Другие новости", "• Шакиев принял посла Турции — 20.06.2023"], None),
        ([], ["Body."], [], None),
        # bylines with the date: the time first, "By … on DATE"
        (["11:41", "USD 88.81", "EUR 95.39", "Власть", "Заголовок", "10:08, 26 мая 2022, Бишкек - 24.kg , Имя ФАМИЛИЯ"],
         ["Текст."], ["Популярные новости", "28 апреля, воскресенье"], date(2022, 5, 26)),
        (["Title", "By Dana Omarova in Nation on 18 April 2024"], ["Body."], [], date(2024, 4, 18)),
        # a wire dateline with a two-digit year
        (["Заголовок"], ["Бишкек, 27.06.23. /Кабар/. Стороны обсудили торговлю."], [], date(2023, 6, 27)),
        (["Заголовок"], ["Бишкек, 16.03.26 /Кабар/. Сегодня, 16 марта, состоялся разговор."], [], date(2026, 3, 16)),
        # no year: the year of a full date elsewhere on the page within 45 days (an update stamp is not the
        # publication date, but it dates the page), else no date
        (["Заголовок", "Обновлено 23.08.2025, 10:12"], ["БИШКЕК, 22 авг — Sputnik. Текст."], [], date(2025, 8, 22)),
        (["Title", "Last updated: 23 August 2025"], ["BISHKEK, August 22 (Kabar) – Text."], [], date(2025, 8, 22)),
        (["Заголовок"], ["БИШКЕК, 30 дек — Sputnik. Текст."], ["Новости", "• Другая новость — 02.01.2026"],
         date(2025, 12, 30)),
        (["Заголовок"], ["БИШКЕК, 22 авг — Sputnik. Текст."], ["Новости", "• Другая новость — 12.03.2025"], None),
        (["Заголовок"], ["БИШКЕК, 22 авг — Sputnik. Текст."], [], None),
        (["Заголовок"], ["БИШКЕК, 3-май — Sputnik. Бүгүн сүйлөштү."], ["• Жаңылык — 05.05.2022"], date(2022, 5, 3)),
        (["Title", "24.05.2024"], ["BISHKEK, Kyrgyzstan, May 24. Kyrgyzstan and Kazakhstan aim higher."], [],
         date(2024, 5, 24)),
        (["Заголовок"], ["Астана. 27 января. KAZAKHSTAN TODAY - Министр прокомментировал."], ["© 2026"],
         date(2026, 1, 27)),
        # under a standfirst
        (["Заголовок", "27.01.2026, 20:57"], ["Ранее в сети распространилась информация о конфликте.",
                                             "Астана. 27 января. KAZAKHSTAN TODAY - Министр прокомментировал."],
         [], date(2026, 1, 27)),
        (["Заголовок"], ["Ранее в сети распространилась информация о конфликте.",
                         "Бишкек, 27.06.23. /Кабар/. Стороны обсудили торговлю."], [], date(2023, 6, 27)),
        # a month and day inside a first sentence are the event's, not a dateline
        (["Заголовок"], ["Сегодня, 16 марта, состоялся разговор президентов."], ["• Новость — 17.03.2026"], None),
        # the site header's today is not the article's date: beside the site clock, after a ticker marquee
        (["Ссылки для упрощенного доступа", "20 апреля 2024, Бишкекское время 07:27", "Заголовок"], ["Текст."],
         [], None),
        (["KGS/USD = 0.01149 0.87%", "KZT/USD = 0.00201 0%"] * 3 + ["09 March 2025", "Title"], ["Body."], [], None),
        (["KGS/USD = 0.01149", "KZT/USD = 0.00201", "TJS/USD = 0.09176", "10 December 2025", "Title"], ["Body."], [],
         None),
        # one row of quotes over a dated stamp is the stamp of a news site under its menu
        (["Новости | Власть", "Бишкек +26° USD 87,45 KZT 0,161", "2 августа 2025 г.", "Власть", "Заголовок"],
         ["Текст."], [], date(2025, 8, 2)),
        (["$ 447,30 € 476,10", "19.04.2024, 13:40", "Политика", "Заголовок"], ["Текст."], [], date(2024, 4, 19)),
        # two dates above the headline: the first, under the menu, is the site's today
        (["Меню", "23 января 2026", "Интервью", "Заголовок интервью с послом", "20 января 2026, 10:00"],
         ["Текст."], [], date(2026, 1, 20)),
        # a dated teaser in a list of links far above the article is not the article's stamp
        (["Последние новости", "Новость о погоде", "12.03.2024, 10:15", *[f"Новость номер {n}" for n in range(15)],
          "Заголовок"], ["Текст."], [], None),
        # the header's today dates a time-only stamp under the headline, and nothing by itself
        (["пятница, 20 марта 2020", "Заголовок новости о переговорах", "11:44"], ["Текст."], [], date(2020, 3, 20)),
        (["11:44", "пятница, 20 марта 2020", "Заголовок новости о переговорах"], ["Текст."], [], None),
    ],
)
def test_publication_date(head, body, tail, expected):
    assert pubdates.publication_date(PageDates(head, body, tail)) == expected


@pytest.mark.parametrize(
    ("head", "body", "saved", "seen", "expected"),
    [
        # the metadata date counts when the page says nothing better
        (["Заголовок"], ["Текст."], date(2024, 2, 6), None, date(2024, 2, 6)),
        (["Ссылки", "20 апреля 2024, Бишкекское время 07:27", "Заголовок"], ["Текст."], date(2021, 2, 15), None,
         date(2021, 2, 15)),
        # a dateline or a stamp of the page is better; the metadata still gives the dateline its year
        (["Заголовок"], ["БИШКЕК, 23 ноя – РИА Новости. Текст."], date(2025, 11, 24), None, date(2025, 11, 23)),
        (["27.01.2026, 20:57 11681", "Заголовок"], ["Текст."], date(2026, 1, 28), None, date(2026, 1, 27)),
        # a crawl date is never the publication date, but it dates "Сегодня"
        (["Заголовок", "Сегодня, 10:02"], ["Текст."], None, date(2024, 3, 5), date(2024, 3, 5)),
        (["Заголовок"], ["Текст."], None, date(2024, 3, 5), None),
        # a bare date under two ticker rows is the page's stamp, unless the exporter's own date says otherwise
        (["KGS/USD = 0.0114 0%", "KZT/USD = 0.0019 -0.1%", "05 December 2026", "Site", "Headline of the story"],
         ["Text."], None, None, date(2026, 12, 5)),
        (["KGS/USD = 0.0114 0%", "KZT/USD = 0.0019 -0.1%", "05 December 2026", "Site", "Headline of the story"],
         ["Text."], date(2026, 3, 2), None, date(2026, 3, 2)),
    ],
)
def test_publication_date_with_saved_metadata(head, body, saved, seen, expected):
    assert pubdates.publication_date(PageDates(head, body, [], metadata=saved, seen=seen)) == expected


@pytest.mark.parametrize("word", sorted(pubdates.MONTH_NUMBERS))
def test_month_words_read_as_dateparser_reads_them(word):
    """The shortcut for "8 апреля 2021" / "May 24, 2024" gives exactly what dateparser gives, invalid days too."""
    import dateparser

    settings = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"],
                "PARSERS": ["timestamp", "custom-formats", "absolute-time"]}
    forms = [f"{{day}} {w}{dot} {{year}}" for w in (word, word.upper()) for dot in ("", ".")]
    if word.isascii():
        forms += [f"{word.title()} {{day}}, {{year}}", f"{word.title()}. {{day}} {{year}}"]
    for form in forms:
        for day, year in (("1", "1990"), ("09", "2021"), ("29", "2023"), ("31", "2024")):
            text = form.format(day=day, year=year)
            assert pubdates._named_month(text) is not None, text
            expected = dateparser.parse(text, languages=["ru", "en"], settings=settings)
            expected_day = expected.date() if expected and expected.date() >= pubdates.EARLIEST else None
            assert pubdates.parse_date(text) == expected_day, text


@pytest.mark.parametrize("text", ["8 мае 2021", "0 апреля 2021", "35 мая 2021", "May 24th, 2024", "8  апреля 2021",
                                  "8 апреля 2021 г.", "8 Floréal 2021"])
def test_other_date_forms_are_left_to_dateparser(text):
    assert pubdates._named_month(text) is None


# --- metadata a saver wrote at the top of the page ----------------------------------------------------------

BODY = ("The two presidents discussed trade, transport and water issues during the meeting in the capital.\n"
        "The sides agreed to continue work on joint projects in the border regions of both countries.")


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        # YAML front matter (trafilatura --with-metadata, site exporters), values quoted or not
        ("---\ntitle: Tokayev and Japarov hold talks\nauthor: Staff\nurl: https://example.kz/news/1\n"
         "sitename: The Astana Times\ndate: 2024-02-06\ntags: ['KZ', 'KG']\n---\n",
         Metadata(published=date(2024, 2, 6), title="Tokayev and Japarov hold talks", source="The Astana Times",
                  url="https://example.kz/news/1")),
        ("---\ntitle: Talks: what was agreed\npublished: '2024-02-06T11:44:00+06:00'\n"
         "source: https://example.kz/news/2\n---\n",
         Metadata(published=date(2024, 2, 6), title="Talks: what was agreed", url="https://example.kz/news/2")),
        # key lines
        ("Title: Tokayev and Japarov hold talks\nDate: 2024-02-06\nURL: https://akipress.com/news:1/\n\n",
         Metadata(published=date(2024, 2, 6), title="Tokayev and Japarov hold talks",
                  url="https://akipress.com/news:1/")),
        ("published_time: 2024-02-06T11:44:00+06:00\n", Metadata(published=date(2024, 2, 6))),
        ("article:published_time 2024-02-06T11:44:00+06:00\n", Metadata(published=date(2024, 2, 6))),
        ("pubDate: Fri, 16 Mar 2018 18:24:08 +0600\n", Metadata(published=date(2018, 3, 16))),
        ("Date: 06.02.2024\n", Metadata(published=date(2024, 2, 6))),
        # a crawler's bare prefix, with the page's address after it
        (" date 2024-12-05 11:44\n", Metadata(published=date(2024, 12, 5))),
        (" date 2025-11-24 https://ria.ru/20251124/x.html\n",
         Metadata(published=date(2025, 11, 24), url="https://ria.ru/20251124/x.html")),
        # an update or a crawl is never the publication
        ("Updated: 2024-02-07\nscraped_at: 2024-03-01T10:00:00Z\n",
         Metadata(seen=date(2024, 3, 1), updated=date(2024, 2, 7))),
    ],
)
def test_metadata_is_read_and_never_reaches_the_text(top, expected):
    saved, rest = split_metadata(top + BODY)
    assert saved == expected
    assert rest.strip() == BODY


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        # a date key must hold a date; title/url keys count only in the block at the top
        "Date of the talks: not yet set.\n" + BODY,
        BODY + "\nTitle: a line of the article",
        # "---" under a line of text is a horizontal rule, not front matter
        "Talks in Bishkek\n---\n" + BODY,
        "---\nThe talks went on.\n---\n" + BODY,
        # "Date:" far down the page is the page's own text
        "\n".join([f"Line of text number {i}." for i in range(14)] + ["Date: 2024-02-06", BODY]),
    ],
)
def test_text_without_metadata_is_left_as_it_is(text):
    saved, rest = split_metadata(text)
    assert saved == Metadata()
    assert rest == text


def test_crawler_prefix_with_the_first_line_run_on():
    saved, rest = split_metadata(" date 2024-05-24 BISHKEK, Kyrgyzstan, May 24. Kyrgyzstan and Kazakhstan aim higher.\n"
                                 + BODY)
    assert saved == Metadata(published=date(2024, 5, 24))
    assert rest.split("\n")[0] == "BISHKEK, Kyrgyzstan, May 24. Kyrgyzstan and Kazakhstan aim higher."


@pytest.mark.parametrize(
    ("top", "title", "published"),
    [
        ("---\ntitle: Tokayev and Japarov hold talks\ndate: 2024-02-06\n---\n", "Tokayev and Japarov hold talks",
         date(2024, 2, 6)),
        (" date 2024-12-05 11:44\nMeeting of the Intergovernmental Council takes place\n",
         "Meeting of the Intergovernmental Council takes place", date(2024, 12, 5)),
        ("Date: 2024-02-06\nSource: AKIpress\nMeeting of the Intergovernmental Council takes place\n",
         "Meeting of the Intergovernmental Council takes place", date(2024, 2, 6)),
    ],
)
def test_saved_page_dated_and_titled_from_its_metadata(top, title, published):
    article = text_article(RawDocument("saved.txt", top + BODY, "text", "utf-8"))
    assert (article.title, article.published) == (title, published)
    assert article.body == BODY
    for leaked in ("date 2024", "Date:", "---", "Source:"):
        assert leaked not in article.title + article.body


def test_html_page_dated_by_its_visible_byline_when_the_markup_has_no_date():
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY.split("\n"))
    html = ("<html><head><title>Japarov and Tokayev hold talks</title></head><body><div>Home | Politics</div>"
            "<h1>Japarov and Tokayev hold talks</h1><div>11:01, 31 августа 2021, Bishkek - 24.kg news agency , "
            f"Baktygul OSMONOVA</div><article>{paragraphs}</article></body></html>")
    article = to_article(RawDocument("talks.html", html, "html", "utf-8"))
    assert article.published == date(2021, 8, 31)
    saved = to_article(RawDocument("saved.html", " date 2024-05-24 https://example.kg/1\n" + html.replace(
        "11:01, 31 августа 2021, Bishkek - 24.kg news agency , ", ""), "html", "utf-8"))
    assert (saved.published, saved.url) == (date(2024, 5, 24), "https://example.kg/1")
    assert "date 2024" not in saved.body
