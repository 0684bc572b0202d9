"""Which pair of countries a sentence's trade is between: Kazakhstan–Kyrgyzstan, or another pair.

Input: text (a sentence, a clause, the sentence before, a whole article). Output: booleans the trade extractor
uses to keep only Kazakhstan–Kyrgyzstan figures. Country names come from lib/data/trade_countries.csv. A pair is
two country names joined by "и"/"and"/"с"/"with" or a hyphen ("Кыргызстан и Узбекистан", "Kyrgyz-Uzbek trade",
"between Kyrgyzstan and China"): naming one of ours next to a third country makes it that pair's trade, even
though Kyrgyzstan is named.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Callable

from lib.settings import DATA_DIR

PAIR = ("KZ", "KG")
OURS = frozenset(PAIR)
COUNTRIES_CSV = DATA_DIR / "trade_countries.csv"
# What may stand between two country names of a pair: the rest of the first name ("стан", "ско", "ской
# Республикой") and a connector ("и", "and", "с", "with", a hyphen or dash).
CONNECTOR = re.compile(r"^[a-zа-яё]*(?:\s+(?:республик[а-яё]*|republic))?"
                       r"(?:\s*[-–—]\s*|\s+(?:и|and|&|с|со|with)\s+)$")


@functools.cache
def markers(which: str) -> re.Pattern[str]:
    """Lower-case name patterns of Kazakhstan ("KZ"), Kyrgyzstan ("KG") or any other partner ("third"), read once
    from lib/data/trade_countries.csv; match them against lower-cased text."""
    with COUNTRIES_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    chosen = [r["patterns"] for r in rows if (r["code"] == which) or (which == "third" and r["code"] not in PAIR)]
    # One flat alternation whose every branch starts with a letter: then the regex engine jumps straight to the
    # letters a name can start with instead of trying every branch at every position (four times faster on
    # "third"). A group around each row, or a leading word boundary ("\biran"), hides those letters from it;
    # "\biran" is written "i(?<=\bi)ran", the same match.
    return re.compile(_BOUNDARY_FIRST.sub(r"\1(?<=\\b\1)", "|".join(p.lower() for p in chosen)))


_BOUNDARY_FIRST = re.compile(r"\\b([a-zа-яё])")


def joined_pairs(low: str) -> set[frozenset[str]]:
    """Pairs of country names joined in lower-cased ``low``, as sets of "KZ", "KG" and "third"."""
    mentions = sorted((m.start(), m.end(), code) for code in ("KZ", "KG", "third") for m in markers(code).finditer(low))
    pairs: set[frozenset[str]] = set()
    for (_, end, a), (start, _, b) in zip(mentions, mentions[1:], strict=False):
        if start >= end and CONNECTOR.match(low[end:start]):
            pairs.add(frozenset((a, b)))
    return pairs


def other_pair(low: str) -> bool:
    """Does lower-cased ``low`` join one of our countries to a third one, and not ours to each other?"""
    pairs = joined_pairs(low)
    return OURS not in pairs and any("third" in p and p & OURS for p in pairs)


def pair_ok(sentence: str, context: str, article_ok: bool | Callable[[], bool]) -> bool:
    """Is the trade in ``sentence`` Kazakhstan–Kyrgyzstan trade? The sentence decides, then the one before, then
    the article."""
    kg, third = markers("KG"), markers("third")
    low, context_low = sentence.lower(), context.lower()
    if other_pair(low):
        return False
    if kg.search(low):
        return True
    if third.search(low):
        return False
    if third.search(context_low) and not kg.search(context_low):
        return False
    return article_ok() if callable(article_ok) else article_ok


def clause_names_another_partner(low: str) -> bool:
    """A clause about a third country's trade ("с Китаем", "Kyrgyzstan and Tajikistan aim for")."""
    return bool(markers("third").search(low)) and (not markers("KG").search(low) or other_pair(low))


def article_is_bilateral(text: str) -> bool:
    """Whether an article names both countries and Kyrgyzstan is not a side note next to another partner."""
    # Lower-casing once is several times faster than case-insensitive matching of long alternations.
    low = text.lower()
    kg = len(markers("KG").findall(low))
    if not kg or not markers("KZ").search(low):
        return False
    return 2 * kg >= len(markers("third").findall(low))
