"""Russian name morphology and transliteration: a name → its inflected forms, an inflected name → nominative, Latin.

pymorphy3 knows Russian names but not most Kazakh and Kyrgyz ones ("Жапаров" parses as the plural of "Жапар"),
so forms come from two sources: the word's own pymorphy lexeme when pymorphy knows it as a name, and the
paradigm of a model name of the same type (Иванов, Пушкин, Сергей, Игорь, Иван, Анна, Мария) applied to its stem —
the same analogy pymorphy uses for unknown words, restricted to name paradigms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lib.articles.morphology import analyzer


def _parse(word: str) -> list[Any]:
    try:
        return analyzer().parse(word)
    except ValueError:  # pymorphy3 looks up Unicode names, and some letters (Tangut, Khitan) have none
        return []


_PARSES = lru_cache(maxsize=200_000)(_parse)


def parses(word: str) -> list[Any]:
    """pymorphy's parses of a lower-case word, remembered: names and titles repeat across articles, and parsing
    is the costliest step left per article."""
    return _PARSES(word)


_KNOWN = lru_cache(maxsize=200_000)(lambda word: [p for p in parses(word) if p.is_known])


def known_parses(word: str) -> list[Any]:
    """The parses of ``parses(word)`` that are dictionary forms, remembered: pymorphy answers ``is_known`` by
    walking its DAWG in Python on every call, which cost more than the rest of the name checks together."""
    return _KNOWN(word)


# Words of a text that begin with a capital. Testing every word of a long body in Python costs more than the
# gazetteer lookups of the few capitalised ones, so the regex finds word starts at the capitals of the two common
# alphabets; a text with any other capital letter (Kazakh Қ, Greek, ...) is read word by word instead.
_LETTERS = r"[^\W\d_]"
_CAPITAL_STARTS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {}
_UNCOMMON = re.compile(r"[^\x00-\x7fА-яЁё«»—–‐’‘“”„…№\u00a0\u00ad]")


def capitalised_words(text: str, hyphens: str = "-") -> list[re.Match[str]]:
    """The words of ``text`` (runs of letters joined by ``hyphens``) whose first letter is upper case, in order;
    the same matches as filtering every word by ``word[:1].isupper()``."""
    if hyphens not in _CAPITAL_STARTS:
        joined = rf"{_LETTERS}*(?:[{hyphens}]{_LETTERS}+)*"
        # a capital that no letter (or letter and hyphen) precedes starts a word: before it a word would go on
        start = rf"[A-ZА-ЯЁ](?<!{_LETTERS}.)(?<!{_LETTERS}[{hyphens}].)"
        _CAPITAL_STARTS[hyphens] = (re.compile(start + joined), re.compile(rf"{_LETTERS}+(?:[{hyphens}]{_LETTERS}+)*"))
    common, every = _CAPITAL_STARTS[hyphens]
    if any(m.group(0).isupper() for m in _UNCOMMON.finditer(text)):
        return [m for m in every.finditer(text) if m.group(0)[:1].isupper()]
    return list(common.finditer(text))


@dataclass(frozen=True, slots=True)
class Paradigm:
    """Endings that replace ``nominative`` (the model's nominative ending) to give every case form."""

    nominative: str
    endings: tuple[str, ...]


# (model word, grammeme that selects the right parse, which target words take its paradigm)
_MODELS = (
    ("иванов", "Surn", re.compile(r"(ов|ев|ёв)$")),
    ("пушкин", "Surn", re.compile(r"(ин|ын)$")),
    ("иванова", "Surn", re.compile(r"(ова|ева|ёва|ина|ына)$")),  # feminine surnames (Назарбаева)
    ("сергей", "Name", re.compile(r"й$")),
    ("игорь", "Name", re.compile(r"ь$")),
    ("анна", "Name", re.compile(r"а$")),
    ("мария", "Name", re.compile(r"ия$")),
    ("иван", "Name", re.compile(r"[бвгджзклмнпрстфхцчшщ]$")),
)
_PARADIGMS: dict[str, Paradigm] = {}


def _paradigm(model: str, grammeme: str) -> Paradigm:
    if model not in _PARADIGMS:
        feminine = model == "иванова"  # pymorphy files it under "иванов": keep the feminine forms only
        lemma = "иванов" if feminine else model
        parse = next(p for p in analyzer().parse(lemma) if grammeme in p.tag and p.normal_form == lemma)
        words = {f.word for f in parse.lexeme if not feminine or "femn" in f.tag} | {model}
        stem = _common_prefix(sorted(words))
        _PARADIGMS[model] = Paradigm(model[len(stem):], tuple(sorted({w[len(stem):] for w in words})))
    return _PARADIGMS[model]


def _common_prefix(words: list[str]) -> str:
    first, last = words[0], words[-1]
    i = 0
    while i < min(len(first), len(last)) and first[i] == last[i]:
        i += 1
    return first[:i]


def inflections(name: str) -> set[str]:
    """Every case form of a one-word Cyrillic name, lower case ("Жапаров" → жапаров, жапарова, жапаровым, ...).

    A hyphenated name ("Касым-Жомарт") declines in its last part; a name with no Russian paradigm
    ("Тлеуберди", "Нуртлеу") does not decline and yields itself.
    """
    word = name.lower().replace("ё", "е")
    if "-" in word:
        head, tail = word.rsplit("-", 1)
        return {f"{head}-{form}" for form in inflections(tail)}
    forms = {word}
    for parse in parses(word):
        if ({"Name", "Surn"} & set(parse.tag.grammemes)) and parse.normal_form == word and "Fixd" not in parse.tag:
            forms.update(f.word.replace("ё", "е") for f in parse.lexeme)
    for model, grammeme, pattern in _MODELS:
        if pattern.search(word):
            paradigm = _paradigm(model, grammeme)
            stem = word[: len(word) - len(paradigm.nominative)] if paradigm.nominative else word
            forms.update(stem + ending for ending in paradigm.endings)
            break
    return forms


SURNAME = re.compile(r"^(.{2,}?(?:ов|ев|ёв|ин|ын))(?:а|у|ым|е|ой|ою|ы|ых|ыми|ым)?$")


def nominative(word: str, surname: bool) -> str:
    """The nominative of one inflected name word, in its original capitalisation style ("Кожошевым" → "Кожошев")."""
    low = word.lower()
    if "-" in low:
        head, tail = word.rsplit("-", 1)
        return f"{head}-{nominative(tail, surname)}"
    if surname:
        match = SURNAME.match(low)
        if match:
            feminine = low.endswith(("овой", "евой", "ёвой", "иной", "ыной", "овою", "евою"))
            return _recase(match.group(1) + ("а" if feminine else ""), word)
    named = [p for p in parses(low) if {"Name", "Surn"} & set(p.tag.grammemes)]
    known = [p for p in known_parses(low) if {"Name", "Surn"} & set(p.tag.grammemes)]
    if not known and not surname:
        # an unknown first name in an oblique case, read with the model paradigms: "Рапилем" → Рапиль,
        # "Мухаммедкалыем" → Мухаммедкалый, "Ерболатом" → Ерболат, "Алмазу" → Алмаз
        for ending, after_vowel, after_consonant in (("ем", "й", "ь"), ("ом", "", ""), ("ю", "й", "ь"),
                                                     ("у", "", ""), ("а", "", ""), ("е", "", "")):
            stem = low[: -len(ending)]
            if low.endswith(ending) and len(stem) >= 3:
                vowel = stem[-1] in "аеёиоуыэюя"
                if vowel and ending not in {"ем", "ю"}:
                    continue
                return _recase(stem + (after_vowel if vowel else after_consonant), word)
        return word
    chosen = known or named or [p for p in parses(low) if "NOUN" in p.tag]
    if chosen:
        lemma = chosen[0].inflect({"nomn", "sing"})
        return _recase(lemma.word if lemma else chosen[0].normal_form, word)
    return word


def _recase(lemma: str, original: str) -> str:
    return lemma[:1].upper() + lemma[1:] if original[:1].isupper() else lemma


# Kazakh and Kyrgyz officials' own English spellings use these (zh, kh, y), and "ай" → "ai" (Kudaibergen).
_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "ә": "a", "ғ": "g", "қ": "k", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i",
}
_VOWELS = set("аеёиоуыэюяәөұүі")


def transliterate(text: str) -> str:
    """Cyrillic → Latin in Central Asian officials' usual style ("Кудайберген Базарбаев" → Kudaibergen Bazarbaev)."""
    out = []
    for i, char in enumerate(text):
        low = char.lower()
        if low not in _TRANSLIT:
            out.append(char)
            continue
        prev = text[i - 1].lower() if i else ""
        nxt = text[i + 1].lower() if i + 1 < len(text) else ""
        # word-initial "Е" is "Ye" (Yerlan, Yermek); after a vowel inside a word Kyrgyz usage keeps "e" (Kulubaev)
        if low == "е" and (not prev or not prev.isalpha() or prev in "ъь"):
            latin = "ye"
        elif low == "й" and prev in _VOWELS and nxt.isalpha():
            latin = "i"
        else:
            latin = _TRANSLIT[low]
        out.append(latin.capitalize() if char.isupper() else latin)
    return "".join(out)


# Latin spellings of one Central Asian name differ in a few regular ways (Zhaparov/Japarov/Dzhaparov,
# Tokayev/Tokaev, Sooronbay/Sooronbai, Kulubayev/Kulubaev): one key for all of them.
_LATIN_VARIANTS = (("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("q", "k"), ("yev", "ev"), ("ye", "e"),
                   ("yo", "o"), ("ay", "ai"), ("iy", "i"))


def latin_key(word: str) -> str:
    """One key for the Latin spellings of a name word ("Zhaparov" and "Japarov" → "japarov")."""
    key = word.lower()
    for old, new in _LATIN_VARIANTS:
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)


_DOUBLED = re.compile(r"(.)\1+")
def lookup_key(word: str) -> str:
    """The gazetteer's key of a name word (people.py): lower case, one key across Latin transliterations
    (Zhaparov = Japarov) and Cyrillic spellings. Remembered: every capitalised word of every article is looked up."""
    return _KEYS(word)


def _make_key(word: str) -> str:
    if word.isascii():
        return latin_key(word)
    # and across Cyrillic spellings: Жээнбеков/Жеенбеков, Смаилов/Смайлов, Касымалиев/Кассымалиев
    key = word.lower().replace("ё", "е").replace("э", "е").replace("й", "и").replace("‐", "-")
    return _DOUBLED.sub(r"\1", key)


_LATIN_INITIALS: dict[str, str] = {}


def latin_initial(letter: str) -> str:
    """The Latin capital a one-letter string transliterates to ("Ж" → "Z", "Е" → "Y"), remembered per letter."""
    if letter not in _LATIN_INITIALS:
        _LATIN_INITIALS[letter] = transliterate(letter).upper()[:1]
    return _LATIN_INITIALS[letter]


_KEYS = lru_cache(maxsize=200_000)(_make_key)
