"""Date expressions inside article text: table-driven cases and a property test that the parser never raises."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.facts.meetings.event_dates import DIGIT, Dates, day_number, find_dates, month_number, nearest_year

D = date

# text, reference (publication) date, future?, expected (start, end) of the first expression
CASES = [
    ["второго-третьего марта", D(2021, 2, 25), False, (D(2021, 3, 2), D(2021, 3, 3))],
    ["22 августа 2025", None, False, (D(2025, 8, 22), None)],
    ["27 ноября 2019 г., 16:20", D(2019, 11, 28), False, (D(2019, 11, 27), None)],
    ["намечены на двадцать первое — двадцать второе августа", D(2025, 8, 2), True, (D(2025, 8, 21), D(2025, 8, 22))],
    ["will pay an official visit on 18–19 April", D(2024, 4, 17), True, (D(2024, 4, 18), D(2024, 4, 19))],
    ["to Astana on April 18-19, where", D(2024, 5, 24), False, (D(2024, 4, 18), D(2024, 4, 19))],
    ["с 18 по 19 апреля 2024 года", None, False, (D(2024, 4, 18), D(2024, 4, 19))],
    ["30 ноября — 1 декабря", D(2020, 11, 1), True, (D(2020, 11, 30), D(2020, 12, 1))],
    ["BISHKEK, April 29 (Kabar) –", D(2022, 4, 29), False, (D(2022, 4, 29), None)],
    ["On November 14, Prime Minister", D(2026, 1, 14), False, (D(2025, 11, 14), None)],
    ["on March 2", D(2021, 2, 20), True, (D(2021, 3, 2), None)],
    ["November 27, 2019", None, False, (D(2019, 11, 27), None)],
    ["вчера", D(2020, 3, 20), False, (D(2020, 3, 19), None)],
    ["провел сегодня телефонный разговор", D(2020, 7, 16), False, (D(2020, 7, 16), None)],
    ["President Tokayev yesterday received", D(2021, 12, 9), False, (D(2021, 12, 8), None)],
    ["завтра", D(2019, 11, 27), True, (D(2019, 11, 28), None)],
    ["on Wednesday chaired", D(2019, 11, 28), False, (D(2019, 11, 27), None)],
    ["в пятницу был принят", D(2025, 8, 2), False, (D(2025, 8, 1), None)],
    ["в среду находился с визитом", D(2021, 12, 9), False, (D(2021, 12, 8), None)],
    ["met on Friday", D(2024, 5, 24), False, (D(2024, 5, 24), None)],
    ["will meet on Tuesday", D(2024, 5, 24), True, (D(2024, 5, 28), None)],
    # "last"/"минувший" weekday: strictly before the reference, even on the same weekday
    ["met last Thursday", D(2025, 8, 18), False, (D(2025, 8, 14), None)],
    ["в минувший четверг встретился", D(2024, 5, 20), False, (D(2024, 5, 16), None)],
    ["в прошлую пятницу", D(2024, 7, 15), False, (D(2024, 7, 12), None)],
    ["в минувший понедельник", D(2024, 5, 20), False, (D(2024, 5, 13), None)],
    ["27.11.2019", None, False, (D(2019, 11, 27), None)],
    ["2021-03-02", None, False, (D(2021, 3, 2), None)],
    ["on the 22nd of August", D(2025, 8, 20), True, (D(2025, 8, 22), None)],
    ["Aug. 22, 2025", None, False, (D(2025, 8, 22), None)],
    # "накануне" standing alone is the day before the article's
    ["Накануне Жапаров принял министра", D(2024, 5, 16), False, (D(2024, 5, 15), None)],
    ["Президент накануне провел переговоры", D(2024, 3, 1), False, (D(2024, 2, 29), None)],
    ["Накануне, в Бишкеке", D(2024, 1, 1), False, (D(2023, 12, 31), None)],
    ["met the previous day in Bishkek", D(2024, 5, 16), False, (D(2024, 5, 15), None)],
    ["The day before, Tokayev received", D(2024, 5, 16), False, (D(2024, 5, 15), None)],
    ["a day earlier", D(2024, 5, 16), False, (D(2024, 5, 15), None)],
]


@pytest.mark.parametrize("text", ["накануне визита в Астану", "накануне его государственного визита",
                                  "накануне саммита ШОС", "накануне Нового года", "накануне переговоров",
                                  "the day before the summit", "the day before his visit"])
def test_eve_of_an_event_is_not_a_date(text):
    assert find_dates(text, D(2024, 5, 16)) == []


@pytest.mark.parametrize(("text", "reference", "future", "expected"), CASES)
def test_date_expressions(text, reference, future, expected):
    spans = find_dates(text, reference, future=future)
    assert spans, text
    assert (spans[0].start, spans[0].end_date) == expected


@pytest.mark.parametrize("text", ["в апреле", "last met in April", "в мае 2022 года", "на прошлой неделе",
                                  "на следующей неделе", "next week", "this week",
                                  "ранее в этом году", "earlier this year", "in February", "в конце апреля"])
def test_vague_expressions_give_no_day(text):
    spans = find_dates(text, D(2024, 5, 24))
    assert len(spans) == 1 and spans[0].vague and spans[0].start is None


def test_yearless_day_without_reference_keeps_day_and_month():
    (span,) = find_dates("посетит Казахстан второго-третьего марта.", None)
    assert span.start is None and (span.day, span.month, span.end_day, span.end_month) == (2, 3, 3, 3)


def test_year_from_reference_is_marked_inferred():
    (span,) = find_dates("April 29", D(2022, 5, 3))
    assert span.start == D(2022, 4, 29) and span.year_inferred
    (written,) = find_dates("29 April 2022", D(2022, 5, 3))
    assert not written.year_inferred


@pytest.mark.parametrize("text", ["15 граждан Кыргызстана", "$2 млрд", "1,7 млрд долларов", "14:25", "95 процентов",
                                  "the 11th meeting", "пятница"])
def test_numbers_that_are_not_dates(text):
    assert [s for s in find_dates(text, D(2024, 1, 1)) if not s.vague] == []


@pytest.mark.parametrize(("word", "value"), [("второго", 2), ("третьего", 3), ("двадцать первое", 21),
                                             ("тридцатого", 30), ("18", 18), ("2-го", 2), ("сорок", None)])
def test_day_words(word, value):
    assert day_number(word) == value


@pytest.mark.parametrize(("word", "value"), [("марта", 3), ("мае", 5), ("May", 5), ("Sept.", 9), ("августа", 8)])
def test_month_words(word, value):
    assert month_number(word) == value


def test_nearest_year_crosses_new_year():
    assert nearest_year(12, 30, D(2021, 1, 3)) == 2020
    assert nearest_year(1, 2, D(2021, 12, 29)) == 2022


def test_a_held_day_without_its_year_is_not_months_after_the_page():
    # "подписали 19 апреля" on a December page: the April before, though the next one is nearer
    assert nearest_year(4, 19, D(2024, 12, 2)) == 2025
    assert nearest_year(4, 19, D(2024, 12, 2), ahead=60) == 2024
    assert [d.start for d in find_dates("Договор подписали 19 апреля в Астане.", D(2024, 12, 2))] == [D(2024, 4, 19)]
    # a coming event keeps the nearest year, and a day just after the page still comes after it
    assert [d.start for d in find_dates("Визит состоится 19 апреля.", D(2024, 12, 2), True)] == [D(2025, 4, 19)]
    assert [d.start for d in find_dates("Встреча 10 января.", D(2024, 12, 29))] == [D(2025, 1, 10)]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60),
                 st.lists(st.sampled_from(list("0123456789 -–—.,/абвгдежзийклмнопрстуфхцчшщыьэюя")
                                          + ["марта", "April", "второго", "двадцать", "вчера", "on Friday",
                                             "в пятницу", "2024", "31", "29 февраля", "г.", " по "]),
                          max_size=25).map("".join)),
       st.one_of(st.none(), st.dates(min_value=D(1995, 1, 1), max_value=D(2035, 12, 31))),
       st.booleans())
def test_parser_never_raises(text, reference, future):
    for span in find_dates(text, reference, future=future):
        assert 0 <= span.begin < span.end <= len(text)
        assert span.end_date is None or span.start is None or span.end_date >= span.start


@pytest.mark.parametrize(("text", "reference", "future", "period"), [
    ["last met in April", D(2024, 5, 24), False, "2024-04"],
    ["в декабре", D(2025, 1, 14), False, "2024-12"],
    ["in February", D(2026, 1, 14), True, "2026-02"],
    ["в мае 2022 года", None, False, "2022-05"],
    ["Last month the two leaders met", D(2025, 1, 14), False, "2024-12"],
    ["на прошлой неделе", D(2022, 4, 22), False, None],
    # a month of last (next) year, whichever side of the reference's month it falls
    ["в июне прошлого года", D(2024, 8, 10), False, "2023-06"],
    ["in June last year", D(2024, 8, 10), False, "2023-06"],
    ["в марте следующего года", D(2024, 8, 10), True, "2025-03"],
    ["in October of this year", D(2024, 8, 10), False, "2024-10"],
])
def test_month_of_a_vague_expression(text, reference, future, period):
    (span,) = find_dates(text, reference, future=future)
    assert span.vague and span.period == period


def test_digit_gate_accepts_what_str_isdigit_accepts():
    # the gate spares the numeric patterns a text without digits; it must agree with str.isdigit everywhere
    assert all((DIGIT.fullmatch(chr(c)) is not None) == chr(c).isdigit() for c in range(0x110000))


def test_remembered_dates_are_the_dates():
    dates = Dates()
    for text, reference, future in [("в пятницу 5 марта", D(2021, 3, 8), False), ("в пятницу", D(2021, 3, 8), True),
                                    ("в пятницу", D(2021, 3, 8), False), ("в пятницу", None, False)]:
        assert dates.find(text, reference, future) == find_dates(text, reference, future=future)
        assert dates.find(text, reference, future) == find_dates(text, reference, future=future)


_PIECES = ["18–19 April 2024", "второго-третьего марта", "с 18 по 19 апреля", "on March 2", "November 27, 2019",
           "12.03.2025", "2024-05-01", "в мае 2022 года", "in early June", "этой весной", "в конце года", "last week",
           "Astana", "встретились", "Сентябрь", "к маю", "ıN 2020", "İn June", "ſince May", "3/4/2021", "1.1.2020",
           " ", ",", ".", "-", "в", "и", "and"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=10).map(" ".join)
       | st.lists(st.sampled_from(_PIECES), max_size=6).map("".join))
def test_lookahead_patterns_match_as_the_plain_ones(text):
    from lib.facts.meetings import event_dates

    for name, plain in event_dates.PLAIN.items():
        fast = getattr(event_dates, name)
        assert fast is not plain
        assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == [
            (m.span(), m.groupdict()) for m in plain.finditer(text)], name


def test_lookahead_patterns_match_as_the_plain_ones_on_real_articles():
    from pathlib import Path

    from lib.facts.meetings import event_dates

    folder = Path(__file__).resolve().parent
    texts = [p.read_text(encoding="utf-8") for sub in ("heldout", "heldout2")
             for p in sorted((folder / sub).glob("*.txt"))]
    assert texts
    for text in texts:
        for name, plain in event_dates.PLAIN.items():
            fast = getattr(event_dates, name)
            assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == [
                (m.span(), m.groupdict()) for m in plain.finditer(text)], name
