"""What the catalogue does not know: documents signed, to be signed or named as a basis, with their subject
("signed a memorandum on …", "подписали соглашение о …", "under the intergovernmental agreement on …"); joint
ventures named by what they make; commitments pledged with a deadline ("договорились до конца года создать …");
buildings one side paid for or built for the other ("it paid for School No. 82 in Bishkek").
Each is titled in English (Russian words through the table of document words) and identified by its title.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import date

from lib.articles.sentences import Sentence
from lib.facts.agreements import catalogue
from lib.facts.agreements.phrases import (
    ABOUT,
    BACK_SUBJECT,
    COUNTED,
    MODIFIER,
    MULTILATERAL,
    ONLY_PARTIES,
    PAIR,
    PHRASE_END,
    PHRASE_WORDS,
    PLURAL,
    amended,
    clause_of,
    third_countries,
)
from lib.facts.agreements.record import Report, make_report
from lib.facts.agreements.status import FUTURE_SIGN, SIGNED, Status, sentence_status
from lib.facts.meetings.places import find_place, find_places
from lib.facts.topics import sentence_topics

# Where a document is the basis of what the sentence tells, it is named even with no verb of signing ("places are
# provided under the intergovernmental agreement on …", "в соответствии с соглашением о …").
BASIS_BEFORE = re.compile(r"(?:\bunder|in accordance with|pursuant to|on the basis of|в соответствии с|на основании|"
                          r"согласно|в рамках|в силу)\s+(?:(?:the|an?|этого|данного)\s+)?(?:[\w-]+\s+){0,2}$|"
                          r"(?:межправительственн|межгосударственн|intergovernmental|interstate)[\w-]*\s+$")

# "a set of protocols on the water and energy balance", "пакет протоколов о …": one record.
PACKAGE = re.compile(r"(?:set|package) of\s+$|пакет\w*\s+$")
TWINNING = re.compile(r"побратим|twin|sister[- ]cit")
# A document one side renounces or withdraws from is reported (stalled: the list of statuses has no "cancelled").
RENOUNCED = re.compile(r"признать недействительн|признал\w* недействительн|денонс|утрачива\w* силу|утратил\w* силу|"
                       r"выйти из|выход\w* из|withdraw\w* from|denounc|renounc|terminat")
# What a document provides, told in a clause after it, is what it is about.
# (A clause of what it "provides for" lists tasks, often of a project named before: that is _project_document's.)
CONTENT = re.compile(r"[^.;:]{0,50}?(?:\bunder which|\bby which|по которому|согласно которому|"
                     r"в соответствии с которым|котор\w+ (?:закрепля|устанавлива|определя|регулиру)\w+|"
                     r"(?:закрепля|устанавлива|определя|регулиру)ющ\w+|"
                     r"(?:that|which) (?:fixes|sets|establishes|defines|regulates|governs))\s+")

# A one-word subject that names something ("on border, transport and customs control"), not a pronoun or article.
SUBJECT_WORD = re.compile(r"(?!(?:this|that|these|those|which|what|them|it|its|the|their|our|his|her)$)[a-zа-яё]{4,}")
YEARS_AFTER = re.compile(r"\s+(?:на|for)\s+(?:19|20)\d\d(?:\s*[–-]\s*(?:19|20)\d\d)?")
DOCUMENT_YEAR = re.compile(r"\s+(?:от\s+)?(?:\d{1,2}\s+[а-яё]+\s+)?(?:19|20)\d\d\s*(?:года|г\.)")
# "a roadmap to increase mutual supplies of …": what a document is for is what it is about ("to be signed" is not).
PURPOSE_AFTER = re.compile(r"\s+to (?!be\b|sign\b|the\b)(?=[a-z]+ )")
# The words after a document that say what kind it is, not what it is about.
KIND_OF = re.compile(r"\s+(?:of understanding|of intent|о взаимопонимании|о намерениях)\b")

# A document with no subject after it takes the purpose the sentence gives it before: "to protect the snow leopard
# in the northern Tien Shan under a memorandum".
PURPOSE = re.compile(r"\b(?:to|will) ((?:protect|preserve|conserve|develop|support|fight|combat|prevent|expand|"
                     r"strengthen|promote|monitor|restore|improve|build|create|modernise|modernize|supply|provide|"
                     r"deliver|exchange|import|export)(?: [\w-]+){1,10}?) ?under (?:a|an|the) "
                     r"(?:new |joint |bilateral |trilateral )?$")


def hashed_id(prefix: str, name: str) -> str:
    """The identifier of a thing the catalogue does not know: ``prefix`` and a hash of its name's words, so another
    report naming it in the same words gets the same one."""
    key = re.sub(r"\W+", " ", name.lower()).strip()
    return prefix + hashlib.sha1(key.encode()).hexdigest()[:10]


def documents(s: Sentence, low: str, published: date | None, free: object) -> list[Report]:
    """Documents of the sentence ``low`` (its own characters only) that no catalogue mention claimed (``free``):
    signed, to be signed or named as a basis, and named by a subject, a purpose, a clause or a name of their own."""
    signing = bool(SIGNED.search(low) or FUTURE_SIGN.search(low) or RENOUNCED.search(low))
    found: list[Report] = []
    for m in catalogue.DOCUMENT.finditer(low):
        packaged = PACKAGE.search(low, max(0, m.start() - 20), m.start()) is not None
        if PLURAL.match(m.group(0)) and not (packaged and ABOUT.match(low, m.end())):
            continue  # documents in the plural are a class of them; a set of them on one subject is one
        if not free(m.start(), m.end()) or (COUNTED.search(low[max(0, m.start() - 25):m.start()])  # type: ignore[operator]
                                            and not packaged):
            continue
        if not signing and not BASIS_BEFORE.search(low, max(0, m.start() - 50), m.start()):
            continue  # a document neither signed nor named as the basis of something is a passing word
        noun = catalogue.document_noun(m.group(0))
        kind_of = KIND_OF.match(low, m.end())  # "memorandum of understanding": still no subject
        dated = DOCUMENT_YEAR.match(low, m.end())  # "соглашение 2003 года о пунктах пропуска"
        about = ABOUT.match(low, kind_of.end() if kind_of else dated.end() if dated else m.end()) or (
            PURPOSE_AFTER.match(low, m.end()))
        purpose = PURPOSE.search(low, 0, m.start()) if about is None else None
        content = CONTENT.match(low, m.end()) if about is None else None
        if BACK_SUBJECT.match(low, m.end() + 1) or ONLY_PARTIES.match(low, m.end() + 1):
            continue  # no subject of its own: the project's document, if any (_project_document)
        modifier = MODIFIER.search(low[max(0, m.start() - 40):m.start()])
        if about:
            rest = s.text[about.end():]
            cut = PHRASE_END.search(rest.lower())
            words = (rest[:cut.start()] if cut else rest).split()[:PHRASE_WORDS]
            if len(words) < 2 and not (words and SUBJECT_WORD.fullmatch(words[0].lower())):
                continue  # "on it", "on the": no subject; "on border, transport, … control": the first of a list
            phrase = " ".join(words)
            title = f"{noun} {s.text[m.end():about.end()].strip()} {phrase}".strip()
            title = catalogue.english_title(noun, phrase, s.text[m.start():m.end()]) or title
        elif content:  # "signed an agreement … under which Kazakhstan will provide …", "соглашение, по которому …"
            rest = s.text[content.end():]
            stop = re.search(r"[;:.!?]| а также | as well as ", rest)
            phrase = " ".join((rest[:stop.start()] if stop else rest).split()[:PHRASE_WORDS + 4])
            if re.search(r"[а-яё]", phrase.lower()):
                title = catalogue.english_title(noun, phrase) or ""
                if not title:
                    continue
            else:
                title = f"{noun} under which {phrase}"
        elif purpose:  # "parks will work together to protect the snow leopard under a memorandum signed on …"
            phrase = s.text[purpose.start(1):purpose.end(1)].strip()
            title = f"{noun} to {phrase}"
        elif modifier:
            phrase = modifier.group(1).strip()
            title = f"{phrase.capitalize()} {noun.lower()}"
        elif len(m.group(0).split()) >= 2:  # a name of its own: "комплексный план сотрудничества"
            years = YEARS_AFTER.match(low, m.end())  # "план совместных мероприятий на 2024–2025 годы"
            phrase = s.text[m.start():years.end() if years else m.end()]
            title = catalogue.english_title(noun, "", phrase) or ("" if re.search(r"[а-яё]", phrase.lower())
                                                                 else phrase)
            if not re.search(r" on .*[a-z]", title) and re.search(r"[а-яё]", phrase.lower()):
                title = ""  # "Roadmap on 2022 2024": the document word and its years name no document
            if not title:
                continue  # the document word alone ("дорожную карту") names nothing
        else:
            continue
        # a document of a multilateral body ("соглашение ЕАЭС о …", "the CIS agreement on …"), not a bilateral one
        # whose subject names the body ("on $100 million for adapting to the rules of the Eurasian Economic Union")
        if MULTILATERAL.search(" ".join(phrase.lower().split()[:2])) or MULTILATERAL.search(
                low[max(0, m.start() - 60):m.start()]):
            continue
        cities = find_places(s.text)[:2] if TWINNING.search(low) else []
        if len(cities) == 2:  # twin cities' memoranda are told apart by their cities
            title = f"{title} between {cities[0]} and {cities[1]}"
            phrase = f"{phrase} {cities[0]} {cities[1]}"
        agreement_id = hashed_id("doc-", f"{noun} {phrase}")
        topics = sentence_topics(phrase) or sentence_topics(low)
        status = sentence_status(clause_of(low, m.start(), m.end()), "agreement", published)
        if amended(low, m.start()):
            status = Status("mentioned", "(amended)", None)
        found.append(make_report(s, agreement_id, "agreement", title, topics[0] if topics else "", ";".join(PAIR),
                             status, status.due_year))
    return found

VENTURE_ABOUT = re.compile(r"\s+(?:по|для|on|for|to|that will|producing|making)\s+")


def ventures(s: Sentence, low: str, published: date | None, free: object) -> list[Report]:
    """Joint ventures named by what they are to do (catalogue.VENTURE), projects of their own."""
    found: list[Report] = []
    for m in catalogue.VENTURE.finditer(low):
        about = VENTURE_ABOUT.match(low, m.end())
        if about is None or not free(m.start(), m.end()):  # type: ignore[operator]
            continue
        rest = s.text[about.end():]
        cut = PHRASE_END.search(rest.lower())
        words = (rest[:cut.start()] if cut else rest).split()[:PHRASE_WORDS]
        if len(words) < 1:
            continue
        phrase = " ".join(words)
        title = (catalogue.english_title("Joint venture", phrase) if re.search(r"[а-яё]", phrase.lower())
                 else f"Joint venture {low[about.start():about.end()].strip()} {phrase}")
        title = title or f"Joint venture ({phrase})"
        topics = sentence_topics(phrase) or sentence_topics(low)
        found.append(make_report(s, hashed_id("jv-", f"joint venture {phrase}"), "project", title,
                             topics[0] if topics else "investment_industry", ";".join(PAIR),
                             sentence_status(low, "project", published), None))
    return found

# A pledge to build or set up something by a deadline ("договорились до конца года создать совместную рабочую
# группу …", "agreed to restore the canal by May") is a commitment, whatever the catalogue knows.
PLEDGE_ACT = re.compile(
    r"(?:договорил|условил|поручил|обязал|пообещал|обязу|обязательств|\bagreed|pledged|promised|committed|"
    r"commitment|instructed|undertook)"
    r"[^.;:]{0,60}?\b(создать|построить|открыть|запустить|модернизировать|восстановить|отремонтировать|"
    r"возобновить|завершить|закончить|реконструировать|перестроить|оснастить|обеспечить|накопить|увеличить|"
    r"create|build|open|launch|set up|establish|modernise|modernize|restore|repair|resume|complete|finish|"
    r"reconstruct|rebuild|equip|ensure|accumulate|increase)\b")

ACTS = {"создать": "Establish", "построить": "Build", "открыть": "Open", "запустить": "Launch",
        "модернизировать": "Modernise", "восстановить": "Restore", "отремонтировать": "Repair",
        "возобновить": "Resume", "завершить": "Complete", "закончить": "Complete", "реконструировать": "Reconstruct",
        "перестроить": "Rebuild", "оснастить": "Equip", "обеспечить": "Ensure", "накопить": "Accumulate",
        "увеличить": "Increase"}

PRONOUN = re.compile(r"\s*(?:его|её|ее|их|it|them)\b")

NEXT_ACT = re.compile(r"\s*(?:и|and)\s+(\w+)")

# Something that "must open" by a deadline ("до конца текущего года на посту «Кордай» должна заработать
# ветеринарная лаборатория", "the laboratory is due to open by the end of the year") is a commitment to open it.
DUE_TO_OPEN = re.compile(r"(?:должн\w*|будет|будут)\s+(?:быть\s+)?(заработать|открыться|начать работу|открыт[аоы]?|"
                         r"запущен[аоы]?|построен[аоы]?|оснащен[аоы]?)\s+|(?:(?:is|are) (?:due|set|expected) to|will) "
                         r"(open|start operating|be (?:opened|launched|built|completed|fitted|equipped))\s+")
DUE_ACTS = {"заработать": "Open", "открыться": "Open", "начать работу": "Open", "открыт": "Open",
            "запущен": "Launch", "построен": "Build", "open": "Open", "start operating": "Open", "be opened": "Open",
            "be launched": "Launch", "be built": "Build", "be completed": "Complete", "оснащен": "Equip",
            "be fitted": "Equip", "be equipped": "Equip"}


def _due_to_open(s: Sentence, low: str, published: date | None) -> list[Report]:
    m = DUE_TO_OPEN.search(low)
    if m is None or third_countries(low):
        return []
    status = sentence_status(low, "commitment", published)
    if status.due_year is None or status.status not in {"planned", "in_progress"}:
        return []
    verb = m.group(1) or m.group(2)
    act = DUE_ACTS.get(verb) or DUE_ACTS.get(verb.rstrip("аоы"), "Open")
    # what opens: the words after the verb (Russian puts the subject last), else the subject before it
    cut = PHRASE_END.search(low, m.end())
    after = s.text[m.end():cut.start() if cut else len(low)].split()
    deadline = next((i for i, w in enumerate(after) if DUE_WORD.match(w.lower())), len(after))
    words = after[:min(deadline, 6)] if m.group(1) and after[:deadline] else s.text[:m.start()].split()[-6:]
    phrase = " ".join(words)
    if re.search(r"[а-яё]", phrase.lower()):
        english, _ = catalogue.english_words(phrase)
        if not english:
            return []
        title = f"{act} {' '.join(english)}"
    else:
        title = f"{act} {re.sub(r'^(?:the|a|an) ', '', phrase.lower())}"
    topics = sentence_topics(low)
    return [make_report(s, hashed_id("pledge-", title), "commitment", title,
                        topics[0] if topics else "", ";".join(PAIR), status, status.due_year)]


# A pledge in a relative clause acts on what the clause hangs on.
RELATIVE = re.compile(r",\s*(?:which|that|который|которую|которое|которые|что)\s+[^,.;]{0,40}$")

# The word a deadline opens with, which ends a pledge's object ("… подачу воды до начала вегетационного периода").
DUE_WORD = re.compile(r"^(?:до|к|by|before|until)$")


def pledges(s: Sentence, low: str, published: date | None, alone: bool = True) -> list[Report]:
    """A commitment pledged with a deadline and not in the catalogue, titled by its act and what it acts on;
    ``alone``: the sentence reports nothing else, so something due to open by a deadline is such a commitment too
    (beside a project it is that project's plan)."""
    m = PLEDGE_ACT.search(low)
    if m is None:
        return _due_to_open(s, low, published) if alone else []
    if third_countries(low):
        return []
    verb, end = m.group(1), m.end()
    if PRONOUN.match(low, end):  # "отремонтировать его и возобновить подачу воды": the second act names its object
        after = NEXT_ACT.match(low, PRONOUN.match(low, end).end())  # type: ignore[union-attr]
        if after is None or after.group(1) not in ACTS and after.group(1) not in ACTS.values():
            return []
        verb, end = after.group(1), after.end()
    relative = RELATIVE.search(low, 0, m.start())
    told = low
    if relative:  # "Water delivery through the canal, which the sides had agreed to restore, was resumed"
        words = s.text[:relative.start()].rstrip(" ,").split()[-PHRASE_WORDS - 4:]
        close = low.find(",", m.end())
        told = low[:relative.start()] + (low[close:] if close >= 0 else "")  # the main clause says what became of it
    else:
        cut = PHRASE_END.search(low, end)
        words = s.text[end:cut.start() if cut else len(low)].split()
        deadline = next((i for i, w in enumerate(words) if DUE_WORD.match(w.lower())), len(words))
        words = words[:min(deadline, PHRASE_WORDS)]
    phrase = " ".join(words)
    # what became of it: the main clause of a relative pledge, else the pledge itself (not a document signed beside it)
    status = sentence_status(told if relative else low[m.start():], "commitment", published)
    if len(words) < 1 or (status.due_year is None and status.status != "completed"):
        return []
    if re.search(r"[а-яё]", phrase.lower()):
        english, missing = catalogue.english_words(phrase)
        if not english:
            return []
        title = f"{ACTS.get(verb, verb.capitalize())} {' '.join(english)}" + (f" ({phrase})" if missing else "")
    else:
        title = f"{verb.capitalize()} {phrase[:1].lower()}{phrase[1:]}"
    topics = sentence_topics(phrase) or sentence_topics(low)
    return [make_report(s, hashed_id("pledge-", title), "commitment", title,
                    topics[0] if topics else "", ";".join(PAIR), status, status.due_year)]


# A school, hospital or kindergarten one side paid for or built for the other is a joint project of its own, each
# building a row ("paid for School No. 82 in Bishkek's Ala-Too district … and for a school-lyceum in Osh").
FACILITY = re.compile(r"\b(?:school(?:-lyceum)?|lyceum|hospital|kindergarten|polyclinic|clinic|dormitory|stadium|"
                      r"школ[а-яё]*(?:-лице[а-яё]*)?|лице[йяе][а-яё]*|больниц[а-яё]*|детск[а-яё]* сад[а-яё]*|"
                      r"поликлиник[а-яё]*|общежити[а-яё]*|стадион[а-яё]*)(?![\w-])")
FUNDED = re.compile(r"paid for|financed|funded|built (?:by|with|at the expense)|gift of|grant from|"
                    r"за сч[её]т|на средства|профинансир\w*|построил\w*|подарил\w*|подар(?:ок|ила|ил)|"
                    r"(?:построен|возведен)\w* (?:на средства|за сч[её]т|при поддержке|казахстан|кыргыз)")
# An article that says one side pays for buildings (an agreement to build two schools, "на средства Казахстана"):
# its sentences of a building opened or under construction are of those buildings.
ARTICLE_FUNDED = re.compile(FUNDED.pattern + r"|(?:соглашени|agreement)\w* (?:о|on) (?:the )?(?:строительств|"
                            r"construction)\w* (?:\w+ )?(?:школ|school|больниц|hospital|детск)")
BUILT = re.compile(r"открыл\w*|открыт[аоы]?\b|строится|строятся|построен\w*|сдать|сдан\w*|opened|is being built|"
                   r"under construction|was built|completed")
# Where one building's name ends: "School No. 82 in Bishkek's Ala-Too district, a building for 1,250 pupils".
FACILITY_END = re.compile(r",|;|:| and | и | а также |\(| — | – |\.(?!\s*\d)|"
                          r"\s(?:строит\w*|открыл\w*|открыт\w*|построен\w*|сдан\w*|будет|was|is|will|has|have|"
                          r"opened)\b")
PAST_DONE = re.compile(r"paid for|financed|funded|built|профинансир|построил|построен|подарил|открыт|открыл|opened")


def facilities(s: Sentence, low: str, published: date | None, article_funded: bool = False) -> list[Report]:
    """Buildings of the sentence that one side paid for or built for the other (``article_funded``: the article
    says so elsewhere, and this sentence tells a building opened or being built)."""
    if not FACILITY.search(low) or not (FUNDED.search(low) or (article_funded and BUILT.search(low))):
        return []
    if third_countries(low):
        return []
    found: list[Report] = []
    for m in FACILITY.finditer(low):
        cut = FACILITY_END.search(low, m.end())
        name = s.text[m.start():cut.start() if cut else len(low)].strip()
        words = name.split()[:PHRASE_WORDS]
        if re.search(r"[а-яё]", name.lower()):
            english, missing = catalogue.english_words(name)
            number = re.search(r"№\s*(\d+)", name)  # "школа №82"
            english += [f"No. {number.group(1)}"] if number else []
            city = find_place(s.text)
            if not english or (len(english) == 1 and not missing and city is None):
                continue  # "школу" alone: one school among many, no name to tell it by
            title = " ".join(english) + (f" in {city}" if city else "") + (f" ({name})" if missing else "")
            title = title[:1].upper() + title[1:]
        else:
            title = " ".join(words)
            title = title[:1].upper() + title[1:]
        status = sentence_status(low, "project", published)
        if status.status in {"mentioned", "planned"} and PAST_DONE.search(low) and not status.due_year:
            status = Status("completed", PAST_DONE.search(low).group(0), None)  # type: ignore[union-attr]
        topics = sentence_topics(name)
        found.append(make_report(s, hashed_id("building-", title), "project", title, topics[0] if topics else "",
                                 ";".join(PAIR), status, status.due_year))
    return found


# Aid one side sends the other — flour, fuel, seeds, vaccines, ventilators — counted in tonnes or pieces: a commitment
# to deliver it, planned when decided or promised, in progress while batches arrive, completed when all are in.
AID_GOODS = (("мук", "flour"), ("пшениц", "wheat"), ("зерн", "grain"), ("дизельн", "diesel fuel"),
             ("топлив", "fuel"), ("горюче", "fuel"), ("бензин", "petrol"), ("семен", "seeds"), ("семян", "seeds"),
             ("вакцин", "vaccines"), ("вентиляц", "ventilators"), ("аппарат", "ventilators"), ("ивл", "ventilators"),
             ("маск", "masks"), ("масок", "masks"),
             ("лекарств", "medicines"), ("удобрени", "fertilisers"), ("картофел", "potatoes"), ("сахар", "sugar"),
             ("flour", "flour"), ("wheat", "wheat"), ("grain", "grain"), ("diesel", "diesel fuel"),
             ("fuel", "fuel"), ("petrol", "petrol"), ("gasoline", "petrol"), ("seed", "seeds"),
             ("vaccine", "vaccines"), ("ventilator", "ventilators"), ("mask", "masks"), ("medicine", "medicines"),
             ("fertili", "fertilisers"), ("potato", "potatoes"), ("sugar", "sugar"))

_AMOUNT = (r"(?<![\d.,])(\d{1,3}(?:[ ,]\d{3})+|\d+(?:[.,]\d+)?)\s*(тысяч\w*|тыс\.|млн|миллион\w*|thousand|"
           r"million)?\s*(тонн\w*|т\b|комплект\w*|доз\w*|единиц\w*|штук\w*|аппарат\w*|tonnes?|tons?|sets?|"
           r"doses?|units?|pieces?)?")
AMOUNT = re.compile(_AMOUNT)
MEDICAL = {"vaccines", "ventilators", "masks", "medicines"}
AID_AMOUNT = re.compile(_AMOUNT + r"\s+(?:of\s+)?((?:[\w-]+\s+){0,4}?)(" + "|".join(stem for stem, _ in AID_GOODS)
                        + r")\w*")
AID_GOOD = re.compile(r"(?<![\w-])(?:" + "|".join(stem for stem, _ in AID_GOODS) + r")")
AID_CUE = re.compile(r"humanitarian|\baid\b|assistance|support|gift|donat|free of charge|on behalf of|"
                     r"гуманитарн|помощ|безвозмездн|в дар|поддержк|по решению")
# An article about aid decided or promised: its sentences of goods delivered are that aid though they do not say so
# again. Aid nobody decided or promised in the article ("thanked for the aid Kazakhstan sent") is no commitment.
ARTICLE_AID = re.compile(r"humanitarian|\baid\b|free of charge|гуманитарн|безвозмездн|в дар")
AID_DECIDED = re.compile(r"decided|decision|promised|pledged|will (?:send|deliver|allocate|provide)|по решению|"
                         r"instruction|on the orders|по поручени|по указани|"
                         r"решени\w* об|решил|пообещал|выделит|направит|передаст|поставит")
TRADE_CUE = re.compile(r"export|import|turnover|traded|экспорт|импорт|товарооборот|закупил|продал|sold|bought")
AID_VERB = re.compile(r"\b(?:send|sent|deliver\w*|allocat\w*|provid\w*|donat\w*|ship\w*|arriv\w*|receiv\w*|"
                      r"отправ\w*|направ\w*|выдел\w*|передад\w*|передал\w*|постав\w*|доставл\w*|доставил\w*|"
                      r"прибыл\w*|получил\w*|поступил\w*)")
AID_PARTIAL = re.compile(r"\bfirst\b|первая|первой|первую|batch|consignment|партия|партию|remaining|остальн|часть")
AID_ALL = re.compile(r"\ball\b|\bвсе\b|\bвсё\b|last|последн|in full|полностью")
AID_FUTURE = re.compile(r"\bwill\b|decided\b[^.;]{0,30}?\bto\b|plans? to|intends? to|is to\b|are to\b|будет|будут|"
                        r"планиру|намерен|"
                        r"решил|решение об|(?:отправ|направ|выдел|переда|постав)\w*(?:ит|ят|ст|ут)\b|обещал|"
                        r"promised|pledged")


def aid(s: Sentence, low: str, published: date | None, article_aid: bool) -> list[Report]:
    """Aid deliveries of the sentence (``article_aid``: the article speaks of aid decided or promised, where this
    sentence may not)."""
    if not AID_GOOD.search(low) or not AID_VERB.search(low) or TRADE_CUE.search(low) or third_countries(low):
        return []
    if not (article_aid or (AID_CUE.search(low) and AID_DECIDED.search(low))):
        return []
    amounts = [(m.group(1), m.group(2), m.group(3), m.group(5), m.start(), m.end()) for m in AID_AMOUNT.finditer(low)]
    if not amounts:  # "гуманитарной муки … все 5 тысяч тонн": the good named before its amount
        before = AID_GOOD.search(low)
        amounts = [(m.group(1), m.group(2), m.group(3), before.group(0), m.start(), m.end())
                   for m in AMOUNT.finditer(low) if before and before.start() < m.start() and m.group(3)][:1]
    # goods joined by "и"/"and" are one delivery ("400 ventilators and 2 million masks"); others each their own
    groups: list[list[tuple[str, str, int]]] = []
    last_end = -1
    for number, scale, unit_word, good_word, start, end in amounts:
        if not unit_word and not scale:
            continue  # a bare number before a good ("2024 flour prices") is no amount
        good = next(en for stem, en in AID_GOODS if good_word.startswith(stem))
        unit = "tonnes" if unit_word and unit_word.startswith(("тонн", "т", "ton")) else (
            good if good in MEDICAL else "units")
        item = f"{_amount(number, scale)} {unit} of {good}" if unit != good else f"{_amount(number, scale)} {good}"
        joined = groups and re.fullmatch(r"[^,;—–]*\b(?:и|and)\s*", low[last_end:start])
        if joined:
            groups[-1].append((item, good, start))
        else:
            groups.append([(item, good, start)])
        last_end = end
    if not groups:
        return []
    if AID_FUTURE.search(low) and not re.search(r"arrived|delivered|прибыл|доставлен|поступил", low):
        status = Status("planned", AID_FUTURE.search(low).group(0), None)  # type: ignore[union-attr]
    elif AID_PARTIAL.search(low) and not AID_ALL.search(low):
        status = Status("in_progress", AID_PARTIAL.search(low).group(0), None)  # type: ignore[union-attr]
    else:
        status = Status("completed", AID_VERB.search(low).group(0), None)  # type: ignore[union-attr]
    due = sentence_status(low, "commitment", published).due_year if status.status == "planned" else None
    # medical goods are health's; flour or fuel sent as aid is on the agenda as what the sentence says it is for
    topics = sentence_topics(low)
    found: list[Report] = []
    for group in groups:
        title = "Deliver " + " and ".join(item for item, _, _ in group)
        topic = "health" if any(good in MEDICAL for _, good, _ in group) else (topics[0] if topics else "")
        found.append(make_report(s, hashed_id("pledge-", title), "commitment", title,
                                 topic, ";".join(PAIR), Status(status.status, status.word, due), due))
    return found


# Electricity one side is to return or deliver in an exchange ("the same volume will be returned by the end of
# November", "in return, Kazakhstan is to deliver roughly 200 million kWh"): a commitment, counted in kWh.
KWH = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*(млн|миллион\w*|million|млрд|миллиард\w*|billion)\s*"
                 r"(?:kwh|kilowatt[- ]hours?|квт[·.\s-]*ч\w*|киловатт-час\w*)")
EXCHANGE = re.compile(r"\bin return\b|\breturn\w*|возвра\w*|верн[её]т|вернуть|обмен\w*|exchange|swap")
RETURN_WORD = re.compile(r"\breturn\w*|возвра\w*|верн[её]т|вернуть")


def energy_returns(s: Sentence, low: str, published: date | None) -> list[Report]:
    """Electricity to be returned or delivered in an exchange, in kWh, as a commitment of its own."""
    if "квт" not in low and "kwh" not in low and "kilowatt" not in low and "киловатт" not in low:
        return []
    m = KWH.search(low)
    if m is None or not EXCHANGE.search(low) or third_countries(low):
        return []
    amount = m.group(1).replace(",", ".")
    scale = "billion" if m.group(2).startswith(("млрд", "миллиард", "billion")) else "million"
    title = f"{'Return' if RETURN_WORD.search(low) else 'Deliver'} {amount} {scale} kWh of electricity"
    if not (AID_FUTURE.search(low) or "expected" in low):
        return []  # a return made or being made is the exchange's own history, told with its agreement
    due = sentence_status(low, "commitment", published).due_year
    return [make_report(s, hashed_id("pledge-", title), "commitment", title,
                        "water_energy", ";".join(PAIR), Status("planned", "(to return)", due), due)]


def _amount(number: str, scale: str | None) -> str:
    """"5,000" → "5,000", "4,5" тысячи → "4,500", "2" million → "2,000,000"."""
    digits = number.replace(" ", "")
    value = float(digits.replace(",", "")) if re.fullmatch(r"\d{1,3}(?:,\d{3})+", digits) else float(
        digits.replace(",", "."))
    if scale:
        value *= 1_000_000 if scale.startswith(("млн", "милл", "mill")) else 1000
    # "10,000" as the press writes it (and as a title is compared word by word)
    return f"{int(value):,}" if value == int(value) else str(value)


def one_aid_per_good(reports: list[Report]) -> list[Report]:
    """An article's aid of one good is one commitment: the largest amount's (what was decided), in progress while a
    smaller amount has arrived ("5,000 tonnes decided … 800 tonnes delivered"), with the strongest claim otherwise."""
    aids = [r for r in reports if r.kind == "commitment" and r.title.startswith("Deliver ")]
    if len(aids) < 2:
        return reports
    by_good: dict[tuple[str, str], list[Report]] = {}
    for r in aids:  # "в мае 2020 года направили 5 тысяч тонн муки" in a 2021 article is the aid of 2020
        year = re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", r.quote)
        by_good.setdefault((r.title.rsplit(" ", 1)[-1], year.group(0) if year else ""), []).append(r)
    kept = [r for r in reports if r not in aids]
    for group in by_good.values():
        largest = max(group, key=lambda r: float(r.title.split()[1].replace(",", "")))
        arrived = any(r is not largest and r.status in {"completed", "in_progress"} for r in group)
        if largest.status == "planned" and arrived:
            largest = replace(largest, status="in_progress", status_word="(part delivered)")
        kept.append(largest)
    return kept
