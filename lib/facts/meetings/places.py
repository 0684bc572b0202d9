"""Places: text → the English name of the first city it names (lib/data/places.csv, any case form, RU and EN).

Nur-Sultan and Astana are one city (Astana); residences name their city (Akorda → Astana, Ala-Archa → Bishkek).
"""

from __future__ import annotations

import csv
import re
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


# A city's name that names a river ("the Chu and Talas rivers", "на реках Чу и Талас", "бассейн реки Талас").
RIVER_AFTER = re.compile(r"\s+(?:rivers?|river\s+basins?|basins?)\b")
RIVER_BEFORE = re.compile(r"(?:рек[аеиу]?|реках|river|бассейн\w*)\s+(?:[\w-]+\s+(?:и|and)\s+)?$")


def find_place(text: str) -> str | None:
    """The first city named in ``text`` (English name), or None; a river of the same name is not its city."""
    cities, pattern = places()
    low = text.lower()
    found = pattern.search(low)
    while found is not None and (RIVER_AFTER.match(low, found.end())
                                 or RIVER_BEFORE.search(low, max(0, found.start() - 30), found.start())):
        found = _search_from(pattern, low, found.end())
    return cities[int(found.lastgroup[1:])] if found and found.lastgroup else None


def find_places(text: str) -> list[str]:
    """Every city named in ``text`` (English names, each once, in order); a river of the same name is not its city."""
    cities, pattern = places()
    low = text.lower()
    found: list[str] = []
    for m in pattern.pattern.finditer(low):
        if RIVER_AFTER.match(low, m.end()) or RIVER_BEFORE.search(low, max(0, m.start() - 30), m.start()):
            continue
        city = cities[int(m.lastgroup[1:])] if m.lastgroup else None
        if city and city not in found:
            found.append(city)
    return found


def _search_from(pattern: Cue, low: str, at: int) -> re.Match[str] | None:
    """The first match at or after ``at`` (offsets into the whole text)."""
    return next(pattern.pattern.finditer(low, at), None)


def remembering() -> Callable[[str], str | None]:
    """find_place with its answers kept, for one article (its clauses and sentences are asked about repeatedly)."""
    seen: dict[str, str | None] = {}

    def find(text: str) -> str | None:
        if text not in seen:
            seen[text] = find_place(text)
        return seen[text]

    return find
