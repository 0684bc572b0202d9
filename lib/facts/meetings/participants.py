"""Participants of a meeting clause: the officials it names, and those it points at without naming them.

Greeting senders, predecessors, spokesmen and quoted sources are not participants. A group noun ("главы государств",
"the two heads of government") brings the nearest holders of that post; a role noun or pronoun ("гостя", "his
counterpart", "казахстанского министра принял …") the nearest official of another country in its paragraph or the
one before; a nationality and a post with no name ("казахстанского премьера", "his Kyrgyz counterpart") the one
holder of that post on the meeting's day (lib/officials). A name only inside an aside about the past (", who had
succeeded X that spring,") is not a participant. One person meeting several others ("двусторонние переговоры с A и
B", "встречи X с A и B") is one meeting per pair.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache, partial

from lib.facts.meetings.cues import (
    ANAPHORA,
    ASIDE,
    BILATERAL,
    GROUPS,
    NOT_PARTICIPANT,
    PLURAL_MEETINGS,
    SPEAKER_AFTER,
    SPEAKER_BEFORE,
    WEAK,
    names_meeting,
)
from lib.facts.patterns import Cue


@dataclass(frozen=True, slots=True)
class NamedOfficial:
    """An official named in the body: canonical name, country (ISO alpha-2) and offset."""

    person: str
    country: str | None
    start: int
    kind: str = ""  # the post kind people.py read from the title, for officials the table does not know


@lru_cache(maxsize=1)
def _officials() -> dict:
    from lib.facts.officials import roster  # read once per process

    return roster.by_person()


def post_kinds(person: str, on: date | None) -> frozenset[str]:
    """Kinds of the posts ``person`` held on ``on`` (all posts ever held when ``on`` is None)."""
    from lib.facts.officials import roster

    official = _officials().get(person)
    if official is None:
        return frozenset()
    return frozenset(p.kind for p in roster.posts_on(official, on))


def kinds(mention: NamedOfficial, on: date | None) -> frozenset[str]:
    """Post kinds from the table, else the one read from the title next to the name."""
    return post_kinds(mention.person, on) or (frozenset({mention.kind}) if mention.kind else frozenset())


def named_participants(body: str, mentions: list[NamedOfficial], begin: int, end: int) -> list[NamedOfficial]:
    """Distinct participants named between ``begin`` and ``end`` (greeting senders and predecessors left out)."""
    inside = [m for m in mentions if begin <= m.start < end and m.country]
    seen: dict[str, NamedOfficial] = {}
    for k, m in enumerate(inside):
        window_start = max(begin, inside[k - 1].start + 1 if k else begin, m.start - 60)
        if NOT_PARTICIPANT.found_in(body[window_start:m.start]):
            continue
        if m.person not in seen:
            seen[m.person] = m
    people = list(seen.values())
    if len(people) >= 3:
        people = _outside_asides(body, begin, end, inside, people)
    if len(people) >= 3:
        starts = sorted(m.start for m in inside)

        def speaker(m: NamedOfficial) -> bool:
            if SPEAKER_BEFORE.search(body[max(begin, m.start - 60):m.start]):
                return True
            following = body[m.start:end]
            skip = following.find(" ") + 1 if " " in following else len(following)
            found = SPEAKER_AFTER.search(following[skip:])
            if not found:
                return False
            stop = m.start + skip + len(found.group("gap"))
            between = body[m.start + skip:stop]
            return not (names_meeting(between) or WEAK.found_in(between) or any(m.start < s < stop for s in starts))

        quoted = [m for m in people if speaker(m)]
        people = [m for m in people if m not in quoted] if len(people) - len(quoted) >= 2 else people
    return people


def _outside_asides(body: str, begin: int, end: int, inside: list[NamedOfficial],
                    people: list[NamedOfficial]) -> list[NamedOfficial]:
    """Leave out people named only inside an aside that names no meeting, when two or more others remain."""
    asides = [(begin + a.start(), begin + a.end()) for a in ASIDE.finditer(body[begin:end])
              if not (names_meeting(a.group()) or WEAK.found_in(a.group()))]
    if not asides:
        return people

    def aside_only(person: str) -> bool:
        return all(any(a <= m.start < b for a, b in asides) for m in inside if m.person == person)

    kept = [m for m in people if not aside_only(m.person)]
    return kept if len(kept) >= 2 and len({m.country for m in kept}) >= 2 else people


def _nearest(mentions: list[NamedOfficial], position: int, paragraph_end: int,
             accept: Callable[[NamedOfficial], bool]) -> list[NamedOfficial]:
    """Mentions that pass ``accept``, nearest first: earlier ones, then later ones in the same paragraph."""
    before = [m for m in mentions if m.start < position and accept(m)]
    after = [m for m in mentions if position <= m.start < paragraph_end and accept(m)]
    return sorted(before, key=lambda m: position - m.start) + sorted(after, key=lambda m: m.start)


def _holds_kind(kind: str, day: date | None, mention: NamedOfficial) -> bool:
    # A partial of this, not a lambda with a default: mypy cannot type a lambda with more parameters than accept's.
    return kind in kinds(mention, day)


def complete(body: str, clause: str, begin: int, paragraph: tuple[int, int], named: list[NamedOfficial],
              mentions: list[NamedOfficial], day: date | None, on: date | None = None) -> list[NamedOfficial]:
    """Add the participants a clause refers to without naming them (group nouns, role nouns, pronouns).

    ``day`` is the article's date, ``on`` the meeting's when the clause gives one (whose post a descriptor names).
    """
    people = list(named)
    countries = {m.country for m in people}
    paragraph_start, paragraph_end = paragraph
    low = clause.lower()
    for cue, kind in GROUPS:
        if len(countries) >= 2 or not cue.found_in(clause, low):
            continue
        if any(kind not in kinds(m, day) for m in named):
            continue  # "the presidents" never brings a president to a meeting of someone of another rank
        for m in _nearest(mentions, begin, paragraph_end, partial(_holds_kind, kind, day)):
            if m.country not in countries:
                people.append(m)
                countries.add(m.country)
            if len(countries) >= 2:
                break
    if len(countries) == 1 and len(people) == 1:
        holder = described_holder(clause, begin, people[0], on or day, day)
        if holder is not None:
            return [*people, holder]
    if len(countries) == 1 and len(people) == 1:
        host = visit_host(clause, people[0], mentions, on or day)
        if host is not None:
            return [*people, host]
    if len(countries) == 1 and len(people) == 1 and _points_elsewhere(clause, begin, people[0]):
        same_kind = kinds(people[0], day)
        # a role noun or pronoun points inside its paragraph or the one before, not at a name told of far off
        candidates = _nearest([m for m in mentions if m.start >= paragraph_start], begin, paragraph_end,
                              lambda m: m.country not in countries)
        if re.search(r"коллег|counterpart", clause, re.IGNORECASE):
            candidates.sort(key=lambda m: not (kinds(m, day) & same_kind))
        if candidates:
            people.append(candidates[0])
    return people


# "Визит президента Кыргызстана Жапарова в Казахстан", "Japarov's visit to Kazakhstan": the host country's holder of
# the visitor's post, when the article names one, is the other side.
VISIT_TO = re.compile(r"визит|посет|посещ|visit", re.IGNORECASE)
HOST_COUNTRY = (("KZ", re.compile(r"Казахстан|Kazakhstan|Астан|Astana", re.IGNORECASE)),
                ("KG", re.compile(r"Кыргызстан|Киргиз|Kyrgyz|Бишкек|Bishkek", re.IGNORECASE)))


def visit_host(clause: str, visitor: NamedOfficial, mentions: list[NamedOfficial],
               on: date | None) -> NamedOfficial | None:
    """The host of a visit named with the visitor alone (see VISIT_TO), or None."""
    if not VISIT_TO.search(clause):
        return None
    hosts = [code for code, pattern in HOST_COUNTRY if code != visitor.country and pattern.search(clause)]
    own = kinds(visitor, on)
    if len(hosts) != 1 or not own:
        return None
    found = {m.person: m for m in mentions if m.country == hosts[0] and kinds(m, on) & own}
    return next(iter(found.values())) if len(found) == 1 else None


# The other side named by nationality and post ("казахстанского премьера", "his Kyrgyz counterpart", "the Kazakh
# president", "премьер-министра Казахстана"): the one person who held that post in that country on the day.
_NATION = (r"(?P<nat>казахстанск|казахск|кыргызск|киргизск|узбекск|таджикск|российск|"
           r"Kazakhstani|Kazakh|Kyrgyz|Uzbek|Tajik|Russian)")
_POST = (r"(?P<post>(?<![\w-])премьер(?!-министры)\w*|президент\w*|лидер\w*|глав\w*\s+(?:правительства|кабмина|"
         r"государства|МИД)|председател\w*\s+кабинета\s+министров|министр\w*\s+иностранных\s+дел|коллег\w*|"
         r"president|prime\s+minister|premier|foreign\s+minister|counterpart|leader|head\s+of\s+(?:state|government))")
_COUNTRY = r"(?P<country>Казахстана|Кыргызстана|Кыргызской\s+Республики|Kazakhstan|Kyrgyzstan)"
# Each searched from the first nationality or post word found (a Cue's gate): the same matches, cheaper.
DESCRIPTORS = (Cue(rf"\b{_NATION}\w*\s+(?:[\w-]+\s+)?{_POST}\b"), Cue(rf"(?<![\w-]){_POST}\s+(?:of\s+)?{_COUNTRY}\b"))
_HOG = "head_of_government"
_POST_KINDS = (("премьер", _HOG), ("prime", _HOG), ("premier", _HOG), ("глав", _HOG), ("председател", _HOG),
               ("head of gov", _HOG), ("министр", "foreign_minister"), ("foreign", "foreign_minister"),
               ("президент", "president"), ("president", "president"), ("лидер", "president"), ("leader", "president"),
               ("head of state", "president"))


def _post_kind(post: str, named: NamedOfficial, day: date | None) -> str | None:
    low = " ".join(post.lower().split())
    if low.startswith(("коллег", "counterpart")):  # the named person's own rank
        own = sorted(kinds(named, day), key=lambda k: _rank(k))
        return own[0] if own else None
    if "государства" in low or "мид" in low:
        return "president" if "государства" in low else "foreign_minister"
    return next((kind for stem, kind in _POST_KINDS if low.startswith(stem)), None)


def _rank(kind: str) -> int:
    from lib.facts.officials import roster

    return roster.RANK.get(kind, len(roster.RANK))


def _country_of(found: re.Match[str]) -> str | None:
    groups = found.groupdict()
    word = (groups.get("nat") or groups.get("country") or "").lower()
    if word.startswith(("казах", "kazakh")):
        return "KZ"
    if word.startswith(("кыргыз", "киргиз", "kyrgyz")):
        return "KG"
    return {"узбек": "UZ", "таджи": "TJ", "росси": "RU", "uzbek": "UZ", "tajik": "TJ", "russi": "RU"}.get(word[:5])


def holder(country: str, kind: str, on: date) -> str | None:
    """The one person of the table who held a post of ``kind`` in ``country`` on ``on`` (None when none or many)."""
    found = [o.person for o in _officials().values()
             if o.country == country and any(p.kind == kind and p.held_on(on) for p in o.posts)]
    return found[0] if len(found) == 1 else None


def describes_a_holder(body: str) -> bool:
    """The body names someone by nationality and post (a meeting may then have one named side only)."""
    return any(pattern.search(body) for pattern in DESCRIPTORS)


def described_holder(clause: str, begin: int, named: NamedOfficial, on: date | None,
                     day: date | None) -> NamedOfficial | None:
    """The other side a clause names by nationality and post, resolved through the table on the meeting day."""
    if on is None:
        return None
    for found in (f for pattern in DESCRIPTORS for f in pattern.finditer(clause)):
        country = _country_of(found)
        if country is None or country == named.country:
            continue
        kind = _post_kind(found.group("post"), named, day)
        if not kind:
            continue
        person = holder(country, kind, on)
        if person is not None and person != named.person:
            return NamedOfficial(person, country, begin + found.start(), kind)
    return None


def _points_elsewhere(clause: str, begin: int, named: NamedOfficial) -> bool:
    """A role noun or pronoun in the clause that is not the named official's own title ("Президент Кыргызстана
    Садыр Жапаров" names one side only)."""
    def own_title(found: re.Match[str]) -> bool:
        between = clause[found.end():max(found.end(), named.start - begin)]
        # "казахстанского министра принял Президент …": a verb in between makes the role noun the other side
        return 0 <= named.start - (begin + found.end()) <= 40 and not (names_meeting(between) or WEAK.found_in(
            between))

    return any(not own_title(found) for found in ANAPHORA.finditer(clause))


def pairs(people: list[NamedOfficial], day: date | None, clause: str = "") -> list[list[NamedOfficial]]:
    """One visitor received by hosts of different ranks is one meeting per host (gold lists them apart)."""
    by_country: dict[str | None, list[NamedOfficial]] = {}
    for m in people:
        by_country.setdefault(m.country, []).append(m)
    if (len(people) >= 3 and (BILATERAL.search(clause) or PLURAL_MEETINGS.search(clause))
            and len(by_country[people[0].country]) == 1):
        return [[people[0], m] for m in people[1:] if m.country != people[0].country]
    if len(people) >= 3 and len(by_country) == 2:
        sides = sorted(by_country.values(), key=len)
        lone, hosts = sides[0], sides[1]
        if len(lone) == 1 and len({kinds(h, day) for h in hosts}) == len(hosts):
            return [[lone[0], h] for h in hosts]
    return [people]


# "заместитель министра иностранных дел Алмаз Иманкожоев", "Deputy Foreign Minister X": not a minister, so a
# meeting of two deputies is of level "other" (a "Deputy Prime Minister" is not matched: that is a post of its own).
DEPUTY_MINISTER = re.compile(r"(?:заместител\w*\s+министр\w*|замминистр\w*|вице-министр\w*|"
                             r"deputy\s+(?:foreign\s+)?ministers?|vice[- ]ministers?)\b[^.;,]{0,40}$", re.IGNORECASE)


def deputy_ministers(body: str, mentions: list[NamedOfficial]) -> list[NamedOfficial]:
    """Officials the table does not know, titled deputy minister: their post kind is "deputy_minister"."""
    return [replace(m, kind="deputy_minister") if m.kind in ("minister", "foreign_minister") and not post_kinds(
        m.person, None) and DEPUTY_MINISTER.search(body[max(0, m.start - 60):m.start]) else m for m in mentions]
