"""Officials in articles: articles → mentions (person, span) → officials table (one row per article and person).

Listed officials are found with a gazetteer of every case form of every spelling in the curated table (built once
per process from lib/data, see roster.py and names.py); a bare surname shared by two people (the two
Japarovs) is resolved by the title next to it, else by who the article is about. Officials the table does not know
come from ner.py (NER, only in sentences with a title) and are marked ``listed=False``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from lib.articles.sentences import Sentences
from lib.facts.officials import names, titles
from lib.facts.officials import ner as people_ner
from lib.facts.officials.gazetteer import Gazetteer, gazetteer

# load_officials, post_at and name_variants are public here too (search, meetings)
from lib.facts.officials.roster import (
    RANK,
    Official,
    Post,
    latest_post_before,
    load_officials,
    name_variants,
    post_at,
    posts_on,
)
from lib.records import MENTION_COLUMNS, OFFICIAL_COLUMNS, as_date, empty

__all__ = ["MENTION_COLUMNS", "Mention", "Post", "article_mentions", "extract_mentions", "load_officials",
           "name_variants", "post_at", "summarise_officials"]

# Posts senior enough that a bare surname on its own names that person (a bare "Новиков" names no one in particular).
_SENIOR = {"president", "head_of_government", "foreign_minister", "speaker"}
WORD = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")
_INITIALS = re.compile(r"(?:(?<![\w.])([A-ZА-ЯЁ])\.\s?-?\s?){1,2}\s?$")
_NAME_GAP = re.compile(r"[ \t\u00a0]{1,3}")
_SPACE = re.compile(r"[ \u00a0]")
_PATRONYMIC = re.compile(r"\w+(?:ович|евич|овна|евна|ична|ич|uly|kyzy|ovich|evich)$", re.IGNORECASE)
# Link lists and news feeds a cleaner may leave behind: "Читайте также: ...", and short lines that end in a date stamp
# ("• Ташиев провел встречу — 07.12.2021", "Kosherbayev meets OSCE Secretary General — 12 Nov 2025", "(13.07.2020)")
# or open with a time ("16:05  Токаев отправится в Ташкент"). An article's own sentence ends in a full stop instead.
_MONTH = (r"(?:янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
          r"[a-zа-яё]*\.?")
_STAMP = (rf"(?:\d{{1,2}}[./]\d{{1,2}}(?:[./]\d{{2,4}})?|\d{{1,2}} {_MONTH}(?: \d{{4}})?"
          rf"|{_MONTH} \d{{1,2}}(?:, \d{{4}})?)")
_LINK_LINE = re.compile(
    r"^[ \t]*(?:(?:читайте также|read also|related|см\. также).*"
    r"|\d{1,2}:\d{2}[ \t]+.{5,160}"
    rf"|.{{5,160}}?(?:[ \t][—–-][ \t]*|[ \t]\(){_STAMP}(?:,?[ \t]*\d{{1,2}}:\d{{2}})?\)?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True, slots=True)
class Mention:
    person: str
    country: str
    role: str
    listed: bool
    start: int
    end: int
    surface: str
    kind: str
    title: str


@dataclass(slots=True)
class _Hit:
    """A gazetteer hit before resolution: ``candidates`` are officials' indexes; ``full`` when a first name or initial
    confirmed the person."""

    start: int
    end: int
    candidates: frozenset[int]
    full: bool
    title: titles.Title | None = None


def _kinds(official: Official, on: date | None) -> set[str]:
    return {p.kind for p in posts_on(official, on)} or ({p.kind for p in official.posts} if on is None else set())


def _initial_ok(official: Official, initial: str) -> bool:
    return any(names.latin_initial(f[:1]) == names.latin_initial(initial[:1]) for f in official.first_names)


def _scan(body: str, gaz: Gazetteer, found: list[titles.Title]) -> list[_Hit]:
    """Gazetteer hits in reading order: "Садыру Жапарову" (full), "М.Тлеуберди" (full), "Жапаров" (bare)."""
    words = names.capitalised_words(body, "-‐")  # the words of WORD that begin with a capital
    hits: list[_Hit] = []
    skip_until = -1
    for i, word in enumerate(words):
        if word.start() < skip_until:
            continue
        key = names.lookup_key(word.group(0))
        first = gaz.first.get(key)
        if first:
            # the surname right after the first name, perhaps after a patronymic ("Садыр Нургожоевич Жапаров")
            for j in (i + 1, i + 2):
                if j >= len(words):
                    break
                gap = body[words[j - 1].end():words[j].start()]
                if not _NAME_GAP.fullmatch(gap):
                    break
                both = first & gaz.last.get(names.lookup_key(words[j].group(0)), frozenset())
                if both:
                    hits.append(_Hit(word.start(), words[j].end(), frozenset(both), True))
                    skip_until = words[j].end()
                    break
                if not _PATRONYMIC.fullmatch(words[j].group(0)):
                    break
            if skip_until > word.start():
                continue
        last = gaz.last.get(key)
        if not last:
            continue
        initials = _INITIALS.search(body, max(0, word.start() - 8), word.start())
        if initials and initials.end() == word.start():
            letter = body[initials.start():initials.end()].strip()[:1]
            narrowed = frozenset(c for c in last if _initial_ok(gaz.officials[c], letter))
            if narrowed:
                hits.append(_Hit(initials.start(), word.end(), narrowed, True))
                continue
        hits.append(_Hit(word.start(), word.end(), last, False))
    for hit in hits:
        hit.title = titles.title_of(body, hit.start, hit.end, found)
    ends = [w.end() for w in words]
    return [h for h in hits if not _someone_else(body, h, words, ends, found)]


def _someone_else(body: str, hit: _Hit, words: list[re.Match[str]], ends: list[int],
                  found: list[titles.Title]) -> bool:
    """A bare surname after another first name ("Daniyar Ashimbayev") or with an expert's title is not the official."""
    if hit.title is not None and hit.title.kind == titles.NOT_OFFICIAL:
        return True
    if hit.full:
        return False
    before = bisect.bisect_right(ends, hit.start)  # ``ends`` of the words, in order: the last word before the hit
    previous = words[before - 1] if before else None
    if previous is None or not _SPACE.fullmatch(body[previous.end():hit.start]):
        return False
    if any(t.start <= previous.start() < t.end for t in found):
        return False
    word = previous.group(0)
    if not people_ner.looks_like_first_name(word) and not people_ner.unknown_word(word):
        return False  # "В Астане Токаев ...": a place or a common word, not a first name
    # an unlisted spelling of the right first name ("Кассым-Жомарт Токаев") shares its initial
    return not any(_initial_ok(gazetteer().officials[c], word[:1]) for c in hit.candidates)


# Which posts a title in the text may stand for: "министр Тлеуберди" is the foreign minister, "вице-премьер —
# министр иностранных дел" a foreign minister who is also a deputy prime minister.
_COMPATIBLE = {
    "president": {"president"},
    "head_of_government": {"head_of_government"},
    "speaker": {"speaker"},
    "foreign_minister": {"foreign_minister", "deputy_head_of_government"},
    "deputy_head_of_government": {"deputy_head_of_government", "foreign_minister", "minister"},
    "presidential_administration": {"presidential_administration"},
    "minister": {"minister", "foreign_minister", "deputy_head_of_government"},
    "ambassador": {"ambassador"},
}


def _latest_kinds(official: Official) -> set[str]:
    """Kinds of the posts a person took up last (two at once for a cabinet chairman heading the administration)."""
    if not official.posts:
        return set()
    last = max(p.start or date.min for p in official.posts)
    return {p.kind for p in official.posts if (p.start or date.min) == last}


def _fitting(candidates: frozenset[int], kind: str, gaz: Gazetteer, on: date | None, ever: bool) -> list[int]:
    """Candidates whose post on ``on`` (or any post up to ``on`` when ``ever``: "бывший президент") fits ``kind``."""
    allowed = _COMPATIBLE.get(kind, set())
    out = []
    for c in sorted(candidates):
        official = gaz.officials[c]
        posts = official.posts if ever else posts_on(official, on)
        if ever and on is not None:
            posts = tuple(p for p in posts if p.start is None or p.start <= on)
        if {p.kind for p in posts} & allowed:
            out.append(c)
    return out


def _resolve(hits: list[_Hit], gaz: Gazetteer, on: date | None) -> list[tuple[_Hit, int]]:
    """One official per hit; bare surnames nobody can be sure of are dropped."""
    first_seen: dict[int, int] = {}
    for hit in hits:
        if hit.full and len(hit.candidates) == 1:
            first_seen.setdefault(next(iter(hit.candidates)), hit.start)
    # A title settles a bare surname ("президента Жапарова", "глава кабмина Жапаров") when it fits one candidate's post.
    titled: dict[int, int] = {}
    stranger: set[int] = set()
    for index, hit in enumerate(hits):
        if hit.title and hit.title.kind in _COMPATIBLE:
            fitting = _fitting(hit.candidates, hit.title.kind, gaz, on, ever=False)
            fitting = fitting or _fitting(hit.candidates, hit.title.kind, gaz, on, ever=True)
            if len(fitting) > 1:  # no date: "Prime Minister Japarov" is the one whose latest post that is
                allowed = _COMPATIBLE[hit.title.kind]
                latest = [c for c in fitting if _latest_kinds(gaz.officials[c]) & allowed]
                fitting = latest or fitting
            if len(fitting) == 1:
                titled[index] = fitting[0]
                first_seen.setdefault(fitting[0], hit.start)
            elif not fitting and not hit.full:
                stranger.add(index)  # "министр Алиев" is not President Aliyev: someone the table does not know
    out = []
    for index, hit in enumerate(hits):
        if index in stranger:
            continue
        if index in titled:
            out.append((hit, titled[index]))
            continue
        candidates = sorted(hit.candidates)
        seen = [c for c in candidates if c in first_seen]
        if seen:
            # the person the article introduced first is the one a later bare surname refers to: "Жапаров провел
            # переговоры" after both Japarovs were named is the article's protagonist, not the last one named
            out.append((hit, min(seen, key=lambda c: first_seen[c])))
            continue
        if hit.full:
            out.append((hit, candidates[0]))
            continue
        senior = [c for c in candidates if _kinds(gaz.officials[c], on) & _SENIOR]
        if senior:
            out.append((hit, min(senior, key=lambda c: min(RANK[k] for k in _kinds(gaz.officials[c], on)))))
    return out


def role_of(official: Official, on: date | None, title: titles.Title | None, former: bool = False) -> tuple[str, str]:
    """(kind, title) of the post held on ``on``; the post the text names when the date is unknown."""
    posts = posts_on(official, on)
    if on is None and title is not None:
        posts = [p for p in posts if p.kind == title.kind] or posts
    if posts:
        return posts[0].kind, posts[0].title
    # out of office on that day by the table: a post the text gives beats the table's last one (the table may lag)
    if title is not None and title.kind in RANK and not former:
        return title.kind, title.text
    last = latest_post_before(official.person, on)
    if last is not None:  # a former post gives no rank today: kind "other" (meeting levels use the kind)
        return "other", f"former {last.title}"
    return "other", ""


def _link_spans(body: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _LINK_LINE.finditer(body)]


def article_mentions(body: str, published: date | None, lang: str = "ru",
                     sentences: Sentences | None = None) -> list[Mention]:
    """Mentions of listed and unlisted officials in one body, in reading order (``sentences``: the body's, when the
    caller has them)."""
    gaz = gazetteer()
    found = titles.find_titles(body)
    links = _link_spans(body)
    hits = [h for h in _scan(body, gaz, found) if not any(a <= h.start < b for a, b in links)]
    mentions = []
    for hit, index in _resolve(hits, gaz, published):
        official = gaz.officials[index]
        former = hit.title is not None and titles.is_former(body, hit.title)
        kind, role = role_of(official, published, hit.title, former)
        mentions.append(Mention(official.person, official.country, role, True, hit.start, hit.end,
                                body[hit.start:hit.end], kind, hit.title.text if hit.title else ""))
    taken = [(m.start, m.end) for m in mentions]
    for found_person in people_ner.unlisted(body, lang, found, taken, links, sentences):
        mentions.append(Mention(found_person.person, found_person.country, found_person.title, False,
                                found_person.start, found_person.end, body[found_person.start:found_person.end],
                                found_person.kind, found_person.title))
    return sorted(mentions, key=lambda m: m.start)


def _rows(articles: pd.DataFrame, texts: Mapping[str, Sentences]) -> Iterator[dict[str, object]]:
    for row in articles.itertuples(index=False):
        body = row.body if isinstance(row.body, str) else ""
        for m in article_mentions(body, as_date(row.published), str(row.lang), texts.get(row.article_id)):
            yield {"article_id": row.article_id, "person": m.person, "country": m.country, "role": m.role,
                   "listed": m.listed, "start": m.start, "end": m.end, "surface": m.surface, "kind": m.kind,
                   "title": m.title}


def extract_mentions(articles: pd.DataFrame, texts: Mapping[str, Sentences] | None = None) -> pd.DataFrame:
    """Every mention of an official in each article body, with character offsets into ``body`` (``texts``: each
    article's sentences by article_id, split once for every extractor)."""
    gazetteer()  # built here even for no articles, so a caller can warm the process up with an empty frame
    titles.find_titles("")
    rows = list(_rows(articles, texts or {}))
    if not rows:
        return empty(MENTION_COLUMNS)
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    frame["listed"] = frame["listed"].astype(bool)
    frame[["start", "end"]] = frame[["start", "end"]].astype("int64")
    return frame


# A sentence ends at . ! ? … (and closing quotes) before a capital, unless the period closes an initial ("М. Тлеуберди")
# or a common abbreviation. Cheaper than a full sentence splitter on every paragraph that names an official.
_SENTENCE_END = re.compile(r"[.!?…]+[»\"”’)]*\s+(?=[«\"“(]?[A-ZА-ЯЁ0-9])")
_NOT_AN_END = re.compile(r"(?:^|[\s(])(?:[A-ZА-ЯЁ]|г|гг|им|ул|т\.е|mr|mrs|ms|dr|st)$", re.IGNORECASE)


def _sentence_of(body: str, start: int, end: int) -> str:
    """The sentence holding ``start``, found within its paragraph."""
    line_start = body.rfind("\n", 0, start) + 1
    line_end = body.find("\n", start)
    line_end = len(body) if line_end < 0 else line_end
    begin = line_start
    for boundary in _SENTENCE_END.finditer(body, line_start, line_end):
        if body[boundary.start()] == "." and _NOT_AN_END.search(body, max(line_start, boundary.start() - 6),
                                                                  boundary.start()):
            continue
        if boundary.end() > start:
            return body[begin:boundary.end()].strip()
        begin = boundary.end()
    return body[begin:line_end].strip() or body[start:end]


def summarise_officials(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article and person (OFFICIAL_COLUMNS); the quote is the sentence of the first mention."""
    if mentions.empty or articles.empty:
        return empty(OFFICIAL_COLUMNS)
    unique = articles.drop_duplicates("article_id")
    bodies = dict(zip(unique["article_id"], unique["body"], strict=True))
    files = dict(zip(unique["article_id"], unique["file"], strict=True))
    # plain dicts over sorted rows: a pandas groupby per article costs more than the extraction itself
    grouped: dict[tuple[str, str], dict[str, object]] = {}
    ordered = mentions.sort_values(["article_id", "start"], kind="stable")
    for m in ordered[["article_id", "person", "country", "role", "listed", "start", "end"]].itertuples(index=False):
        if m.article_id not in bodies:
            continue
        row = grouped.get((m.article_id, m.person))
        if row is None:
            body = str(bodies[m.article_id])
            grouped[(m.article_id, m.person)] = {
                "article_id": m.article_id, "file": files[m.article_id], "person": m.person, "country": m.country,
                "role": m.role if isinstance(m.role, str) else "", "listed": bool(m.listed), "mentions": 1,
                "quote": _sentence_of(body, int(m.start), int(m.end))}
        else:
            row["mentions"] = int(row["mentions"]) + 1  # type: ignore[call-overload]
            if not row["role"] and isinstance(m.role, str):
                row["role"] = m.role
    if not grouped:
        return empty(OFFICIAL_COLUMNS)
    frame = pd.DataFrame(list(grouped.values()), columns=OFFICIAL_COLUMNS)
    return frame.sort_values(["file", "person"]).reset_index(drop=True)
