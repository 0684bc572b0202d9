"""Ranking without a model: tokens, BM25, cosine, aggregation and fusion on hand-made inputs."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.search import rank


@pytest.mark.parametrize(("a", "b"), [
    ("пункты пропуска", "пунктов пропуска"),
    ("Астана", "в Астану"),
    ("визит", "визита"),
    ("Токаевым", "Токаев"),
    ("checkpoints", "checkpoint"),
    ("ёлка", "елка"),
])
def test_inflected_forms_share_tokens(a, b):
    assert rank.tokenize(a) == rank.tokenize(b)


def test_tokenize_drops_function_words_and_splits_hyphens():
    assert rank.tokenize("the border and the Ak-Tilek post") == ["border", "ak", "tilek", "post"]
    assert rank.tokenize("и в на") == []


def test_bm25_scores_match_terms_and_ignore_unknown():
    docs = [rank.tokenize(t) for t in ["trade turnover grew", "border checkpoint", "товарооборот вырос"]]
    index = rank.BM25(docs)
    scores = index.scores(rank.tokenize("turnover") + ["nonexistent"])
    assert scores[0] > 0 and scores[1] == 0 and scores[2] == 0
    assert np.all(index.scores(["nonexistent"]) == 0)
    assert index.scores(rank.tokenize("товарооборота"))[2] > 0


def test_bm25_best_of_takes_the_best_alternative_not_the_sum():
    index = rank.BM25([["a", "b"], ["a"], ["b"], ["c"]])
    best = index.best_of([["a"], ["b"]])
    assert best[0] == pytest.approx(max(index.scores(["a"])[0], index.scores(["b"])[0]))
    assert best[0] < index.scores(["a", "b"])[0]
    assert best[3] == 0


def test_bm25_empty_corpus():
    assert rank.BM25([]).scores(["a"]).shape == (0,)


def test_cosine_and_top_k_on_hand_made_vectors():
    matrix = np.array([[1, 0], [0, 1], [0.6, 0.8]], dtype=np.float32)
    scores = rank.cosine(np.array([[0.8, 0.6]], dtype=np.float32), matrix)[0]
    assert scores == pytest.approx([0.8, 0.6, 0.96])
    assert rank.top_k(scores, 2).tolist() == [2, 0]
    assert rank.top_k(scores, 10).tolist() == [2, 0, 1]
    assert rank.top_k(scores, 0).tolist() == []


def test_group_max_and_argmax():
    scores = np.array([0.1, 0.9, 0.3, 0.5, 0.2], dtype=np.float32)
    starts, ends = np.array([0, 2, 4]), np.array([2, 4, 5])
    assert rank.group_max(scores, starts).tolist() == pytest.approx([0.9, 0.5, 0.2])
    assert rank.group_argmax(scores, starts, ends, np.array([1, 0])).tolist() == [3, 1]


def test_rrf_prefers_items_ranked_high_by_both():
    a = np.array([3.0, 2.0, 1.0])
    b = np.array([1.0, 3.0, 2.0])
    fused = rank.rrf([a, b], 3)
    assert int(np.argmax(fused)) == 1
    assert fused[2] < fused[1]


def test_convex_normalises_each_part():
    fused = rank.convex([np.array([0.0, 10.0, 5.0]), np.array([1.0, 1.0, 1.0])], [0.5, 0.5])
    assert fused.tolist() == pytest.approx([0.0, 0.5, 0.25])
    assert rank.normalise(np.array([], dtype=np.float32)).shape == (0,)


def test_pooled_cosine_is_exact_for_probed_groups_and_a_lower_bound_elsewhere():
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((9, 4)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    starts = np.array([0, 3, 6])
    owner = np.repeat(np.arange(3), 3)
    means = np.add.reduceat(vectors, starts, axis=0) / 3
    query = vectors[4]
    exact = vectors @ query
    everything = rank.pooled_cosine(query, vectors, means, owner, np.zeros(3, dtype=bool), n_probe=3)
    assert everything == pytest.approx(exact, abs=1e-6)
    one = rank.pooled_cosine(query, vectors, means, owner, np.zeros(3, dtype=bool), n_probe=1)
    assert one[3:6] == pytest.approx(exact[3:6], abs=1e-6)  # the query's own group is the nearest
    skipped = owner != 1
    assert np.all(one[skipped] <= rank.group_max(exact, starts)[owner][skipped] + 1e-6)
    kept = rank.pooled_cosine(query, vectors, means, owner, np.array([True, False, False]), n_probe=1)
    assert kept[:3] == pytest.approx(exact[:3], abs=1e-6)


def test_digits_and_letters_are_separate_tokens():
    assert rank.tokenize("$3bn")[:3] == ["dollar", "3", "bn"]
    assert rank.tokenize("COVID-19 decade's") == ["covid", "19", "decad"]


def test_a_decimal_is_one_token_in_either_notation():
    assert rank.tokenize("$1.3 billion")[:3] == ["dollar", "1.3", "billion"]
    assert "3" not in rank.tokenize("$1.3 billion") + rank.tokenize("1,3 млрд")
    assert rank.tokenize("1,3 млрд")[0] == "1.3"
    # A date is not a decimal: its year still matches a query's year.
    assert rank.tokenize("14.11.2025") == ["14", "11", "2025"]


def test_an_amount_is_one_token_however_it_is_written():
    amounts = ["$3bn", "3 billion dollars", "three billion", "три миллиарда", "трёх миллиардов", "$3 млрд",
               "3 млрд долларов"]
    assert all("3e9" in rank.tokenize(a) for a in amounts)
    assert "3e9" not in rank.tokenize("$1.3 billion") + rank.tokenize("$10 млрд") + rank.tokenize("3 years")
    assert "1.7e9" in rank.tokenize("1,7 млрд долларов")
    assert "2e6" in rank.tokenize("two million tonnes")
    assert rank.tokenize("€5 ₸7") == ["euro", "5", "tenge", "7"]


def _reference_bm25(documents: list[list[str]], token: str, k1: float = 1.2, b: float = 0.75) -> np.ndarray:
    # Lucene's BM25 written out by hand; an empty document counts as one (empty) token, as in bm25s.
    lengths = np.array([len(d) or 1 for d in documents], dtype=float)
    df = sum(token in d for d in documents)
    idf = np.log(1 + (len(documents) - df + 0.5) / (df + 0.5))
    tf = np.array([d.count(token) for d in documents], dtype=float)
    return idf * tf / (k1 * (1 - b + b * lengths / lengths.mean()) + tf)


_token_lists = st.lists(st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=8), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(_token_lists)
def test_bm25_over_token_ids_is_lucene_bm25(documents):
    index = rank.BM25(documents)
    for token in "abcdef":
        np.testing.assert_allclose(index.scores([token]), _reference_bm25(documents, token), rtol=1e-5, atol=1e-6)


@settings(max_examples=200, deadline=None)
@given(_token_lists, st.data())
def test_joined_documents_are_the_head_then_the_bodies_of_each_group(bodies, data):
    cuts = sorted(data.draw(st.lists(st.integers(0, len(bodies)), max_size=4)))
    starts = np.array([0, *cuts], dtype=np.int64)
    ends = np.array([*cuts, len(bodies)], dtype=np.int64)
    heads = data.draw(st.lists(st.lists(st.sampled_from(["x", "a"]), max_size=3),
                               min_size=len(starts), max_size=len(starts)))
    lexicon = rank.Lexicon()
    joined = rank.Documents.joined(lexicon.documents(heads), lexicon.documents(bodies), starts, ends)
    names = {i: t for t, i in lexicon.vocab.items()}
    groups = enumerate(zip(starts, ends, strict=True))
    expected = [heads[g] + [t for d in bodies[s:e] for t in d] for g, (s, e) in groups]
    assert [[names[i] for i in joined.ids[joined.offsets[g]:joined.offsets[g + 1]]] for g in range(len(joined))] \
        == expected
    index = rank.BM25(joined, lexicon)
    for token in "ax":
        np.testing.assert_allclose(index.scores([token]), _reference_bm25(expected, token), rtol=1e-5, atol=1e-6)


def test_documents_of_ids_need_their_lexicon():
    lexicon = rank.Lexicon()
    with pytest.raises(ValueError, match="Lexicon"):
        rank.BM25(lexicon.documents([["a"]]))
