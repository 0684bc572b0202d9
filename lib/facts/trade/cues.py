"""Word cues of the trade extractor: which words make a sentence about turnover, a figure a target, a clause an
exclusion (investment, exports, aid, budgets, another country's total), and a sentence a continuation of the
turnover before it. Patterns only; turnover.py applies them to sentences and clauses.
"""

from __future__ import annotations

import re

from lib.facts.patterns import Cue

# Any sign of a dollar amount: lines without one are skipped cheaply.
CHEAP = Cue(r"\$|долл|dollar|USD")
# Phrases with "trade" that are not turnover ("trade and logistics complex", "trade wars").
NOT_TRADE = Cue(r"trade[- ]and[- ]logistics|trade wars?|trading partners?|торгово-логистическ\w*|"
                r"торговых партнер\w*|торговый дом|(?:ministry|minister) of trade\w*(?: and \w+)?|"
                r"trade (?:and \w+ )?(?:ministry|minister)|trade (?:representative|mission|fair|house)s?|"
                r"world trade|министр\w* торговли\w*(?: и \w+)?|торгов\w+ представител\w*|торгпред\w*")
TRADE = Cue(r"товарооборот|торговл|(?:взаимн|торгов)\w* оборот|turnover|\btrade\b|\btrading volume")
# Only a trade noun phrase between a figure and its due year: "$3 billion in bilateral trade by 2030".
TRADE_BETWEEN = Cue(r"^\s+(?:(?:in|of|worth of)\s+)?(?:[^\W\d]+\s+){0,2}?(?:trade|turnover|товарооборот\w*|"
                    r"торговл\w*|оборот\w*)\s+$")
ANAPHOR = Cue(r"\b(?:it|this figure|this indicator|этот показатель|этого показателя|данный показатель|"
              r"его|её|ее)\b")
# A sentence with no trade word that still continues the turnover before it: a pronoun or a bare figure noun as
# the subject of a verb of amount ("в 2024 году он составил", "the figure came to"), or a second source's count
# ("по собственным данным", "by its own count").
CONTINUES = Cue(
    r"\b(?:он|она|оно|показатель|объ[её]м|цифра|the figure|the total|the volume|that figure)\b\W+"
    r"(?:[^\W\d]+\W+){0,2}?(?:составил\w*|составля\w*|достиг\w*|вырос\w*|увеличил\w*|превысил\w*|"
    r"сократил\w*|снизил\w*|оценива\w*|reached|amounted|stood|grew|rose|totall?ed|exceeded|topped|came|was|"
    r"fell|dropped)"
    r"|\bпо (?:собственным|своим|их|его|ее|её|официальным|уточненным|уточнённым|другим|альтернативным) "
    r"(?:данным|подсчетам|подсчётам|оценкам|расчетам|расчётам)|\bнасчитыва\w*"
    r"|\baccording to (?:[\w'’]+\s+){0,2}?(?:own\s+)?(?:data|figures|statistics|estimates?|count|calculations)"
    r"|\bby (?:its|their|(?:the )?[\w-]+(?: side)?['’]s) (?:own )?(?:count|estimates?|reckoning|calculations|figures)"
    # "Kyrgyz statistics show $1.9 billion", "казахстанская статистика фиксирует $1,6 млрд"
    r"|\b(?:statistics|data|figures|estimates)\s+(?:show|put|give|record|indicate)\w*"
    r"|\b(?:статистик\w*|данны[ем]\w*)\s+(?:[^\W\d]+\s+)?(?:показыва\w*|фиксиру\w*|дают|да[её]т|свидетельству\w*)")
TARGET_BEFORE = Cue(
    r"\b(?:targets?|goals?|aim\w*|objective|task|ambitio\w*|sights|intend\w*|plan(?:s|ned|ning)? to|want\w*|"
    r"seek\w*|should|could|would|will|shall|expected to|set to|towards?|the bar|"
    r"to (?:increase|raise|lift|boost|bring|double|expand|achieve)|lifting|"
    r"boosting|bringing|doubling|"
    r"довести|доведени\w*|вывести|выйти на|увеличить|нарастить|удвоить|утроить|достичь|"
    r"составит|достигнет|превысит|"
    r"достижени\w*|задач\w*|цел(?:ь|и|ью|ей|евой|евого)|планк\w*|намерен\w*|намерева\w*|планиру\w*|нацел\w*|"
    r"ориентир\w*|стрем\w*|должн\w*|может|могут|сможет|будет|прогноз\w*|ожида\w*|"
    # headline verbs of intention: "PMs eye $3bn trade", "нацелились на", "рассчитывают на"
    r"eye(?:s|d|ing)?|(?:road|way|path) to|на пути к|путь к|look(?:s|ing)? (?:to|for)|hop(?:e|es|ed|ing)(?: for)?|"
    r"push(?:es|ing)? for|"
    r"рассчитыва\w*|надея\w*|надеют\w*|хот(?:ят|им|ели)|метят|замахну\w*)\b"
    # "increasing 15% to $1.5 billion", "увеличение товарооборота на 15% до": a growth rate, so an actual
    r"|\b(?:increasing|raising|увеличени\w*|наращивани\w*)\b"
    r"(?![^.,;]{0,30}?(?:\bby|\bна)?\s+\d+(?:[.,]\d+)?\s*(?:%|percent|процент))")
# A figure promised before and not reached: "still short of the $2bn the governments first promised", "не дотягивает
# до обещанных $2 млрд", "далеко до намеченных", "ниже целевых $2 млрд". It names the goal, not a reported amount.
_YEAR_ASIDE = r"(?:(?:back\s+|ещ[её]\s+)?(?:in|в)\s+(?:19|20)\d\d(?:\s+год[а-я]*)?\s+)?"
PROMISE_BEFORE = Cue(
    # a goal not reached yet: "short of", "has yet to reach", "не дотягивает до", "далеко от заветных"
    r"(?:\bshort of|\bshy of|\bfar (?:from|off)|\ba long way (?:from|off|short of)|\byet to (?:reach|hit|top|cross)|"
    r"\bnot yet (?:reached|hit|topped|crossed)|не\s*дотягива\w* до|не дотянул\w* до|далек\w* до|далек\w* от|"
    r"(?:ещ[её]|пока)\s+не\s+(?:достиг\w*|вышел\w*\s+на|превысил\w*))"
    r"\W+(?:[^\W\d]+\W+){0,2}(?:US)?\$?$"
    # a goal named by its participle: "the promised $2 billion", "обещанных в 2019 году $2 млрд", "целевых"
    r"|(?:\bpromised|\bpledged|\btargeted|\benvisaged|\bplanned|\bprojected|"
    r"обещанн\w*|намеченн\w*|целев\w*|запланированн\w*|заявленн\w*|плановы\w*)"
    r"\W+(?:(?:the|a|an|its|their|original|initial|first|once|earlier|ранее|изначально|первоначально|когда-то)"
    r"\W+){0,2}" + _YEAR_ASIDE + r"(?:US)?\$?$")
# "the $2bn the governments first promised" (a clause with no comma or dash before it), "$2 млрд, обещанных ранее".
PROMISE_AFTER = Cue(
    r"^\s+(?:(?:that|which)\s+)?(?:(?:the|its|their)\s+)?(?:[^\W\d]+\s+){0,3}?"
    r"(?:first\s+|once\s+|originally\s+|had\s+|have\s+|has\s+|were\s+|was\s+)?"
    r"(?:promised|pledged|envisaged|targeted|aimed for|hoped for)\b(?!\s+to\b)"
    r"|^[\s,]*(?:обещанн\w*|намеченн\w*|запланированн\w*|заявленн\w*)"
    r"|^\s+(?:(?:ещ[её]|пока|очень|так)\s+){0,2}далеко(?!\s+не\b)")  # "до $2 млрд еще далеко"
TARGET_AFTER = Cue(r"^\W{0,3}(?:\w+\W+){0,3}?(?:targets?|goals?|цел[ьи]\b|ориентир)")
# A relative clause names an intention about the noun, not about the figure of the main clause ("Trade, which the
# leaders want to double, reached $1.5 billion").
RELATIVE = re.compile(r",\s*(?:which|who|котор\w+)\b[^,]*,", re.IGNORECASE)
# "from last year's $1.5 billion to $3 billion", "с 1,5 млрд долларов … до 3 млрд": where a goal starts from.
FROM_BEFORE = Cue(r"(?:\bfrom|\bс|\bсо)\s+(?:[^\W\d]+['’]?s?\s+){0,2}?(?:US)?\$?$")
TO_BEFORE = Cue(r"(?:\bto|\bдо)\s+(?:[^\W\d]+\s+)?(?:US)?\$?$")
# "$1.95 billion, and reaffirmed the goal of ...": the goal after the conjunction is another clause's.
AFTER_BREAK = Cue(r",\s+(?:and|while|but|whereas|а|и|но|тогда как|при этом)\b|[;(]|\.\s")
EXCLUDE = Cue(
    r"invest\w*|инвест\w*|вложи\w*|вложен\w*|export\w*|import\w*|экспорт\w*|импорт\w*|поставк\w*|"
    r"поставля\w*|на сумму|signed|подписа\w*|documents?|документ\w*|memorand\w*|меморандум\w*|"
    r"budget\w*|бюджет\w*|portfolio|портфел\w*|\bfunds?\b|фонд\w*|financing|funding|финансирова\w*|"
    r"attract\w*|привлек\w*|привлеч\w*|"
    r"grants?\b|грант\w*|allocat\w*|earmark\w*|spent\b|потрачен\w*|израсходова\w*|кредит\w*|loans?\b|\blen[dt]\b|\blending\b|\bза(?:[её]м|йм)\w*|"
    r"\baid\b|assistance|помощ\w*|\bGDP\b|ВВП|remittanc\w*|перевод\w*|"
    r"\bdebt|\bEAEU\b|ЕАЭС|долг\w*|reserves?\b|резерв\w*|prices?\b|цен[аыуе]\b|per ton|capital|капитал\w*|"
    r"\bshare\b|\bдол[яию]\b|"
    r"стоимост\w*|\bcosts?\b|\bcosting\b|стоить\b|обойд[её]тся|projects?\b|проект\w*|agreements?\b|соглашени\w*|contracts?\b|контракт\w*|deals?\b|сделк\w*|"
    r"agricultur\w*|сельскохозяйственн\w*|сельхоз\w*|агропром\w*|продовольств\w*|"
    r"with China|с Китаем|со странами|with (?:the )?countries|Central Asian? (?:countries|"
    r"states|region)|Central Asia\b|Центральн\w* Ази\w*|intra-?regional|внутрирегиональн\w*|"
    r"(?:countries|states) of the region|стран\w* региона|\bСНГ\b|\bCIS\b")
# Another quantity as the subject of a sentence with no trade word: it does not continue the turnover before it
# ("Tourism revenue is expected to reach $1 billion by 2030", "Объем производства к 2030 году вырастет до $5 млрд").
OTHER_AMOUNT = Cue(r"econom(?:y|ic output)|экономик\w*|revenue\w*|доход\w*|выручк\w*|\boutput\b|"
                   r"production|производств\w*|выпуск\w*|touris\w*|туризм\w*|туристическ\w*|\bmarket\b|"
                   r"рын(?:ок|ка|ке)\b|capitali[sz]ation|капитализаци\w*|salar\w*|зарплат\w*|wages?\b")
# "potential" is the amount itself ("export potential of $260 million"), not "the potential to increase trade to".
POTENTIAL = Cue(r"(?:potential|потенциал\w*)\W+(?:\w+\W+){0,3}$")
# "the $1 billion target ... was reached in 2021": a target named as met is an actual figure for that year.
ACHIEVED_AFTER = Cue(r"^[^;:—–]{0,60}?\b(?:(?:was|were|has been|had been|have been|is)\s+(?:already\s+)?"
                     r"(?:achieved|reached|met|exceeded|surpassed|hit)|(?:уже\s+)?(?:был[аио]?\s+)?"
                     r"(?:достигнут[аоы]?|выполнен[аоы]?|превышен[аоы]?|перевыполнен[аоы]?)\b)")
# A country's total trade, unless the clause names the partner ("внешнеторговый оборот ... с Казахстаном").
TOTAL = Cue(r"foreign trade|внешнеторгов\w*|внешн\w+ торговл\w*|total trade|overall trade|"
            r"общ\w* товарооборот\w*")
EXCLUDE_AFTER = Cue(r"^\W{0,3}(?:(?:of|in) (?:investment|exports?|imports?|aid)|инвестиц\w*|экспорт\w*|"
                    r"импорт\w*|into\b|в экономику)")
BILATERAL = Cue(r"bilateral|mutual|between|двусторонн\w*|взаимн\w*|двух стран|между|"
                r"(?:с|with)\s+(?:Казахстан|Кыргызстан|Киргизи|Kazakhstan|Kyrgyzstan|Kyrgyz Republic)")
CLAUSE_BREAK = re.compile(r"[;:—–(«»\"“”]|,\s+(?:and|while|but|whereas|adding|а|но|тогда как|при этом)\b|\.\s")
COMMA = re.compile(r"[,;]")
DOUBLE = Cue(r"удвоить|удвоени\w*|\bdouble\b|doubling|увеличить вдвое|в два раза")
BASE_BEFORE = Cue(r"(?:than(?: the)?|чем|сравнению с|compared (?:with|to)(?: the)?|from(?: the)?|against|"
                  r"против|versus|vs\.?)\s*$")
# "удвоить этот показатель", "double it", "утроить товарооборот": a goal stated as a multiple of the figure before.
MULTIPLY = Cue(
    r"(?:увеличить|нарастить)\s+(?:его|её|ее|этот показатель|товарооборот|торговлю)\s+(?P<verb3>вдвое|втрое|в два раза|"
    r"в три раза)|"
    r"(?P<verb>удвоить|утроить|\bdouble\b|\btriple\b|увеличить\s+(?:\w+\s+)?(?:вдвое|втрое|в два раза|в три раза))"
    r"\W+(?:[^\W\d]+\W+){0,1}?(?:(?:этот|данный|такой) показатель|показатель|его|её|ее|it|th(?:at|is|e) figure|"
    r"товарооборот\w*|торговл\w*|(?:bilateral |mutual )?trade|turnover|объ[её]м\w*)\b"
    r"|(?:\bего|\bеё|\bее|этот показатель)\s+(?P<verb2>удвоить|утроить)")
