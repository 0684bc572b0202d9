"""Prefix gates: the openings read from a pattern, and searches through a gate that answer as the full pattern."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.facts.meetings import context, cues, places
from lib.facts.meetings.cues import STRONG, STRONG_STEMS, names_meeting
from lib.facts.prefix_gate import UNFOLDED, Cue, _required, alternatives, compile_gate, gated_search, openings


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


CUES = [(name, value) for module in (cues, context) for name, value in vars(module).items()
        if isinstance(value, Cue)] + [(kind, cue) for cue, kind in cues.GROUP_CUES]


def test_unfolded_lists_every_character_lower_does_not_fold():
    # a character matched case-insensitively to a letter of a gate, whose lower() is not that letter
    gates = [cues.PREPARATIONS_GATE, places.places()[2]]
    letters = {c for gate in gates for c in gate.pattern if c.isalpha()}
    letters |= {c for _, cue in CUES for literal in cue.literals for c in literal if c.isalpha()}
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in letters:
        for found in re.finditer(re.escape(letter), every, re.IGNORECASE):
            assert found.group().lower() == letter or UNFOLDED.match(found.group()), (letter, found.group())


def test_strong_branches_opening_with_a_side_are_searched_apart():
    apart = {required for _, required in cues.STRONG_CUE._apart}
    assert apart == {"представля", "represented"}


@pytest.mark.parametrize(("branch", "required"), [
    ["(?:сторону|казахстан)\\s+(?:[\\w-]+\\s+){0,2}представля", "представля"], ["abc?d", None],
    ["\\bin\\s+(?:its|the)\\s+final\\s+stages?\\b", "final"], ["abcd+", "abcd"], ["[xy]zzz", "zzz"],
])
def test_required_literal(branch, required):
    assert _required(branch) == required


def _corpus_sentences() -> list[str]:
    folder = Path(__file__).resolve().parent
    texts = [p.read_text(encoding="utf-8") for sub in ("heldout", "heldout2") for p in sorted((folder / sub).glob("*"))
             if p.suffix in (".txt", ".html", ".htm")]
    return [s for t in texts for s in re.split(r"(?<=[.!?])\s+|\n", t) if s.strip()]


def test_cues_answer_as_their_patterns_on_real_sentences():
    sentences = _corpus_sentences()
    assert len(sentences) > 100
    for name, cue in CUES:
        for text in sentences:
            for piece in (text, text[len(text) // 3:], text[: len(text) // 2]):
                assert cue.found_in(piece) == (cue.pattern.search(piece) is not None), (name, piece)


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


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS + ["будет", "will", "стадии", "in the final stage", "на завершающей стадии",
                                         "регулярно", "встречаются", "по словам", "делегацию", "возглавил", "took part",
                                         "главы государств", "presidents", "по телефону", "межправсовет"]),
                max_size=14).map(" ".join))
def test_every_cue_answers_as_its_pattern(text):
    for name, cue in CUES:
        assert cue.found_in(text) == (cue.pattern.search(text) is not None), name


def test_openings_of_named_and_capturing_groups():
    assert openings("\\b(?P<nat>казахск|Kazakh)\\w*") == {"казахск", "Kazakh"}
    assert openings("(ab|cd)e") == {"ab", "cd"}


def test_gated_descriptors_find_what_the_patterns_find():
    from lib.facts.meetings.participants import _DESCRIPTOR_GATES, DESCRIPTORS, _gated_finditer

    assert all(gate is not None for gate in _DESCRIPTOR_GATES)
    pieces = _corpus_sentences() + ["его казахстанский коллега", "the Kyrgyz prime minister", "President of Kazakhstan",
                                    "премьер-министра Кыргызстана", "ıKazakh president", "İ Kazakh leader"]
    for text in pieces:
        for pattern, gate in zip(DESCRIPTORS, _DESCRIPTOR_GATES, strict=True):
            gated = [m.span() for m in _gated_finditer(pattern, gate, text)]
            assert gated == [m.span() for m in pattern.finditer(text)]


def test_side_phrases_need_one_of_the_side_words():
    from lib.facts.meetings.context import SIDE, SIDE_WORDS

    for text in _corpus_sentences():
        if SIDE.search(text):
            assert any(word in text.lower() for word in SIDE_WORDS), text
    assert SIDE.search("Tokayev, who met Japarov") and "who" in SIDE_WORDS
