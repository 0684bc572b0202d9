"""Raw documents → clean articles: body without page furniture, title, outlet, language, publication date.

HTML goes through trafilatura (main text and metadata) with htmldate for the date. Plain text scraped from a
page is cleaned line by line in the spirit of jusText: each line is scored from its length, its share of
stop words, digits, separators and a small lexicon of furniture phrases; the article is the contiguous run
of lines with the highest total score, and furniture lines inside it ("Читайте также", photo credits) are
dropped. Nothing is looked up per site.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from lib.articles import metadata, pubdates
from lib.records import Article, RawDocument


class NoArticleText(Exception):
    """Nothing of the document is article text."""


# Phrases that open furniture lines in Russian and English news pages: sharing, related links, comments,
# tags, subscriptions, legal notices, ads. A line *starting* with one is furniture, whatever its length.
FURNITURE_START = re.compile(
    r"^(?:поделиться|поделитесь|share|tweet|tell (?:a|your) friends?|send (?:this )?to a friend|"
    r"e-?mail (?:this|(?:to )?a friend)|расскажи(?:те)? друзьям|рассказать друзьям|отправить (?:другу|друзьям)|"
    r"читайте также|читать также|см\. также|смотрите также|read also|read more|"
    r"see also|related|related news|relevant news|материалы по теме|еще по теме|ещё по теме|другие новости|"
    r"похожие новости|по теме|лента новостей|новости партнеров|партнеры|реклама|advertisement|sponsored|"
    r"теги|метки|tags?|рубрики|разделы|categories|комментари\w*|comments?|оставьте комментарий|"
    r"написать комментарий|войдите|подписаться|подпишитесь|subscribe|sign up|newsletter|"
    r"read previous|read next|предыдущая|следующая|previous|next|все новости|загрузить ещ[её]|"
    r"показать ещ[её]|most read|most viewed|самое читаемое|популярное|актуальные сюжеты|главное за день|"
    r"наш опрос|все опросы|опрос|голосов|всего голосов|фото:|фото |photo:|photo |images? \||видео:|"
    r"источник фото|found an error|нашли ошибку|select the error|выделите|версия для печати|print|"
    r"главная\b|home\b|меню|menu|поиск|search\b|"
    r"мы используем|this (?:website|site) uses cookies|we use cookies|cookies?|"
    r"уведомить о|guest\b|межтекстовые отзывы|посмотреть все комментарии|"
    r"постоянный адрес|permalink|скачайте|download our app|наши соцсети|follow us|"
    r"support independent|become a member|о нас|about us|about\b|контакты|contacts?\b|редакция\b)",
    re.IGNORECASE,
)
# A share widget's row of network names ("Facebook Twitter Telegram WhatsApp"): no article line is only that.
SOCIAL_ONLY = re.compile(
    r"^(?:(?:facebook|twitter|x|vk|вконтакте|vkontakte|одноклассники|ok|telegram|whatsapp|viber|linkedin|email|"
    r"e-mail|print|pinterest|reddit|threads|instagram|youtube|мой мир|livejournal|copy link|"
    r"скопировать ссылку)[\s|·,/•]*){2,}$", re.IGNORECASE)
# Phrases that make a line furniture wherever they stand (copyright, legal notices, cookie buttons), and a
# temperature (a weather widget).
FURNITURE_PHRASES = (
    r"©|\(c\)\s*\d{4}|copyright|all rights reserved|все права защищены|при использовании материалов|"
    r"перепечатка|reproduction without|may not be reproduced|without reference to|гиперссылка обязательна|"
    r"ссылка обязательна|политика конфиденциальности|privacy policy|terms of use|пользовательское соглашение|"
    r"\| реклама|\[ok\]|\[accept\]|\[sign up\]|\[subscribe\]|\[join\]|18\+|16\+|свидетельство о регистрации"
)
# "+25 °C", "−3°": only searched for, so the sign and the other digits need not be part of the pattern.
TEMPERATURE = re.compile(r"\d\s?°")
FURNITURE_ANY = re.compile(f"{FURNITURE_PHRASES}|{TEMPERATURE.pattern}", re.IGNORECASE)
# re tries every branch of a long case-insensitive alternation at every position. Over the lower-cased line, with
# every branch starting with a literal character, it skips to the candidate positions: ~8× faster. For the
# characters of Russian, Kazakh, Kyrgyz and English text lower-casing agrees with re.IGNORECASE
# (tests/test_clean.py checks each one); a line with any other character falls back.
FURNITURE_PHRASES_LOWER = re.compile(FURNITURE_PHRASES)
UNUSUAL_CASE = re.compile(r"[^\x00-\xff\u0400-\u04ff\u2000-\u206f\u20a0-\u20cf\u2116\u2212]")
# Ticker quotes: a currency sign or code next to a number with a change ("$ 99.61 +0.03", "USD 82,71").
TICKER = re.compile(r"(?:[$€₽¥£₸]|USD|EUR|RUB|KZT|KGS|CNY|UZS|Brent)[\s/A-Z]*\d+[.,]\d+", re.IGNORECASE)
DECIMAL = re.compile(r"\d[.,]\d")  # in every ticker quote; most lines have none and skip the slower search
# Labels a site appends to a headline ("… Новость дня", "… Exclusive").
TITLE_BADGE = re.compile(r"\s+(?:новость дня|главное|эксклюзив|молния|срочно|видео|фото|breaking|exclusive|"
                         r"updated|live|video|photo)\s*$", re.IGNORECASE)
# Furniture that sites put *inside* an article (a related link, a photo credit): the article goes on after it.
INLINE_FURNITURE = re.compile(r"^(?:читайте также|читать также|см\. также|смотрите также|read also|see also|"
                              r"также читайте|фото|photo|images?\b|источник фото|видео:|video:)", re.IGNORECASE)
# "By Daniyar Ospanov", "Автор: Айгерим Тулеева": a byline is not a headline and not article text.
BYLINE = re.compile(r"^(?:by|автор\w*|author|текст|text|корреспондент|correspondent)\s*:?\s+\S+(?:\s+\S+){0,3}$",
                    re.IGNORECASE)
# A headline in a list of links ends with its own date: "… прибыл в Чолпон-Ату (20.07.2022)", "… — Dec 8, 2021".
TEASER_DATE = re.compile(r"(?:\s[—–-]\s*|\()\s*(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}\s+\w+\.?,?\s+\d{4}|"
                         r"\w+\.?\s+\d{1,2},\s+\d{4})(?:,?\s*(?:at\s+|в\s+)?\d{1,2}:\d{2})?\)?\s*$")
SEPARATORS = re.compile(r"\s[|·•›»>→/]\s|\s{3,}|\[|\]")
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?…»\"”:;)]\s*$")
FULL_STOP = re.compile(r"[a-zа-яё][.!?…]\s*$")
BULLET = re.compile(r"^\s*(?:[•·▪●◦‣*–—-]|\d{1,2}[.)])\s+")
OUTLET_LABEL = re.compile(
    r"(?:портал|агентство|издание|газета|сайт|portal|agency|news agency)\s+[«\"“](?P<name>[^»\"”]{2,40})[»\"”]",
    re.IGNORECASE)
OUTLET_REPORTS = re.compile(
    r"(?:^|[\s,(])(?P<name>[A-Z][A-Za-z\-]+(?:\s[A-Z][A-Za-z\-]+){0,2}) (?:reports|cites|said in a statement)\b|"
    r"(?:[Кк]ак сообщал[оа]?|[Кк]ак передает|[Кк]ак передаёт)\s+(?P<ru>[A-ZА-ЯЁ«][\w\-]+(?:\s[A-ZА-ЯЁ][\w\-]+)?)")
# Words OUTLET_REPORTS cannot match without: most body lines have none and skip its slow search.
REPORTING_WORDS = ("reports", "cites", "said in a statement", "ак сообщал", "ак передает", "ак передаёт")
# "NUR-SULTAN. KAZINFORM –", "BISHKEK, April 29 (Kabar) –": the agency that filed the story.
WIRE_DATELINE = re.compile(r"^[A-ZА-ЯЁ\-]{3,}(?:\s[A-ZА-ЯЁ\-]{3,})?[,.]\s*(?:[A-Za-z]+\s+\d{1,2}\s+\()?"
                           r"(?P<name>[A-Z][A-Za-z]+|[A-ZА-ЯЁ]{3,})\)?\s*[–—-]")
URL = re.compile(r"(?:https?://)?(?:[\w-]+\.)+(?:com|ru|kz|kg|org|net|info|news|uz|asia)(?:/[\w\-./%?=&]*)?",
                 re.IGNORECASE)


@lru_cache(maxsize=2)
def _stopwords(language: str) -> frozenset[str]:
    """jusText's stop list, read from its package folder as justext.get_stoplist reads it.

    Importing justext would load lxml, urllib and email (~0.1 s of CPU in every worker) for two word lists.
    """
    spec = importlib.util.find_spec("justext")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("justext is not installed: pip install -r requirements.txt")
    data = (Path(spec.origin).parent / "stoplists" / f"{language}.txt").read_bytes()
    return frozenset(w.decode("utf8").lower() for w in data.splitlines())


RUSSIAN_LETTERS = re.compile(r"[а-яё]", re.IGNORECASE)
LATIN_LETTERS = re.compile(r"[a-z]", re.IGNORECASE)
KAZAKH_LETTERS = re.compile(r"[әғқұһі]", re.IGNORECASE)
KYRGYZ_LETTERS = re.compile(r"[ңөү]", re.IGNORECASE)
LETTER_SETS = (RUSSIAN_LETTERS, KAZAKH_LETTERS, KYRGYZ_LETTERS, LATIN_LETTERS)


@lru_cache(maxsize=1)
def _letter_sets_of_code_points() -> np.ndarray:
    """For each code point of the Basic Multilingual Plane: 1 + the index of the LETTER_SETS pattern it matches, or 0.

    No pattern matches a code point above it (tests/test_clean.py checks), and U+FFFF matches none.
    """
    every = "".join(map(chr, range(0x10000)))
    sets = np.zeros(0x10000, dtype=np.uint8)
    for number, pattern in enumerate(LETTER_SETS, start=1):
        for match in pattern.finditer(every):
            sets[match.start()] = number
    return sets


def detect_lang(text: str) -> str:
    """'ru', 'kk', 'ky' or 'en' from the letters used."""
    sample = text[:20000]
    # One vectorised pass counts the four letter sets; four regex passes cost ~15× more (called twice an article).
    codes = np.frombuffer(sample.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    counts = np.bincount(_letter_sets_of_code_points()[np.minimum(codes, 0xFFFF)], minlength=len(LETTER_SETS) + 1)
    cyr, kazakh, kyrgyz, latin = (int(n) for n in counts[1:])
    if cyr + kazakh + kyrgyz < latin:
        return "en"
    # Russian text quotes a Kazakh or Kyrgyz name now and then; a language of its own uses its letters often.
    if kazakh > 0.02 * cyr:
        return "kk"
    if kyrgyz > 0.02 * cyr:
        return "ky"
    return "ru"


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    words: int
    stop_share: float
    furniture: bool
    date_line: bool
    prose: bool  # reads as a sentence: ends like one and has enough words
    inline: bool  # furniture that may sit inside an article
    score: float  # positive for article prose, negative for page furniture; the body is the best-scoring run


def _line(text: str, stop: frozenset[str]) -> Line:
    words = WORD.findall(text)
    n = len(words)
    share = sum(1 for w in words if w.lower() in stop) / n if n else 0.0
    stripped = BULLET.sub("", text)
    tickers = len(TICKER.findall(text)) if DECIMAL.search(text) else 0
    furniture = bool(
        FURNITURE_START.match(stripped) or _furniture_anywhere(text) or SOCIAL_ONLY.match(stripped)
        # A prose sentence may give several dollar figures; a ticker line has little else.
        or (tickers >= 2 and (n < 15 or share < 0.15))
        or (len(SEPARATORS.findall(text)) >= 3 and n < 25 and not SENTENCE_END.search(text))
        or _digit_share(text) > 0.4
        or (text.isupper() and n <= 8)
        or bool(BYLINE.match(text))
        or (bool(TEASER_DATE.search(text)) and n <= 25)
    )
    date_line = pubdates.is_date_line(text)
    prose = n >= 5 and bool(SENTENCE_END.search(text)) and not date_line
    inline = furniture and not date_line and bool(INLINE_FURNITURE.match(stripped))
    return Line(text, n, share, furniture, date_line, prose, inline,
                _score(text, n, share, furniture or date_line, prose))


def _score(text: str, words: int, stop_share: float, furniture: bool, prose: bool) -> float:
    if furniture:
        return -3.0
    if prose and stop_share >= 0.2:
        return 1.0 + min(words, 80) / 10
    if words >= 20 and stop_share >= 0.25:
        return 1.0 + min(words, 80) / 15
    if words <= 2:
        return -1.0
    if words >= 3 and FULL_STOP.search(text) and stop_share >= 0.2:
        # A short sentence ("Переговоры продлились три часа.") neither joins nor splits the prose around it:
        # two of them between paragraphs used to cut the article in two.
        return 0.0
    return -0.5


def _furniture_anywhere(text: str) -> bool:
    """FURNITURE_ANY.search(text), faster."""
    if UNUSUAL_CASE.search(text):
        return FURNITURE_ANY.search(text) is not None
    return FURNITURE_PHRASES_LOWER.search(text.lower()) is not None or TEMPERATURE.search(text) is not None


def _digit_share(text: str) -> float:
    # str.split() drops exactly the characters str.isspace() names; map runs the test in C (4× a generator).
    chars = len("".join(text.split()))
    return sum(map(str.isdigit, text)) / chars if chars else 0.0


def best_run(scores: list[float]) -> tuple[int, int]:
    """[start, end) of the contiguous run with the largest sum (Kadane); (0, 0) when every score is ≤ 0."""
    best, best_span = 0.0, (0, 0)
    running, start = 0.0, 0
    for i, score in enumerate(scores):
        if running <= 0:
            running, start = score, i
        else:
            running += score
        if running > best:
            best, best_span = running, (start, i + 1)
    return best_span


def _normalise(line: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", line).strip()


def clean_text(text: str, lang: str) -> tuple[list[str], list[str], list[str]]:
    """Split a scraped page into (head, body, tail) lines; the body keeps the article's own lines only."""
    lines = [_normalise(x) for x in text.split("\n")]
    lines = [x for x in lines if x]
    stop = _stopwords("English") | _stopwords("Russian") if lang == "en" else _stopwords("Russian")
    scored = [_line(x, stop) for x in lines]
    start, end = best_run([s.score for s in scored])
    if start == end:
        return lines, [], []
    start, end = _bridge(scored, start, end)
    # A heading or list item right after the run's last prose line is kept only inside the run; the run's
    # edges are prose by construction, so everything kept is between two article sentences.
    body = [s.text for s in scored[start:end] if not (s.furniture or s.date_line)]
    return lines[:start], body, lines[end:]


def _bridge(scored: list[Line], start: int, end: int) -> tuple[int, int]:
    """Extend the run across in-article furniture (one or two lines) when article prose continues after it."""
    def strong(i: int) -> bool:
        return 0 <= i < len(scored) and scored[i].prose and scored[i].score >= 2

    while True:
        j = end
        while j < len(scored) and j - end < 2 and scored[j].inline:
            j += 1
        if j == end or not strong(j):
            break
        end = j + 1
        while end < len(scored) and scored[end].score > 0:
            end += 1
    while True:
        j = start - 1
        while j >= 0 and start - 1 - j < 2 and scored[j].inline:
            j -= 1
        if j == start - 1 or not strong(j):
            break
        start = j
        while start > 0 and scored[start - 1].score > 0:
            start -= 1
    return start, end


def _title(head: list[str], body: list[str], lang: str) -> str:
    """The headline: a repeated line above the body, else the nearest headline-like line above it."""
    candidates = []
    for line in reversed(head[-12:]):
        if pubdates.is_date_line(line):
            continue  # a stamp or byline ("10:08, 26 мая 2022, Бишкек - 24.kg , …") is not a headline without its date
        text = TITLE_BADGE.sub("", _strip_date_prefix(line)).strip()
        if _headline_like(text):
            candidates.append(text)
    repeated = [c for c in candidates if sum(1 for x in head if c in x) > 1]
    if repeated:
        return repeated[0]
    if candidates:
        return candidates[0]
    first = body[0] if body else ""
    return first if len(first) <= 160 else first[:157].rsplit(" ", 1)[0] + "…"


def _strip_date_prefix(line: str) -> str:
    """ "date 2021-03-02 Kazakh, Kyrgyz Presidents …" → "Kazakh, Kyrgyz Presidents …" """
    found = pubdates.dates_in(line)
    if found and found[0].start <= 8:
        rest = line[found[0].end:]
        rest = re.sub(rf"^\s*(?:{pubdates.TIME})?\s*[|·,–—-]?\s*", "", rest)
        return rest
    return line


def _headline_like(text: str) -> bool:
    words = WORD.findall(text)
    if not 3 <= len(words) <= 30 or text.isupper():
        return False
    if FURNITURE_START.match(text) or SOCIAL_ONLY.match(text) or _furniture_anywhere(text) or BYLINE.match(text) \
            or pubdates.is_date_line(text):
        return False
    if SEPARATORS.search(text) or TICKER.search(text) or _digit_share(text) > 0.3:
        return False
    # A standfirst under the headline is sentences ("… behind it. Can it deliver?"); a headline is one phrase.
    # (Initials "С. Жапаров" and a quoted headline "«…». Посол …" are not sentence breaks.)
    if text.endswith(".") or re.search(r"[a-zа-яё0-9)][.!?…]\s+[A-ZА-ЯЁ«\"]", text):
        return False
    # Russian headlines are in sentence case; a row of capitalised Cyrillic words is a menu.
    return not (len(words) >= 4 and all(w[0].isupper() for w in words) and re.search("[а-яё]", text.lower()))


def _source(head: list[str], body: list[str], tail: list[str]) -> str | None:
    """The outlet the page names: its copyright line, an agency credited in the text, or its masthead."""
    names: list[str] = []
    for line in body:
        credits = any(word in line for word in REPORTING_WORDS)
        match = (OUTLET_REPORTS.search(line) if credits else None) or WIRE_DATELINE.match(line)
        if match:
            name = (match.groupdict().get("name") or match.groupdict().get("ru") or "").strip(" «»")
            if name and name.lower() not in {"he", "she", "it", "they", "the", "press", "the press"}:
                names.append(name.title() if name.isupper() and len(name) > 4 else name)
                break
    for line in [*tail, *head]:
        match = re.search(r"(?:©|copyright of materials of|copyright)\s*(?P<rest>.+)", line, re.IGNORECASE)
        if match:
            name = _outlet_from_copyright(match["rest"])
            if name:
                names.append(name)
                break
    for line in body[:3] + head:
        match = OUTLET_LABEL.search(line)
        if match:
            names.append(match["name"].strip())
            break
    if not names and head:
        masthead = head[0]
        # A language switch ("РУ", "EN") or the page's address is not the outlet's name.
        if (_headline_like(masthead) or masthead.isupper()) and len(WORD.findall(masthead)) <= 5 \
                and len(masthead) > 2 and "://" not in masthead \
                and not any(masthead in line for line in head[1:]) and not FURNITURE_START.match(masthead):
            names.append(masthead.title() if masthead.isupper() else masthead)
    unique: list[str] = []
    for name in names:
        if not any(name.lower() == u.lower() for u in unique):
            unique.append(name)
    return " / ".join(unique) if unique else None


def _outlet_from_copyright(rest: str) -> str | None:
    quoted = re.search(r"[«\"“]([^»\"”]{2,60})[»\"”]", rest)
    if quoted:
        return quoted.group(1).strip()
    rest = re.sub(r"^(?:\s*(?:19|20)\d{2}\s*[–—-]?\s*)+", "", rest)
    rest = re.sub(r"^(?:materials of|материалов)\s+", "", rest, flags=re.IGNORECASE)
    rest = re.sub(r"^(?:news agency|агентство)\s+", "", rest, flags=re.IGNORECASE)
    name = re.split(r"[.,·|]|\s{2,}|\ball rights\b|\bвсе права\b", rest, maxsplit=1)[0].strip()
    return name if 1 <= len(name.split()) <= 5 and not re.search(r"\d{4}", name) else None


def _url(lines: list[str]) -> str | None:
    for line in lines:
        if re.search(r"адрес новости|permalink|source:|источник:|url", line, re.IGNORECASE) or "://" in line:
            match = URL.search(line)
            if match:
                return match.group(0)
    return None


def _markdown_to_text(text: str) -> str:
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^#{1,6}\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"(\*\*|__|\*|_|`)(\S[^\n]*?\S|\S)\1", r"\2", text)
    text = re.sub(r"^\s*>\s?", "", text, flags=re.MULTILINE)
    return text


def _article_id(title: str, body: str) -> str:
    return hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()[:16]


def text_article(raw: RawDocument) -> Article:
    """Clean one decoded plain-text or Markdown document; raises NoArticleText when no article text remains."""
    saved, text = metadata.split_metadata(raw.text)
    text = _markdown_to_text(text) if raw.kind == "markdown" else text
    lang = detect_lang(text)
    head, body, tail = clean_text(text, lang)
    if not body:
        raise NoArticleText("no article text found: every line looks like page furniture (menus, links, "
                            "tickers) or the text is too short")
    body_text = "\n".join(body)
    lang = detect_lang(body_text)
    title = saved.title or _title(head, body, lang)
    published = pubdates.publication_date(
        pubdates.PageDates(head, body, tail, metadata=saved.published, seen=saved.seen, updated=saved.updated))
    body_text = unicodedata.normalize("NFC", body_text)
    return Article(
        article_id=_article_id(title, body_text),
        file=raw.file,
        title=title,
        source=saved.source or _source(head, body, tail),
        url=saved.url or _url([*head, *tail]),
        lang=lang,
        published=published,
        body=body_text,
    )
