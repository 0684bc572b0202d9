"""Places: text → the English name of the first city it names (lib/data/places.csv, any case form, RU and EN).

Nur-Sultan and Astana are one city (Astana); residences name their city (Akorda → Astana, Ala-Archa → Bishkek).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import lru_cache

from lib.facts.patterns import Cue
from lib.settings import DATA_DIR


@lru_cache(maxsize=1)
def places() -> tuple[tuple[str, ...], Cue]:
    """Cities of lib/data/places.csv, and one pattern whose group k matches city k in any case form (lower case),
    tried only where a city can open: its ~170 alternatives tried at every word cost ~3x what their openings do,
    and most sentences name no city."""
    with open(DATA_DIR / "places.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    alternatives = "|".join(f"(?P<p{k}>{r['pattern']})" for k, r in enumerate(rows))
    # case-sensitive, for lower-cased text; the lookbehind opens the gate too (a city never begins mid-word)
    return tuple(r["city"] for r in rows), Cue(rf"(?<![\w-])(?:{alternatives})(?![\w])", flags=0,
                                               before=r"(?<![\w-])")


def find_place(text: str) -> str | None:
    """The first city named in ``text`` (English name), or None."""
    cities, pattern = places()
    found = pattern.search(text.lower())
    return cities[int(found.lastgroup[1:])] if found and found.lastgroup else None


def remembering() -> Callable[[str], str | None]:
    """find_place with its answers kept, for one article (its clauses and sentences are asked about repeatedly)."""
    seen: dict[str, str | None] = {}

    def find(text: str) -> str | None:
        if text not in seen:
            seen[text] = find_place(text)
        return seen[text]

    return find
