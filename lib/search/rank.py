"""Ranking without a model: token lists and vectors → scores → ranked articles.

Pure numpy/scipy (and bm25s for the sparse index): tokenising with Russian and English stemming, BM25,
cosine scores, per-article aggregation of passage scores, and fusion of several rankings.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import lru_cache

import bm25s
import numpy as np
import Stemmer
from threadpoolctl import ThreadpoolController

from lib.articles.morphology import analyzer

# A decimal ("1.3", "1,317") is one token: split, "$1.3 billion" would match a query about "3 billion".
# Currency signs are words: "$3bn" is about dollars as much as "3 billion dollars" is.
_WORD = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+(?:[-'][^\W_]+)*|[$€₸₽]")
_DECIMAL = re.compile(r"\d+[.,]\d+")
_PIECE = re.compile(r"\d+|[^\W\d_]+")
_CURRENCY = {"$": "dollar", "€": "euro", "₸": "tenge", "₽": "rubl"}
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# A number with its scale is one more token ("3 billion", "$3bn", "три миллиарда", "3 млрд" all give "3e9"): the
# amounts are what trade news turns on, and a bag of words cannot tell "$3 billion" from "$10 billion ... 3 years".
_SCALES = {"e3": "thousand тысяча тыс", "e6": "million mln mn млн миллион", "e9": "billion bn bln млрд миллиард",
           "e12": "trillion tn трлн триллион"}
_NUMBER_WORDS = {"1": "one один", "1.5": "полтора", "2": "two два", "3": "three три", "4": "four четыре",
                 "5": "five пять", "6": "six шесть", "7": "seven семь", "8": "eight восемь", "9": "nine девять",
                 "10": "ten десять"}
_CYRILLIC = re.compile(r"[а-яё]")

# Function words only: content words such as "президент" or "trade" must stay, the queries are about them.
_STOPWORD_TEXT = """
a an and are as at be been but by for from has have he her his in into is it its of on or that the their
they this to was were which will with who not also after before about over than then there these those
и в во на с со по к ко у о об от до за из из-за под над при для не ни но а же ли бы что как так это этот
эта эти тот та те его ее её их он она они мы вы я же был была было были быть также уже еще ещё который
которая которые которых которой котором того том тем чем где когда а или либо то го
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


def single_thread() -> AbstractContextManager[object]:
    """BLAS on one thread for the duration: a query's products are small, and on a busy 2-core machine two
    spin-waiting BLAS threads made a 12,500-row product 4× slower (19.7 ms against 4.4 ms, measured here)."""
    return _blas().limit(limits=1, user_api="blas")


@lru_cache(maxsize=1)
def _stemmers() -> tuple[Stemmer.Stemmer, Stemmer.Stemmer]:
    return Stemmer.Stemmer("russian"), Stemmer.Stemmer("english")


@lru_cache(maxsize=300_000)
def _russian(word: str) -> str:
    # Snowball alone is inconsistent on short words ("Астана" → "аста" but "Астану" → "астан"); stemming the
    # dictionary lemma gives every inflected form one token. The cache keeps indexing at dictionary-lookup speed.
    lemma = analyzer().parse(word)[0].normal_form.replace("ё", "е")
    return _stemmers()[0].stemWord(lemma)


def tokenize(text: str) -> list[str]:
    """Lower-case word stems of ``text``: Cyrillic words by the Russian stemmer, others by the English one."""
    english = _stemmers()[1]
    out = []
    for word in _WORD.findall(text.lower().replace("ё", "е")):
        if word in STOPWORDS:
            continue
        if not word[0].isalpha():
            if word in _CURRENCY:
                out.append(_CURRENCY[word])
                continue
            if _DECIMAL.fullmatch(word):
                # The same number in both languages' notation: "1.3" and "1,3" (dates like 14.11.2025 stay split).
                out.append(word.replace(",", "."))
                continue
        # Digits and letters are separate tokens: "$3bn" and "3 billion" share "3", "COVID-19" gives "covid", "19".
        for part in _PIECE.findall(word):
            if part not in STOPWORDS and not (len(part) == 1 and part.isalpha()):
                out.append(_russian(part) if _CYRILLIC.search(part) else english.stemWord(part))
    return out + _quantities(out)


def _stem(word: str) -> str:
    return _russian(word) if _CYRILLIC.search(word) else _stemmers()[1].stemWord(word)


@lru_cache(maxsize=1)
def _quantity_words() -> tuple[dict[str, str], dict[str, str]]:
    """Stem → scale suffix, and stem → value of the number words."""
    scales = {_stem(w): suffix for suffix, words in _SCALES.items() for w in words.split()}
    numbers = {_stem(w): value for value, words in _NUMBER_WORDS.items() for w in words.split()}
    return scales, numbers


def _quantities(tokens: list[str]) -> list[str]:
    """"3e9" for each number (digits or a word) followed by its scale."""
    scales, numbers = _quantity_words()
    if scales.keys().isdisjoint(tokens):  # most texts name no amount: one pass in C instead of one in Python
        return []
    out = []
    for number, scale in zip(tokens, tokens[1:], strict=False):
        if scale in scales and (value := numbers.get(number) or (number if _NUMBER.fullmatch(number) else None)):
            out.append(value + scales[scale])
    return out


@dataclass(frozen=True)
class Documents:
    """Documents as token ids: document ``i`` is ``ids[offsets[i]:offsets[i + 1]]``. One flat int32 array costs
    4 bytes a token where lists of token strings cost about 60 (22 million tokens at 100,000 articles)."""

    ids: np.ndarray
    offsets: np.ndarray

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    @staticmethod
    def joined(heads: Documents, bodies: Documents, starts: np.ndarray, ends: np.ndarray) -> Documents:
        """Document ``g``: head document ``g`` followed by body documents ``starts[g]`` to ``ends[g]``."""
        pieces = []
        for g, (start, end) in enumerate(zip(starts, ends, strict=True)):
            pieces.append(heads.ids[heads.offsets[g]:heads.offsets[g + 1]])
            pieces.append(bodies.ids[bodies.offsets[start]:bodies.offsets[end]])
        lengths = heads.lengths() + (bodies.offsets[ends] - bodies.offsets[starts])
        ids = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int32)
        return Documents(ids, np.r_[0, np.cumsum(lengths)].astype(np.int64))


class Lexicon:
    """Token → id, shared by the documents it reads (``documents``) and the indexes built on them."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}

    def documents(self, token_lists: Iterable[Sequence[str]]) -> Documents:
        """Reads one token list at a time, so the lists need never be held all at once."""
        vocab = self.vocab
        ids = array("i")
        offsets = array("q", [0])
        for tokens in token_lists:
            ids.extend([vocab.setdefault(t, len(vocab)) for t in tokens])
            offsets.append(len(ids))
        return Documents(np.frombuffer(ids, dtype=np.int32) if ids else np.zeros(0, dtype=np.int32),
                         np.frombuffer(offsets, dtype=np.int64))


class _IdLists:
    """bm25s's view of ``Documents``: each document as a list of ids, made when bm25s reaches it (it reads the
    corpus three times); an empty document reads as the empty token, as bm25s's own token path does."""

    def __init__(self, documents: Documents, vocab: dict[str, int]) -> None:
        self._documents = documents
        self.vocab = {**vocab, "": len(vocab)} if "" not in vocab else dict(vocab)
        self._empty = [self.vocab[""]]

    @property
    def ids(self) -> _IdLists:
        return self

    def __len__(self) -> int:
        return len(self._documents)

    def __iter__(self) -> Iterator[list[int]]:
        ids, offsets = self._documents.ids, self._documents.offsets
        for i in range(len(self)):
            yield ids[offsets[i]:offsets[i + 1]].tolist() or self._empty


class BM25:
    """A BM25 index over documents, kept as bm25s's sparse (documents × terms) matrix of per-term scores.

    bm25s computes the scores at indexing time; a query's score is then a sum of sparse columns, so
    synonyms can be combined per group (the best synonym counts, not all of them).
    """

    def __init__(self, documents: Sequence[Sequence[str]] | Documents, lexicon: Lexicon | None = None,
                 k1: float = 1.2, b: float = 0.75) -> None:
        """``documents``: token lists, or ``Documents`` of ids from ``lexicon``."""
        if not isinstance(documents, Documents):
            lexicon = Lexicon()
            documents = lexicon.documents(documents)
        elif lexicon is None:
            raise ValueError("Documents of token ids need the Lexicon that numbered them")
        self.n = len(documents)
        self._vocab: dict[str, int] = {}
        if not self.n:
            return
        index = bm25s.BM25(k1=k1, b=b)
        corpus = _IdLists(documents, lexicon.vocab)
        index.index(corpus, show_progress=False)
        indptr = np.asarray(index.scores["indptr"])
        self._vocab = {t: i for t, i in corpus.vocab.items() if t and i < len(indptr) - 1}
        # The CSC arrays themselves: a term's postings are one slice, so a query reads only its terms' postings.
        self._data = np.asarray(index.scores["data"], dtype=np.float32)
        self._rows = np.asarray(index.scores["indices"], dtype=np.int32)
        self._indptr = indptr

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """Sum of the BM25 scores of the distinct known ``tokens``, one per document."""
        out = np.zeros(self.n, dtype=np.float32)
        for token in dict.fromkeys(tokens):
            column = self._vocab.get(token)
            if column is not None:
                start, end = self._indptr[column], self._indptr[column + 1]
                # Rows within one term's postings are distinct, so fancy-index addition is exact.
                out[self._rows[start:end]] += self._data[start:end]
        return out

    def best_of(self, alternatives: Sequence[Sequence[str]]) -> np.ndarray:
        """Per document, the score of the best of several alternative phrasings (token lists) of one term."""
        best = np.zeros(self.n, dtype=np.float32)
        for tokens in alternatives:
            np.maximum(best, self.scores(tokens), out=best)
        return best


def cosine(queries: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """(n_queries, n_rows) cosine scores for unit-length rows (a plain matrix product)."""
    if matrix.shape[0] == 0:
        return np.zeros((queries.shape[0], 0), dtype=np.float32)
    return queries.astype(np.float32, copy=False) @ matrix.T


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Indexes of the ``k`` highest scores, best first (argpartition: linear in len(scores))."""
    k = min(k, len(scores))
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    part = np.argpartition(-scores, k - 1)[:k]
    return part[np.argsort(-scores[part], kind="stable")]


def group_max(scores: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Highest score in each group of consecutive rows; ``starts`` are the first rows of the groups."""
    if len(scores) == 0 or len(starts) == 0:
        return np.zeros(len(starts), dtype=np.float32)
    return np.maximum.reduceat(scores, starts)


def group_argmax(scores: np.ndarray, starts: np.ndarray, ends: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Row index of the best row within each of the given ``groups`` (for the few groups shown)."""
    return np.array([starts[g] + int(np.argmax(scores[starts[g]:ends[g]])) for g in groups], dtype=np.int64)


def rrf(rankings: Sequence[np.ndarray], n: int, k: float = 60.0, weights: Sequence[float] | None = None) -> np.ndarray:
    """Reciprocal rank fusion of full score arrays over ``n`` items: sum of weight / (k + rank)."""
    fused = np.zeros(n, dtype=np.float64)
    for i, scores in enumerate(rankings):
        order = np.argsort(-scores, kind="stable")
        ranks = np.empty(n, dtype=np.float64)
        ranks[order] = np.arange(1, n + 1)
        weight = weights[i] if weights else 1.0
        fused += weight / (k + ranks)
    return fused


def normalise(scores: np.ndarray) -> np.ndarray:
    """Scores scaled to 0..1 by their range (all zeros when they are all equal)."""
    if len(scores) == 0:
        return scores.astype(np.float32)
    low, high = float(scores.min()), float(scores.max())
    if high - low < 1e-12:
        return np.zeros_like(scores, dtype=np.float32)
    return ((scores - low) / (high - low)).astype(np.float32)


def convex(parts: Sequence[np.ndarray], weights: Sequence[float]) -> np.ndarray:
    """Weighted sum of range-normalised score arrays."""
    total = np.zeros(len(parts[0]), dtype=np.float32)
    for scores, weight in zip(parts, weights, strict=True):
        total += weight * normalise(scores)
    return total


def pooled_cosine(vector: np.ndarray, vectors: np.ndarray, means: np.ndarray, owner: np.ndarray,
                  keep: np.ndarray, n_probe: int, mean_norms: np.ndarray | None = None) -> np.ndarray:
    """Passage cosines computed exactly only for promising groups (articles), for large indexes.

    A group is promising when its mean vector is among the ``n_probe`` closest to the query (by the cosine of the
    normalised mean) or when ``keep`` marks it (e.g. lexical top hits). Other passages get their group's
    ``mean · query``, a lower bound of the group's best passage cosine, so a skipped group never outranks on it.
    ``means`` are the raw (unnormalised) mean vectors of the groups; ``owner`` is each passage's group;
    ``mean_norms`` their lengths, when the caller keeps them.
    """
    raw = means @ vector
    norms = np.linalg.norm(means, axis=1) if mean_norms is None else mean_norms
    coarse = raw / np.where(norms > 0, norms, 1.0)
    chosen = keep.copy()
    chosen[top_k(coarse, n_probe)] = True
    out = raw[owner].astype(np.float32)
    rows = np.flatnonzero(chosen[owner])
    out[rows] = vectors[rows].astype(np.float32, copy=False) @ vector
    return out
