"""The money parser: table-driven forms in both languages, and properties (never raises; parses what it formats)."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.facts.patterns import Cue
from lib.facts.trade import cues, money, periods
from lib.facts.trade.money import find_amounts, parse_number, parse_usd
from lib.views.trade import format_usd


@pytest.mark.parametrize("text, value, approximate", [
    ("$1.3 billion", 1.3e9, False),
    ("US$680 million", 680e6, False),
    ("$1.5bn", 1.5e9, False),
    ("$1bn trade", 1e9, False),
    ("1,7 млрд долларов", 1.7e9, False),
    ("$1,4 миллиарда", 1.4e9, False),
    ("$1,4 млрд", 1.4e9, False),
    ("полтора миллиарда долларов", 1.5e9, False),
    ("на уровень полутора миллиардов долларов", 1.5e9, False),
    ("около 2 млрд долл. США", 2e9, True),
    ("превысил $2 млрд", 2e9, True),
    ("3 млрд долларов", 3e9, False),
    ("достигла миллиарда долларов", 1e9, False),
    ("two billion dollars", 2e9, False),
    ("$1.317 billion", 1.317e9, False),
    ("1,317 млрд долларов", 1.317e9, False),
    ("1 317 млн долларов", 1.317e9, False),
    ("1 млрд 317 млн долларов", 1.317e9, False),
    ("1 317 451,2 тыс. долларов США", 1_317_451_200, False),
    ("USD 1.5 billion", 1.5e9, False),
    ("1.2 billion US dollars", 1.2e9, False),
    ("almost $1.3 billion", 1.3e9, True),
    ("crossed the $2 billion mark", 2e9, True),
    ("more than $1 billion", 1e9, True),
    ("$455,7 млн", 455.7e6, False),
    ("$2,330/oz", 2330, False),
    ("1,5 миллиарда американских долларов", 1.5e9, False),
    ("1.3 billion American dollars", 1.3e9, False),
    ("a $1.3-billion trade", 1.3e9, False),
    ("превысил исторический порог в $2 млрд", 2e9, True),
    ("crossed the symbolic $2 billion mark", 2e9, True),
    ("11.6 percent more than the $1.181 billion", 1.181e9, False),
    ("на 9% больше, чем 600 млн долларов", 600e6, False),
])
def test_parses_dollar_amounts(text, value, approximate):
    found = find_amounts(text)
    assert len(found) == 1
    assert found[0].value == pytest.approx(value)
    assert found[0].approximate is approximate


@pytest.mark.parametrize("text", [
    "500 млн сомов", "около 20 трлн тенге", "2 billion tenge", "€5 million", "the three-billion target",
    "3 миллиарда, если границу не будут закрывать", "129 млрд", "",
])
def test_other_currencies_and_bare_numbers_are_not_dollars(text):
    assert find_amounts(text) == []


def test_bare_amounts_count_only_next_to_a_dollar_amount():
    text = "составила 1,7 млрд долларов, а к 2030 году ее планируется довести до 3 млрд."
    assert [a.value for a in find_amounts(text, implied_usd=True)] == [1.7e9, 3e9]
    assert [a.value for a in find_amounts("до 3 млрд.", implied_usd=True)] == []
    assert [a.value for a in find_amounts("$1 млрд и 3 млн тонн зерна", implied_usd=True)] == [1e9]


@pytest.mark.parametrize("text, russian, expected", [
    ("1.3", False, "1.3"), ("1,3", True, "1.3"), ("1,317", False, "1317"), ("1,317", True, "1.317"),
    ("1 317", False, "1317"), ("полутора", True, "1.5"), ("1,234,567.5", False, "1234567.5"), ("abc", False, None),
])
def test_parse_number(text, russian, expected):
    result = parse_number(text, russian)
    assert (str(result) if result is not None else None) == (expected if expected is None else
                                                              str(type(result)(expected)))


@pytest.mark.parametrize("value, en, ru", [
    (1.3e9, "$1.3 billion", "1,3 млрд долларов"),
    (680e6, "$680 million", "680 млн долларов"),
    (1_317_000_000, "$1.317 billion", "1,317 млрд долларов"),
    (5, "$5", "5 долларов"),
])
def test_format_usd(value, en, ru):
    assert format_usd(value) == en
    assert format_usd(value, "ru") == ru


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_text(text):
    for amount in find_amounts(text, implied_usd=True):
        assert amount.value >= 0
    parse_usd(text)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**12), st.sampled_from(["en", "ru"]))
def test_parses_what_it_formats(value, lang):
    assert parse_usd(format_usd(value, lang)) == value


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=99_999), st.sampled_from([10**6, 10**7, 10**8]),
       st.sampled_from(["en", "ru"]))
def test_parses_what_it_formats_in_round_millions(mantissa, factor, lang):
    value = mantissa * factor
    assert parse_usd(format_usd(value, lang)) == value


# A Cue must match exactly where its case-insensitive pattern matches, on plain text and on text whose
# lower-casing folds differently ("ſ", the Kelvin sign, Turkish "İ", Kazakh letters).
@pytest.mark.parametrize("pattern", [
    r"\btrade\b|товарооборот|USD|\$", r"(?P<num>\d+)\s*(?:млрд|BN)\b", r"\W+(?:[^\W\d]+\W+){0,2}US\$?$",
    r"(?<!\w)(?:I|Q1)\s+квартал", r"[A-Z]{2,}\S*",
])
@pytest.mark.parametrize("text", [
    "Товарооборот достиг $1,5 млрд в 2024 году", "TRADE reached 2 BN USD", "uſd and İstanbul ı trade",
    "Kelvin \u212a trade; Қазақстан TRADE", "I квартал: i квартал", "", "  — US$ ",
])
def test_cues_match_where_the_case_insensitive_pattern_matches(pattern, text):
    careful = re.compile(pattern, re.IGNORECASE)
    fast = Cue(pattern)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in careful.finditer(text)]
    assert bool(fast.search(text)) == bool(careful.search(text))
    assert bool(fast.match(text)) == bool(careful.match(text))


_CUES = [c for module in (money, cues, periods) for c in vars(module).values() if isinstance(c, Cue)]


_PIECES = ["trade", "TRADE", "Trade", "товарооборот", "Товарооборота", "торговли", "$1.5", "1,3", "млрд", "billion",
           "USD", "US$", "долларов", "by", "к", "2030", "году", "экспорт", "Investments", "около", "percent",
           "%", "рост", "на", "first", "quarter", "I", "квартал",
           "ſ", "İ", "\u212a", "Қ", "ı", ",", ".", "—", "(", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.sampled_from([" ", "", "\u00a0"]))
def test_every_cue_matches_like_its_case_insensitive_pattern(pieces, glue):
    text = glue.join(pieces)
    for found in _CUES:
        assert [m.span() for m in found.finditer(text)] == [m.span() for m in found.pattern.finditer(text)]
