"""Query expansion across Russian and English: a query → the other language's terms and name variants.

Sources, all data files: the bilingual glossary (lib/data/glossary.csv: English and Russian synonyms of the
field's terms, "|"-separated) and the officials' name variants (``lib.facts.officials.roster.name_variants()``,
from the curated officials table). Terms are matched on stems, so an inflected query word ("пунктов пропуска",
"checkpoints") finds its entry.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lib.facts.officials.roster import name_variants
from lib.search.rank import tokenize
from lib.settings import DATA_DIR

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True, slots=True)
class Expansion:
    """A query and the terms added to it: one group of alternative surface forms per matched glossary entry."""

    query: str
    groups: tuple[tuple[str, ...], ...]

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for g in self.groups for s in g))

    @property
    def english(self) -> tuple[str, ...]:
        return tuple(s for s in self.terms if not is_russian(s))

    @property
    def russian(self) -> tuple[str, ...]:
        return tuple(s for s in self.terms if is_russian(s))


def is_russian(text: str) -> bool:
    return len(_CYRILLIC.findall(text)) > len(_LATIN.findall(text))


class Expander:
    """Groups of equivalent surface forms; a query that contains one form gets all the others."""

    def __init__(self, groups: Iterable[Iterable[str]]) -> None:
        self._groups: list[tuple[str, ...]] = []
        self._forms: list[list[tuple[str, ...]]] = []
        self._by_token: dict[str, set[int]] = {}
        for group in groups:
            surfaces = tuple(dict.fromkeys(s.strip() for s in group if s and s.strip()))
            forms = [tuple(tokenize(s)) for s in surfaces]
            if len(surfaces) < 2:
                continue
            index = len(self._groups)
            self._groups.append(surfaces)
            self._forms.append(forms)
            for form in forms:
                for token in form[:1]:
                    self._by_token.setdefault(token, set()).add(index)

    @property
    def fingerprint(self) -> str:
        """A short hash of the groups: caches of anything derived from the expansion key on it."""
        return hashlib.sha256(repr(self._groups).encode("utf-8")).hexdigest()[:10]

    def __len__(self) -> int:
        return len(self._groups)

    def expand(self, query: str) -> Expansion:
        tokens = set(tokenize(query))
        groups = []
        for index in sorted({i for t in tokens for i in self._by_token.get(t, ())}):
            forms = self._forms[index]
            if any(form and set(form) <= tokens for form in forms):
                added = tuple(s for s, f in zip(self._groups[index], forms, strict=True) if f and not set(f) <= tokens)
                if added:
                    groups.append(added)
        return Expansion(query, tuple(groups))


def glossary_groups(path: Path = DATA_DIR / "glossary.csv") -> list[list[str]]:
    """Each glossary row as one group of English and Russian synonyms."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [row["en"].split("|") + row["ru"].split("|") for row in csv.DictReader(handle)]


def name_groups() -> list[list[str]]:
    """Name variants of each official (Japarov, Zhaparov, Жапаров), from the curated officials table."""
    return [[canonical, *variants] for canonical, variants in name_variants().items()]


def default_expander() -> Expander:
    return Expander(glossary_groups() + name_groups())
