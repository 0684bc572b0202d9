"""Titles of posts in a text (lib/data/titles.csv): "глава кабмина", "Chairman of the Cabinet", "политолог".

A title tells two people with one surname apart (President vs Chairman of the Cabinet Japarov) and tells an official
("посол Кыргызстана в Казахстане") from a quoted expert ("политолог"). A title belongs to a name when only filler
(country words, "of the", a dash or comma) stands between them.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from lib.facts.patterns import lowers_safely
from lib.settings import DATA_DIR

NOT_OFFICIAL = "not_official"


@dataclass(frozen=True, slots=True)
class Title:
    start: int
    end: int
    kind: str  # a post kind of lib.facts.officials.roster.KINDS, or NOT_OFFICIAL
    text: str


@dataclass(frozen=True, slots=True)
class _Patterns:
    """The title patterns of lib/data/titles.csv as one alternation, compiled four ways.

    ``scan`` has no groups: a named group around each alternative stops the regex engine from skipping the
    alternatives that cannot start at a word, which made finding titles about twice as slow. ``named`` tells
    which alternative matched, run only where ``scan`` found a title (the same match: groups do not change
    it). Matching lower-cased text without IGNORECASE is about three times faster; the ``careful`` pair is
    kept for the rare text whose lower-casing changes its length."""

    scan: re.Pattern[str]
    named: re.Pattern[str]
    careful_scan: re.Pattern[str]
    careful_named: re.Pattern[str]
    kinds: tuple[str, ...]


@lru_cache(maxsize=1)
def _pattern() -> _Patterns:
    """One alternation of every title pattern, in file order (specific before generic), with its kind per group."""
    with open(DATA_DIR / "titles.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for number, row in enumerate(rows, start=2):
        if None in row or not row.get("pattern"):  # an unquoted "{0,3}" splits the pattern silently
            raise ValueError(f"lib/data/titles.csv line {number}: quote a pattern that contains a comma")

    def source(group: str) -> str:
        alternatives = "|".join(f"(?{group.format(i)}{row['pattern']})" for i, row in enumerate(rows))
        # whole words only: "премьер" not inside "премьер-лиги", "president" not inside "presidential"
        # "экс-президент", "ex-president": a former post is still a post (officials "now or formerly")
        return rf"(?<![\w-])(?:экс-|ex-)?(?=[а-яёa-z])(?:{alternatives})(?![\w-])"

    plain, named = source(":"), source("P<t{}>")
    return _Patterns(re.compile(plain), re.compile(named), re.compile(plain, re.IGNORECASE),
                     re.compile(named, re.IGNORECASE), tuple(row["kind"] for row in rows))


def find_titles(text: str) -> list[Title]:
    """Every title in ``text`` (leftmost, then first pattern in file order), with offsets."""
    patterns = _pattern()
    lowered = text.lower()
    if lowers_safely(text, lowered):  # the lower-case patterns on the lower-cased text give the same matches
        scan, named, subject = patterns.scan, patterns.named, lowered
    else:
        scan, named, subject = patterns.careful_scan, patterns.careful_named, text
    found = []
    for match in scan.finditer(subject):
        # the same match, with its group: lookbehinds still see the text before ``start``
        group = (named.match(subject, match.start()) or match).lastgroup or "t0"
        found.append(Title(match.start(), match.end(), patterns.kinds[int(group[1:])],
                           text[match.start():match.end()]))
    return found


# Words that may stand between a title and its name: countries and their adjectives, "of the", "in", "to".
_FILLER = re.compile(
    # stems of country words, which decline ("Кыргызстана", "Kyrgyzstan's")
    r"(?:кыргыз|киргиз|казах|росси|узбек|таджик|туркмен|китай|республик|соседн|братск|нынешн|тогдашн|бывш|"
    r"исполняющ|обязанност|kyrgyz|kazakh|russia|uzbek|tajik|turkmen|republic|neighbo)\w*"
    # whole words only: "to" must not swallow "Torobaev", nor "в" "Владимир"
    r"|(?:рф|кр|рк|кнр|врио|china|chinese|of|the|to|in|в|at|its|his|her|their|current|then|former|new|acting)",
    re.IGNORECASE,
)
_GAP_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|[^\w\s]")
MAX_GAP = 60


def is_filler(gap: str, allow: tuple[str, ...] = ()) -> bool:
    """True when ``gap`` holds only filler words, initials, punctuation of apposition, or ``allow``ed words."""
    # remembered: the same words and gaps ("of the", "Казахстана") are asked about again and again
    return _FILLERS((gap, allow))


def _is_filler(gap: str, allow: tuple[str, ...]) -> bool:
    if len(gap) > MAX_GAP or "\n" in gap:
        return False
    for token in _GAP_TOKEN.findall(gap):
        if token in {",", "—", "–", "-", ".", "'", "’", "(", ")", "«", "»", '"'}:
            continue
        if token in allow or _FILLER.fullmatch(token) or (len(token) == 1 and token.isupper()):
            continue
        if token.lower() == "s":  # Kyrgyzstan's
            continue
        return False
    return True


_APPOSITION_GAP = re.compile(r"\s*(?:,|—|–|-|\()\s*(?:(?:the|a|an)\s+)?(?:[\w'’-]+\s+){0,3}?", re.IGNORECASE)
_FORMER = re.compile(r"(?i)(?:бывш\w*|former|экс-|ex-)\s*$")


def is_former(text: str, title: Title) -> bool:
    """ "бывший президент", "экс-премьер", "former minister": a post no longer held."""
    before = text[max(0, title.start - 12):title.start]
    return title.text.lower().startswith(("экс-", "ex-")) or bool(_FORMER.search(before))


def title_before(text: str, start: int, titles: list[Title], allow: tuple[str, ...] = ()) -> Title | None:
    """The title right before ``start`` ("президента Жапарова", "Ambassador to Kazakhstan Kudaibergen ...")."""
    best = None
    for title in titles:
        if title.end > start:
            break
        best = title
    if best is None or not is_filler(text[best.end:start], allow):
        return None
    gap = text[best.end:start]
    if "," in gap or "—" in gap or "–" in gap:  # "министр, Жапаров": a list, not an apposition
        return None
    return _chain_head(text, best, titles)


def _chain_head(text: str, title: Title, titles: list[Title]) -> Title:
    """The head of a genitive chain: "пресс-секретарь главы государства Берик Уали" is a press secretary."""
    head = title
    for earlier in reversed([t for t in titles if t.end <= title.start]):
        gap = text[earlier.end:head.start]
        if not is_filler(gap) or any(mark in gap for mark in ",—–()"):
            break
        head = earlier
    return head


def title_after(text: str, end: int, titles: list[Title]) -> Title | None:
    """The apposition after a name: "Akylbek Japarov, Chairman of the Cabinet", "Жапаров — председатель ..."."""
    for title in titles:
        if title.start < end:
            continue
        gap = text[end:title.start]
        if _APPOSITION_GAP.fullmatch(gap) and (
            is_filler(gap)
        ):
            return title
        return None
    return None


def title_of(text: str, start: int, end: int, titles: list[Title], allow: tuple[str, ...] = ()) -> Title | None:
    """The title attached to the name at ``start:end``: before it, else in apposition after it."""
    return title_before(text, start, titles, allow) or title_after(text, end, titles)


_COUNTRIES = (
    (re.compile(r"(?i:казах|kazakh|астан|astana|мажилис|mazhilis|алмат|almaty|шымкент|shymkent)|\bРК\b"), "KZ"),
    (re.compile(r"(?i:кыргыз|киргиз|kyrgyz|бишкек|bishkek|жогорку кенеш|jogorku kenesh)|\bКР\b|\bОш\b|\bOsh\b"), "KG"),
    (re.compile(r"(?i:росси|russia|кремл|kremlin)|\bРФ\b"), "RU"),
    (re.compile(r"узбек|uzbek", re.IGNORECASE), "UZ"),
    (re.compile(r"таджик|tajik", re.IGNORECASE), "TJ"),
    (re.compile(r"туркмен|turkmen", re.IGNORECASE), "TM"),
    (re.compile(r"китай|кнр|china|chinese", re.IGNORECASE), "CN"),
)


def country_in(text: str) -> str:
    """ISO code of the first country named in ``text`` ("посол Кыргызстана в Казахстане" → KG); "" if none."""
    best: tuple[int, str] | None = None
    for pattern, code in _COUNTRIES:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), code)
    return best[1] if best else ""


_FILLERS = lru_cache(maxsize=100_000)(lambda key: _is_filler(*key))
