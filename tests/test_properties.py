"""Property tests (hypothesis): the parsers never raise on arbitrary input, cleaning keeps every sentence of
the article however much page furniture surrounds it, and CSV downloads never hand a spreadsheet a formula.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from datetime import date, timedelta

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.articles import clean, metadata, pubdates
from lib.articles import page as page_reader
from lib.files import folders
from lib.records import RawDocument
from lib.views.export import FORMULA_START, spreadsheet_safe, to_csv_bytes

QUICK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- decoding --------------------------------------------------------------------------------------------

# Bytes that look like the beginnings of real files, so the search reaches the BOM, UTF-16 and NUL branches.
PREFIXES = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff",
            b"\x89PNG", b"%PDF", b"\x00", "Казахстан ".encode(), "Казахстан ".encode("cp1251"),
            "Кыргызстан".encode("utf-16-le")]


@QUICK
@given(st.sampled_from(PREFIXES), st.binary(max_size=3000))
def test_decode_raises_nothing_but_unreadable_file(prefix, data):
    try:
        text, encoding = folders.decode(prefix + data)
    except folders.UnreadableFile as exc:
        assert str(exc)  # a reason for errors.csv
        return
    assert isinstance(text, str) and text.strip() and "\x00" not in text
    assert isinstance(encoding, str) and encoding


# Text as articles hold it: any letters, marks, symbols and spaces, newlines and tabs, no other control
# characters (a text full of those is refused as binary, tested above).
article_text = st.text(st.characters(blacklist_categories=["Cc", "Cs"]) | st.sampled_from("\n\t"),
                       min_size=1, max_size=2000)


@QUICK
@given(article_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_text_in_a_unicode_encoding_decodes_to_itself(text, encoding):
    try:
        decoded, _ = folders.decode(text.encode(encoding))
    except folders.UnreadableFile:
        # Refused only when there is nothing to read: blank, or mostly unprintable (format characters).
        assert not text.strip() or sum(not c.isprintable() and c not in "\n\t" for c in text) > len(text) / 20
        return
    assert decoded == unicodedata.normalize("NFC", text)


# Without a BOM only the NUL bytes of its spaces and Latin letters announce UTF-16, as in every real article;
# a few characters of nothing but, say, Hangul cannot be told from an 8-bit code page and are not tried here.
words = st.text(st.sampled_from("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗКЫЭЮЯabcdefghijklmnopqrstuvwxyz,.«»—"),
                min_size=1, max_size=12)


@QUICK
@given(st.lists(words, min_size=3, max_size=200).map(" ".join), st.sampled_from(["utf-16-le", "utf-16-be"]))
def test_utf16_without_bom_decodes_to_itself(text, encoding):
    assert folders.decode(text.encode(encoding))[0] == text


# --- dates -----------------------------------------------------------------------------------------------

DATE_WORDS = ["8 апреля 2021", "2021-03-02", "01.02.2024, 17:30", "Опубликовано", "вчера", "Сегодня 07:36",
              "пятница, 20 февраля 2026", "May 24, 2024", "31.02.2024", "99.99.9999", "0000-00-00", "в 11:08",
              "года", "г.", "BC", "9999", "-1", "\x00", "\u200b", "１２.０３.２０２４"]


@QUICK
@given(st.lists(st.one_of(st.text(max_size=30), st.sampled_from(DATE_WORDS)), max_size=5).map(" ".join),
       st.sampled_from([None, "ru", "en", "kk", ""]),
       st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))))
def test_parse_date_never_raises(text, lang, reference):
    result = pubdates.parse_date(text, lang=lang, reference=reference)
    assert result is None or isinstance(result, date)


MONTHS_GENITIVE = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
                   "ноября", "декабря"]
MONTHS_SHORT = ["янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
news_days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


PAGE_DATE_WORDS = [*DATE_WORDS, "Обновлено", "Бишкекское время 07:27", "БИШКЕК, 21 янв — Sputnik.",
                   "Бишкек, 27.06.23. /Кабар/.", "USD 87.45", "10:08, 26 мая 2022, Бишкек - 24.kg , Имя ФАМИЛИЯ",
                   "By Staff on 18 April 2024", "11:44", "© 2022"]
page_line = st.lists(st.one_of(st.text(max_size=30), st.sampled_from(PAGE_DATE_WORDS)), max_size=4).map(" ".join)


@QUICK
@given(st.lists(st.lists(page_line, max_size=8), min_size=3, max_size=3),
       st.one_of(st.none(), news_days), st.one_of(st.none(), news_days))
def test_publication_date_never_raises(parts, saved, seen):
    head, body, tail = parts
    result = pubdates.publication_date(pubdates.PageDates(head, body, tail, metadata=saved, seen=seen))
    assert result is None or result >= pubdates.EARLIEST


@QUICK
@given(news_days, st.integers(0, 23), st.integers(0, 59), st.booleans(),
       st.text(st.sampled_from("АБВГДЕЖЗИКЛМНОПРСТУФ"), min_size=2, max_size=12))
def test_a_byline_with_the_time_first_dates_the_article(day, hour, minute, english, surname):
    place = "Bishkek - 24.kg news agency" if english else "Бишкек - 24.kg"
    byline = f"{hour:02d}:{minute:02d}, {day.day:02d} {MONTHS_GENITIVE[day.month - 1]} {day.year}, {place} , {surname}"
    assert pubdates.is_date_line(byline)
    page = pubdates.PageDates(["USD 87.45", "Заголовок", byline], ["Текст статьи."], [])
    assert pubdates.publication_date(page) == day


@QUICK
@given(news_days, st.sampled_from(["Бишкек", "Астана", "Ош", "Чолпон-Ата"]),
       st.sampled_from([". /Кабар/.", " /Кабар/."]))
def test_a_two_digit_year_dateline_is_read_in_this_century(day, city, agency):
    line = f"{city}, {day.day:02d}.{day.month:02d}.{day.year % 100:02d}{agency} Стороны обсудили торговлю."
    assert pubdates.publication_date(pubdates.PageDates(["Заголовок"], [line], [])) == day


@QUICK
@given(news_days, st.integers(-120, 120), st.booleans())
def test_a_dateline_without_a_year_takes_it_only_from_a_date_nearby(day, offset, english):
    """The year comes from a full date elsewhere on the page: the dateline's own day when that date is within 45
    days of it, otherwise a day within 45 days of that date, or none."""
    if english:
        line = f"BISHKEK, {MONTHS_EN[day.month - 1]} {day.day} (Kabar) – The sides discussed trade."
    else:
        line = f"БИШКЕК, {day.day} {MONTHS_SHORT[day.month - 1]} — Sputnik. Стороны обсудили торговлю."
    other = day + timedelta(days=offset)
    page = pubdates.PageDates(["Заголовок", f"Обновлено {other:%d.%m.%Y}"], [line], [])
    result = pubdates.publication_date(page)
    if abs(offset) <= pubdates.YEAR_WINDOW_DAYS:
        assert result == day
    else:
        assert result is None or ((result.month, result.day) == (day.month, day.day)
                                  and abs((result - other).days) <= pubdates.YEAR_WINDOW_DAYS)


# A headline: letters at both ends, anything YAML or a key line might trip on between.
metadata_title = st.tuples(st.sampled_from("aZбД"), st.text(st.sampled_from("abc АБВабв:—-'\"?!#"), max_size=40),
                           st.sampled_from("xЯ")).map("".join)


@QUICK
@given(news_days, st.one_of(st.none(), metadata_title),
       st.sampled_from(["yaml", "keys", "bare", "bare-run-on"]),
       # (a "Title: …" line right under "Date: …" is metadata by any reading, so the page text here has none)
       st.lists(st.sampled_from(["Президенты обсудили торговлю и транспорт.", "Date of the talks: not yet set.",
                                 "—", "Стороны подписали соглашение о границе.", "2024-02-06 was a Tuesday."]),
                min_size=1, max_size=4))
def test_saved_metadata_is_read_and_the_page_text_kept_whole(day, title, form, sentences):
    if form == "yaml":
        lines = ["---", f"date: {day.isoformat()}", *([f"title: {title}"] if title else []), "---"]
    elif form == "keys":
        lines = [f"Date: {day.isoformat()}", *([f"Title: {title}"] if title else [])]
    else:
        lines = [f" date {day.isoformat()} 11:44"]
    body = list(sentences)
    if form == "bare-run-on":
        lines, body = [], [f" date {day.isoformat()} {sentences[0]}", *sentences[1:]]
    saved, rest = metadata.split_metadata("\n".join([*lines, *body]))
    assert saved.published == day
    assert [line.strip() for line in rest.split("\n") if line.strip()] == list(sentences)
    if title and form in ("yaml", "keys"):
        assert saved.title == " ".join(title.split()) or form == "yaml" and saved.title is not None


@QUICK
@given(st.text(max_size=600))
def test_split_metadata_never_raises_and_keeps_text_without_metadata(text):
    saved, rest = metadata.split_metadata(text)
    if saved == metadata.Metadata():
        assert rest == text
    else:
        assert len(rest) <= len(text)


# --- cleaning keeps the article ----------------------------------------------------------------------------

EN_SENTENCES = [
    "The presidents of Kazakhstan and Kyrgyzstan discussed water and energy cooperation at the talks in Astana.",
    "Both sides noted that trade between the two countries grew by a fifth over the first half of the year.",
    "The delegations agreed to open a new checkpoint on the border and to simplify customs procedures.",
    "According to the ministry, the agreement on the demarcation of the state border entered into force.",
    "The expert said that the new logistics centre would reduce the cost of transit for farmers in the region.",
    "Tokayev thanked his counterpart for the warm welcome and invited him to visit Almaty in the autumn.",
    "The governments plan to build a hydropower plant on the river together, the statement said.",
    "“We are ready to increase supplies of grain and flour to our neighbours,” the minister told reporters.",
]
RU_SENTENCES = [
    "Президенты Казахстана и Кыргызстана обсудили сотрудничество в водно-энергетической сфере на переговорах в Астане.",
    "Стороны отметили, что товарооборот между странами за первое полугодие вырос на пятую часть.",
    "Делегации договорились открыть новый пункт пропуска на границе и упростить таможенные процедуры.",
    "По данным министерства, соглашение о демаркации государственной границы вступило в силу.",
    "Эксперт считает, что новый логистический центр снизит стоимость транзита для фермеров региона.",
    "Токаев поблагодарил коллегу за тёплый приём и пригласил его посетить Алматы осенью.",
    "Правительства планируют совместно построить гидроэлектростанцию на реке, говорится в заявлении.",
    "«Мы готовы увеличить поставки зерна и муки нашим соседям», — сказал министр журналистам.",
]
# Short lines of the article itself (a one-line paragraph, the source, a bullet list of projects, the expert):
# short like furniture, but the article's own.
RU_SHORT = ["Он добавил, что работа продолжится.", "Об этом сообщает пресс-служба.", "Переговоры продлились три часа.",
            "— строительство дороги Бишкек — Алматы;", "— модернизация пункта пропуска «Кордай»;",
            "Эксперт Иван Петров считает иначе."]
EN_SHORT = ["He added that the work would continue.", "The talks lasted three hours.",
            "- a road from Bishkek to Almaty;", "- a new checkpoint at Korday;", "Analyst John Smith disagrees."]
EN_HEAD = ["Home", "News", "Politics | Economy | Society | World", "Search", "Menu", "$ 99.61 +0.03",
           "EUR 105.20 -0.11", "Login", "Subscribe", "Friday, 20 February 2026", " date 2024-12-05 11:44",
           "By Dana Omarova in Nation on 18 April 2024", "11:01, 31 августа 2021, Bishkek - 24.kg news agency , A B"]
RU_HEAD = ["Главная", "Новости", "Политика | Экономика | Общество | В мире", "Поиск", "Меню", "$ 99.61 +0.03",
           "€ 105.20 -0.11", "Войти", "Подписаться", "пятница, 20 февраля 2026", "Date: 2024-02-06",
           "10:08, 26 мая 2022, Бишкек - 24.kg , Имя ФАМИЛИЯ", "20 апреля 2024, Бишкекское время 07:27"]
EN_TAIL = ["Share", "Tweet", "Read also", "Read Previous", "Read Next", "Comments (0)", "Tags: Kazakhstan, Kyrgyzstan",
           "Kyrgyzstan to raise electricity tariffs 14.11.2024", "Border crossing reopens 12.11.2024",
           "© 2026 News Agency. All rights reserved.", "Privacy policy", "Most read"]
RU_TAIL = ["Поделиться", "Читайте также", "Комментарии (0)", "Теги: Казахстан, Кыргызстан",
           "Кыргызстан повысит тарифы на электроэнергию 14.11.2024", "Пункт пропуска вновь открыт 12.11.2024",
           "© 2026 Информационное агентство. Все права защищены.", "Политика конфиденциальности",
           "Самое читаемое", "Наш опрос", "Всего голосов: 152"]


@st.composite
def page(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A scraped page: furniture lines, a title, 2-6 paragraphs of 1-3 article sentences and up to four short
    lines of the article, furniture again."""
    ru = draw(st.booleans())
    sentences, head, tail = (RU_SENTENCES, RU_HEAD, RU_TAIL) if ru else (EN_SENTENCES, EN_HEAD, EN_TAIL)
    order = draw(st.permutations(sentences))
    sizes = draw(st.lists(st.integers(1, 3), min_size=2, max_size=6))
    paragraphs, used, at = [], [], 0
    for size in sizes:
        chunk = list(order[at:at + size])
        if not chunk:
            break
        at += size
        used.extend(chunk)
        paragraphs.append(" ".join(chunk))
    short = draw(st.lists(st.sampled_from(RU_SHORT if ru else EN_SHORT), max_size=4, unique=True))
    paragraphs[1:1] = short  # after the first paragraph, inside the article
    used.extend(short)
    title = "Казахстан и Кыргызстан договорились о границе" if ru else "Kazakhstan and Kyrgyzstan agree on the border"
    top = draw(st.lists(st.sampled_from(head), max_size=8))
    bottom = draw(st.lists(st.sampled_from(tail), max_size=10))
    gap = draw(st.sampled_from(["\n", "\n\n"]))
    lines = [*top, title, *paragraphs, *bottom]
    return gap.join(lines) + "\n", used


@settings(max_examples=120, deadline=None)
@given(page())
def test_cleaning_keeps_every_sentence_of_the_article(generated):
    text, sentences = generated
    article = page_reader.to_article(RawDocument("page.txt", text, "text", "utf-8"))
    missing = [s for s in sentences if s not in article.body]
    assert not missing, f"lost {missing} from:\n{text}"


# --- CSV downloads -----------------------------------------------------------------------------------------

cell_text = st.one_of(
    st.text(max_size=40),
    st.tuples(st.sampled_from(["=", "+", "-", "@", "\t", "\r", " =", "'"]), st.text(max_size=20)).map("".join),
    st.sampled_from(["=HYPERLINK(\"http://x\",\"y\")", "=cmd|' /C calc'!A0", "@SUM(1+1)", "+1+1", "-2+3"]),
)


@QUICK
@given(st.lists(st.tuples(cell_text, cell_text), min_size=1, max_size=8))
def test_csv_download_cells_never_start_a_formula(rows):
    frame = pd.DataFrame(rows, columns=["title", "quote"])
    data = to_csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert parsed[0] == ["title", "quote"]
    cells = [cell for row in parsed[1:] for cell in row]
    originals = [value for row in rows for value in row]
    assert len(cells) == len(originals)
    for cell, original in zip(cells, originals, strict=True):
        assert not cell.startswith(FORMULA_START), cell
        # Nothing else changes: an escaped cell is the original behind one quote.
        expected = "'" + original if original.startswith(FORMULA_START) else original
        assert cell == expected


def test_spreadsheet_safe_leaves_numbers_and_the_input_alone():
    frame = pd.DataFrame({"value": [-5.0, 3.0], "text": ["=1+1", "fine"]})
    safe = spreadsheet_safe(frame)
    assert list(safe["value"]) == [-5.0, 3.0]
    assert list(safe["text"]) == ["'=1+1", "fine"]
    assert list(frame["text"]) == ["=1+1", "fine"]


# --- the other parsers on arbitrary text (their owners test what they find; here: they never crash) -------

# Text with the letters, punctuation and titles articles are made of, so the search gets past the first regex.
NAME_WORDS = ["Токаев", "Токаева", "Жапаров", "Садыр", "Касым-Жомарт", "президент", "Президент", "министр",
              "Tokayev", "Japarov", "President", "Minister", "Mr.", "г-н", "А.", "С.", "—", "«", "»", "(", ")",
              "экс-премьер", "former", "и.о.", "посол", "Ambassador", "of", "Kazakhstan", "Кыргызстана", ",", "."]
prose = st.lists(st.one_of(st.sampled_from(NAME_WORDS), st.text(max_size=12)), max_size=40).map(" ".join)


@QUICK
@given(st.one_of(st.text(max_size=60), st.sampled_from(NAME_WORDS)), st.booleans())
def test_name_helpers_never_raise(word, surname):
    from lib.facts.officials import names

    assert isinstance(names.inflections(word), set)
    assert isinstance(names.nominative(word, surname), str)
    assert isinstance(names.transliterate(word), str)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prose, st.sampled_from(["ru", "en"]), st.one_of(st.none(), st.dates(min_value=date(1991, 1, 1))))
def test_mentions_of_officials_never_raise(body, lang, published):
    from lib.facts.officials import people

    mentions = people.article_mentions(body, published, lang)
    for mention in mentions:
        assert 0 <= mention.start <= mention.end <= len(body)


@QUICK
@given(st.one_of(st.text(max_size=3000), prose), st.sampled_from(["text", "markdown", "html"]))
def test_cleaning_raises_nothing_but_no_article_text(text, kind):
    try:
        article = page_reader.to_article(RawDocument("any.txt", text, kind, "utf-8"))
    except clean.NoArticleText:
        return
    assert article.body.strip() and article.lang in ("ru", "en")


FACT_WORDS = [*NAME_WORDS, "встретились", "met", "в Бишкеке", "in Astana", "товарооборот", "trade turnover",
              "составил", "reached", "$1,5 млрд", "1.5 billion dollars", "млн долларов", "в 2023 году", "in 2025",
              "вырос на 12%", "grew by 12%", "до 10 млрд", "to $10 billion", "8 апреля", "May 24", "вчера",
              "по телефону", "by phone", "переговоры", "talks", "визит", "visit", "\n", "\n\n", "•", "%", "$"]
fact_prose = st.lists(st.one_of(st.sampled_from(FACT_WORDS), st.text(max_size=8)), max_size=60).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(fact_prose, st.sampled_from(["ru", "en"]),
                          st.one_of(st.none(), st.dates(min_value=date(1991, 1, 1), max_value=date(2100, 1, 1)))),
                min_size=1, max_size=3))
def test_fact_extraction_never_raises_on_any_article(rows):
    from lib import pipeline
    from lib.records import Article, articles_frame

    articles = articles_frame([
        Article(f"id{i}", f"f{i}.txt", body[:40] or "title", None, None, lang, published, body or "text")
        for i, (body, lang, published) in enumerate(rows)])
    facts = pipeline.extract_facts(articles)
    for name, frame in facts.items():
        assert isinstance(frame, pd.DataFrame), name
        if len(frame) and "article_id" in frame.columns:
            assert set(frame["article_id"]) <= set(articles["article_id"]), name
