"""Places: the prefix gate in front of the city pattern never changes what find_place answers."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.places import _alternatives, _literal_prefix, find_place, places, remembering


def _plain(text: str) -> str | None:
    cities, pattern, _ = places()
    found = pattern.search(text.lower())
    return cities[int(found.lastgroup[1:])] if found and found.lastgroup else None


@pytest.mark.parametrize(("pattern", "alternatives"), [
    ["астан[аеуы]|астаной", ["астан[аеуы]", "астаной"]],
    ["(?<![а-яё])ош(?:[аеу]|ем)?(?![а-яё-])|osh", ["(?<![а-яё])ош(?:[аеу]|ем)?(?![а-яё-])", "osh"]],
    ["a[|]b|c\\|d", ["a[|]b", "c\\|d"]],
])
def test_alternatives(pattern, alternatives):
    assert _alternatives(pattern) == alternatives


@pytest.mark.parametrize(("alternative", "prefix"), [
    ["астан[аеуы]", "астан"], ["(?<![а-яё])ош(?:[аеу]|ем)?", "ош"], ["st\\.? petersburg", "st"],
    ["moscow", "moscow"], ["дохе?", "дох"], ["ab+c", "ab"], ["a{2}", ""], ["(?:a|b)c", ""], ["[ab]c", ""],
])
def test_literal_prefix(alternative, prefix):
    assert _literal_prefix(alternative) == prefix


def test_the_shipped_table_has_a_gate():
    assert places()[2] is not None


WORDS = ["в", "Бишкеке", "бишкекский", "Ош", "Оше", "хорошо", "отношения", "Вена ", "Вену", "государственного",
         "St. Petersburg", "state", "Astana", "Nur-Sultan", "-Астана", "Астанаа", "Ала-Арча", "ак орда", "Xi'an", "in",
         ",", ".", " ", "-", "столице Казахстана", "kazakh capital", "капшагай", "Дохе", "доха"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join) | st.lists(st.sampled_from(WORDS),
                                                                               max_size=12).map("".join))
def test_gate_changes_nothing(text):
    assert find_place(text) == _plain(text)
    assert remembering()(text) == _plain(text)


def test_gate_is_a_prefix_of_every_city_word():
    _, _, gate = places()
    for word in ["Бишкеке", "Оше", "Вене ", "Санкт-Петербурге", "St Petersburg", "Алма-Ате", "Нур-Султаном"]:
        assert find_place(word) is not None and gate.search(word.lower()) is not None
    assert re.compile(gate.pattern).search("отношения") is None
