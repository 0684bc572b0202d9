"""What around a meeting clause is not the clause's own: the agency dateline, side phrases about other events,
and the country a delegation head is named with.

- A wire dateline ("ASTANA. Jan 16 (Interfax-Kazakhstan) -", "АСТАНА. КАЗИНФОРМ –") says where and when the
  story was filed. Glued to the first sentence, its date would beat the sentence's own "on Tuesday", so it is
  blanked out of the text the clauses are read from (offsets kept); its city is kept as a last-resort place.
- A side phrase that names no official and tells of another event (another tense, a vague time of its own, or
  the sentence's only meeting word: "заседанию, которое пройдет весной", "agreements reached during the meeting
  … earlier this year", "a goal that dwarfs anything discussed with …") is blanked too, so its date, tense,
  place and meeting word do not become the clause's.
- "Кыргызскую делегацию возглавил A, казахстанскую — B": A and B are the sides' heads, with those countries.
"""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from lib.articles.sentences import Sentences, split
from lib.facts.meetings import event_dates
from lib.facts.meetings.cues import FUTURE, SIDE, names_meeting
from lib.facts.meetings.places import find_place
from lib.facts.patterns import Cue, lowers_safely
from lib.settings import DATA_DIR

if TYPE_CHECKING:
    from lib.facts.meetings.participants import NamedOfficial

# City (optionally ", Country"), a full stop or comma or none, up to 40 characters of date and "(Agency)", a dash.
HEAD = re.compile(r"\s*(?P<city>[A-ZА-ЯЁ][\w-]{2,}(?: [A-ZА-ЯЁ][\w-]{2,})?)(?:,\s*[A-ZА-ЯЁ][\w-]+)?\s*[.,]?\s*"
                  r"(?P<rest>[^\n–—]{0,40}?)\s*[-–—]\s")
CITY = re.compile(r"\s*([A-ZА-ЯЁ][\w-]{2,}(?: [A-ZА-ЯЁ][\w-]{2,})?)\s*[,.—–-]")
# A delegation's head, or who represented a side ("кыргызскую сторону представлял B", "the Kyrgyz side by B").
# Searched in every body: the side names that open two of its branches are in nearly every one.
DELEGATION = Cue(r"делегаци|delegation|(?:led|headed)\s+the\s+\w+\s+side|возглавил\w*\s+\w+\s+сторону|"
                        r"(?:сторону|казахстан|кыргызстан)\s+(?:[\w-]+\s+){0,2}представля|"
                        r"представля\w*\s+(?:[\w-]+\s+)?(?:сторону|казахстан|кыргызстан)|represented\s+by|"
                        r"represented\s+(?:the|kazakhstan|kyrgyzstan)", common=("сторону", "казахстан", "кыргызстан"))
SEGMENT = re.compile(r"[^,;]+")
# Every branch of SIDE holds one of these words: most sentences hold none and need no search (C-speed test).
SIDE_WORDS = ("which", "that", "who", "where", "котор", "где", "reached", "achieved", "agreed", "достигнут")


def mask_dateline(body: str) -> tuple[str | None, str]:
    """(the dateline's city, the body with the dateline blanked) — (None, body) when the body opens otherwise."""
    found = HEAD.match(body)
    if found is None or "\n" in found.group() or find_place(found.group("city")) is None:
        city = CITY.match(body)  # "Astana, 12 March 2025. …": a city without a dash, nothing to blank
        return (find_place(city.group(1)) if city else None), body
    return find_place(found.group("city")), " " * found.end() + body[found.end():]


def _other_event(phrase: str, rest: str) -> bool:
    """A side phrase tells of another event than the rest of its sentence: another tense, a vague time of its own
    ("earlier this year", "весной"), or the only meeting word of the sentence. A past phrase with a day
    ("…, по итогам которых 5 марта подписаны документы") may tell of the same meeting and is kept."""
    if FUTURE.found_in(phrase) and not FUTURE.found_in(rest):
        return True
    if any(d.vague for d in event_dates.find_dates(phrase, None)):
        return True
    return names_meeting(phrase) and not names_meeting(rest)


def _about_a_person(text: str, offset: int, side: int, starts: list[int]) -> bool:
    """The phrase follows a name ("Japarov, who met Tokayev on Monday, …"): it tells of the participant."""
    return any(0 <= offset + side - s <= 40 and not re.search(r"\s[a-zа-яё]", text[s - offset:side]) for s in starts
               if s >= offset)


def blank_side_phrases(text: str, offset: int, starts: list[int]) -> str:
    """``text`` (a sentence at ``offset`` in the body) with side phrases about other events replaced by spaces.

    ``starts`` are the body offsets of official mentions: a phrase naming an official is never blanked.
    """
    low = text.lower()
    if not (any(map(low.__contains__, SIDE_WORDS)) or not lowers_safely(text, low)):
        return text
    out = text
    for found in SIDE.finditer(text):
        a, b = offset + found.start(), offset + found.end()
        rest = text[:found.start()] + text[found.end():]
        if any(a <= s < b for s in starts) or not _other_event(found.group(), rest) or _about_a_person(
                text, offset, found.start(), starts):
            continue
        out = out[:found.start()] + " " * (b - a) + out[found.end():]
    return out


@lru_cache(maxsize=1)
def _nationalities() -> tuple[tuple[str, str], ...]:
    with open(DATA_DIR / "nationalities.csv", encoding="utf-8", newline="") as handle:
        rows = [(r["stem"], r["country"]) for r in csv.DictReader(handle)]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def _nationality(segment: str) -> str | None:
    for word in re.findall(r"[\w-]+", segment.lower()):
        for stem, country in _nationalities():
            if word.startswith(stem):
                return country
    return None


def delegation_countries(body: str, mentions: list[NamedOfficial],
                         sentences: Sentences | None = None) -> list[NamedOfficial]:
    """Give an official without a country the one of the delegation he is said to head (same comma segment)."""
    if all(m.country for m in mentions) or not DELEGATION.found_in(body):
        return mentions
    out = list(mentions)
    for sentence in split(body, sentences).spans:
        if not DELEGATION.found_in(sentence.text):
            continue
        for k, m in enumerate(out):
            if m.country or not sentence.start <= m.start < sentence.end:
                continue
            local = m.start - sentence.start
            segment = next((s for s in SEGMENT.finditer(sentence.text) if s.start() <= local < s.end()), None)
            # "Кыргызскую делегацию возглавил A", else "A led the Kyrgyz delegation": the segment before, then after
            country = (_nationality(sentence.text[segment.start():local]) or _nationality(
                sentence.text[local:segment.end()])) if segment else None
            if country is None and segment is not None:
                country = _after_apposition(sentence.text, segment.end())
            if country:
                out[k] = replace(m, country=country)
    return out


def _after_apposition(text: str, end: int) -> str | None:
    """"A, First Vice Minister of …, headed the Kazakh side": the country of the side named in the segment after
    the name's apposition (the two segments after it, within one clause)."""
    rest = text[end:]
    clause = rest.split(";", 1)[0]
    following = [m.group() for m in SEGMENT.finditer(clause)][:2]
    return next((_nationality(part) for part in following if DELEGATION.found_in(part) and _nationality(part)), None)
