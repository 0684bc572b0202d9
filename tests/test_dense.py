"""Vectors built in the background: lexical ranking answers at once, each article's opening passage (and title)
is encoded first, results say the dense side is incomplete, the finished index ranks as a foreground one, and an
encoder that fails leaves search working by words."""

from __future__ import annotations

import threading
from dataclasses import replace

import numpy as np
import pytest
from test_search import ARTICLES, StandIn

from lib.facts import passages
from lib.search import dense, engine
from lib.store.batches import Store

PASSAGES = passages.make_passages(ARTICLES)
QUERIES = ["пункт пропуска", "trade turnover", "football match", "border checkpoint modernisation"]


class Gated(StandIn):
    """StandIn whose calls after the first ``free`` wait until ``release`` (or raise ``fail``)."""

    def __init__(self, free: int = 0, fail: Exception | None = None, multilingual: bool = False) -> None:
        super().__init__()
        self.info = replace(self.info, multilingual=multilingual)  # multilingual: texts encoded as they are
        self.free = free
        self.fail = fail
        self.gate = threading.Event()
        self.calls = 0

    def encode(self, texts, kind, progress=None):
        if kind == "passage":
            self.calls += 1
            if self.calls > self.free:
                assert self.gate.wait(30)
                if self.fail:
                    raise self.fail
        return super().encode(texts, kind, progress)


def test_words_answer_at_once_and_meaning_joins_when_the_vectors_are_done(tmp_path):
    encoder = Gated()
    index = engine.build_index(ARTICLES, PASSAGES, encoder, Store(tmp_path / "bg"), background=True)
    status = index.dense_status()
    assert status.done == 0 and not status.complete and not status.every_article
    early = index.search(QUERIES, k=4)
    assert not early.attrs["dense"].complete and "words only" in early.attrs["dense"].sentence()
    lexical = index.search(QUERIES, k=4, method="bm25")
    assert early["article_id"].tolist() == lexical["article_id"].tolist()
    encoder.gate.set()
    assert index.dense.wait(30).complete
    foreground = engine.build_index(ARTICLES, PASSAGES, StandIn(), Store(tmp_path / "fg"))
    done = index.search(QUERIES, k=4)
    assert done.attrs["dense"].complete and done.attrs["dense"].sentence() == ""
    assert done.drop(columns="score").equals(foreground.search(QUERIES, k=4).drop(columns="score"))
    np.testing.assert_allclose(done["score"], foreground.search(QUERIES, k=4)["score"], atol=1e-4)
    again = StandIn()
    engine.build_index(ARTICLES, PASSAGES, again, Store(tmp_path / "bg"))
    assert again.encoded == []  # the background run cached what it encoded


def test_opening_passages_and_titles_come_first_and_rank_articles_before_the_rest(tmp_path, monkeypatch):
    n = len(ARTICLES)
    monkeypatch.setattr(dense, "ENCODE_SLICE", 2 * n)  # titles and opening passages: the first slice
    encoder = Gated(free=1, multilingual=True)
    weights = replace(engine.Weights(), title=0.5)
    index = engine.build_index(ARTICLES, PASSAGES, encoder, Store(tmp_path), background=True, weights=weights)
    status = index.dense.wait(0.5)
    assert status.every_article and not status.complete
    assert "only the passages encoded so far" in status.sentence()
    openings = PASSAGES.groupby("article_id", sort=False)["text"].first()
    first_slice = encoder.encoded[:2 * n]
    assert first_slice[:n] == ARTICLES["title"].tolist()
    assert set(first_slice[n:]) == set(openings.loc[ARTICLES["article_id"]])
    hits = index.search(["football match"], k=1)
    assert hits["file"].tolist() == ["en2.txt"] and not hits.attrs["dense"].complete
    encoder.gate.set()
    assert index.dense.wait(30).complete


def test_a_failing_encoder_leaves_search_by_words(tmp_path):
    encoder = Gated(fail=RuntimeError("out of memory"))
    index = engine.build_index(ARTICLES, PASSAGES, encoder, Store(tmp_path), background=True)
    encoder.gate.set()
    status = index.dense.wait(30)
    assert status.error == "RuntimeError: out of memory" and "stopped" in status.sentence()
    hits = index.search(["border checkpoint"], k=2)
    assert hits["file"].tolist()[0] in {"en1.txt", "ru2.txt"}


@pytest.mark.parametrize("texts", [["a", "b", "a", "c"], [], ["same", "same"]])
def test_joined_columns_read_as_one_sequence(texts):
    import pandas as pd

    joined = dense.Joined(pd.Series(texts[:1], dtype=object), texts[1:])
    assert list(joined) == texts and len(joined) == len(texts)
    assert [joined[i] for i in range(len(texts))] == texts
