"""Places: text → the English name of the first city it names (lib/data/places.csv, any case form, RU and EN).

Nur-Sultan and Astana are one city (Astana); residences name their city (Akorda → Astana, Ala-Archa → Bishkek).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
# A lookaround opening an alternative ("(?<![а-яё])ош"): it consumes nothing, so the literal prefix follows it.
_LEADING_LOOKAROUND = re.compile(r"\(\?<?[!=][^()]*\)")


@lru_cache(maxsize=1)
def places() -> tuple[tuple[str, ...], re.Pattern[str], re.Pattern[str] | None]:
    """Cities of lib/data/places.csv, one pattern whose group k matches city k in any case form (lower case), and
    a cheap pattern that finds, at or before the first city, a word opening as one of them (None if not built)."""
    with open(DATA_DIR / "places.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    alternatives = "|".join(f"(?P<p{k}>{r['pattern']})" for k, r in enumerate(rows))
    prefixes = {_literal_prefix(a) for r in rows for a in _alternatives(r["pattern"])}
    # The full pattern tries ~170 alternatives at every word; the prefixes alone are ~3x cheaper, and most
    # sentences name no city. An alternative with no literal prefix would make the gate unsound: then none.
    gate = None if "" in prefixes else re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in sorted(prefixes, key=lambda p: (-len(p), p))) + ")")
    return tuple(r["city"] for r in rows), re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w])"), gate


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression (not those inside groups or character classes)."""
    out, current, depth, in_class, k = [], "", 0, False, 0
    while k < len(pattern):
        char = pattern[k]
        if char == "\\":
            current += pattern[k:k + 2]
            k += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            out.append(current)
            current, k = "", k + 1
            continue
        current += char
        k += 1
    return [*out, current]


def _literal_prefix(alternative: str) -> str:
    """The characters every match of ``alternative`` opens with ("" when it opens with a group, class or escape)."""
    lookaround = _LEADING_LOOKAROUND.match(alternative)
    rest = alternative[lookaround.end():] if lookaround else alternative
    prefix = ""
    for char in rest:
        if char in "?*{":  # the character before is optional
            return prefix[:-1]
        if char in "\\[]().^$|+":
            return prefix
        prefix += char
    return prefix


def find_place(text: str) -> str | None:
    """The first city named in ``text`` (English name), or None."""
    cities, pattern, gate = places()
    low = text.lower()
    # No city can match before the first word the gate finds (and the lookbehind still sees what precedes it).
    first = gate.search(low) if gate is not None else None
    if gate is not None and first is None:
        return None
    found = pattern.search(low, first.start() if first else 0)
    return cities[int(found.lastgroup[1:])] if found and found.lastgroup else None


def remembering() -> Callable[[str], str | None]:
    """find_place with its answers kept, for one article (its clauses and sentences are asked about repeatedly)."""
    seen: dict[str, str | None] = {}

    def find(text: str) -> str | None:
        if text not in seen:
            seen[text] = find_place(text)
        return seen[text]

    return find
