"""The curated table of known Kazakhstan–Kyrgyzstan agreements and joint projects (lib/data/agreements.csv):
identifier, kind, short English title, topic, countries, date signed, due year, the Russian and English cues that
name it, and the public source each entry was checked against.

Cues are lower-case patterns matched on lower-cased sentences; ``triggers`` are plain stems one of which any match
of the entry's cues contains, so one alternation of plain words (which the regex engine scans for by first
letter, several times faster than the cues) finds the sentences worth trying. An entry marked ``needs_document``
names something that is also spoken of without any document ("союзнические отношения", the Toktogul reservoir):
it counts only with a document word next to it ("Договор о … союзнических отношений").
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

AGREEMENTS_CSV = Path(__file__).resolve().parent.parent.parent / "data" / "agreements.csv"
# Russian stems of the words documents are named with, and an English word for each: the English title of a
# document the catalogue does not know ("соглашение о сотрудничестве в сфере ветеринарии" → "Agreement on
# cooperation veterinary"). Words with no English word in the table ("сфере", "рамках") are known and left out.
DOCUMENT_WORDS_CSV = AGREEMENTS_CSV.with_name("document_words.csv")

# Document words, Russian and English, with the English noun each gives a title. "Договорённость" (an
# understanding) and the protocol of a council's session are not documents of their own.
DOCUMENTS: tuple[tuple[str, str], ...] = (
    # "agreements reached" are understandings, not documents
    (r"соглашени[а-яё]*|agreements?\b(?! (?:were |was |have been |had been )?reached)", "Agreement"),
    # not the verb "договорились"
    (r"договор(?!ен|ён|и)[а-яё]*|treat(?:y|ies)\b", "Treaty"),
    (r"меморандум[а-яё]*|memorand(?:um|a)\b|memorandums?\b", "Memorandum"),
    (r"протокол[а-яё]*(?! (?:заседани|встреч|\d|[ivx]+-?го))|"
     r"protocols?\b(?! of the (?:\w+ )?(?:session|meeting|council))", "Protocol"),
    (r"дорожн[а-яё]* карт[а-яё]*|road ?maps?\b", "Roadmap"),
    (r"(?:комплексн[а-яё]* )?план[а-яё]* (?:основн[а-яё]* |совместн[а-яё]* )?(?:сотрудничества|действий|"
     r"мероприятий|мер\b|консультаций)|"
     r"(?:comprehensive |joint )?(?:cooperation|action) plan\b|plan of (?:consultations|cooperation|action)", "Plan"),
)
DOCUMENT = re.compile("|".join(f"(?:{source})" for source, _ in DOCUMENTS))
# Plain stems in every match of DOCUMENT.
DOCUMENT_TRIGGERS = (
    "соглашени", "agreement", "treat", "меморандум", "memorand", "протокол", "protocol", "дорожн", "roadmap",
    "road map", "cooperation plan", "action plan", "plan of",
    # "договор" but not "договорились", "договорённость": each case ending of the noun
    "договор ", "договор,", "договор.", "договора", "договору", "договоро", "договоре", "договоры",
    # "план" but not "планирует": the plan's own name
    "план сотруд", "плана сотруд", "планом сотруд", "плане сотруд", "план действ", "плана действ",
    "план меропр", "плана меропр", "план консульт", "плана консульт", "планом консульт", "план основн",
    "плана основн", "планом основн", "плане основн", "план совместн", "плана совместн", "планом совместн",
)
_DOCUMENT_NOUNS = [(re.compile(source), noun) for source, noun in DOCUMENTS]
# How far a document word may stand from the thing it is about: "соглашение о создании индустриального …"
# (a project named by its agreement), "Договор об углублении и расширении союзнических отношений".
DOCUMENT_REACH = 45


@dataclass(frozen=True, slots=True)
class Entry:
    """One known agreement or project."""

    agreement_id: str
    kind: str
    title: str
    topic: str
    countries: str
    signed: str
    due_year: int | None
    needs_document: bool
    cues: re.Pattern[str]
    triggers: tuple[str, ...]  # plain stems one of which every match of ``cues`` contains
    # An action rather than a thing (modernising checkpoints): the kind it takes when a sentence pledges it.
    pledged_kind: str = ""
    # One of several of its kind named ("the Kordai checkpoint", "пункт пропуска «Бисагач»"): its own row, titled
    # ``named_title`` with the name ``name`` finds in the mention's original text.
    named_title: str = ""
    name: re.Pattern[str] | None = None


@functools.cache
def entries() -> tuple[Entry, ...]:
    """The catalogue in file order: where two cues claim one stretch of text, the earlier entry wins."""
    with AGREEMENTS_CSV.open(encoding="utf-8") as handle:
        return tuple(
            Entry(row["agreement_id"], row["kind"], row["title"], row["topic"], row["countries"], row["signed"],
                  int(row["due_year"]) if row["due_year"] else None, row["needs_document"] == "yes",
                  re.compile(row["cues"]), tuple(row["triggers"].split("|")), row["pledged_kind"],
                  row["named_title"], re.compile(row["name"]) if row["name"] else None)
            for row in csv.DictReader(handle)
        )


@functools.cache
def by_id() -> dict[str, Entry]:
    """The catalogue's entries by agreement_id."""
    return {entry.agreement_id: entry for entry in entries()}


# A joint venture is a project of its own, named by what it is to make: "совместное предприятие по выращиванию
# сахарной свеклы", "a joint venture to produce cement".
VENTURE = re.compile(r"совместн[а-яё]* предприяти[а-яё]*|joint (?:venture|enterprise)s?\b")
VENTURE_TRIGGERS = ("совместн", "joint venture", "joint enterprise")


@functools.cache
def gate() -> re.Pattern[str]:
    """Any cue, document word or joint venture: a sentence without one is skipped without trying each entry."""
    triggers = {t for e in entries() for t in e.triggers} | set(DOCUMENT_TRIGGERS) | set(VENTURE_TRIGGERS)
    return re.compile("|".join(re.escape(t) for t in sorted(triggers)))


@functools.cache
def _document_words() -> tuple[tuple[str, str], ...]:
    with DOCUMENT_WORDS_CSV.open(encoding="utf-8") as handle:
        rows = [(row["ru"], row["en"] or "") for row in csv.DictReader(handle)]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))  # the longest stem first


def english_title(noun: str, phrase: str, name: str = "") -> str | None:
    """"Agreement on cooperation veterinary phytosanitary" for a Russian ``phrase``, with the phrase itself in
    brackets when some of its words have no English word in the table; None when the phrase is not Russian.
    ``name`` is the document's own words ("комплексный план"), translated but not bracketed."""
    out, missing = english_words(f"{name} {phrase}", skip=noun)
    if not out or not re.search(r"[а-яё]", f"{name} {phrase}".lower()):
        return None
    return f"{noun} on {' '.join(out)}" + (f" ({phrase.strip()})" if missing and phrase.strip() else "")


def english_words(text: str, skip: str = "") -> tuple[list[str], bool]:
    """The English words of the table for the Russian words of ``text`` (each once, document words and ``skip``
    left out) and its years, and whether a word longer than four letters had none."""
    out: list[str] = []
    missing = False
    for word in re.findall(r"[а-яё]+|(?:19|20)\d\d\b", text.lower()):
        if word[0].isdigit():  # years tell one plan from the next: "на 2025–2026 годы"
            out.append(word)
            continue
        if DOCUMENT.fullmatch(word):
            continue
        en = next((e for stem, e in _document_words() if word.startswith(stem)), None)
        if en and en not in out and en.lower() != skip.lower():  # "" for a known word with no place in titles
            out.append(en)
        missing = missing or (en is None and len(word) > 4)
    return out, missing


def document_noun(text: str) -> str:
    """The English noun of the document word ``text`` (lower-cased)."""
    for pattern, noun in _DOCUMENT_NOUNS:
        if pattern.match(text):
            return noun
    return "Agreement"
