"""Places: text → the English name of the first city it names (lib/data/places.csv, any case form, RU and EN).

Nur-Sultan and Astana are one city (Astana); residences name their city (Akorda → Astana, Ala-Archa → Bishkek).
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def places() -> tuple[tuple[str, ...], re.Pattern[str]]:
    """Cities of lib/data/places.csv and one pattern whose group k matches city k in any case form (lower case)."""
    with open(DATA_DIR / "places.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    alternatives = "|".join(f"(?P<p{k}>{r['pattern']})" for k, r in enumerate(rows))
    return tuple(r["city"] for r in rows), re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w])")


def find_place(text: str) -> str | None:
    """The first city named in ``text`` (English name), or None."""
    cities, pattern = places()
    found = pattern.search(text.lower())
    return cities[int(found.lastgroup[1:])] if found and found.lastgroup else None
