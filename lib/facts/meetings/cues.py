"""Words that cue a meeting report in Russian and English: meeting nouns and verbs, tense, group nouns for
participants, role nouns and pronouns, and the contexts in which a named official is not a participant.

Patterns are matched case-insensitively on a sentence or clause; reports.py decides what they add up to.
"""

from __future__ import annotations

import re

from lib.facts.patterns import Cue

_F = re.IGNORECASE
# Words that name a meeting. Visits alone are weak: "Токаев приезжал …, а Жапаров посещал …" is two visits.
STRONG = Cue(
    r"переговор|встреч|встрет|бесед|"
    r"принял(?!\w*\s+(?:участи|решени|закон|мер[уыа]?\b|постановлени|указ|поздравлени|заявлени|программ|бюджет|"
    r"к сведению|присяг|верительн))|принима|принят|заседани|совет[аеу]?\b|"
    r"телефонн|по телефону|позвонил\w*|созвонил\w*|звонок|разговор|обсудил|обсуждал|обсудят|обменя\w*\s+мнени|"
    r"exchanged views|"
    r"сопредседател|председательствов|"
    r"парафировал|консультаци|consultations|делегаци\w*\s+возглавил|возглавил\w*\s+(?:[\w-]+\s+)?делегаци|"
    r"delegation\s+(?:was\s+)?(?:led|headed)\s+by|(?:led|headed)\s+the\s+\w+\s+(?:delegation|side)|возглавил\w*\s+\w+\s+сторону|подпис(?:ал|али|ан[оаы]?|ывали)(?!\w*\s+(?:закон|указ|постановлени|распоряжени))|подпишут|провел[иа]?\s+(?:встреч|переговор|заседан)|"
    r"\btalks\b|\bmet\b|\bmeets?\b(?!\s+(?:the\s+|its\s+|their\s+)?(?:targets?|demand|needs?|requirements?|"
    r"deadlines?|goals?|standards?|expectations?|obligations?|criteria))|meeting|"
    # "received" a person ("received Akylbek Japarov", "was received by"), not aid or a letter
    r"(?-i:receiv(?:ed|es?)\s+(?:by\b|the\s+[A-Z]|[A-Z]|his\b|her\b|(?:a|the)\s+(?:\w+\s+)?delegation))|hosted|"
    r"hosts\b|phone|telephone|\bcall\b|conversation|co-?chaired|chaired|\bsign(?:ed|s)?\b(?!\s+(?:a\s+|the\s+)?(?:law|decree|bill|order|resolution))|\bsession\b|"
    r"\bcouncil\b|discussed|\bsummit\b|round-?\s?table|кругл\w+\s+стол|"
    # "казахстанскую сторону представлял A, кыргызскую — B": who sat at a meeting told of just before
    r"представля\w*\s+(?:[\w-]+\s+)?(?:сторону|казахстан|кыргызстан)|(?:сторону|казахстан|кыргызстан)\s+"
    r"(?:[\w-]+\s+){0,2}представля|(?:sides?|kazakhstan|kyrgyzstan)\s+(?:was\s+|were\s+)?represented\s+by|"
    r"represented\s+(?:the\s+\w+\s+side|kazakhstan|kyrgyzstan)",
    # a search of STRONG costs ~1 µs a character: its branches that open with a country or side ("кыргызскую
    # сторону представлял B") are searched apart, as those words are in nearly every sentence
    common=("сторону", "казахстан", "кыргызстан", "side", "sides", "kazakhstan", "kyrgyzstan"))
WEAK = Cue(r"визит|посет|посещ|приезжа|прибыл|visit|came to|arrived")
PHONE = Cue(r"телефон|по телефону|(?:по|со)звонил|звонок|видеосвяз|phone|telephone|video ?link|by video")
COUNCIL = Cue(r"межгосударственн\w+ совет|межправ\w* совет|межправсовет|\bВМС\b|interstate council|"
                     r"intergovernmental council")
FUTURE = Cue(
    r"\b(?:посетит|посетят|планиру\w*|запланирован\w*|намечен\w*|состоится|состоятся|пройд[её]т|пройдут|"
    r"проведут|провед[её]т|отправится|ожида\w*|будет|будут|предстоящ\w*|примут|прим[её]т|встретятся|"
    r"обсудят|подпишут|прибудет|анонсирован\w*|встретится|готовит\w*ся|готовящ\w*ся|"
    r"(?:в|на)\s+(?:завершающей|финальной)\s+стадии|in\s+(?:its|the)\s+final\s+stages?|"
    r"will|shall|to visit|is to|are to|due to|expected|scheduled|plans? to|"
    r"planned|upcoming|is set to|are set to|to hold|to meet)\b")
PAST = Cue(
    r"\b(?:провел\w*|встретил\w*|принял\w*|был\w? принят\w*|состоял\w*|прош[её]л|прошл[аио]|обсудил\w*|"
    r"подписал\w*|побеседовал\w*|посетил\w*|прибыл\w*|held|met|received|hosted|discussed|signed|chaired|"
    r"co-chaired|was|were|visited|arrived|came)\b")
# Group nouns: the post kind they stand for.
GROUPS = [
    (Cue(r"президент[ыов]\b|главы государств\b|глав государств\b|лидер[ыов]\b|presidents|heads of state|"
                r"(?:two|both|the) leaders\b"), "president"),
    (Cue(r"премьер[ыов]\b|главы правительств\b|глав правительств\b|премьер-министры|heads of government|"
                r"prime ministers"), "head_of_government"),
    (Cue(r"главы МИД|министры иностранных дел|глав МИД|foreign ministers|министры\b|ministers\b"),
     "foreign_minister"),
    (Cue(r"вице-премьер[ыов]\b|deputy prime ministers"), "deputy_head_of_government"),
    (Cue(r"спикер[ыов]\b|speakers\b|председатели парламентов"), "speaker"),
]
# Substrings of the group nouns: a cheap gate before any pattern runs on a sentence without names.
GROUP_WORDS = ("президент", "глав", "лидер", "премьер", "министр", "спикер", "председател", "president", "head",
               "leader", "prime minister", "ministers", "speakers")
# A role noun or pronoun that points at a participant named elsewhere in the article.
ANAPHORA = re.compile(
    r"\b(?:гост[ьяюем]\w*|коллег\w*|counterpart|guest|visitor|host|глав\w* кабмина|казахстанск\w+ "
    r"(?:лидер|министр|президент|премьер|гост)\w*|кыргызск\w+ (?:лидер|министр|президент|премьер|гост)\w*|"
    r"глав\w* государства|head of state|(?:kazakh|kyrgyz) (?:leader|president|prime minister)|"
    r"(?:президент|премьер-министр|председател)\w* (?:казахстана|кыргызстана|кыргызской республики|"
    r"республики казахстан|кабинета министров)|"
    r"он|она|его|ему|ним|he|him|his|she|her)\b", _F)
# Words right before a name that make it not a participant ("greetings from President Japarov").
NOT_PARTICIPANT = Cue(
    r"(?:приветстви\w* от|привет от|greetings from|предшественник\w*|predecessor|replaced|сменил\w*|"
    r"пресс-секретар\w*|spokes(?:man|woman|person)|press secretary|пресс-служб\w*|according to|по словам|"
    r"по данным|по информации|"
    r"по поручению|on behalf of|от имени|instructions? (?:of|from)|памят\w*|memory of)\s+(?:[\w-]+\s+){0,3}$")
# A name followed by a verb of speech is the source of a quote ("Azymbakiev … told reporters"), not a participant.
SPEAKER_AFTER = re.compile(r"^(?P<gap>[^.;]{0,110}?)\b(?:told|said|says|сообщил\w*|заявил\w*|рассказал\w*)\b", _F)
# Lists of those who attended a meeting told in another sentence (delegation members, multilateral guests).
ATTENDANCE = Cue(r"принял\w* участие|приняли участие|участвовал\w*|в составе делегаци\w*|took part|"
                        r"taking part|attended|participated|in attendance|delegation (?:included|comprised)")
# "Tokayev held bilateral talks with Japarov and Mirziyoyev": one meeting per counterpart.
BILATERAL = re.compile(r"двусторонн|bilateral|separate|отдельн|с каждым|with each", _F)
# A wire dateline opens the body with the city in capitals: "NUR-SULTAN. KAZINFORM –", "BISHKEK, April 29 (Kabar)".
DATELINE = re.compile(r"\s*([A-ZА-ЯЁ][\w-]{2,}(?: [A-ZА-ЯЁ][\w-]{2,})?)\s*[,.—–-]")
CLAUSE_SPLIT = re.compile(r";\s+|,\s+а\s+|,\s+while\s+|,\s+whereas\s+")

# Every branch of STRONG starts with one of these: a sentence without any of them cannot match (C-speed test).
STRONG_STEMS = (
    "переговор", "встреч", "встрет", "бесед", "принял", "принима", "принят", "заседани", "совет", "телефон", "звон",
    "разговор", "обсуд", "обсужд", "обменя", "exchanged views", "сопредседат", "председательств", "парафир",
    "подпиш", "консультаци", "consultations", "делегаци", "delegation",
    "подпис", "провел", "talks", "met", "meet", "receiv", "hosted", "hosts", "phone", "call", "conversation",
    "chaired", "sign", "session", "council", "discussed", "summit", "представля", "represented",
    "led the", "headed the", "возглавил", "round", "кругл",
)


def names_meeting(text: str) -> bool:
    """True when ``text`` uses a word that names a meeting (STRONG), tested cheaply first."""
    low = text.lower()
    return any(map(low.__contains__, STRONG_STEMS)) and STRONG.found_in(text, low)


# Habitual present ("регулярно созваниваются и встречаются", "meet regularly"): a custom, not one meeting.
HABITUAL = Cue(r"\b(?:регулярно|постоянно|часто|ежегодно|традиционно|regularly|frequently|often|routinely|"
                      r"annually|every year)\b")
HABITUAL_VERB = Cue(r"\b(?:встречаются|созваниваются|общаются|видятся|проводят|обсуждают|"
                           r"meet|talk|speak|hold|call|confer)\b")
# "встречи Токаева с A и B", "meetings with A and B": several meetings, one per counterpart. "встречи" after a
# preposition that governs the genitive ("в ходе встречи … с A и B") is one meeting.
PLURAL_MEETINGS = re.compile(r"(?<!в ходе )(?<!во время )(?<!на полях )(?<!по итогам )(?<!в рамках )"
                             r"(?<!после )(?<!до )(?<!итогам )(?<!итоги )\bвстречи\s+(?:[\w.-]+\s+){0,3}с\b"
                             r"|\bmeetings\s+with\b", _F)
# Side phrases that tell of another event than the clause's own: a relative clause ("заседанию, которое пройдет
# весной", "a goal that …", ", where …") or a participle phrase about earlier agreements ("agreements reached
# during the meeting … earlier this year", "договоренностей, достигнутых в ходе …"). Their meeting words, dates,
# tense and places are not the clause's when they name no official (reports.py checks the names).
SIDE = re.compile(
    r",\s+(?:(?:a|an|the|one|something|anything|everything)\s+(?:[\w-]+\s+){0,2})?"
    r"(?:which|that|who|whom|whose|where)\b[^,;]*"
    r"|,\s+(?:[\w-]+\s+){0,2}(?:котор\w+|где)\b[^,;]*"
    r"|\b(?:reached|achieved|agreed\s+upon)\s+(?:during|at|in|by)\b[^,;]*"
    r"|\bдостигнут\w*\s+(?:в\s+ходе|на|во\s+время|в\s+рамках|по\s+итогам)\b[^,;]*", _F)
# An invitation to visit ("пригласил посетить", "invited him to pay a visit") is not a visit with a day; a visit
# "по приглашению" / "at the invitation of" someone is.
INVITATION = Cue(r"\b(?:пригласил\w*|приглашает|приглашают|invit(?:ed|es|ing))\b")
# A future event named as a noun's modifier ("preparations for the upcoming session"): future only when no past
# verb says the clause's own meeting already happened.
UPCOMING = Cue(r"\b(?:предстоящ\w*|upcoming|forthcoming)\b")
# An aside between commas about someone's past ("Tokayev, who had succeeded Nazarbayev that spring, came …",
# "Токаев, сменивший Назарбаева, прибыл …"): a name inside it is not a participant unless it names a meeting.
ASIDE = re.compile(r",\s+(?:who|whom|whose|который|которая|которого|которому|кто)\b[^,;]*,"
                   r"|,\s+[\w-]*(?:вший|вшего|вшему|вшим|вшая|вшей|вшие|вших)\b[^,;]*,", _F)
# What a held meeting prepared ("обсудили подготовку к заседанию в Бишкеке", "preparations for the next session")
# or reviewed ("the decisions taken at the council in Bishkek in August"): the city and month named after it are
# the other event's.
PREPARATIONS = Cue(r"\b(?:подготовк\w*|предстоящ\w*|очередн\w*|следующ\w*\s+(?:заседани|встреч|саммит)|"
                   r"preparations?\s+for|prepar(?:e|ing)\s+(?:for\s+)?the|upcoming|forthcoming|"
                   r"next\s+(?:session|meeting|summit|round)|"
                   # what an earlier meeting decided ("reviewed the decisions taken at the council in August")
                   r"decisions?\s+(?:taken|adopted|made|reached)|(?:выполнени|реализаци|исполнени)\w*\s+решени|"
                   r"решени\w*,?\s+принят\w*)")
# A relative clause telling what a document or decision will do ("signed an agreement on Tuesday under which
# Kazakhstan will provide …", "подписали соглашение, по которому стороны создадут …"): its future is the
# document's, not the meeting's, when a past verb comes before it.
WHAT_IT_WILL_DO = re.compile(r"\b(?:under|by|according\s+to|in|through|with)\s+which\b|\bwhereby\b|"
                             r",\s+(?:which|that)\b|\b(?:по|согласно|в\s+соответствии\s+с|в\s+рамках)\s+котор\w+|"
                             r",\s+котор\w+\b", _F)
# Taking a post ("возглавил кабмин в октябре", "took office in October"): the month told after it is the
# appointment's, not a visit's told in the same sentence ("…, и это его первый визит").
APPOINTED = re.compile(r"\b(?:возглавил[аи]?(?!\s+(?:[\w-]+\s+)?делегац)|назначен\w*|избран\w*|"
                       r"вступил\w*\s+в\s+должность|took\s+office|(?:was|were)\s+(?:appointed|elected)|became|"
                       r"assumed\s+(?:office|the\s+post))\s+(?:[\w-]+\s+){0,3}?$", _F)
# A name after a comma and a verb of speech is the source of a quote (", сообщил министр Кулубаев", ", said Kulubaev").
SPEAKER_BEFORE = re.compile(r"[,\"»“”]\s*(?:[—–-]\s*)?(?:сообщил\w*|заявил\w*|отметил\w*|рассказал\w*|"
                            r"подчеркнул\w*|сказал\w*|said|says|told\s+\w+|added)\s+(?:[\w.-]+\s+){0,4}$", _F)

# Who held a meeting named in the sentence before ("Его провели A и B", "It was co-chaired by A and B").
HELD_BY = Cue(r"\b(?:провел[иа]?|пров[её]л|возглавил[иа]?|проводили|held|led|headed|(?:was|were)\s+(?:co-?)?chaired)\b")
# A meeting set inside a visit told before: it takes the visit's days.
DURING_VISIT = Cue(r"\b(?:в\s+ходе|в\s+рамках|во\s+время)\s+(?:(?:его|ее|её|этого|официального|"
                   r"государственного|рабочего)\s+)*визита|\b(?:during|in\s+the\s+course\s+of|as\s+part\s+of)"
                   r"\s+(?:the|his|her|this)\s+(?:\w+\s+)?(?:visit|trip)\b")
# A held meeting that discussed a coming visit ("discussed a visit by Japarov to Kazakhstan later this year"): the
# visit is an event of its own, placed by the period named after it.
VISIT_DISCUSSED = Cue(r"\b(?:discussed|talked\s+about|went\s+over|agreed\s+on|обсудил\w*|обсуждал\w*|"
                      r"договорил\w*\s+о)\s+(?:[\w-]+\s+){0,8}?(?:visit|визит)\w*")
