"""An article's sentences → its reports of agreements, projects and commitments (AGREEMENT_REPORT_COLUMNS).

A report is one agreement in one article: the catalogue's cues find known ones in either language
(catalogue.py); a project named through its document ("соглашение о создании индустриального торгово-
логистического комплекса") is that document, an agreement of its own; other documents count when the sentence
signs or is to sign them and says what they are about ("signed a memorandum on …", "подписали соглашение о …").
Only articles about Kazakhstan and Kyrgyzstan report them, and a sentence naming a third country reports only
what that country is a party to. Where an article speaks of one agreement several times, its report is the
sentence with the strongest status (signed, completed, stalled or under way over planned over mentioned).

A sentence is read without the parties' names between a document and its subject ("Договор между Республикой
Казахстан и Кыргызской Республикой об …"). "The project", "the complex" is the project named just before, or the
article's only one; a document signed with no subject of its own right after a project's name is that project's.
One named thing of a catalogue entry ("пункт пропуска «Бисагач»") is a row of its own; an action of the catalogue
(modernising checkpoints) is a commitment when pledged. What the catalogue does not know is read in unknown.py,
how a sentence names a document in phrases.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import pandas as pd

from lib.articles.countries import countries, text_countries
from lib.articles.sentences import Sentence, sentences
from lib.facts.agreements import catalogue
from lib.facts.agreements.phrases import (
    ABOUT,
    BACK_SUBJECT,
    COUNTED,
    MODIFIER,
    PAIR,
    PLURAL,
    amended,
    clause_of,
    third_countries,
    without_parties,
)
from lib.facts.agreements.record import QUOTE_CHARS, STRENGTH, Report, make_report
from lib.facts.agreements.status import FUTURE_SIGN, SIGNED, Status, due_year, pledged, sentence_status
from lib.facts.agreements.unknown import (
    AID_DECIDED,
    ARTICLE_AID,
    ARTICLE_FUNDED,
    aid,
    documents,
    energy_returns,
    facilities,
    one_aid_per_good,
    pledges,
    ventures,
)
from lib.facts.officials.names import transliterate
from lib.records import AGREEMENT_REPORT_COLUMNS, TEXT_COUNTRIES, empty

# A list's items ("• Индустриальный торгово-логистический комплекс …") take the status of the sentence that
# introduces the list when they say no more themselves.
BULLET = re.compile(r"^\s*(?:[•·▪●◦*–—-]|\d{1,2}[.)])\s")
# "Для этого подписана специальная дорожная карта": a document whose subject is the sentence before.
ANAPHOR = re.compile(r"для этого|для этих целей|с этой целью|в этих целях|для достижения|to this end|to that end|"
                     r"for this purpose|to achieve (?:this|it|that|the)|to get there|"
                     r"to meet (?:this|the) (?:target|goal)")
# How far before the thing it is about a document word may stand: "соглашение о создании и регулировании
# индустриального …", "the agreement on preparing the construction and operation of Kambarata HPP-1" — a chain
# of the document's own words, with no punctuation, other clause or verb of the sentence between.
DOCUMENT_BEFORE = 80
GAP_BREAK = re.compile(r"[,;:!?()]|\b[а-яё]+(?:али|яли|или|ели)\b|\b[a-z]{3,}ed\b|"
                       r" а также | as well as | which | котор")
# A definite head noun that refers back to a project: "the project", "the complex", "this plant", "проект",
# "комплекс"; within ANAPHOR_SENTENCES of the project's name. HEAD_NOUNS maps a noun (cut to five letters) to the
# word of the project's English title it must fit ("the dam" is the hydropower plant); nouns of other things (a
# memorial complex, a complex of measures, the road map, the road to a deal) are not read.
HEAD = re.compile(r"\b(?:the|this|that|its|этот|данный)\s+(?!(?:memorial|sports|residential|museum|housing)\b)"
                  r"(?:[\w,-]+\s+){0,2}?(project|complex|hub|plant|dam|road|highway)\b(?! ?map| to\b| of\b)|"
                  r"^(?:сам )?(проект|комплекс|станци|завод|объект)[а-яё]*\b(?! мер)")
HEAD_NOUNS = {"hub": "complex", "dam": "plant", "highw": "road", "компл": "complex", "станц": "plant",
              "завод": "plant", "объек": "project"}
HEAD_STEMS = ("project", "complex", "hub", "plant", "dam", "road", "highway", "проект", "комплекс", "станци", "завод",
              "объект")
ANAPHOR_SENTENCES = 3
# Where one item of a list ends and the next begins.
LIST_JOINT = re.compile(r",| и | а также | and | as well as ")


def article_reports(spans: Sequence[Sentence], published: date | None) -> list[Report]:
    """The reports of one article about Kazakhstan and Kyrgyzstan, from its sentences, one per agreement."""
    gate = catalogue.gate()
    best: dict[str, Report] = {}
    lead: str | None = None
    previous = ""
    recent: list[tuple[int, str]] = []  # (sentence number, catalogued project) in the order named
    whole = "\n".join(s.text for s in spans).lower()
    article_funded = ARTICLE_FUNDED.search(whole) is not None
    article_aid = ARTICLE_AID.search(whole) is not None and AID_DECIDED.search(whole) is not None
    for number, original in enumerate(spans):
        s = without_parties(original)
        low = s.text.lower()
        is_item = bool(BULLET.match(low))
        inherited = lead if is_item else None
        if not is_item:
            lead = None
        found: list[Report] = []
        if gate.search(low):
            # the sentence before is the context of an anaphoric document, read after the document's own words
            context = f"{low.rstrip(' .!?')} — {previous}" if ANAPHOR.search(low) else low
            found = _sentence_reports(s, context, published, inherited, len(low))
        if not found:
            found = _project_document(s, low, published, recent, number)
        if not any(r.project for r in found):
            found += _anaphoric_project(s, low, published, recent, number)
        if not found:
            found = (pledges(s, low, published) or facilities(s, low, published, article_funded)
                     or aid(s, low, published, article_aid) or energy_returns(s, low, published))
        elif not any(r.kind == "commitment" for r in found):
            # "a protocol that fixes … and the commitment to …", "under the exchange agreement, the same volume will be
            # returned by November"
            found += pledges(s, low, published, alone=False) or energy_returns(s, low, published)
        for report in found:
            report = replace(report, quote=original.text[:QUOTE_CHARS])
            kept = best.get(report.agreement_id)
            if kept is None or STRENGTH[report.status] > STRENGTH[kept.status]:
                best[report.agreement_id] = report
            if report.project:
                recent.append((number, report.project))
        if low.rstrip().endswith(":"):
            lead = sentence_status(low, "project", published).status
        previous = low
    return sorted(one_aid_per_good(list(_one_named(best).values())), key=lambda r: r.start)


def _anaphoric_project(s: Sentence, low: str, published: date | None, recent: list[tuple[int, str]],
                       number: int) -> list[Report]:
    """"The project is to be financed jointly", "the complex would consist of two parts": a definite head noun
    in a sentence that names no catalogued project is the project named last, in one of the sentences just
    before or as the only project the article has named, when the noun fits it."""
    if not recent or (number - recent[-1][0] > ANAPHOR_SENTENCES and len({p for _, p in recent}) > 1):
        return []
    if not any(noun in low for noun in HEAD_STEMS):
        return []
    m = HEAD.search(low)
    if m is None:
        return []
    entry = catalogue.by_id().get(recent[-1][1])
    if entry is None or not _head_fits(m.group(1) or m.group(2), entry.title):
        return []
    status = sentence_status(low, entry.kind, published)
    return [replace(make_report(s, entry.agreement_id, entry.kind, entry.title, entry.topic, entry.countries, status,
                            status.due_year), project=entry.agreement_id)]


def _head_fits(noun: str, title: str) -> bool:
    """Whether a head noun ("the complex", "станция") can point back to the catalogued thing of ``title``: any
    project can be "the project"; a complex only a complex, a plant only a plant."""
    head = HEAD_NOUNS.get(noun[:5], noun)
    return head in ("project", "проект") or head in re.findall(r"[a-zа-яё]+", title.lower())


def _project_document(s: Sentence, low: str, published: date | None, recent: list[tuple[int, str]],
                      number: int) -> list[Report]:
    """"Energy ministers of the three states signed a construction agreement in Tashkent", "стороны подписали
    протокол, который предусматривает …": a document signed with no subject of its own, right after a sentence
    naming a catalogued project, is that project's; a third country named is fine when it is a party to it."""
    if not recent or not (SIGNED.search(low) or FUTURE_SIGN.search(low)):
        return []
    entry = catalogue.by_id().get(recent[-1][1])
    m = next((d for d in catalogue.DOCUMENT.finditer(low) if not PLURAL.match(d.group(0))), None)
    back = m is not None and BACK_SUBJECT.match(low, m.end() + 1)
    if back and number - recent[-1][0] > ANAPHOR_SENTENCES:
        return []
    if not back and number - recent[-1][0] > 1:
        return []
    if entry is None or m is None or (ABOUT.match(low, m.end()) and not back) or COUNTED.search(
            low[max(0, m.start() - 25):m.start()]):
        return []
    third = third_countries(low)
    if third - set(entry.countries.split(";")) or (back and third):
        return []  # "Kyrgyzstan and Uzbekistan signed an investment agreement on the plant" is not the pair's
    head = re.search(r"project|complex|hub|plant|dam|road|проект|комплекс", back.group(0)) if back else None
    if head and not _head_fits(head.group(0), entry.title):
        return []  # "an agreement on the plant" is no road's
    noun = catalogue.document_noun(m.group(0))
    modifier = MODIFIER.search(low[max(0, m.start() - 40):m.start()])
    words = modifier.group(1).strip() if modifier and re.fullmatch(r"[a-z -]+", modifier.group(1)) else ""
    title = _document_title(noun, f"the {words} of" if words else "", entry.title)
    status = sentence_status(low, "agreement", published)
    return [make_report(s, f"{entry.agreement_id}-{noun.lower()}", "agreement", title, entry.topic, entry.countries,
                    status, status.due_year)]


def _one_named(best: dict[str, Report]) -> dict[str, Report]:
    """An article that names one thing of an entry ("the Aksu – Kamyshanovka checkpoint") and speaks of it
    elsewhere without the name ("the new checkpoint") reports the named one, with the stronger status."""
    named: dict[str, list[str]] = {}
    for key, report in best.items():
        if report.named_from:
            named.setdefault(report.named_from, []).append(key)
    for base, keys in named.items():
        if len(keys) != 1 or base not in best:
            continue
        plain, own = best.pop(base), best[keys[0]]
        stronger = plain if STRENGTH[plain.status] > STRENGTH[own.status] else own
        best[keys[0]] = replace(stronger, agreement_id=own.agreement_id, title=own.title, kind=own.kind,
                                named_from=base, due_year=stronger.due_year or plain.due_year or own.due_year)
    return best


def _sentence_reports(s: Sentence, low: str, published: date | None, inherited: str | None,
                      own: int) -> list[Report]:
    """Reports of one sentence; ``low`` may go on past the sentence's own ``own`` characters with its context,
    where no mention may start."""
    claimed: list[tuple[int, int]] = [(own, len(low) + 1)] if own < len(low) else []
    found: list[Report] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in claimed)

    others: set[str] | None = None  # found when first needed: most gated sentences name nothing
    pending: list[tuple[int, int, catalogue.Entry, str, str, str, str]] = []
    for entry in catalogue.entries():
        if not any(t in low for t in entry.triggers):
            continue  # a plain substring test costs far less than the entry's cues
        for m in entry.cues.finditer(low, 0, len(low)):
            if m.start() >= own or not free(m.start(), min(m.end(), own)):
                continue
            others = third_countries(low[:own]) if others is None else others
            if others - set(entry.countries.split(";")):
                break  # "a treaty on the state border" between Kyrgyzstan and Tajikistan is not theirs
            document = _document_before(low, m.start())
            if entry.needs_document and document is None and not catalogue.DOCUMENT.search(
                    low, m.start(), min(own, m.end() + catalogue.DOCUMENT_REACH)):
                continue
            agreement_id, kind, title = entry.agreement_id, entry.kind, entry.title
            if entry.kind != "agreement" and document is not None and document.start() < m.start():
                noun = catalogue.document_noun(document.group(0))
                agreement_id, kind = f"{entry.agreement_id}-{noun.lower()}", "agreement"
                title = _document_title(noun, low[document.end():m.start()], entry.title)
            start = min(m.start(), document.start()) if document is not None else m.start()
            end = max(m.end(), document.end()) if document is not None else m.end()
            edition = _edition(entry, low, m.start(), m.end())
            if edition:
                agreement_id = f"{entry.agreement_id}-{edition}"
                title = _edition_title(entry, low[m.start():m.end()], document) + f" ({edition})"
            name = _own_name(entry, s.text, start, end, own) if kind == entry.kind else None
            named_from = entry.agreement_id if name else ""
            if name:
                agreement_id = f"{entry.agreement_id}-{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}"
                title = entry.named_title.format(name=name)
            claimed.append((start, min(end, own)))
            pending.append((start, min(end, own), entry, agreement_id, kind, title, named_from))
            break
    pending.sort(key=lambda p: p[0])
    for i, (start, end, entry, agreement_id, kind, title, named_from) in enumerate(pending):
        clause = clause_of(low[:own], start, end)
        # a list's items each take the words up to the next item ("договорились модернизировать пункты пропуска и
        # ускорить строительство дороги"), or the clause's when those say nothing (a predicate after the list)
        status = sentence_status(clause, kind, published, inherited)
        if i + 1 < len(pending) and end < pending[i + 1][0]:
            joints = list(LIST_JOINT.finditer(low, end, pending[i + 1][0]))
            stop = joints[-1].start() if joints else pending[i + 1][0]
            head = sentence_status(low[low.rfind(";", 0, start) + 1:stop], kind, published, inherited)
            status = head if head.status != "mentioned" else status
        # A due year belongs to the mention before it: "ИТЛК, который планируется запустить в следующем году,
        # … и строительство автодороги" gives the complex a year, not the road.
        segment = low[start if i else 0: pending[i + 1][0] if i + 1 < len(pending) else own]
        due = due_year(segment, published, deadline_only=status.status == "signed") or (
            entry.due_year if status.status in {"planned", "signed"} else None)
        if kind == "agreement" and amended(low, start):
            status, due = Status("mentioned", "(amended)", None), None
        if entry.pledged_kind and kind == entry.kind and pledged(clause, Status(status.status, status.word, due)):
            kind = entry.pledged_kind
            status = status if status.status != "mentioned" else Status("planned", "(pledge)", due)
        found.append(replace(make_report(s, agreement_id, kind, title, entry.topic, entry.countries, status, due),
                             named_from=named_from, project=entry.agreement_id if entry.kind != "agreement" else ""))
    if others:
        return found
    more = documents(s, low[:own], published, free) + ventures(s, low[:own], published, free)
    if more and others is None and third_countries(low[:own]):
        return found
    return found + more


# The year a document is named by: "Договор о союзнических отношениях 2003 года", "the 2003 treaty on …".
YEAR_AFTER = re.compile(r"\s*(?:от\s+|of\s+|\()?((?:19|20)\d\d)\b(?:\s*(?:года|г\.|\)))?")
YEAR_BEFORE = re.compile(r"\b(?:the|a|an)\s+((?:19|20)\d\d)(?:\s+[\w-]+){0,2}\s*$")


def _edition(entry: catalogue.Entry, low: str, start: int, end: int) -> str | None:
    """The year of an earlier document of the same name ("the Treaty on allied relations of 2003" beside the
    2024 treaty on deepening them): another agreement, never the catalogued one; None when the mention gives no
    year or the entry's own."""
    if entry.kind != "agreement" or not entry.signed:
        return None
    m = YEAR_AFTER.match(low, end) or YEAR_BEFORE.search(low, max(0, start - 40), start)
    if m is None or int(m.group(1)) >= int(entry.signed[:4]):
        return None
    return m.group(1)


def _edition_title(entry: catalogue.Entry, words: str, document: re.Match[str] | None) -> str:
    """An earlier document's title from its own words ("союзнических отношениях" → "Treaty on allied
    relations"), not the catalogued one's ("on deepening and expanding …")."""
    noun = catalogue.document_noun(document.group(0)) if document is not None else entry.title.split()[0]
    if re.search(r"[а-яё]", words):
        title = catalogue.english_title(noun, words)
        return title.split(" (")[0] if title else re.sub(r" [(]\d{4}[)]$", "", entry.title)
    words = re.sub(r"^(?:agreement|treaty|protocol|memorandum|roadmap)\s+", "", words)
    return f"{noun} {words}" if re.match(r"(?:on|of|for)\b", words) else f"{noun} on {words}"


# Words before "checkpoint" that are no checkpoint's name.
NOT_A_NAME = re.compile(r"(?:kazakh|kyrgyz|the|this|that|a|an|new|border|road|each|every|both)\b", re.IGNORECASE)
NAME_AFTER = 60


def _own_name(entry: catalogue.Entry, text: str, start: int, end: int, own: int) -> str | None:
    """The one name the mention at ``start``:``end`` gives its thing (``entry.name`` on the original text, up to
    NAME_AFTER characters on), in Latin letters; None for none or several ("the Ak-Zhol and Chaldybar
    checkpoints" are the checkpoints at large)."""
    if entry.name is None:
        return None
    window = text[start:min(own, end + NAME_AFTER)]
    cut = re.search(r";| – | — (?!«)", window[end - start:])
    window = window[:end - start + cut.start()] if cut else window
    names = {" – ".join(g.strip() for g in m.groups() if g) for m in entry.name.finditer(window)}
    names = {n for n in names if n and not NOT_A_NAME.fullmatch(n.split()[0])}
    if len(names) != 1:
        return None
    return transliterate(names.pop())


def _document_before(low: str, position: int) -> re.Match[str] | None:
    window_start = max(0, position - DOCUMENT_BEFORE)
    matches = list(catalogue.DOCUMENT.finditer(low, window_start, position))
    if not matches or GAP_BREAK.search(low, matches[-1].end(), position):
        return None
    # "a roadmap for distribution centres and an industrial complex": the roadmap is the centres'
    if any(e.cues.search(low, matches[-1].end(), position) for e in catalogue.entries()
           if any(t in low[matches[-1].end():position] for t in e.triggers)):
        return None
    return matches[-1]


def _document_title(noun: str, gap: str, title: str) -> str:
    """"Agreement on the construction and operation of the Kambarata-1 hydropower plant": the document's noun,
    its own words before the project (in English, the Russian ones through the table of document words), and
    the project's title."""
    words = re.sub(r"^\s*(?:on|for|of|regarding|о|об|по)\s+|\s*(?:the|an?)\s*$", "", gap.strip()).strip()
    if re.search(r"[а-яё]", words):
        words = (catalogue.english_title(noun, words) or "").removeprefix(f"{noun} on ").split(" (")[0]
        words = f"{words} of" if words else ""
    lead = f"{words} the" if words else "the"
    return f"{noun} on {lead} {title[0].lower()}{title[1:]}"


def _about_the_pair(codes: object, title: object, body: str, spans: Sequence[Sentence]) -> bool:
    """Both of the pair among the article's countries, or named together in one sentence ("the
    Intergovernmental Council of Kazakhstan and Kyrgyzstan" in an article that otherwise says "РК" and "our
    neighbours")."""
    listed = codes.split(";") if isinstance(codes, str) else text_countries(str(title or ""), body)
    if all(code in listed for code in PAIR):
        return True
    if not any(code in listed for code in PAIR):
        return False
    patterns = [c.pattern for c in countries() if c.code in PAIR]
    return any(all(p.search(s.text) for p in patterns) for s in spans)


def extract_agreement_reports(articles: pd.DataFrame,
                              split: Sequence[Sequence[Sentence]] | None = None) -> pd.DataFrame:
    """The agreement_reports table of ``articles``; ``split`` holds each article's sentences when the caller has
    them (the body is split here otherwise)."""
    if articles.empty:
        return empty(AGREEMENT_REPORT_COLUMNS)
    codes = articles[TEXT_COUNTRIES].tolist() if TEXT_COUNTRIES in articles else [None] * len(articles)
    rows: list[dict[str, object]] = []
    for i, (article_id, body, title, published, listed) in enumerate(zip(
            articles["article_id"].tolist(), articles["body"].tolist(), articles["title"].tolist(),
            articles["published"].tolist(), codes, strict=True)):
        spans = split[i] if split is not None else sentences(str(body))
        if not _about_the_pair(listed, title, str(body), spans):
            continue
        day = pd.Timestamp(published).date() if published is not None and not pd.isna(published) else None
        for r in article_reports(spans, day):
            rows.append({"article_id": article_id, "file": None, "agreement_id": r.agreement_id, "kind": r.kind,
                         "title": r.title, "topic": r.topic, "countries": r.countries,
                         "date": day.isoformat() if day else None, "status": r.status,
                         "status_word": r.status_word, "due_year": r.due_year, "quote": r.quote,
                         "start": r.start, "end": r.end})
    if not rows:
        return empty(AGREEMENT_REPORT_COLUMNS)
    frame = pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype="object") for c in AGREEMENT_REPORT_COLUMNS})
    # whole years, missing ones empty: as written to CSV ("2030", not "2030.0") and as stored
    frame["due_year"] = frame["due_year"].astype("Int64")
    return frame
