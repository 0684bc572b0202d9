"""Places: text → the English name of the first city it names (lib/data/places.csv, any case form, RU and EN).

Nur-Sultan and Astana are one city (Astana); residences name their city (Akorda → Astana, Ala-Archa → Bishkek).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from functools import lru_cache

from lib.facts.prefix_gate import compile_gate, first_match
from lib.settings import DATA_DIR


@lru_cache(maxsize=1)
def places() -> tuple[tuple[str, ...], re.Pattern[str], re.Pattern[str] | None]:
    """Cities of lib/data/places.csv, one pattern whose group k matches city k in any case form (lower case), and
    its gate (lib/facts/prefix_gate.py): the ~170 alternatives tried at every word cost ~3x what their openings do, and
    most sentences name no city."""
    with open(DATA_DIR / "places.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    alternatives = "|".join(f"(?P<p{k}>{r['pattern']})" for k, r in enumerate(rows))
    gate = compile_gate("|".join(r["pattern"] for r in rows), before=r"(?<![\w-])")
    return tuple(r["city"] for r in rows), re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w])"), gate


def find_place(text: str) -> str | None:
    """The first city named in ``text`` (English name), or None."""
    cities, pattern, gate = places()
    low = text.lower()
    # A city begins only where the gate finds an opening (the lookbehind still sees what precedes it).
    found = first_match(pattern, gate, low, low) if gate is not None else pattern.search(low)
    return cities[int(found.lastgroup[1:])] if found and found.lastgroup else None


def remembering() -> Callable[[str], str | None]:
    """find_place with its answers kept, for one article (its clauses and sentences are asked about repeatedly)."""
    seen: dict[str, str | None] = {}

    def find(text: str) -> str | None:
        if text not in seen:
            seen[text] = find_place(text)
        return seen[text]

    return find
