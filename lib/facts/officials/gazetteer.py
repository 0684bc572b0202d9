"""The gazetteer of listed officials: the curated table → every case form of every spelling of their names.

Built once per process from lib/data (roster.py, names.py) and kept; people.py looks body words up in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lib.facts.officials import names
from lib.facts.officials.roster import Official, load_officials


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Lower-case surface form → indexes of officials whose first name / surname it is."""

    officials: tuple[Official, ...]
    first: dict[str, frozenset[int]]
    last: dict[str, frozenset[int]]


def build_gazetteer(officials: tuple[Official, ...]) -> Gazetteer:
    """Every case form of every spelling (Latin spellings do not decline, Cyrillic ones do unless indeclinable)."""
    first: dict[str, set[int]] = {}
    last: dict[str, set[int]] = {}
    for i, official in enumerate(officials):
        for table, spellings in ((first, official.first_names), (last, official.surnames)):
            for spelling in spellings:
                for part in spelling.split():  # "Реджеп Тайип": each word is a first-name form
                    forms = {part} if part.isascii() else names.inflections(part)
                    for form in forms:
                        table.setdefault(names.lookup_key(form), set()).add(i)
    return Gazetteer(officials, {k: frozenset(v) for k, v in first.items()},
                     {k: frozenset(v) for k, v in last.items()})


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer of the curated table, built once per process (~0.1 s)."""
    return build_gazetteer(load_officials())
