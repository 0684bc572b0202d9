"""How a sentence names a document: the words that open its subject and end its name, documents in the plural
or counted, the parties standing between a document and its subject, the clause of one mention, the document a
protocol amends, and the third countries a sentence names.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lib.articles.countries import countries
from lib.articles.sentences import Sentence
from lib.facts.agreements import catalogue

PAIR = ("KZ", "KG")

# An uncatalogued document is named by what follows it ("о сотрудничестве в области …", "on cooperation in …")
# or by the word before it ("a twinning memorandum"); a count of documents ("около 180 соглашений", "a dozen
# agreements", "пакет документов") names none, and documents of multilateral bodies are not bilateral ones.
ABOUT = re.compile(r"\s+(?:о|об|по|в сфере|в области|между|on|of|for|between|in the field of|regarding)\s+")

MODIFIER = re.compile(r"(?:\ba|\ban|\bthe)\s+((?:[a-z][a-z-]+\s+){1,2})$")

COUNTED = re.compile(r"(?:\d[\d\s]*|дюжин\w*|ряд|пакет\w*|несколько|нескольких|several|a number of|dozens?|"
                     r"more than a dozen|package of|set of|около|порядка|more than|over|roughly|about)\s*$")

# Documents in the plural are a class of them ("ратификация межгосударственных соглашений в сфере транспорта"),
# not one a name can be given to.
PLURAL = re.compile(r"(?:соглашени|меморандум|протокол)(?:й|ям|ями|ях|ов|ам|ами|ах)$|план(?:ы|ов|ам|ами|ах)\b|"
                    r"договор(?:ов|ам|ами|ах)$|agreements|treaties|memoranda|memorandums|protocols")

MULTILATERAL = re.compile(r"еаэс|евразийск|\bснг\b|\bшос\b|\bодкб\b|\bоон\b|\beaeu\b|eurasian|\bcis\b|\bsco\b|"
                          r"\bcsto\b|united nations|\bun\b|тюркск|turkic|центральн\w+ ази\w+|central asia")

# A name ends at punctuation, a relative clause, or "и"/"and" before another document.
PHRASE_END = re.compile(r"[,.;:()«»\"“”!?]| а также | which | который| которое| которая|"
                        # the verb of the sentence: "соглашение о … было подписано", "a memorandum on … signed on"
                        r" (?:был[аио]?|будет|будут|was|were|will|is|are|has|have|had|подписан\w*|signed|"
                        r"adopted|approved) |"
                        r" (?:и|and) (?=(?:\w+ ){0,2}(?:соглашени|договор|меморандум|протокол|agreement|treat|"
                        r"memorand|protocol))")

PHRASE_WORDS = 8

# "Договор между Республикой Казахстан и Кыргызской Республикой об углублении …", "the agreement between the
# Government of Kazakhstan and the Cabinet of Ministers of Kyrgyzstan on the creation of …": the parties stand
# between a document and what it is about; the sentence is read without them (when they are the pair).
PARTIES = re.compile(r"(?<=[а-яёa-z]) (?:(?:между|between) [^.;:,()]{3,110}?|"
                     # "соглашение с Кабинетом министров Кыргызской Республики по …": the other party alone
                     r"(?:с|со|with) (?:the )?(?=[^.;:,()]{0,30}(?:правительств|кабинет|республик|кыргыз|казах|"
                     r"government|cabinet|republic|kyrgyz|kazakh))[^.;:,()]{3,90}?)"
                     r"(?= (?:о|об|по|on|regarding|concerning|in the field of|в сфере|в области) )")

# "Соглашение о комплексе подписали в июне", "the agreement on it was signed", "a roadmap for the project": a
# document whose subject points back to a thing named before has no subject of its own; it is that thing's
# (``_project_document``), never a title of its own words.
BACK_SUBJECT = re.compile(r"(?:о|об|по|on|for|regarding)\s+(?:(?:н[её]м|нему|этом|него|it|them|this|that)\b|"
                          r"(?:the|this|that)\s+(?:project|complex|hub|plant|dam|road)\b(?!\s+(?:of|for|to|in the)\b)|"
                          r"(?:этом |данном )?(?:проекте|комплексе)\b(?! мер| по | для ))")

# "Соглашение между правительствами двух стран": the parties alone are no subject.
ONLY_PARTIES = re.compile(r"(?:между|between)\s+(?:the\s+)?(?:правительствами|governments|сторонами|sides|"
                          r"странами|countries|государствами|states)\b(?:\s+(?:двух|обеих|of the two|of both)"
                          r"(?:\s+(?:стран|государств|countries|states))?)?\s*(?:[,.;]|$)")

# "Протокол вносит изменение в соглашение …", "a protocol amending the 2003 agreement": the document amended is the
# basis the new one is read against, whatever verb of signing the sentence has.
AMENDING = re.compile(r"(?:изменени\w*|дополнени\w*)(?: и (?:изменени|дополнени)\w*)? в\s+(?:[а-яё-]+\s+){0,2}$|"
                      r"\bamend(?:s|ing|ed)? (?:the )?(?:(?:19|20)\d\d )?(?:[\w-]+ ){0,2}$")


def amended(low: str, start: int) -> bool:
    return AMENDING.search(low, max(0, start - 60), start) is not None


def clause_of(low: str, start: int, end: int) -> str:
    """The part of the sentence around a mention that speaks of it: from the previous ";" or list dash to the
    next one (one sentence may list a signed treaty and a planned plant)."""
    before = max(low.rfind(";", 0, start), low.rfind(" – ", 0, start) if start > 60 else -1)
    after = low.find(";", end)
    return low[before + 1: after if after >= 0 else len(low)]


def third_countries(low: str) -> set[str]:
    """Other countries a sentence names when it does not name both of the pair: "Japarov and Rahmon signed a
    treaty on the state border" is theirs, "a status Kazakhstan shares only with Uzbekistan" is not; a trilateral
    document ("трехсторонний протокол с участием Узбекистана") is the pair's and the third's."""
    named = {c.code for c in countries() if c.pattern.search(low)}
    return set() if set(PAIR) <= named or TRILATERAL.search(low) else named - set(PAIR)


TRILATERAL = re.compile(r"тр[её]хсторонн|trilateral|three countries|трех стран|тр[её]х государств")


def without_parties(s: Sentence) -> Sentence:
    """``s`` without the parties' names between a document word and its subject (PARTIES); a third country
    named there keeps them (its treaty is not the pair's)."""
    text = s.text
    low = text.lower()
    if " между " not in low and " between " not in low and " с " not in low and " со " not in low and (
            " with " not in low):
        return s  # a plain substring test costs far less than PARTIES
    for m in reversed(list(PARTIES.finditer(low))):
        before = list(catalogue.DOCUMENT.finditer(low, max(0, m.start() - 40), m.start()))
        if not before or before[-1].end() < m.start() - 1:
            continue
        if {c.code for c in countries() if c.pattern.search(m.group(0))} - set(PAIR):
            continue
        text = text[:m.start()] + text[m.end():]
    return s if text == s.text else replace(s, text=text)
