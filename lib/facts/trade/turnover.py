"""Trade turnover: articles → figures and targets (TRADE_COLUMNS), each with the sentence it came from.

A dollar amount is a Kazakhstan–Kyrgyzstan trade figure when its sentence speaks of turnover or trade, or
continues the turnover just before it ("в 2024 году он составил", "довести этот показатель до $2 млрд", a second
agency's "по собственным данным … $1,95 млрд"), no exclusion cue sits in its clause (investment, exports, imports,
aid, budgets, export potential, total foreign trade), and no other pair of countries is named as the partners
("Кыргызстан и Узбекистан намерены…"). Each figure's own clause decides actual vs target ("reached $1.3 billion"
vs "to bring turnover up to $2 billion"), so one sentence may hold both; periods, due years and growth rates are
the nearest ones in the sentence, with no other figure in between. "Удвоить этот показатель" in the sentence after
a figure is a target of twice it. The rules use general cues only (cues.py, pairs.py), so they
carry over to articles nobody has annotated.
"""

from __future__ import annotations

import functools
import re
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date

import pandas as pd

from lib.articles.sentences import Sentences, sentences, split
from lib.facts.patterns import Cue
from lib.facts.trade.attach import assign_growth, is_base, nearest, pair_periods, past_by, period_of
from lib.facts.trade.cues import (
    ACHIEVED_AFTER,
    AFTER_BREAK,
    ANAPHOR,
    BILATERAL,
    CHEAP,
    CLAUSE_BREAK,
    COMMA,
    CONTINUES,
    DOUBLE,
    EXCLUDE,
    EXCLUDE_AFTER,
    FROM_BEFORE,
    MULTIPLY,
    NOT_TRADE,
    OTHER_AMOUNT,
    POTENTIAL,
    PROMISE_AFTER,
    PROMISE_BEFORE,
    RELATIVE,
    TARGET_AFTER,
    TARGET_BEFORE,
    TO_BEFORE,
    TOTAL,
    TRADE,
    TRADE_BETWEEN,
)
from lib.facts.trade.money import Amount, find_amounts
from lib.facts.trade.pairs import article_is_bilateral, clause_names_another_partner, pair_ok
from lib.facts.trade.pairs import markers as _markers  # noqa: F401  (tests read the country table through it)
from lib.facts.trade.periods import DueYear, Period, find_growth, find_periods
from lib.records import TRADE_COLUMNS, as_date, empty

# Reported KZ–KG turnover has ranged from hundreds of millions to a few billion dollars; a figure far outside
# [$5 million, $50 billion] is a ticker, a price, a budget or a national total.
MIN_USD, MAX_USD = 5e6, 5e10

# Links to other stories: a "Read also" line, or a teaser headline that ends with its own date stamp.
LINK_LINE = Cue(r"^\s*(?:читайте также|см\. также|read also|also read|related|похожие новости)\b|"
                r"[—–|-]\s*(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}\s+\w{3,9}\.?\s+\d{4})(?:,?\s*\d{1,2}:\d{2})?\s*$")
# Below a "Comments" heading, a reader's comment sits under a line with only a name and a time stamp
# ("Nurs_kg, 26.05.2022 15:40"); without the heading such a line may be a dateline, so it is not trusted.
COMMENTS_HEADING = Cue(r"^\s*(?:комментари\w*|comments?|отзывы|обсуждение)\b")
COMMENT_HEADER = re.compile(r"^\s*[\w.@ -]{1,40},?\s+(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}\s+\w{3,9}\.?\s+\d{4})"
                            r"(?:,?\s*(?:в\s+)?\d{1,2}:\d{2})?\s*$")


@dataclass(frozen=True, slots=True)
class TradeFigure:
    """One reported figure or target, before it becomes a row of the trade table."""

    kind: str  # "actual" | "target"
    value_usd: float
    approximate: bool
    period_start: str | None
    period_end: str | None
    growth_pct: float | None
    target_year: int | None
    quote: str


def _blank(text: str, pattern: Cue) -> str:
    """``text`` with every match of ``pattern`` replaced by spaces (offsets stay valid)."""
    pieces, last = [], 0
    for m in pattern.finditer(text):
        pieces += [text[last:m.start()], " " * (m.end() - m.start())]
        last = m.end()
    return "".join(pieces) + text[last:] if pieces else text


def _clause_before(text: str, position: int, floor: int = 0) -> str:
    """The clause that ends at ``position``; a clause of under three words takes the clause before it too.
    ``floor`` is the end of the figure before: the first comma after it closes that figure's clause ("who aim to
    bring trade to $3 billion by 2030, noted that it reached $1.7 billion")."""
    offset = max(0, position - 160)
    window = text[offset:position]
    found = list(CLAUSE_BREAK.finditer(window))
    breaks = [m.end() for m in found]
    comma = COMMA.search(text, floor, position) if floor > offset else None
    if comma and not any(m.start() <= comma.start() - offset < m.end() for m in found):
        breaks = sorted({*breaks, comma.end() - offset})
    if not breaks:
        return window
    clause = window[breaks[-1]:]
    if len(clause.split()) < 3 and len(breaks) > 1:
        return window[breaks[-2]:]
    if len(clause.split()) < 3:
        return window
    return clause


def sentence_figures(sentence: str, context: str, published: date | None,
                     article_ok: bool | Callable[[], bool], topic: bool = False) -> list[TradeFigure]:
    """Trade figures in one sentence; ``context`` is the text just before it (for "этот показатель");
    ``article_ok`` (or a function computing it on demand) says whether the article is about the two countries;
    ``topic`` says the sentences just before speak of the turnover even when ``context`` does not name it."""
    # A second figure in a sentence often drops the currency ("довести до 3 млрд"): once one amount in the
    # sentence is in dollars, bare "N млрд" amounts are dollars too.
    amounts = [a for a in find_amounts(sentence, implied_usd=True) if MIN_USD <= a.value <= MAX_USD and a.has_scale]
    if not amounts:
        return []
    cues = _blank(sentence, NOT_TRADE)
    for a in amounts:  # "долл. США" is a currency, not a partner country
        cues = cues[:a.start] + " " * (a.end - a.start) + cues[a.end:]
    context_cues = _blank(context, NOT_TRADE)
    has_trade, context_trade = bool(TRADE.search(cues)), bool(TRADE.search(context_cues))
    if not (has_trade or context_trade or topic) or not pair_ok(cues, context_cues, article_ok):
        return []
    periods, due = find_periods(sentence, published)
    # "by 2024 it had grown to $1.77 billion": a past year a figure was reached by is that figure's period.
    # "grew to $1.5 billion by 2023" (written in 2025) likewise: a past year right after a figure is its period.
    def right_after(a: Amount, d: DueYear) -> bool:
        between = sentence[a.end:d.start]
        return (0 <= d.start - a.end <= 12 and not re.search(r"[,;:—–]", between)
                or 0 <= d.start - a.end <= 45 and bool(TRADE_BETWEEN.match(between)))

    def past(d: DueYear) -> bool:
        return published is not None and d.year < published.year

    periods = sorted(periods + [Period(d.start, d.end, f"{d.year:04d}-01", f"{d.year:04d}-12") for d in due
                                if past(d) and (past_by(sentence, d) or any(right_after(a, d) for a in amounts))],
                     key=lambda p: p.start)
    kinds: list[tuple[Amount, str]] = []
    for i, a in enumerate(amounts):
        clause = _clause_before(cues, a.start)
        # The kind is decided in the figure's own clause, which ends the clause of the figure before it.
        own = _clause_before(cues, a.start, amounts[i - 1].end) if i else clause
        own_start = a.start - len(own)
        own = RELATIVE.sub(" ", own)  # "Trade, which the leaders want to double, reached $1.5 billion"
        after = sentence[a.end:a.end + 40]
        after = after[:m.start()] if (m := AFTER_BREAK.search(after)) else after
        if EXCLUDE.search(clause[-70:]) or (TOTAL.search(clause[-70:]) and not BILATERAL.search(clause)):
            continue
        low = clause.lower()
        if EXCLUDE_AFTER.search(after) or POTENTIAL.search(clause) or clause_names_another_partner(low):
            continue
        # "$3 billion by 2030", "$3 billion in bilateral trade by 2030", "$3 млрд взаимной торговли к 2030 году"
        due_after = any(right_after(a, d) and not past(d) for d in due)
        # "By 2030 the leaders hope for $3 billion": a future year the figure is due by, earlier in its clause.
        due_before = published is not None and any(
            d.year > published.year and own_start <= d.start and d.end <= a.start
            and not any(d.end <= b.start < a.start for b in amounts) for d in due)
        promised = bool(PROMISE_BEFORE.search(own[-60:]) or PROMISE_AFTER.search(after))
        target = bool(TARGET_BEFORE.search(own) or TARGET_AFTER.search(after) or due_after or due_before or promised)
        if target and ACHIEVED_AFTER.search(sentence[a.end:a.end + 80]):
            target = False
        # "raise trade from last year's $1.5 billion to $3 billion": the starting point is the current figure.
        if target and FROM_BEFORE.search(sentence[max(0, a.start - 30):a.start]) and any(
                TO_BEFORE.search(sentence[max(0, b.start - 20):b.start]) for b in amounts if b is not a):
            target = False
        # Without a trade word of its own, a sentence continues the one before: "this figure rose to ...".
        # Further back in the paragraph only a clear continuation counts ("по собственным данным", "он составил").
        # A figure due by a year ("The presidents now speak of $3 billion by 2030") continues the turnover talk of
        # the last sentences as its goal.
        if not has_trade and not (CONTINUES.search(clause) or context_trade and (
                ANAPHOR.search(clause) or (target and TARGET_BEFORE.search(own)))
                or (context_trade or topic) and target and (due_after or due_before)) or (
                not has_trade and OTHER_AMOUNT.search(clause)):
            continue
        kinds.append((a, "target" if target else "actual"))
    actuals = [a for a, kind in kinds if kind == "actual"]
    growth = assign_growth(actuals, find_growth(sentence), sentence)
    quote = sentence.strip()
    out: list[TradeFigure] = []
    kept = [a for a, _ in kinds]
    paired = pair_periods(actuals, periods, sentence, kept)
    main_periods = {paired.get(a.start) or nearest(a, periods, 200, kept, sentence)
                    or nearest(a, periods, 200, (), sentence)
                    for a in actuals if not is_base(sentence, a)}
    for a, kind in kinds:
        if kind == "actual":
            first, last = period_of(a, sentence, periods, main_periods, kept, paired.get(a.start))
            out.append(TradeFigure("actual", a.value, a.approximate, first, last, growth.get(a.start), None, quote))
        else:
            year = nearest(a, due, 60)
            out.append(TradeFigure("target", a.value, a.approximate, None, None, None,
                                   year.year if isinstance(year, DueYear) else None, quote))
    out.extend(_implicit_targets(sentence, actuals, due, quote))
    return out


def _implicit_targets(sentence: str, actuals: list[Amount], due: list[DueYear], quote: str) -> list[TradeFigure]:
    """ "удвоить этот показатель" / "double it" with no amount after it: a target of twice the figure before."""
    out = []
    for m in DOUBLE.finditer(sentence):
        before = [a for a in actuals if a.end <= m.start()]
        if not before or any(a.start > m.end() for a in find_amounts(sentence)):
            continue
        base = before[-1]
        year = min(due, key=lambda d: abs(d.start - m.end()), default=None)
        out.append(TradeFigure("target", 2 * base.value, base.approximate, None, None, None,
                               year.year if year and abs(year.start - m.end()) <= 60 else None, quote))
    return out


def _merge(figures: list[TradeFigure]) -> list[TradeFigure]:
    """One row per figure and period: a headline repeating the body, or a period-less repeat, is merged; the first
    mention keeps its quote and takes the period, growth and due year the repeats add."""
    kept: list[TradeFigure] = []
    for f in figures:
        twin = next((i for i, k in enumerate(kept) if k.kind == f.kind and abs(k.value_usd - f.value_usd) < 1
                     and (k.period_start is None or f.period_start is None or k.period_start == f.period_start)),
                    None)
        if twin is None:
            kept.append(f)
            continue
        k = kept[twin]
        kept[twin] = replace(
            k, period_start=k.period_start or f.period_start, period_end=k.period_end or f.period_end,
            growth_pct=k.growth_pct if k.growth_pct is not None else f.growth_pct,
            target_year=k.target_year or f.target_year,
            quote=k.quote)
    return kept


def _follow_up_growth(sentence: str, figure: TradeFigure) -> TradeFigure:
    """ "Trade reached $1.3 billion in 2023. It grew by 11.6 percent compared to $1.181 billion in 2022.": a growth
    rate in the next sentence about the same turnover belongs to the figure before, unless that sentence brings a
    figure of its own."""
    if figure.kind != "actual" or figure.growth_pct is not None or EXCLUDE.search(sentence):
        return figure
    if not (TRADE.search(_blank(sentence, NOT_TRADE)) or ANAPHOR.search(sentence[:40])
            or re.match(r"\W*(?:this|that|это|что|(?:an?\s+|the\s+)?(?:increase|rise|growth|gain)|рост|прирост)\b",
                        sentence, re.I)):
        return figure
    own = [a for a in find_amounts(sentence) if not is_base(sentence, a)]
    growth = find_growth(sentence)
    if own or len(growth) != 1:
        return figure
    return replace(figure, growth_pct=growth[0].pct)


# How many sentences after a turnover mention a figure with no trade word may still continue it.
TOPIC_SPAN = 2


def _multiplied_target(sentence: str, base: TradeFigure, published: date | None) -> TradeFigure | None:
    """ "Президенты поставили задачу удвоить этот показатель": a target of twice (three times) the figure of the
    sentence before, when this sentence brings no amount of its own."""
    m = MULTIPLY.search(sentence)
    if m is None or find_amounts(sentence) or EXCLUDE.search(sentence):
        return None
    verb = (m.group("verb") or m.group("verb2") or m.group("verb3")).lower()
    factor = 3 if re.search(r"утро|tripl|втрое|три", verb) else 2
    _, due = find_periods(sentence, published)
    year = min(due, key=lambda d: abs(d.start - m.end()), default=None)
    return TradeFigure("target", factor * base.value_usd, base.approximate, None, None, None,
                       year.year if year and abs(year.start - m.end()) <= 60 else None, sentence.strip())


def _names_trade(text: str) -> bool:
    """Does ``text`` speak of trade turnover (not of a trade ministry or trade wars)?"""
    return bool(TRADE.search(text)) and bool(TRADE.search(_blank(text, NOT_TRADE)))


def _latest_period(found: list[TradeFigure]) -> tuple[str, str] | None:
    """The most recent period among a sentence's actual figures (the current figure, not the base it is compared
    with)."""
    spans = [(f.period_end, f.period_start) for f in found if f.kind == "actual" and f.period_start and f.period_end]
    return (max(spans)[1], max(spans)[0]) if spans else None


def article_figures(title: str, body: str, published: date | None,
                    split_body: Sentences | None = None) -> list[TradeFigure]:
    """Every trade figure and target of one article, merged so a repeated figure appears once (``split_body``: the
    body's sentences, when the caller has them)."""
    # The headline goes last, so that a figure it repeats is quoted from the body.
    head = title.strip() if title else ""
    numbered, start = [], 0  # each line of the body and where it begins (its sentences are split_body's)
    for line in body.split("\n"):
        if not head or line.strip() != head:
            numbered.append((line, start))
        start += len(line) + 1
    lines = [line for line, _ in numbered] + ([head] if head else [])
    line_starts: list[int | None] = [at for _, at in numbered] + ([None] if head else [])
    text = "\n".join(lines)
    if not CHEAP.search(text):
        return []
    article_ok = functools.cache(lambda: article_is_bilateral(text))  # only when a sentence names no country
    figures: list[TradeFigure] = []
    previous = ""
    pending = False  # the last sentence ended with an actual figure that has no growth rate yet
    # The last few sentences (a line without a dollar sign counts as one), each with whether it reported a
    # figure; whether they name the turnover is only worked out when a figure needs it.
    recent: deque[tuple[str, bool]] = deque(maxlen=TOPIC_SPAN)
    last_actual: TradeFigure | None = None  # the actual figure of the sentence just before, for "удвоить его"
    last_period: tuple[str, str] | None = None  # the period of the last reported turnover figure
    in_comments = after_header = False
    body_sentences = split(body, split_body)
    for line, at in zip(lines, line_starts, strict=True):
        if not line.strip():
            continue
        in_comments = in_comments or bool(COMMENTS_HEADING.match(line))
        is_comment, after_header = after_header, in_comments and bool(COMMENT_HEADER.match(line))
        usable = not LINK_LINE.search(line) and not is_comment
        if usable and (CHEAP.search(line) or pending or (last_actual and MULTIPLY.search(line))):
            spans = body_sentences.line(at) if at is not None else sentences(line)
            for i, s in enumerate(spans):
                context = spans[i - 1].text if i else previous
                if pending:
                    figures[-1] = _follow_up_growth(s.text, figures[-1])
                found = sentence_figures(s.text, context, published, article_ok,
                                         topic=any(f or _names_trade(t) for t, f in recent)
                                         ) if CHEAP.search(s.text) else []
                if found and last_period and not _names_trade(s.text):
                    # A figure that only continues the turnover before it (a second agency's count, "он
                    # составил") without a period of its own is for the same period.
                    found = [replace(f, period_start=last_period[0], period_end=last_period[1])
                             if f.kind == "actual" and f.period_start is None else f for f in found]
                if not found and last_actual is not None:
                    implied = _multiplied_target(s.text, last_actual, published)
                    found = [implied] if implied else []
                figures.extend(found)
                pending = bool(found) and found[-1].kind == "actual" and found[-1].growth_pct is None
                recent.append((s.text, bool(found)))
                last_period = _latest_period(found) or last_period
                actuals = [f for f in found if f.kind == "actual"]
                last_actual = max(actuals, key=lambda f: f.period_end or "") if actuals else None
            previous = spans[-1].text if spans else line
        else:
            previous = line[-400:]
            pending = False
            last_actual = None
            recent.append((line[-400:] if usable else "", False))
    return _merge(figures)


_FIGURE_FIELDS = tuple(field.name for field in fields(TradeFigure))


def extract_trade(articles: pd.DataFrame, texts: Mapping[str, Sentences] | None = None) -> pd.DataFrame:
    """Trade figures and targets of every article, one row each (TRADE_COLUMNS); ``texts``: each article's
    sentences by article_id, split once for every extractor."""
    rows = []
    for art in articles.itertuples(index=False):
        published = as_date(art.published)
        title = art.title if isinstance(art.title, str) else ""
        body = art.body if isinstance(art.body, str) else ""
        for f in article_figures(title, body, published, (texts or {}).get(art.article_id)):
            # the fields one by one: dataclasses.asdict deep-copies each value, a tenth of this stage's time
            rows.append({"article_id": art.article_id, "file": art.file,
                         **{name: getattr(f, name) for name in _FIGURE_FIELDS}})
    if not rows:
        return empty(TRADE_COLUMNS)
    frame = pd.DataFrame(rows, columns=TRADE_COLUMNS)
    frame["value_usd"] = frame["value_usd"].astype(float)
    frame["growth_pct"] = frame["growth_pct"].astype(float)
    frame["target_year"] = frame["target_year"].astype("Int64")
    return frame
