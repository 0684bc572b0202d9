"""Search: passages with offsets, query expansion, the embedding cache, filters, the fallback model and the CLI."""

import csv
import io
import os
import time
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pytest

from lib import cli
from lib.facts import passages
from lib.search import dense, encoders, engine, metrics
from lib.search import expansion as expand
from lib.search.encoders import ModelInfo
from lib.search.rank import tokenize
from lib.store.batches import Store


class StandIn:
    """A deterministic encoder for tests: hashed bag of word stems, so similar wording gives similar vectors."""

    def __init__(self) -> None:
        self.info = ModelInfo("stand-in", fallback=False, multilingual=False)
        self.encoded: list[str] = []

    @property
    def dim(self) -> int:
        return 64

    def encode(self, texts: Sequence[str], kind: str, progress=None) -> np.ndarray:
        self.encoded.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for token in tokenize(text):
                out[i, sum(map(ord, token)) % self.dim] += 1.0
            out[i] /= np.linalg.norm(out[i]) or 1.0
        if progress:
            progress(len(texts), len(texts))
        return out


def articles_frame(rows):
    return pd.DataFrame([{"article_id": a, "file": f, "title": t, "source": None, "url": None, "lang": lang,
                          "published": pd.NaT, "body": b, "n_chars": len(b)} for a, f, t, lang, b in rows])


ARTICLES = articles_frame([
    ("a1", "ru1.txt", "Товарооборот", "ru",
     "Главная / Новости\nТоварооборот между Казахстаном и Кыргызстаном за девять месяцев вырос на 12 процентов "
     "и достиг 1,2 млрд долларов, сообщили в правительстве.\nПоделиться"),
    ("a2", "en1.txt", "Checkpoint", "en",
     "Kazakhstan and Kyrgyzstan agreed to modernise the Kordai border checkpoint to cut truck queues.\n"
     "The deputy prime ministers inspected the crossing on Friday."),
    ("a3", "ru2.txt", "Пункт пропуска", "ru",
     "Вице-премьеры двух стран осмотрели пункт пропуска Ак-Тилек, где скопились грузовики.\n"
     "Стороны договорились о модернизации пограничной инфраструктуры."),
    ("a4", "en2.txt", "Football", "en",
     "The national football team won the friendly match in Almaty on Sunday evening in front of fans."),
])


@pytest.fixture()
def index(tmp_path):
    encoder = StandIn()
    return engine.build_index(ARTICLES, passages.make_passages(ARTICLES), encoder, Store(tmp_path))


def test_passages_have_offsets_into_the_body_and_skip_menus():
    frame = passages.make_passages(ARTICLES)
    assert list(frame.columns) == ["passage_id", "article_id", "text", "start", "end"]
    bodies = dict(zip(ARTICLES["article_id"], ARTICLES["body"], strict=True))
    for row in frame.itertuples():
        assert bodies[row.article_id][row.start:row.end] == row.text
    texts = frame["text"].tolist()
    assert "Главная / Новости" not in texts and "Поделиться" not in texts
    assert (frame["article_id"] == "a2").sum() == 2


def test_long_paragraph_becomes_sentence_windows():
    sentence = "Стороны обсудили вопросы торгово-экономического сотрудничества и транзита грузов. "
    body = "Заголовок статьи о переговорах\n" + sentence * 30
    frame = passages.make_passages(articles_frame([("x", "x.txt", "t", "ru", body)]))
    windows = frame.iloc[1:]
    assert len(windows) > 1
    assert (windows["end"] - windows["start"]).max() <= passages.MAX_CHARS
    assert all(body[r.start:r.end] == r.text for r in frame.itertuples())


def test_passages_of_no_articles():
    assert passages.make_passages(ARTICLES.iloc[0:0]).empty


@pytest.mark.parametrize(("query", "expected"), [
    ("trade turnover", "товарооборот"),
    ("border checkpoint", "пункт пропуска"),
    ("пункты пропуска", "checkpoint"),
    ("водно-энергетический комплекс", "water and energy"),
    ("телефонный разговор", "phone call"),
    ("Zhaparov visit", "Жапаров"),
    ("Токаевым", "Tokayev"),
])
def test_expansion_crosses_languages(query, expected):
    assert expected in expand.default_expander().expand(query).terms


def test_expander_needs_every_word_of_a_phrase():
    expander = expand.Expander([["water and energy", "водно-энергетический"]])
    assert expander.expand("water shortage").groups == ()
    assert expander.expand("water and energy").groups == (("водно-энергетический",),)


def test_english_query_finds_russian_article(index):
    hits = index.search(["trade turnover grew"], k=2)
    assert hits.iloc[0]["file"] == "ru1.txt"
    assert list(hits.columns) == engine.RESULT_COLUMNS
    body = ARTICLES.set_index("article_id").loc[hits.iloc[0]["article_id"], "body"]
    assert body[hits.iloc[0]["start"]:hits.iloc[0]["end"]] == hits.iloc[0]["passage"]


def test_checkpoint_query_finds_both_languages(index):
    hits = index.search(["border checkpoint modernisation"], k=3)
    assert set(hits["file"].head(2)) == {"en1.txt", "ru2.txt"}
    assert hits["rank"].tolist() == [1, 2, 3]


def test_several_queries_and_filters(index):
    hits = index.search(["пункт пропуска", "football match"], k=2, allowed_article_ids={"a2", "a4"})
    assert set(hits["article_id"]) <= {"a2", "a4"}
    assert hits[hits["query"] == "football match"].iloc[0]["file"] == "en2.txt"
    assert index.search(["anything"], k=3, allowed_article_ids=set()).empty


def test_unknown_method_is_refused(index):
    with pytest.raises(ValueError, match="unknown search method"):
        index.search(["x"], method="magic")


def test_more_like_this_excludes_the_article(index):
    hits = index.more_like_this("a2", k=3)
    assert "a2" not in set(hits["article_id"])
    assert hits.iloc[0]["article_id"] == "a3"
    assert index.more_like_this("missing").empty


def test_embedding_cache_encodes_only_new_passages(tmp_path):
    store = Store(tmp_path)
    first = StandIn()
    engine.build_index(ARTICLES.iloc[:2], passages.make_passages(ARTICLES.iloc[:2]), first, store)
    assert len(first.encoded) == 3
    again = StandIn()
    engine.build_index(ARTICLES.iloc[:2], passages.make_passages(ARTICLES.iloc[:2]), again, store)
    assert again.encoded == []
    more = StandIn()
    index = engine.build_index(ARTICLES, passages.make_passages(ARTICLES), more, store)
    assert len(more.encoded) == 3
    assert index.vectors.dtype == np.float32 and index.vectors.shape == (6, 64)
    namespace = engine.cache_namespace(more, f"{engine.GLOSS_TAG}-{index.expander.fingerprint}")
    cached = store.read(namespace, "vectors", key="hash")
    assert len(cached) == 6


def test_vectors_of_an_earlier_glossary_are_retired_once_idle(tmp_path):
    store = Store(tmp_path)
    encoder = StandIn()
    stale = engine.cache_namespace(encoder, f"{engine.GLOSS_TAG}-0000000000")
    other_model = "embeddings-another-model-gloss-0000000000"
    for name in (stale, other_model):
        store.write_batch(name, {"vectors": pd.DataFrame({"hash": ["h"], "vector": [[0.0] * 64]})})
        then = time.time() - 8 * 24 * 3600
        os.utime(tmp_path / name, (then, then))
    index = engine.build_index(ARTICLES, passages.make_passages(ARTICLES), encoder, store)
    current = engine.cache_namespace(encoder, f"{engine.GLOSS_TAG}-{index.expander.fingerprint}")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert current in names and other_model in names and stale not in names


def test_english_only_model_reads_russian_passages_through_the_glossary(tmp_path):
    encoder = StandIn()
    engine.build_index(ARTICLES, passages.make_passages(ARTICLES), encoder, Store(tmp_path))
    russian = [t for t in encoder.encoded if "turnover" in t]
    assert russian and not any("Товарооборот между" in t for t in encoder.encoded)
    assert any(t.startswith("Kazakhstan and Kyrgyzstan agreed") for t in encoder.encoded)


def test_score_queries_reports_each_method(index):
    queries = [{"q": "trade turnover", "relevant": ["ru1.txt"], "cross_lingual": True},
               {"q": "football", "relevant": ["en2.txt"], "cross_lingual": False}]
    summary = metrics.summarise_scores(metrics.score_queries(index, queries)).set_index("method")
    assert summary.loc["fused", "recall@5"] == 1.0
    assert summary.loc["bm25", "cross recall@5"] == 1.0


def test_empty_corpus_searches_to_nothing(tmp_path):
    index = engine.build_index(ARTICLES.iloc[0:0], passages.make_passages(ARTICLES.iloc[0:0]), StandIn(),
                               Store(tmp_path))
    assert index.search(["граница"], k=5).empty


# One load of the real packaged model for the whole module: the model the product uses when the configured one
# cannot be had (tests/conftest.py keeps the network off).
@pytest.fixture(scope="module")
def fallback():
    encoder = encoders.load_encoder("no-such-model-anywhere")
    return encoder


def test_the_stand_in_for_a_missing_model_is_the_packaged_multilingual_one_and_says_so(fallback):
    assert fallback.info.fallback and fallback.info.multilingual
    sentence = fallback.info.sentence()
    assert "Universal Sentence Encoder Multilingual v3" in sentence and "instead of the configured model" in sentence
    assert "no-such-model-anywhere is not downloaded" in sentence and "models pull" in sentence
    vectors = fallback.encode(["border checkpoint", "пункт пропуска на границе", "футбольный матч"], "query")
    assert vectors.shape == (3, 512)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2  # across languages, by meaning


def test_the_default_model_is_the_packaged_multilingual_one(monkeypatch):
    monkeypatch.delenv("KK_EMBED_MODEL", raising=False)
    encoder = encoders.load_encoder()
    assert isinstance(encoder, encoders.UseEncoder)
    assert not encoder.info.fallback and encoder.info.multilingual
    assert "KK_EMBED_MODEL" in encoder.info.sentence()  # how to get another model


def test_e5_models_get_prefixes():
    assert encoders.prefixes("intfloat/multilingual-e5-small") == ("query: ", "passage: ")
    assert encoders.prefixes("all-MiniLM-L6-v2") == ("", "")


def test_cli_search_prints_csv_and_model(fallback, monkeypatch, tmp_path, capsys):
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    for row in ARTICLES.itertuples():
        (corpus_dir / row.file).write_text(f"{row.title}\n\n{row.body}\n", encoding="utf-8")
    monkeypatch.setattr(cli, "load_encoder", lambda **_: fallback)
    code = cli.main(["search", "--corpus", str(corpus_dir), "--store", str(tmp_path / "store"), "--k", "2",
                     "border checkpoint", "товарооборот"])
    out, err = capsys.readouterr()
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0].keys()) == ["query", "rank", "file", "score", "passage"]
    assert len(rows) == 4
    assert {r["file"] for r in rows if r["query"] == "товарооборот"} >= {"ru1.txt"}
    assert "warning" in err and "Universal Sentence Encoder Multilingual v3" in err and "encoding passages" in err


def test_large_index_path_ranks_like_the_exact_one(index, monkeypatch):
    exact = index.search(["border checkpoint modernisation", "football"], k=4)
    monkeypatch.setattr(engine, "EXACT_COSINE_LIMIT", 0)
    monkeypatch.setattr(engine, "PROBE_ARTICLES", 2)
    pooled = index.search(["border checkpoint modernisation", "football"], k=4)
    assert pooled.groupby("query")["file"].first().to_dict() == exact.groupby("query")["file"].first().to_dict()


def test_an_empty_expander_is_used_as_given(tmp_path):
    index = engine.build_index(ARTICLES, passages.make_passages(ARTICLES), StandIn(), Store(tmp_path),
                               expander=expand.Expander([]))
    assert len(index.expander) == 0
    assert "ru1.txt" not in set(index.search(["trade turnover grew"], k=2)["file"])


def test_large_indexes_hold_float16_vectors_and_rank_as_float32_does(tmp_path, monkeypatch):
    frame = passages.make_passages(ARTICLES)
    exact = engine.build_index(ARTICLES, frame, StandIn(), Store(tmp_path))
    monkeypatch.setattr(engine, "EXACT_COSINE_LIMIT", 2)
    small = engine.build_index(ARTICLES, frame, StandIn(), Store(tmp_path))
    assert small.vectors.dtype == np.float16 and exact.vectors.dtype == np.float32
    assert np.abs(small.vectors.astype(np.float32) - exact.vectors).max() < 1e-3
    for query in ("пункт пропуска", "trade turnover", "football match"):
        assert exact.search([query], k=3)["article_id"].tolist() == small.search([query], k=3)["article_id"].tolist()
    similar = small.more_like_this("a2", k=3)["article_id"].tolist()
    assert similar == exact.more_like_this("a2", k=3)["article_id"].tolist()


def test_repeated_passages_are_encoded_once_and_new_ones_cached_in_slices(tmp_path, monkeypatch):
    monkeypatch.setattr(dense, "ENCODE_SLICE", 2)
    store = Store(tmp_path)
    texts = ["alpha border", "beta trade", "alpha border", "gamma visit", "delta water", "beta trade"]
    encoder = StandIn()
    seen = []
    vectors = engine.passage_vectors(texts, encoder, store, progress=lambda done, total: seen.append((done, total)))
    assert encoder.encoded == ["alpha border", "beta trade", "gamma visit", "delta water"]
    assert np.array_equal(vectors, StandIn().encode(texts, "passage"))
    assert seen[-1] == (4, 4) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert len(store.batches(engine.cache_namespace(encoder))) == 2  # one batch per slice
    again = StandIn()
    assert np.array_equal(engine.passage_vectors(texts[::-1], again, store), vectors[::-1])
    assert again.encoded == []


def test_passages_out_of_order_or_of_unknown_articles_index_as_a_sorted_corpus(tmp_path):
    frame = passages.make_passages(ARTICLES)
    stray = pd.DataFrame([{"passage_id": "zz:0", "article_id": "zz", "text": "stray text", "start": 0, "end": 10}])
    shuffled = pd.concat([frame.sample(frac=1.0, random_state=3), stray], ignore_index=True)
    ordered = engine.build_index(ARTICLES, frame, StandIn(), Store(tmp_path))
    index = engine.build_index(ARTICLES, shuffled, StandIn(), Store(tmp_path))
    assert index.passages.equals(ordered.passages)
    assert index.articles.equals(ordered.articles)
    assert np.array_equal(index.starts, ordered.starts) and np.array_equal(index.vectors, ordered.vectors)
    assert index.search(["пункт пропуска"], k=4).equals(ordered.search(["пункт пропуска"], k=4))


def test_article_means_computed_in_slices_are_the_means(index, monkeypatch):
    monkeypatch.setattr(engine, "MEAN_SLICE", 3)
    means, norms, owner = index.article_means
    expected = np.stack([index.vectors[s:e].mean(axis=0) for s, e in zip(index.starts, index.ends, strict=True)])
    np.testing.assert_allclose(means, expected, rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(norms, np.linalg.norm(expected, axis=1), rtol=1e-6)
    groups = enumerate(zip(index.starts, index.ends, strict=True))
    assert owner.tolist() == [g for g, (s, e) in groups for _ in range(s, e)]


def test_glossary_entries_that_stem_alike_count_once(tmp_path):
    def lexical(groups):
        index = engine.build_index(ARTICLES, passages.make_passages(ARTICLES), StandIn(), Store(tmp_path),
                                   expander=expand.Expander(groups))
        vector = index.query_vectors(["checkpoint"])[0]
        return index.article_scores("checkpoint", vector)["bm25"]

    single = [["checkpoint", "пункт пропуска"]]
    assert lexical(single + [["checkpoints", "пункты пропуска"]]) == pytest.approx(lexical(single))
    # An entry that adds a phrasing of its own still counts.
    assert lexical(single + [["checkpoints", "грузовики"]]) != pytest.approx(lexical(single))
