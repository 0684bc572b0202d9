"""Table-driven tests of date strings and of choosing a page's publication date."""

from datetime import date

import pytest

from lib.articles import pubdates
from lib.articles.pubdates import PageDates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-03-02", date(2021, 3, 2)),
        ("01.02.2024", date(2024, 2, 1)),
        ("22/08/2025", date(2025, 8, 22)),
        ("8 апреля 2021", date(2021, 4, 8)),
        ("27 ноября 2019 г.", date(2019, 11, 27)),
        ("20 февраля 2026", date(2026, 2, 20)),
        ("22 апр 2022", date(2022, 4, 22)),
        ("May 24, 2024", date(2024, 5, 24)),
        ("28 November 2019", date(2019, 11, 28)),
        ("14 Nov 2025", date(2025, 11, 14)),
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
        # wire dateline without a year: the year of the page's copyright line
        (["Title"], ["BISHKEK, April 29 (Kabar) – The Chairman said."], ["© 2022 Kabar."], date(2022, 4, 29)),
        # a wire dateline with a full date at the head of the body
        (["Title"], ["ASTANA, 12 March 2024. President Japarov met President Tokayev."], [], date(2024, 3, 12)),
        (["Title"], ["Бишкек, 5 июня 2023 года. Стороны обсудили торговлю."], [], date(2023, 6, 5)),
        # a date later in the first sentence is an event's, not the filing date
        (["Title"], ["The two presidents agreed on Tuesday to meet again on 12 March 2025 in Bishkek."], [], None),
        # dated teasers in a sidebar are not the article's date
        (["Title"], ["Body."], ["Другие новости", "• Шакиев принял посла Турции — 20.06.2023"], None),
        ([], ["Body."], [], None),
    ],
)
def test_publication_date(head, body, tail, expected):
    assert pubdates.publication_date(PageDates(head, body, tail)) == expected


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
