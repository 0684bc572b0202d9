"""Officials the curated table does not know: names next to a post title → (canonical Latin name, country, post).

Russian names come from natasha's NER (its models ship in the wheel), run only on sentences that hold an official's
title, so the heavy model sees a few sentences per article. English names are runs of capitalised words. Either way
a name counts only with a title attached ("посол Кыргызстана в Казахстане Кудайберген Базарбаев", "Muratbek
Azymbakiev, head of the foreign policy department of the Presidential Administration"); a name whose attached title
is "политолог", "expert" or "journalist" is not an official.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lib import names, titles
from lib.text import sentences


@dataclass(frozen=True, slots=True)
class Unlisted:
    person: str
    country: str
    kind: str
    title: str
    start: int
    end: int


_NER: dict[str, Any] = {}


def _natasha() -> tuple[Any, Any]:
    """natasha's segmenter and NER tagger, loaded once per process (~1 s, no network: the models are in the wheel)."""
    if "ner" not in _NER:
        from natasha import NewsEmbedding, NewsNERTagger, Segmenter

        _NER["segmenter"] = Segmenter()
        _NER["ner"] = NewsNERTagger(NewsEmbedding())
    return _NER["segmenter"], _NER["ner"]


def _ner_persons(text: str) -> list[tuple[int, int]]:
    from natasha import Doc

    segmenter, tagger = _natasha()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    return [(span.start, span.stop) for span in doc.spans if span.type == "PER"]


# Capitalised words that are never part of a person's name in English news.
_NOT_NAME = {
    "president", "prime", "minister", "ministers", "foreign", "deputy", "first", "chairman", "cabinet", "ambassador",
    "speaker", "head", "mr", "mrs", "ms", "dr", "the", "kazakh", "kyrgyz", "kazakhstan", "kyrgyzstan", "russian",
    "russia", "uzbek", "uzbekistan", "tajik", "tajikistan", "presidential", "administration", "affairs", "ministry",
    "senate", "mazhilis", "parliament", "jogorku", "kenesh", "state", "secretary", "general", "press", "council",
    "supreme", "interstate", "intergovernmental", "eurasian", "economic", "union", "commission", "astana", "bishkek",
    "almaty", "nur-sultan", "tashkent", "moscow", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "on", "in", "at", "of", "and", "for", "with", "to", "a", "an", "his", "her", "kabar",
    "central", "asia", "asian", "national", "bank", "committee", "department", "agency", "office", "republic",
    "governor", "mayor", "akim", "spokesman", "spokeswoman", "envoy", "chief", "acting", "former", "vice",
}
_CAPITALISED = re.compile(r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*(?:\s+[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*)+")


def _english_persons(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _CAPITALISED.finditer(text):
        run: list[re.Match[str]] = []
        for word in re.finditer(r"\S+", match.group(0)):
            if word.group(0).lower() in _NOT_NAME or word.group(0).endswith("'s"):
                if 2 <= len(run) <= 3:
                    spans.append((match.start() + run[0].start(), match.start() + run[-1].end()))
                run = []
            else:
                run.append(word)
        if 2 <= len(run) <= 3:
            spans.append((match.start() + run[0].start(), match.start() + run[-1].end()))
    return spans


def canonical(surface: str, lang: str) -> str:
    """A best English name for an unlisted person: nominative of each Cyrillic word, transliterated."""
    words = surface.split()
    if not words or words[0].isascii():
        return " ".join(words)
    if len(words) == 3 and re.search(r"(вич|вна|ична|ича|ичу|ичем)$", words[1]):
        words = [words[0], words[2]]  # drop the patronymic
    nominal = [names.nominative(w, surname=(i == len(words) - 1)) for i, w in enumerate(words)]
    return names.transliterate(" ".join(nominal))


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)


def unlisted(body: str, lang: str, found: list[titles.Title], taken: list[tuple[int, int]],
             skip: list[tuple[int, int]]) -> list[Unlisted]:
    """Officials not in the table: a name (not already a listed mention) with an official's title attached."""
    official_titles = [t for t in found if t.kind != titles.NOT_OFFICIAL]
    if not official_titles:
        return []
    out: list[Unlisted] = []
    for sentence in sentences(body):
        if not any(sentence.start <= t.start < sentence.end for t in official_titles):
            continue
        spans = _english_persons(sentence.text) if lang == "en" else _ner_persons(sentence.text)
        for rel_start, rel_end in spans:
            start, end = sentence.start + rel_start, sentence.start + rel_end
            if _overlaps(start, end, taken) or _overlaps(start, end, skip):
                continue
            title = titles.title_of(body, start, end, found)
            if title is None or title.kind == titles.NOT_OFFICIAL:
                continue
            surface = body[start:end]
            gap = body[min(title.end, start):max(title.start, end)]
            country = titles.country_in(title.text + " " + gap)
            out.append(Unlisted(canonical(surface, lang), country, title.kind, title.text, start, end))
    return _merge_surnames(out)


def _merge_surnames(found: list[Unlisted]) -> list[Unlisted]:
    """A later bare surname ("посол Базарбаев") is the person named in full earlier in the article."""
    full = {u.person.split()[-1]: u.person for u in found if len(u.person.split()) > 1}
    return [Unlisted(full.get(u.person, u.person), u.country, u.kind, u.title, u.start, u.end)
            if len(u.person.split()) == 1 else u for u in found]
