"""What a warm search reads instead of recomputing: the packaged model's pickle and the tokenized corpus; both
give exactly what a cold start gives, and a broken file is rebuilt. And the CLI's JSON output and `index`."""

from __future__ import annotations

import json

import numpy as np
from test_search import ARTICLES, StandIn

from lib import cli
from lib.facts import passages
from lib.search import encoders, engine, rank, tokens
from lib.store.batches import Store

PASSAGES = passages.make_passages(ARTICLES)
TEXTS = ["граница", "border checkpoint", "Товарооборот вырос на 12 процентов"]


def test_the_packaged_model_is_kept_as_a_pickle_that_encodes_the_same(tmp_path):
    cold = encoders.UseEncoder(cache=tmp_path)
    kept = list(tmp_path.glob("usem3-*.pickle"))
    assert len(kept) == 1
    warm = encoders.UseEncoder(cache=tmp_path)
    np.testing.assert_array_equal(cold.encode(TEXTS, "passage"), warm.encode(TEXTS, "passage"))
    np.testing.assert_array_equal(cold.encode(TEXTS[:1], "query"), warm.encode(TEXTS[:1], "query"))
    kept[0].write_bytes(b"not a pickle")
    again = encoders.UseEncoder(cache=tmp_path)
    np.testing.assert_array_equal(again.encode(TEXTS, "passage"), cold.encode(TEXTS, "passage"))
    assert kept[0].stat().st_size > 1_000_000  # rewritten whole


def test_tokens_are_read_back_as_they_were_made_and_keyed_by_the_texts(tmp_path):
    store = Store(tmp_path)
    titles, texts = ARTICLES["title"], PASSAGES["text"]
    made = tokens.tokenized(titles, texts, store)
    read = tokens.tokenized(titles, texts, store)
    assert read[0].vocab == made[0].vocab
    for a, b in zip(made[1:], read[1:], strict=True):
        np.testing.assert_array_equal(a.ids, b.ids)
        np.testing.assert_array_equal(a.offsets, b.offsets)
    words = [t for doc in range(len(made[1])) for t in made[1].ids[made[1].offsets[doc]:made[1].offsets[doc + 1]]]
    inverse = {i: t for t, i in made[0].vocab.items()}
    assert [inverse[i] for i in words] == [t for text in texts for t in rank.tokenize(text)]
    assert tokens.key(titles, texts) != tokens.key(titles, [*texts[:-1], texts.iloc[-1] + " more"])
    (tmp_path / tokens.NAMESPACE / f"{tokens.key(titles, texts)}.npz").write_bytes(b"broken")
    assert tokens.tokenized(titles, texts, store)[0].vocab == made[0].vocab


def test_old_token_files_are_let_go(tmp_path):
    store = Store(tmp_path)
    for i in range(tokens.KEEP + 2):
        tokens.tokenized(ARTICLES["title"], [f"passage number {i}"] * 4, store)
    assert len(list((tmp_path / tokens.NAMESPACE).glob("*.npz"))) == tokens.KEEP


def test_an_index_from_cached_tokens_ranks_as_a_fresh_one(tmp_path):
    store = Store(tmp_path)
    first = engine.build_index(ARTICLES, PASSAGES, StandIn(), store)
    second = engine.build_index(ARTICLES, PASSAGES, StandIn(), store)
    queries = ["пункт пропуска", "trade turnover", "football"]
    assert first.search(queries, k=4).equals(second.search(queries, k=4))


def test_cli_index_then_search_as_json(monkeypatch, tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for row in ARTICLES.itertuples():
        (corpus / row.file).write_text(f"{row.title}\n\n{row.body}\n", encoding="utf-8")
    encoder = StandIn()
    monkeypatch.setattr(cli, "load_encoder", lambda **_: encoder)
    args = ["--corpus", str(corpus), "--store", str(tmp_path / "store")]
    assert cli.main(["index", *args]) == 0
    out = capsys.readouterr().out
    assert "4 articles" in out and "passages indexed" in out
    encoded = len(encoder.encoded)
    assert cli.main(["search", *args, "--json", "--k", "2", "border checkpoint"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["rank"] for r in rows] == [1, 2] and set(rows[0]) == {"query", "rank", "file", "score", "passage"}
    assert len(encoder.encoded) == encoded + 1  # only the query: the passages were indexed ahead


def test_cli_search_without_waiting_answers_by_words_and_says_so(monkeypatch, tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for row in ARTICLES.itertuples():
        (corpus / row.file).write_text(f"{row.title}\n\n{row.body}\n", encoding="utf-8")

    class Slow(StandIn):
        def encode(self, texts, kind, progress=None):
            if kind == "passage":
                import time

                time.sleep(2)
            return super().encode(texts, kind, progress)

    monkeypatch.setattr(cli, "load_encoder", lambda **_: Slow())
    assert cli.main(["search", "--corpus", str(corpus), "--store", str(tmp_path / "s"), "--no-wait", "граница"]) == 0
    out, err = capsys.readouterr()
    assert "query,rank,file,score,passage" in out and "words only" in err and "lib index" in err
