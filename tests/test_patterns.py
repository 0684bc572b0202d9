"""Cues: the openings read from a pattern, and searches through a gate and a lower-case twin that answer as the
full case-insensitive pattern."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.facts.meetings import context, cues, participants, places
from lib.facts.meetings.cues import STRONG, STRONG_STEMS, names_meeting
from lib.facts.patterns import UNFOLDED, Cue, _required, alternatives, compile_gate, lowers_safely, openings
from lib.facts.trade import cues as trade_cues
from lib.facts.trade import money, periods, turnover


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


CUES = [(name, value) for module in (cues, context, participants, trade_cues, money, periods, turnover)
        for name, value in vars(module).items() if isinstance(value, Cue)] + [
    (kind, cue) for cue, kind in cues.GROUPS] + [
    (f"DESCRIPTORS[{k}]", cue) for k, cue in enumerate(participants.DESCRIPTORS)] + [("places", places.places()[1])]


def test_unfolded_lists_every_character_lower_does_not_fold():
    # a character matched case-insensitively to a letter of a gate, whose lower() is not that letter
    # (every Latin and Cyrillic letter: the twins' letters, classes and the gates' openings are among them)
    letters = {c for c in "abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюя"}
    letters |= {c for _, cue in CUES for literal in cue.literals for c in literal if c.isalpha()}
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in letters:
        for found in re.finditer(re.escape(letter), every, re.IGNORECASE):
            assert found.group().lower() == letter or UNFOLDED.match(found.group()), (letter, found.group())


def test_safe_characters_keep_their_word_class_when_lower_cased():
    for code in range(0x110000):
        char = chr(code)
        if 0xD800 <= code < 0xE000 or not lowers_safely(char, char.lower()):
            continue
        for cls in (r"\w", r"\d", r"\s"):
            assert bool(re.match(cls, char)) == bool(re.match(cls, char.lower())), (hex(code), cls)


def test_strong_branches_opening_with_a_side_are_searched_apart():
    apart = {required for _, required in cues.STRONG.parts()[1]}
    assert apart == {"представля", "represented"}


@pytest.mark.parametrize(("branch", "required"), [
    ["(?:сторону|казахстан)\\s+(?:[\\w-]+\\s+){0,2}представля", "представля"], ["abc?d", None],
    ["\\bin\\s+(?:its|the)\\s+final\\s+stages?\\b", "final"], ["abcd+", "abcd"], ["[xy]zzz", "zzz"],
])
def test_required_literal(branch, required):
    assert _required(branch) == required


def _same(name: str, cue: Cue, text: str) -> None:
    """Every answer of ``cue`` is the case-insensitive pattern's (the places pattern reads lower-cased text)."""
    text = text.lower() if name == "places" else text
    full = cue.pattern.search(text)
    assert cue.found_in(text) == (full is not None), (name, text)
    found = cue.search(text)
    assert (found and found.span()) == (full and full.span()), (name, text)
    assert (found and found.lastgroup) == (full and full.lastgroup), (name, text)
    assert [m.span() for m in cue.finditer(text)] == [m.span() for m in cue.pattern.finditer(text)], (name, text)
    assert bool(cue.match(text)) == bool(cue.pattern.match(text)), (name, text)


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
                _same(name, cue, piece)


WORDS = ["Токаев", "провел", "переговоры", "с", "Жапаровым", "казахстанскую", "сторону", "представлял", "Kyrgyz",
         "side", "was", "represented", "by", "co-chaired", "cochaired", "Received", "received", "the", "Kazakh",
         "delegation", "led", "called", "signed", "a", "law", "meets", "targets", "met", "İ", "ı", "ſ", "\u1c80",
         "встретились", "Встреча", "обменялись", "мнениями", ",", ".", " ", "-", "Mr", "sign", "sessions"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join)
       | st.lists(st.sampled_from(WORDS), max_size=8).map("".join))
def test_names_meeting_answers_as_the_full_pattern(text):
    low = text.lower()
    full = STRONG.pattern.search(text)
    assert names_meeting(text) == (any(stem in low for stem in STRONG_STEMS) and full is not None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join))
def test_gated_search_finds_the_same_match(text):
    cue = Cue(r"(?<!\w)(?:встрет\w*|met|(?:led|headed)\s+the)")
    assert cue.gate is not None
    full, gated = cue.pattern.search(text), cue.search(text)
    assert (full and full.span()) == (gated and gated.span())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS + ["будет", "will", "стадии", "in the final stage", "на завершающей стадии",
                                         "регулярно", "встречаются", "по словам", "делегацию", "возглавил", "took part",
                                         "главы государств", "presidents", "по телефону", "межправсовет"]),
                max_size=14).map(" ".join))
def test_every_cue_answers_as_its_pattern(text):
    for name, cue in CUES:
        _same(name, cue, text)


def test_openings_of_named_and_capturing_groups():
    assert openings("\\b(?P<nat>казахск|Kazakh)\\w*") == {"казахск", "Kazakh"}
    assert openings("(ab|cd)e") == {"ab", "cd"}


def test_gated_descriptors_find_what_the_patterns_find():
    assert all(cue.gate is not None for cue in participants.DESCRIPTORS)
    pieces = _corpus_sentences() + ["его казахстанский коллега", "the Kyrgyz prime minister", "President of Kazakhstan",
                                    "премьер-министра Кыргызстана", "ıKazakh president", "İ Kazakh leader"]
    for text in pieces:
        for k, cue in enumerate(participants.DESCRIPTORS):
            _same(f"DESCRIPTORS[{k}]", cue, text)


def test_side_phrases_need_one_of_the_side_words():
    from lib.facts.meetings.context import SIDE, SIDE_WORDS

    for text in _corpus_sentences():
        if SIDE.search(text):
            assert any(word in text.lower() for word in SIDE_WORDS), text
    assert SIDE.search("Tokayev, who met Japarov") and "who" in SIDE_WORDS
