"""Agenda topics: an article's sentences → the topics of the fixed list each sentence supports (TOPIC_COLUMNS).

A sentence supports a topic when it names it with one of the topic's cues (lib/data/topics.csv, Russian and
English stems). A sentence that only enumerates spheres ("в торгово-экономической, транспортной, водно-
энергетической и культурной сферах") names four or more topics (three when it calls them spheres): such a list is a
passing mention and supports none of them.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib.articles.sentences import Sentence, sentences
from lib.records import TOPIC_COLUMNS, TOPIC_LABELS, empty

TOPICS_CSV = Path(__file__).resolve().parent.parent / "data" / "topics.csv"
# Four spheres named once each in one sentence are a list of spheres, not the subject of the sentence; so are
# three when the sentence calls them spheres ("в транзитно-транспортной, энергетической, военно-технической сферах").
LIST_OF_SPHERES = 4
LIST_OF_NAMED_SPHERES = 3
SPHERES = re.compile(r"сфер|област[яи]|направлени|отрасл|spheres|areas|fields|sectors|domains")
# Three or more spheres named by their adjectives before one noun ("по политическим, торгово-экономическим и
# культурно-гуманитарным вопросам", "political, economic and humanitarian issues"): the list names no topic, whatever
# topics its words map to; the rest of the sentence still may.
_ADJ = r"[а-яё-]+(?:ым|им|ой|ей|ых|их|ом|ем|ый|ий|ая|яя|ое|ее|ые|ие)"
SPHERE_LIST = re.compile(rf"{_ADJ},\s+(?:{_ADJ},\s+)*{_ADJ}\s+и\s+{_ADJ}\s+[а-яё]+|"
                         # "on border, transport, phytosanitary, veterinary, tax and customs control"
                         r"\b[a-z-]+, (?:[a-z-]+, )+[a-z-]+,? and [a-z-]+ (?:issues|matters|spheres|areas|fields|"
                         r"sectors|control|checks|inspections)\b|"
                         r"\b[a-z-]+, (?:[a-z-]+, )*[a-z-]+,? and [a-z-]+ (?:issues|matters|spheres|areas|fields|"
                         r"sectors)\b")
# Goods a trade sentence lists ("экспорт … пшеница, мука, нефтепродукты и уголь", "mainly grain, flour and fuel")
# and any list of three goods, are what is traded, not agenda topics of their own.
GOODS = re.compile(r"зерн|пшениц|мук[аиуо]\b|фрукт|овощ|молочн|нефтепродукт|угол|угля|топлив|горюче|мяс[аоу]\b|"
                   r"удобрени|кондитер|медицинск[а-яё]* издели|стройматериал|"
                   r"grain|wheat|flour|fruit|vegetable|dairy|fuel|coal|petroleum products|meat\b|fertili[sz]er|"
                   r"sweets|confection|medical (?:products|goods|devices)|building (?:stone|materials)")
GOODS_LIST = 3
QUOTE_CHARS = 400
# Words that name a place, a body or a vehicle, not a subject: a cue inside them supports no topic. Border areas and
# the sides of a border are where something happens ("лесные пожары на приграничных территориях", "a complex near
# the checkpoints"); a ministry's or a minister's name says who speaks ("the Ministry of Water Resources, Agriculture
# and Processing Industry said"); the transit of electricity is energy, and a transport plane carries a team.
NOT_A_SUBJECT = re.compile(
    r"приграничн[а-яё]* (?:район|территори|област|зон|сел|регион|населённ|населенн|город|муниципал)[а-яё]*|"
    r"(?:вдоль|по обе стороны|по обеим сторонам) (?:[а-яё-]+ ){0,2}границ[а-яё]*|"
    r"(?:в районе|вблизи|возле|около|у) (?:[а-яё-]+ ){0,2}(?:пункт[а-яё]* пропуска|границ[а-яё]*)|"
    r"\bborder (?:areas?|districts?|regions?|territor(?:y|ies)|villages?|towns?|zones?|provinces?)\b|"
    r"\b(?:on|from) both sides of the (?:[\w-]+ ){0,2}border|\balong the (?:[\w-]+ ){0,2}border|"
    r"\b(?:near|next to|close to|straddling) the (?:[\w-]+ ){0,4}(?:border|checkpoints?|crossings?)\b|"
    r"\b(?:[Dd]eputy )?[Mm]inist(?:ry|er)s? of (?:(?!(?:Deputy|Minister|Ministry)\b)[A-Z][\w-]*,? (?:and )?)*"
    r"[A-Z][\w-]*|"
    r"(?<![а-яёА-ЯЁ])(?:[Мм]инистерств|[Мм]инистр|[Зз]амминистр)[а-яё]* "
    r"(?:(?![а-яё]*(?:л|ла|ли|ло|сь|ся|ет|ют|ят|ит)\b)[а-яё-]+,? (?:и )?){0,6}?"
    r"(?:[а-яё-]+(?=\.$|\.\s)|(?=Кыргыз|Казах|КР\b|РК\b|Республик|[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+))|"
    r"транзит[а-яё]* (?:[а-яё]+ )?электроэнерги|transit of (?:[\w-]+ )?(?:electricity|power)|"
    # the transit of power: "для транзита и балансирования энергосистемы", "transport of the electricity"
    r"(?:транзит|[Tt]ransport|[Tt]ransit)[\w-]*(?=[^.;]{0,60}(?:электроэнерг|энергосистем|electricity|power grid))|"
    # the way something came: "прибыла по железной дороге", "delivered by rail"
    r"по железной дороге|железной дорогой|\bby (?:rail|road|truck)\b|"
    # a road map is a document; sanitary beside phytosanitary is the farm and border checks, not health
    r"\broad ?maps?\b|(?:санитарн[а-яё]*|[Ss]anitary)(?=(?:,| и| and) (?:фитосанитарн|phytosanitary))|"
    r"\btransport (?:planes?|aircraft)|военно-транспортн[а-яё]* (?:самол|борт)[а-яё]*|"
    # energy, water or food security is energy, water or food, not security
    r"\b(?:energy|water|food) security|(?:энергетическ|продовольственн|водн)[а-яё]* безопасност[а-яё]*")


@dataclass(frozen=True, slots=True)
class Topic:
    key: str
    label: str


@dataclass(frozen=True, slots=True)
class TopicSentence:
    topic: str
    start: int
    end: int
    quote: str


@functools.cache
def topic_list() -> tuple[Topic, ...]:
    """The fixed list of agenda topics (lib.records.TOPIC_LABELS), in order."""
    return tuple(Topic(key, label) for key, label in TOPIC_LABELS.items())


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    """A scan of every cue with its word-boundary anchors dropped; the topics' cues, anchors and all, as one pattern
    with a group per topic (in the order of the list); the topics of those groups.

    Every cue starts with a plain letter once its leading ``\b`` is dropped, so the regex engine scans for the
    set of first letters instead of trying each alternative at each position (2.4 times faster on the dev corpus);
    each place the scan stops is then confirmed by the topic pattern: the first topic whose cues match there."""
    with TOPICS_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    loose = [cue.removeprefix("\\b") for row in rows for cue in row["cues"].split("|")]
    confirm = re.compile("|".join(f"(?P<t{i}>{row['cues']})" for i, row in enumerate(rows)))
    return re.compile("|".join(loose)), confirm, tuple(row["topic"] for row in rows)


# Four or more things listed ("торговлю, сельское хозяйство, вододеление и культурный обмен", "culture, education,
# science and tourism") are a list of spheres that names none; the rest of the sentence still may.
# (Possessive quantifiers: a word is never given back to the next item, which keeps the search linear; a list needs
# two short items between commas, which LIST_ITEMS finds first.)
LONG_LIST = re.compile(r"(?:[\w-]++(?:\s++[\w-]++){0,2},\s++){2,}(?:[\w-]++\s++){0,2}(?:и|and)\s++[\w-]++"
                       r"(?:\s++[\w-]++)?")
LIST_ITEMS = re.compile(r",\s+[\w-]+(?:\s+[\w-]+){0,2},\s")
# Plain words every match of NOT_A_SUBJECT contains (lower-cased).
NOT_A_SUBJECT_WORDS = ("границ", "граничн", "пропуск", "border", "checkpoint", "crossing", "минист", "minist",
                       "транзит", "transit", "transport", "транспортн", "безопасност", "security", "железн",
                       "by rail", "by road", "by truck", "road map", "roadmap", "sanitary", "санитарн")


def sentence_topics(text: str) -> list[str]:
    """The topics one sentence supports, in the order of the list."""
    low = text.lower()
    # Places, names and listed spheres name no topic; a list of spheres is judged on all the sentence names. Most
    # sentences hold none of the words those start from, and are not searched for them.
    subject = NOT_A_SUBJECT.sub(_blank, text).lower() if any(w in low for w in NOT_A_SUBJECT_WORDS) else low
    if "," in subject and (" и " in subject or " and " in subject):
        subject = SPHERE_LIST.sub(_blank, subject)
    if subject.count(",") >= 2 and (" и " in subject or " and " in subject) and LIST_ITEMS.search(subject):
        subject = LONG_LIST.sub(_blank, subject)
    counts = _cue_counts(subject)
    named = _cue_counts(low) if subject != low else counts
    if len(named) >= LIST_OF_SPHERES or (len(named) >= LIST_OF_NAMED_SPHERES and SPHERES.search(low)):
        return []
    return [t.key for t in topic_list() if t.key in counts]


def _cue_counts(low: str) -> dict[str, int]:
    """How many times ``low`` names each topic."""
    counts: dict[str, int] = {}
    last_end: dict[str, int] = {}
    scan, confirm, keys = _patterns()
    found = [(keys[int(c.lastgroup[1:])], m) for m in scan.finditer(low)
             for c in [confirm.match(low, m.start())] if c is not None and c.lastgroup]
    if not found:
        return counts
    # goods a trade sentence names, or any list of three goods ("основу поставок составили пшеница, мука,
    # нефтепродукты и уголь"), are what is traded
    if any(key == "trade" for key, _ in found) or len({g.group(0) for g in GOODS.finditer(low)}) >= GOODS_LIST:
        found = [(key, m) for key, m in found if key == "trade" or not GOODS.match(low, m.start())]
    for topic, m in found:
        # two cues in one word ("транспортно-логистической") name the topic once
        if topic not in last_end or any(c.isspace() for c in low[last_end[topic]:m.start()]):
            counts[topic] = counts.get(topic, 0) + 1
        last_end[topic] = m.end()
    return counts


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))  # offsets stay those of the sentence


def article_topics(spans: Sequence[Sentence]) -> list[TopicSentence]:
    """Every (topic, sentence) pair of an article's sentences."""
    found: list[TopicSentence] = []
    for s in spans:
        for topic in sentence_topics(s.text):
            found.append(TopicSentence(topic, s.start, s.end, s.text[:QUOTE_CHARS]))
    return found


def extract_topic_sentences(articles: pd.DataFrame, split: Sequence[Sequence[Sentence]] | None = None) -> pd.DataFrame:
    """The topic_sentences table of ``articles``; ``split`` holds each article's sentences when the caller has them."""
    rows: list[dict[str, object]] = []
    bodies = articles["body"].tolist() if not articles.empty else []
    ids = articles["article_id"].tolist() if not articles.empty else []
    for i, (article_id, body) in enumerate(zip(ids, bodies, strict=True)):
        spans = split[i] if split is not None else sentences(str(body))
        for t in article_topics(spans):
            rows.append({"article_id": article_id, "topic": t.topic, "start": t.start, "end": t.end,
                         "quote": t.quote})
    if not rows:
        return empty(TOPIC_COLUMNS)
    return pd.DataFrame(rows, columns=TOPIC_COLUMNS)


def with_agreement_topics(topic_sentences: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """``topic_sentences`` with each reported agreement's topic, supported by the report's sentence, where the
    article's own sentences did not already give it (a treaty on allied relations is a security matter)."""
    if reports.empty:
        return topic_sentences
    have = set(zip(topic_sentences["article_id"].tolist(), topic_sentences["topic"].tolist(), strict=True))
    extra = [{"article_id": a, "topic": t, "start": s, "end": e, "quote": q}
             for a, t, s, e, q in zip(reports["article_id"].tolist(), reports["topic"].tolist(),
                                      reports["start"].tolist(), reports["end"].tolist(), reports["quote"].tolist(),
                                      strict=True)
             if isinstance(t, str) and t and (a, t) not in have]
    if not extra:
        return topic_sentences
    unique = list({(r["article_id"], r["topic"]): r for r in extra}.values())
    added = pd.DataFrame(unique, columns=TOPIC_COLUMNS)
    return pd.concat([topic_sentences, added], ignore_index=True).sort_values(
        ["article_id", "start"], kind="stable").reset_index(drop=True)


def topics_by_article(topic_sentences: pd.DataFrame) -> dict[str, list[str]]:
    """article_id → its topics in the order of the list."""
    order = {t.key: i for i, t in enumerate(topic_list())}
    found: dict[str, set[str]] = {}
    for article_id, topic in zip(topic_sentences["article_id"].tolist(), topic_sentences["topic"].tolist(),
                                 strict=True):
        found.setdefault(article_id, set()).add(topic)
    return {a: sorted(ts, key=lambda t: order.get(t, len(order))) for a, ts in found.items()}


def with_topics_columns(articles: pd.DataFrame, meetings: pd.DataFrame,
                        topic_sentences: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``articles`` and ``meetings`` with a ``topics`` column ("; "-joined keys in the order of the list): an
    article's from its sentences, a meeting's from every article that reports it."""
    by_article = topics_by_article(topic_sentences)
    articles = articles.copy()
    articles["topics"] = pd.Series(["; ".join(by_article.get(a, [])) for a in articles["article_id"].tolist()],
                                   index=articles.index, dtype=object)
    by_file = dict(zip(articles["file"].tolist(), articles["topics"].tolist(), strict=True))
    order = {t.key: i for i, t in enumerate(topic_list())}
    meetings = meetings.copy()
    values = []
    for files in meetings["files"].tolist() if "files" in meetings else []:
        found = {t for f in _items(files) for t in str(by_file.get(f, "")).split("; ") if t}
        values.append("; ".join(sorted(found, key=lambda t: order.get(t, len(order)))))
    meetings["topics"] = pd.Series(values, index=meetings.index, dtype=object)
    return articles, meetings


def _items(value: object) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return [str(v) for v in value]  # type: ignore[attr-defined]
