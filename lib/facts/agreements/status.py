"""The status of an agreement or project in one sentence, the word that says it, and a due year.

Input: a lower-cased sentence (or the clause of one mention), the kind of the thing and the article's
publication date. Output: ``Status``. The words are tried from the strongest claim to the weakest: a stalled
project ("тендер не состоялся", "postponed") whatever else the sentence says; a document signed, ratified or in
force (not one "to be signed"); something completed or opened (not "will be completed"); then the future
("планируется", "will", "next year"), work under way ("ход реализации", "under construction"), and otherwise a
passing mention. A document signed years before the article is a reference to an old document: ``mentioned``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

STALLED = re.compile(
    r"сорван|не состоял|заморож|приостановл|приостанов|отложен|затягива|буксу|не удалось|провал|отменен|"
    r"не нашлось|не (?:был[аио]? )?(?:реализован|построен|запущен)|не начат\w*|так и не начал\w*|"
    r"так и не подписан\w*|застопорил\w*|зашл\w* в тупик|признать недействительн|признал\w* недействительн|денонс|"
    r"утрачива\w* силу|утратил\w* силу|withdraw\w* from|denounc|renounc|"
    r"(?:has|have|had) not (?:yet )?(?:begun|started)|not yet (?:begun|started)|"
    r"\bstall|suspend|postpone|delay|failed|failure|frozen|shelved|cancel+ed|no bidders?|fell through|behind schedule|"
    # a tender nobody bid in
    r"no bids|no (?:applications|offers)|lack of (?:applications|bids|bidders)|не поступил\w* (?:ни одной )?заяв|"
    r"не было заявок|отсутстви\w* заявок")
# A stall long past ("for decades the project stalled") says nothing of the project now.
HISTORY = re.compile(r"for (?:decades|many years)|in soviet times|десятилети|долгие годы|в советское время|"
                     r"в советские годы")
FUTURE_SIGN = re.compile(
    r"(?:будет|будут|планиру\w*|намерен\w*|предстоит|собира\w*|готов\w*|ожида\w*|должн\w*)[^.;]{0,40}"
    r"(?:подписа|заключ|ратифиц)|"
    r"к подписанию|проект\w* (?:соглашени|договор|протокол|меморандум|дорожн\w* карт)|парафир|"
    r"(?:will|to|would|shall|expected to|plan(?:s|ned)? to|intend\w* to|set to|due to) (?:be )?"
    r"(?:\w+ and )?(?:sign|conclud|ratif)|initial+ed|draft (?:agreement|treaty|protocol)|"
    # the signing as what was discussed or prepared: "обсудили … подписание плана", "discussed the signing of"
    r"(?:обсуд|обсужд|подготов|рассмотр|discuss|prepar)\w*[^.;]{0,120}(?:подписани|signing)|"
    # a document to be drawn up: "поручено разработать дорожную карту", "instructed to draft an agreement"
    r"(?:разработать|подготовить|выработать) (?:проект\w* )?(?:дорожн|соглашени|договор|план|меморандум|протокол)|"
    r"(?:develop|draft|prepare|work out) (?:a|an|the) (?:new |joint )?(?:roadmap|agreement|plan|memorandum|protocol)")
SIGNED = re.compile(
    r"подписа|заключ[иеё]н|заключил|ратифицир|ратификац|вступ\w* в силу|одобрил|утвердил|утвержден|"
    r"\bsign(?:ed|ing)\b|inked|conclude|ratif|entered into force|came into force|in force|endorsed|approved|adopted|"
    r"put (?:their |his |her )?signatures?|поставили (?:свои )?подписи|"
    r"agreements? (?:were |was |have been |had been )?reached")
# A government approving a draft ("одобрило проект соглашения", "approved the draft agreement") readies it for signing.
DRAFT = re.compile(r"проект\w* (?:соглашени|договор|протокол|меморандум|дорожн\w* карт)|"
                   r"draft (?:agreement|treaty|protocol|memorandum)")
APPROVED = re.compile(r"одобр|утверд|endorse|approv|adopt")
# A document carried out now, whenever it was signed.
IMPLEMENTED = re.compile(r"(?:is|are) being (?:carried out|implemented|fulfilled)|(?:выполня|реализу|исполня)"
                         r"(?:ют|ет|ется|ются)\b")
# A tender nobody bid in stalls a project; the document that founded it stays signed.
TENDER = re.compile(r"bid|заяв|offers|applications")
COMPLETED = re.compile(
    r"заверш[её]н|завершил|заверши[лв]|введ[её]н\w* в эксплуатац|сдан\w* в эксплуатац|открыт[аоы]?\b|"
    r"открыл[аи]?\b|запущен|заработал|построен[аоы]?\b|"
    r"commission|completed|finished|opened|launched|put into operation|went into operation|became operational|"
    # something restored is done again: "подача воды возобновлена", "was fully resumed"
    r"возобновлен|восстановлен[аоы]?\b|(?:was|were|has been|have been)(?: fully)? (?:resumed|restored)")
FUTURE = re.compile(
    r"будет|будут|планиру|планах|план\b|намерен|предстоит|ожидается|ожидают|собира|начн[её]тся|начнут|"
    r"предлож|наме[чт]|перспектив|в ближайш|в следующем году|в предстоящ|к \d{4} год|до \d{4} год|"
    r"\bwill\b|\bto be\b|plan(?!t)|intend|expected|propos|prospect|next year|is to\b|are to\b|\baim|\bset to\b|"
    r"should|would|by \d{4}|готов|ready to|agreed to|договорил|"
    # the future of the verbs of building, and a month as a deadline ("откроют к маю", "by May")
    r"откроют|откроется|построят|запустят|заверш[иа]т|отремонтируют|модернизируют|реконструируют|"
    r"\bк (?:январ|феврал|март|апрел|ма[юя]|июн|июл|август|сентябр|октябр|ноябр|декабр)|"
    r"\bby (?:january|february|march|april|may|june|july|august|september|october|november|december)\b|"
    # a project discussed, reviewed or named a priority is one still to be built
    r"обсуд|обсужд|рассмотр|приоритет|повестк|внимани|встреч\w* по|discuss|went through|review|priorit|agenda|"
    r"attention|talks? (?:on|about)|meeting on")
# Work under way, said outright ("ход реализации", "строится", "under construction") or in a word that a future
# tense can override ("строительство начнётся в 2026 году" is planned).
UNDER_WAY = re.compile(
    r"ход\w* (?:реализац|строительств|выполнени|работ)|реализу[ею]т|строится|строятся|ведутся|вед[её]тся|"
    r"уже ид[её]т|уже начал\w*|(?:has|have|had) (?:already )?(?:begun|started)|"
    r"продолжа\w+ (?:строительств|реализац|работ)|модернизиру[ею]тся|"
    r"under construction|underway|under way|being (?:built|implemented|modernised|modernized|upgraded)|"
    r"progress (?:of|on|in)|implementation of|construction (?:has|is)|start of (?:the )?construction|"
    r"construction (?:has )?(?:started|began|begun)|начал\w* строительств|началось строительство|"
    # work to be sped up is work begun: "ускорить строительство", "speed up the construction of"
    r"ускор\w* (?:строительств|создани|реализац)|(?:speed up|accelerate) (?:the )?(?:construction|implementation)")
# Nearly done is not done: work under way, whatever word of completion follows.
NEARLY = re.compile(r"(?:nearly|almost|почти) (?:complet|finish|done|ready|заверш|готов)|близ\w* к завершени|"
                    r"завершающ\w* стади|final stage")
IN_PROGRESS = re.compile(
    # "начали", not "до начала вегетационного периода"
    r"реализ|строительств|выполнени|модернизац|implement|\bconstruction|work on|started|"
    r"(?<!до )(?<!с )\bначал(?:ся|ась|ись|ось|и|о)?\b")
# Due years: "к 2030 году", "by 2030", "в 2026 году", "next year", "в этом году", "до конца года".
DUE = re.compile(
    r"(?:\bк|\bдо(?: конца)?|\bby(?: the end of)?|\bin|\bв)\s+(?P<year>20\d\d)(?:\s*(?:год[а-я]*|г\.))?|"
    r"(?P<next>в следующем году|следующего года|будущего года|next year|в будущем году)|"
    r"(?P<this>в этом году|в текущем году|до конца (?:этого |текущего )?года|this year|by the end of the year|"
    r"later this year|в нынешнем году)")
END_OF_YEAR = re.compile(r"до конца|by the end")
DEADLINE = re.compile(r"(?:\bк|\bдо(?: конца)?|\bby(?: the end of)?)\s+20\d\d")
# A pledge: something agreed, instructed or promised ("договорились модернизировать", "agreed to speed up").
PLEDGE = re.compile(r"договорил|договор[её]нност|достигнут|\bagreed\b|agreements? (?:\w+ ){0,2}reached|"
                    r"поручил|поручени|instruct|обязал|обязу|обеща|promis|pledg|commit(?!tee)")
MONTH_DEADLINE = re.compile(
    r"\bк (?:январ|феврал|март|апрел|ма[юя]|июн|июл|август|сентябр|октябр|ноябр|декабр)|"
    r"\bby (?:january|february|march|april|may|june|july|august|september|october|november|december)\b")
OLD_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-3]\d)(?!\d)")
# "протокол о внесении изменений в соглашение от 25 декабря 2003 года", "a protocol amending the agreement of
# 2003": the old year is the amended document's.
AMENDED = re.compile(r"amend|изменени|дополнени")
# A signing told as an event ("было подписано в 2022 году", "подписали в июне 2023 года", "was signed in June 2023"),
# not a participle naming the document ("подписанный в 1997 году договор") nor a document that is a basis.
SIGNED_IN = re.compile(r"(?:подписан[аоы]?|подписал\w*|заключ[её]н[аоы]?|заключил\w*|signed|concluded)\s+"
                       r"(?:[\w-]+\s+){0,3}?(?:в|in)\s+(?:[а-яёa-z]+\s+)?(?:19|20)\d\d\b")
BASIS = re.compile(r"основ[аеыуо]|основани|в соответствии|basis|cornerstone|foundation|under which|in line with")
# A document is not built: "the agreement on preparing the construction of …" is not work under way.
DOCUMENT_WORK = re.compile(r"реализ|выполнени|implement")


@dataclass(frozen=True, slots=True)
class Status:
    status: str
    word: str
    due_year: int | None


def _word(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.search(text)
    return m.group(0).strip() if m else None


def sentence_status(text: str, kind: str, published: date | None, inherited: str | None = None) -> Status:
    """The status ``text`` gives a thing of ``kind``; ``inherited`` is the status of a list's lead-in sentence,
    taken when the text itself says no more than that something is planned or mentioned (a bullet item)."""
    due = due_year(text, published)
    signed_due = due_year(text, published, deadline_only=True)
    stalled = _word(STALLED, text)
    if stalled and not HISTORY.search(text) and not (kind == "agreement" and TENDER.search(stalled)):
        return Status("stalled", stalled, due)
    future_sign = FUTURE_SIGN.search(text)
    signed = _word(SIGNED, FUTURE_SIGN.sub(" ", text)) if kind != "project" else None
    draft = DRAFT.search(text)
    if signed and draft and APPROVED.search(text):
        return Status("planned", draft.group(0), due)  # a draft approved, by decree or vote, is still to be signed
    implemented = _word(IMPLEMENTED, text) if kind == "agreement" else None
    if implemented:
        return Status("in_progress", implemented, due)  # "выполняют подписанный в 2024 году меморандум"
    if signed:
        if _old(text, published):
            return Status("mentioned", signed, None)
        return Status("signed", signed, signed_due)
    if future_sign:
        return Status("planned", future_sign.group(0).strip(), due)
    nearly = _word(NEARLY, text)
    if nearly:
        return Status("in_progress", nearly, due)
    future = _word(FUTURE, text)
    completed = _word(COMPLETED, text)
    if completed and not future:
        return Status("completed", completed, due)
    under_way = _word(UNDER_WAY, text)
    if kind == "agreement" and under_way and not DOCUMENT_WORK.search(under_way):
        under_way = None
    if under_way:
        return Status("in_progress", under_way, due)
    if inherited in {"in_progress", "completed", "stalled", "signed"}:
        return Status(inherited, "(list)", due)
    progress = _word(IN_PROGRESS, text)
    if kind == "agreement" and progress and not DOCUMENT_WORK.search(progress):
        progress = None
    if progress and not future:
        return Status("in_progress", progress, due)
    if future or due:
        return Status("planned", future or "(due year)", due)
    if inherited == "planned":
        return Status("planned", "(list)", due)
    return Status("mentioned", "", None)


# A deadline by a season or part of a year: "к началу вегетационного периода 2026 года", "by the end of 2026".
SEASON_DEADLINE = re.compile(r"(?:\bк|\bдо)\s+(?:началу|начала|концу|конца|середин\w*|окончани\w*)\s+"
                             r"(?:[а-яё-]+\s+){0,3}((?:19|20)\d\d)|\bby the (?:start|beginning|end|middle) of "
                             r"(?:the )?(?:[a-z-]+ ){0,3}((?:19|20)\d\d)")
# A season a pledge is for ("to accumulate water for the 2026 growing season"): its year, though not a deadline.
SEASON_FOR = re.compile(r"\bfor the ((?:19|20)\d\d) (?:growing|irrigation|heating) season")


def due_year(text: str, published: date | None, deadline_only: bool = False) -> int | None:
    """A deadline of the sentence: an explicit "к/до/by YEAR", or a year ahead of the article (with the article's
    year for "в этом году" and the next for "в следующем году"). ``deadline_only`` (a signed document: "подписанный
    в этом году договор" was signed this year, it is not due then) keeps the explicit deadlines alone."""
    season = SEASON_DEADLINE.search(text) or (None if deadline_only else SEASON_FOR.search(text))
    if season:
        return int(next(g for g in season.groups() if g))
    for m in DUE.finditer(text):
        if m.group("year"):
            year = int(m.group("year"))
            if DEADLINE.match(m.group(0)) or (published and year >= published.year and not deadline_only):
                return year
        elif published and m.group("next") and not deadline_only:
            return published.year + 1
        elif published and m.group("this") and (not deadline_only or END_OF_YEAR.match(m.group("this"))):
            return published.year
    return None


def _old(text: str, published: date | None) -> bool:
    """A document the sentence dates more than a year before the article ("Договор 1997 года")."""
    if published is None:
        return False
    amended = AMENDED.search(text)
    head = text[:amended.start()] if amended else text
    years = [int(y) for y in OLD_YEAR.findall(head)]
    # "было подписано в 2022 году", "signed in June 2023": a signing the article reports, however long ago
    if SIGNED_IN.search(head) and not BASIS.search(text):
        return False
    return bool(years) and max(years) < published.year - 1


def pledged(text: str, status: Status) -> bool:
    """Whether ``text`` pledges what it speaks of: a pledge word, or a plan or work under way with a deadline ("в этом
    году будет полностью модернизирован", "модернизация уже идет: к 2028 году …")."""
    deadline = status.due_year is not None or MONTH_DEADLINE.search(text)
    return bool(PLEDGE.search(text)) or (status.status in {"planned", "in_progress"} and bool(deadline))
