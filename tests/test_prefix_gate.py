"""Prefix gates: the openings read from a pattern, and searches through a gate that answer as the full pattern."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib import meeting_cues, places
from lib.meeting_cues import STRONG, STRONG_STEMS, names_meeting
from lib.prefix_gate import UNFOLDED, alternatives, compile_gate, gated_search, openings


@pytest.mark.parametrize(("pattern", "expected"), [
    ["астан[аеуы]|астаной", ["астан[аеуы]", "астаной"]],
    ["(?<![а-яё])ош(?:[аеу]|ем)?(?![а-яё-])|osh", ["(?<![а-яё])ош(?:[аеу]|ем)?(?![а-яё-])", "osh"]],
    ["a[|]b|c\\|d", ["a[|]b", "c\\|d"]],
])
def test_alternatives(pattern, expected):
    assert alternatives(pattern) == expected


@pytest.mark.parametrize(("alternative", "expected"), [
    ["астан[аеуы]", {"астан"}], ["(?<![а-яё])ош(?:[аеу]|ем)?", {"ош"}], ["st\\.? petersburg", {"st"}],
    ["дохе?", {"дох", "дохе"}], ["ab+c", {"ab"}], ["a{2}", None], ["[ab]c", None], ["\\w+x", None],
    ["(?:led|headed)\\s+the", {"led", "headed"}], ["(?:a|b)?c", None], ["\\bsign(?:ed|s)?\\b", {"sign"}],
    ["co-?chaired", {"cochaired", "co-chaired"}], ["(?-i:receiv(?:ed|es?)\\s+by)", {"receiv"}],
])
def test_openings(alternative, expected):
    assert openings(alternative) == expected


def test_no_gate_when_an_alternative_has_no_opening():
    assert compile_gate("abc|[xy]z") is None
    assert compile_gate("abc|xyz").pattern == "(?:abc|xyz)"


def test_unfolded_lists_every_character_lower_does_not_fold():
    # a character matched case-insensitively to a letter of a gate, whose lower() is not that letter
    letters = {c for gate in (meeting_cues._REST_GATE, places.places()[2]) for c in gate.pattern if c.isalpha()}
    letters |= {c for verb in meeting_cues.BY_SIDE_VERBS for c in verb}
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in letters:
        for found in re.finditer(re.escape(letter), every, re.IGNORECASE):
            assert found.group().lower() == letter or UNFOLDED.match(found.group()), (letter, found.group())


def test_by_side_branches_end_on_their_verbs():
    assert meeting_cues._BY_SIDE and meeting_cues._REST_GATE is not None
    assert all(any(verb in branch for verb in meeting_cues.BY_SIDE_VERBS) for branch in meeting_cues._BY_SIDE)


WORDS = ["Токаев", "провел", "переговоры", "с", "Жапаровым", "казахстанскую", "сторону", "представлял", "Kyrgyz",
         "side", "was", "represented", "by", "co-chaired", "cochaired", "Received", "received", "the", "Kazakh",
         "delegation", "led", "called", "signed", "a", "law", "meets", "targets", "met", "İ", "ı", "ſ", "\u1c80",
         "встретились", "Встреча", "обменялись", "мнениями", ",", ".", " ", "-", "Mr", "sign", "sessions"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join)
       | st.lists(st.sampled_from(WORDS), max_size=8).map("".join))
def test_names_meeting_answers_as_the_full_pattern(text):
    low = text.lower()
    assert names_meeting(text) == (any(stem in low for stem in STRONG_STEMS) and STRONG.search(text) is not None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join))
def test_gated_search_finds_the_same_match(text):
    pattern = re.compile(r"(?<!\w)(?:встрет\w*|met|(?:led|headed)\s+the)", re.IGNORECASE)
    full, gated = pattern.search(text), gated_search(pattern, compile_gate(pattern.pattern), text)
    assert (full and full.span()) == (gated and gated.span())
