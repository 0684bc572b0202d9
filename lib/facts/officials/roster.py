"""The curated officials table: lib/data/officials.csv + lib/data/posts.csv → typed records, posts at a date.

The table is general knowledge (who held which post when), kept as data so analysts can extend it without
touching code. Dates marked uncertain in the files' ``note`` column are best knowledge, not verified.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from lib.settings import DATA_DIR

# Post kinds, most senior first: when a person holds two posts on one day (Akylbek Japarov was cabinet chairman
# and head of the presidential administration), the earlier kind is the one reported and used for meeting levels.
KINDS = (
    "president",
    "head_of_government",
    "speaker",
    "foreign_minister",
    "deputy_head_of_government",
    "presidential_administration",
    "minister",
    "ambassador",
    "other",
)
RANK = {kind: i for i, kind in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class Post:
    """A post held from ``start`` to ``end`` (None: unknown start / still held)."""

    kind: str
    title: str
    title_ru: str
    start: date | None
    end: date | None
    note: str = ""

    def held_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Official:
    """One person of the curated table with every spelling the extractor should recognise."""

    person: str  # canonical English name, e.g. "Kassym-Jomart Tokayev"
    country: str  # ISO alpha-2
    first_names: tuple[str, ...]  # the English first name first, then Cyrillic and other Latin spellings
    surnames: tuple[str, ...]  # the English surname first, then Cyrillic and other Latin spellings
    posts: tuple[Post, ...]

    @property
    def surname(self) -> str:
        return self.surnames[0]


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text.strip() else None


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split("|") if part.strip()]


def read_officials(data_dir: Path = DATA_DIR) -> tuple[Official, ...]:
    """Parse the two CSV files; raises ValueError naming the row when a post names an unknown person."""
    with open(data_dir / "posts.csv", encoding="utf-8", newline="") as handle:
        post_rows = list(csv.DictReader(handle))
    with open(data_dir / "officials.csv", encoding="utf-8", newline="") as handle:
        person_rows = list(csv.DictReader(handle))
    posts: dict[str, list[Post]] = {}
    for row in post_rows:
        if row["kind"] not in RANK:
            raise ValueError(f"posts.csv: unknown kind {row['kind']!r} for {row['person']}; use one of {KINDS}")
        posts.setdefault(row["person"], []).append(
            Post(row["kind"], row["title"], row["title_ru"], _date(row["start"]), _date(row["end"]), row["note"]))
    known = {row["person"] for row in person_rows}
    unknown = sorted(set(posts) - known)
    if unknown:
        raise ValueError(f"posts.csv names people missing from officials.csv: {unknown}")
    officials = []
    for row in person_rows:
        first_en, last_en = row["person"].rsplit(" ", 1)
        firsts = dict.fromkeys([first_en, row["first_ru"], *_split(row["alt_first"])])
        lasts = dict.fromkeys([last_en, row["last_ru"], *_split(row["alt_last"])])
        person_posts = sorted(posts.get(row["person"], []), key=lambda p: p.start or date.min)
        officials.append(Official(row["person"], row["country"], tuple(firsts), tuple(lasts), tuple(person_posts)))
    return tuple(officials)


@lru_cache(maxsize=1)
def load_officials() -> tuple[Official, ...]:
    """The curated table, read once per process (the files ship with the code and do not change at run time)."""
    return read_officials()


def covered_years(officials: tuple[Official, ...]) -> range:
    """The years in which a post of the table may have been held: from 1991 (both states independent) to two years
    past the latest date the table writes. Posts still held run on past it, so a day in a year the table cannot know
    ("5 March", of a post begun that September) matches each year after, and is never dated by default."""
    latest = max((d.year for o in officials for p in o.posts for d in (p.start, p.end) if d), default=1991)
    return range(1991, latest + 3)


def by_person() -> dict[str, Official]:
    return {o.person: o for o in load_officials()}


def posts_on(official: Official, on: date | None) -> list[Post]:
    """Posts held on ``on``, most senior first; with no date, every post, most recent first."""
    if on is None:
        return sorted(official.posts, key=lambda p: (p.end is not None, -(p.start or date.min).toordinal()))
    return sorted((p for p in official.posts if p.held_on(on)), key=lambda p: RANK[p.kind])


def post_at(person: str, on: date | None) -> Post | None:
    """The most senior post ``person`` held on ``on`` (the latest post when ``on`` is None); None if none."""
    official = by_person().get(person)
    if official is None:
        return None
    posts = posts_on(official, on)
    return posts[0] if posts else None


def latest_post_before(person: str, on: date | None) -> Post | None:
    """The post held most recently before ``on`` ("former prime minister"), for people out of office that day."""
    official = by_person().get(person)
    if official is None or on is None:
        return None
    earlier = [p for p in official.posts if p.start is None or p.start <= on]
    return max(earlier, key=lambda p: p.end or date.max, default=None)


def name_variants() -> dict[str, list[str]]:
    """Canonical name → full names and surnames in every listed spelling (Latin and Cyrillic), for query expansion."""
    out: dict[str, list[str]] = {}
    for o in load_officials():
        latin_first = [f for f in o.first_names if f.isascii()]
        cyr_first = [f for f in o.first_names if not f.isascii()]
        latin_last = [s for s in o.surnames if s.isascii()]
        cyr_last = [s for s in o.surnames if not s.isascii()]
        full = [f"{f} {s}" for f in latin_first for s in latin_last] + [f"{f} {s}" for f in cyr_first for s in cyr_last]
        out[o.person] = list(dict.fromkeys([o.person, *full, *o.surnames]))
    return out
