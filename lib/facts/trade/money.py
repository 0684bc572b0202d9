"""Money in running text: "$1.3 billion", "1,7 млрд долларов", "полутора миллиардов долларов" → US dollars.

Input: any text (English or Russian). Output: ``Amount`` spans with the value in USD and whether the wording
is approximate ("about", "около", "превысил"). Only US-dollar amounts are returned: a sum in tenge, som or
euros is not a trade turnover figure in the reporting this project reads. Values are computed with
``Decimal`` so "1.317 billion" is exactly 1_317_000_000, which lets ``parse_usd(format_usd(x)) == x`` hold (the
formatter is lib/views/trade.py's: showing an amount is the views' part).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from lib.facts.patterns import Cue

# Number words that stand before a scale word ("two billion", "полутора миллиардов", "three-billion").
WORD_NUMBERS: dict[str, Decimal] = {
    **{w: Decimal(n) for n, ws in enumerate([
        [], ["one", "a", "один", "одного", "одна", "одну", "одной"], ["two", "два", "две", "двух"],
        ["three", "три", "трех", "трёх"], ["four", "четыре", "четырех", "четырёх"], ["five", "пять", "пяти"],
        ["six", "шесть", "шести"], ["seven", "семь", "семи"], ["eight", "восемь", "восьми"],
        ["nine", "девять", "девяти"], ["ten", "десять", "десяти"], ["eleven", "одиннадцать", "одиннадцати"],
        ["twelve", "двенадцать", "двенадцати"],
    ]) for w in ws},
    "полтора": Decimal("1.5"), "полутора": Decimal("1.5"), "one and a half": Decimal("1.5"),
    "half a": Decimal("0.5"), "half": Decimal("0.5"),
}

SCALES: list[tuple[str, Decimal]] = [
    (r"trillion|tn|трлн\.?|триллион\w*", Decimal(10) ** 12),
    (r"billion|bn|bln|млрд\.?|миллиард\w*", Decimal(10) ** 9),
    (r"million|mln|mn|млн\.?|миллион\w*", Decimal(10) ** 6),
    (r"thousand|тыс\.?|тысяч\w*", Decimal(10) ** 3),
]
_SCALE = "|".join(f"(?:{p})" for p, _ in SCALES)
_SPACE = r"[ \u00a0\u202f]"
# Digits with optional thousands groups ("1 317", "1,317") and decimals ("1.3", "1,3").
_NUM = rf"\d{{1,3}}(?:(?:{_SPACE}|,)\d{{3}})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?"
_WORDS = "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True))
_CURRENCY_AFTER = (r"(?:(?:американск\w+" + _SPACE + r")?долл(?:ар\w*)?\.?(?:" + _SPACE + r"?США)?|дол\.|"
                   r"(?:US|U\.S\.|American)?" + _SPACE + r"?dollars?|USD|\$)")
_PREFIX = r"(?:US\$|U\.S\.\$|USD|\$)"

AMOUNT_RE = Cue(
    # "1 млрд 317 млн долларов", "1 billion 317 million dollars": two scales, one amount
    rf"(?<![\w$])(?P<big>{_NUM}){_SPACE}?(?P<bigscale>{_SCALE})(?![a-zа-яё]){_SPACE}(?P<small>\d{{1,3}})"
    rf"{_SPACE}?(?P<smallscale>{_SCALE})(?![a-zа-яё]){_SPACE}?(?P<cur5>{_CURRENCY_AFTER})"
    rf"|(?P<prefix>{_PREFIX}){_SPACE}?(?P<num>{_NUM})(?:{_SPACE}?-?(?P<scale>{_SCALE})(?![a-zа-яё]))?"
    rf"|(?<![\w$])(?P<num2>{_NUM}|{_WORDS})(?:{_SPACE}|-)?(?P<scale2>{_SCALE})(?![a-zа-яё]){_SPACE}?"
    rf"(?P<cur2>{_CURRENCY_AFTER})"
    rf"|(?<![\w$])(?P<scale3>{_SCALE}){_SPACE}(?P<cur3>{_CURRENCY_AFTER})"
    rf"|(?<![\w$.,])(?P<num4>{_NUM}){_SPACE}?(?P<cur4>{_CURRENCY_AFTER})"
)

# A bare "3 млрд" is dollars only when no other unit follows it ("3 млн тонн", "2 billion tenge").
BARE_RE = Cue(
    rf"(?<![\w$.,])(?P<num>{_NUM}|{_WORDS})(?:{_SPACE}|-)?(?P<scale>{_SCALE})(?![a-zа-яё])"
    r"(?!\s*(?:тонн|т\b|tons?|tonnes?|человек|people|сом|soms?|тенге|tenge|KZT|KGS|рубл|rub|евро|euros?|EUR|€|"
    r"кВт|kWh|куб|cubic|м3|голов|heads|штук|units|пассажир|passengers|доз|doses|жител|residents|"
    r"[a-zа-яё$]))")

# "11.6 percent more than the $1.181 billion": the base of a comparison, not "more than $X".
COMPARED_BEFORE = Cue(r"(?:%|percent|per cent|процент\w*)\s+(?:more|higher|less|lower|больше|меньше|выше|ниже),?"
                      r"\s+(?:than|чем)(?:\s+the)?\s*$")
APPROX_BEFORE = Cue(
    r"(?:about|around|nearly|almost|over|more than|roughly|approximately|some|close to|in excess of|upwards of|"
    r"exceed\w*|tops?|topped|crossed|surpass\w*|около|почти|более|свыше|порядка|примерно|приблизительно|"
    r"больше|превы\w+|без малого|не менее|уровне? около)(?:\s+(?:отметку|отметки|уровень))?\s*$"
    # "превысил исторический порог в $2 млрд", "crossed the symbolic $2 billion mark": a floor, not an exact sum
    r"|\b(?:exceed\w*|topped|crossed|surpass\w*|превы\w+|перешагну\w*|преодоле\w*)(?:\s+[^\s\d$]+){1,3}\s*$"
)


@dataclass(frozen=True, slots=True)
class Amount:
    """A US-dollar amount found in text; ``start``/``end`` are offsets of the matched words."""

    start: int
    end: int
    value: float
    approximate: bool
    has_scale: bool
    text: str


def _approximate(text: str, start: int) -> bool:
    before = text[max(0, start - 50):start]
    return bool(APPROX_BEFORE.search(before[-40:])) and not COMPARED_BEFORE.search(before)


def parse_number(text: str, russian: bool = False) -> Decimal | None:
    """ "1.3", "1,3", "1 317", "1,317", "полутора" → Decimal; None when it is not a number.

    A comma before exactly three digits is a thousands separator in English and a decimal comma in Russian
    ("1,317 billion" is rare in English, "1,317 млрд" is normal in Russian).
    """
    raw = text.strip().lower()
    if raw in WORD_NUMBERS:
        return WORD_NUMBERS[raw]
    raw = re.sub(_SPACE, "", raw)
    if "," in raw and "." in raw:
        raw = raw.replace(",", "")
    elif "," in raw:
        head, _, tail = raw.rpartition(",")
        if raw.count(",") > 1 or (len(tail) == 3 and not russian):
            raw = raw.replace(",", "")
        else:
            raw = f"{head.replace(',', '')}.{tail}"
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def _scale_of(word: str | None) -> Decimal:
    if not word:
        return Decimal(1)
    for pattern, factor in SCALES:
        if re.fullmatch(pattern, word, re.IGNORECASE):
            return factor
    return Decimal(1)


def find_amounts(text: str, implied_usd: bool = False) -> list[Amount]:
    """Every US-dollar amount in ``text``, left to right. Never raises.

    With ``implied_usd``, a text that has one dollar amount also yields its bare amounts ("до 3 млрд").
    """
    out = _dollar_amounts(text or "")
    if implied_usd and out:
        for m in BARE_RE.finditer(text):
            if any(a.start <= m.start() < a.end or m.start() <= a.start < m.end() for a in out):
                continue
            russian = bool(re.search(r"[а-яё]", m.group(0), re.IGNORECASE))
            number = parse_number(m.group("num"), russian)
            if number is not None:
                approximate = _approximate(text, m.start())
                value = number * _scale_of(m.group("scale"))
                out.append(Amount(m.start(), m.end(), float(value), approximate, True, text[m.start():m.end()]))
        out.sort(key=lambda a: a.start)
    return out


def _dollar_amounts(text: str) -> list[Amount]:
    out: list[Amount] = []
    for m in AMOUNT_RE.finditer(text):
        if m.group("big"):
            big = parse_number(m.group("big"), True)
            small_scale, big_scale = _scale_of(m.group("smallscale")), _scale_of(m.group("bigscale"))
            if big is not None and small_scale < big_scale:
                value = big * big_scale + Decimal(m.group("small")) * small_scale
                approximate = _approximate(text, m.start())
                out.append(Amount(m.start(), m.end(), float(value), approximate, True, text[m.start():m.end()]))
            continue
        num = m.group("num") or m.group("num2") or m.group("num4")
        scale = m.group("scale") or m.group("scale2") or m.group("scale3")
        russian = bool(re.search(r"[а-яё]", m.group(0), re.IGNORECASE))
        number = parse_number(num, russian) if num else Decimal(1)
        if number is None:
            continue
        value = number * _scale_of(scale)
        approximate = _approximate(text, m.start())
        out.append(Amount(m.start(), m.end(), float(value), approximate, bool(scale), text[m.start():m.end()]))
    return out


def parse_usd(text: str) -> float | None:
    """The first US-dollar amount in ``text`` (None when there is none). Never raises."""
    found = find_amounts(text)
    return found[0].value if found else None
