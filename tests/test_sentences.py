"""Sentences: split once per article, line by line on first use, the same spans whichever extractor asks first."""

from hypothesis import given, settings
from hypothesis import strategies as st
from razdel import sentenize

from lib import pipeline
from lib.articles.sentences import Sentence, Sentences, sentences, split
from lib.facts import passages
from lib.facts.meetings import reports
from lib.facts.trade import turnover
from lib.records import Article, articles_frame

PIECES = ["Токаев провел переговоры с Жапаровым.", "ASTANA. KAZINFORM –", "Т.е.", "г.", "1.", "•",
          "Tokayev met Japarov.", "Mr. Smith said", "«Да!»", "— Нет.", " ", "  ", "\n", "\n\n", "т. д.", "A.", "Б.",
          "...", "?", "it", "в 2024 г."]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=16).map(" ".join) | st.lists(
    st.sampled_from(PIECES), max_size=16).map("".join)


def _by_line(body: str) -> list[Sentence]:
    """The rule spelled out: razdel on each line, blank sentences dropped, offsets into the body."""
    out, offset = [], 0
    for line in body.split("\n"):
        out += [Sentence(offset + s.start, offset + s.stop, s.text) for s in sentenize(line) if s.text.strip()]
        offset += len(line) + 1
    return out


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_sentences_are_razdel_line_by_line(body):
    assert sentences(body) == _by_line(body)
    for s in sentences(body):
        assert body[s.start:s.end] == s.text


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.data())
def test_a_line_asked_first_is_the_same_line_in_the_whole(body, data):
    starts = [0] + [k + 1 for k, c in enumerate(body) if c == "\n"]
    split_body = Sentences(body)
    asked = data.draw(st.sampled_from(starts))
    line = split_body.line(asked)
    assert split_body.spans == _by_line(body)
    assert line == [s for s in _by_line(body) if asked <= s.start and "\n" not in body[asked:s.start]]


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(min_value=0, max_value=30), st.booleans())
def test_blanking_the_first_line_splits_that_line_anew(body, end, split_first):
    first_line = body.split("\n")[0]
    end = min(end, len(first_line))
    split_body = Sentences(body)
    if split_first:
        split_body.spans  # noqa: B018  (the lines kept must be the ones handed on)
    blanked = split_body.blanked(end)
    assert blanked.body == " " * end + body[end:]
    assert blanked.spans == sentences(blanked.body)


def test_split_reuses_only_the_sentences_of_the_same_body():
    given = Sentences("Один. Два.")
    assert split("Один. Два.", given) is given
    assert split("Три.", given).body == "Три."
    assert split("Три.", None).spans == [Sentence(0, 4, "Три.")]


def _frame(bodies: list[str]):
    return articles_frame([Article(f"a{k}", f"f{k}.txt", "Заголовок", None, None, "ru", None, body)
                           for k, body in enumerate(bodies)])


BODIES = [
    "АСТАНА. КАЗИНФОРМ – Президент Казахстана Касым-Жомарт Токаев провел переговоры с Президентом Кыргызстана "
    "Садыром Жапаровым. Товарооборот составил $1,5 млрд в 2024 году.",
    "BISHKEK, April 29 (Kabar) - Tokayev met Japarov in Bishkek on Monday. " + "They discussed trade. " * 40,
    "  Отступ перед строкой. " + "Стороны обсудили торговлю и транспорт. " * 30 + "  \nВторая строка.",
]


def test_extractors_read_the_sentences_handed_to_them_as_their_own():
    frame = _frame(BODIES)
    texts = {a: Sentences(b) for a, b in zip(frame["article_id"], frame["body"], strict=True)}
    mentions = pipeline.people.extract_mentions(frame)
    assert passages.make_passages(frame, texts).equals(passages.make_passages(frame))
    assert turnover.extract_trade(frame, texts).equals(turnover.extract_trade(frame))
    assert reports.extract_reports(frame, mentions, texts).equals(reports.extract_reports(frame, mentions))
    assert pipeline.people.extract_mentions(frame, texts).equals(mentions)
    assert len(reports.extract_reports(frame, mentions)) >= 1  # the dateline article's talks are found
