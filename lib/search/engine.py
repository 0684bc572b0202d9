"""Search: articles + passages → an index (BM25, cached embeddings, query expansion) → ranked passages.

Each article is scored three ways — BM25 over the whole article, BM25 over its best passage, and the cosine
of its best passage with the query — and the three are fused; a hit is the article's best passage. Queries
are expanded with the glossary and officials' name variants, so an English query finds Russian articles even
when the embedding model is English-only. Passage vectors are cached in the store per model and text hash.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from lib.search import rank
from lib.search.encoders import EncodeProgress, Encoder
from lib.search.expansion import Expander, default_expander, is_russian
from lib.store import memory, vector_cache
from lib.store.batches import Store

# Up to this many passages every passage is compared with the query; above it, only the passages of the
# PROBE_ARTICLES articles nearest by mean vector and the PROBE_ARTICLES best by BM25 (see rank.pooled_cosine).
EXACT_COSINE_LIMIT = 50_000
# New passages are encoded and cached this many at a time (about 25 minutes of CPU for the fallback model).
ENCODE_SLICE = 32_768
# Articles whose mean vectors are computed at a time (bounds the float32 copy of their passages' vectors).
MEAN_SLICE = 4_096
PROBE_ARTICLES = 200
# An English-only model's passage vectors are cached per glossary (GLOSS_TAG-<fingerprint>): see build_index.
GLOSS_TAG = "gloss"
RESULT_COLUMNS = ["query", "rank", "file", "article_id", "score", "passage", "passage_id", "start", "end"]
METHODS = ("bm25", "dense", "fused")


@dataclass(frozen=True, slots=True)
class Weights:
    """How the scores are combined. Tuned on the 14 dev queries with the English-only fallback model reading
    Russian passages through the glossary: a plateau (expansion 0.7, each BM25 weight 0.2–0.6, dense 0.1–0.2)
    scores recall@5 0.971; dense 0.2 sits inside it and gives the model a real share on unseen wording
    (dense 0.4 still scores 0.94). Expansion 1.0 costs MRR (0.80 vs 0.85 averaged over the grid)."""

    # Added terms (other language, synonyms) count less than the query's own words: they are guesses.
    expansion: float = 0.7
    # Convex fusion of range-normalised article scores: whole-article BM25, best-passage BM25, best-passage cosine.
    article_bm25: float = 0.4
    passage_bm25: float = 0.4
    dense: float = 0.2


# A multilingual model reads both languages, so its cosine deserves the usual hybrid share (untuned here:
# no multilingual model is available offline to tune it on).
MULTILINGUAL_WEIGHTS = Weights(expansion=0.5, article_bm25=0.35, passage_bm25=0.35, dense=0.3)


def default_weights(encoder: Encoder) -> Weights:
    return MULTILINGUAL_WEIGHTS if encoder.info.multilingual else Weights()


@dataclass(frozen=True)
class SearchIndex:
    """Everything needed to answer queries; build it once per corpus with ``build_index``."""

    articles: pd.DataFrame  # one row per indexed article, in the order of ``starts``
    passages: pd.DataFrame  # grouped by article, in article order
    vectors: np.ndarray  # (n_passages, dim) unit rows aligned with ``passages``; float16 above EXACT_COSINE_LIMIT
    starts: np.ndarray  # first passage row of each article
    ends: np.ndarray
    article_bm25: rank.BM25
    passage_bm25: rank.BM25
    encoder: Encoder
    expander: Expander
    weights: Weights = Weights()

    @cached_property
    def _ids(self) -> tuple[np.ndarray, np.ndarray]:
        # Plain object arrays: reading Arrow-backed string columns on every query costs more than the ranking.
        return (np.asarray(self.articles["article_id"].to_numpy(), dtype=object),
                np.asarray(self.articles["file"].to_numpy(), dtype=object))


    @property
    def model_sentence(self) -> str:
        return self.encoder.info.sentence()

    def search(self, queries: Sequence[str], k: int = 10, allowed_article_ids: set[str] | None = None,
               method: str = "fused") -> pd.DataFrame:
        """The ``k`` best articles for each query, each with its best passage (columns: RESULT_COLUMNS)."""
        if method not in METHODS:
            raise ValueError(f"unknown search method {method!r}; choose one of {', '.join(METHODS)}")
        mask = self._mask(allowed_article_ids)
        dense = self.query_vectors(queries)
        return _concat([self.rank(q, v, k, mask, method) for q, v in zip(queries, dense, strict=True)])

    def rank(self, query: str, vector: np.ndarray, k: int = 10, mask: np.ndarray | None = None,
             method: str = "fused") -> pd.DataFrame:
        """Ranking alone, for a query already encoded (``mask``: which articles may be returned)."""
        with rank.single_thread():
            parts = self.article_scores(query, vector)
        return self._hits(query, parts[method], parts, self._mask(None) if mask is None else mask, k)

    def more_like_this(self, article_id: str, k: int = 10, allowed_article_ids: set[str] | None = None,
                       ) -> pd.DataFrame:
        """Articles closest to ``article_id`` (itself excluded), by its mean passage vector and its words."""
        where = np.flatnonzero(self._ids[0] == article_id)
        if len(where) == 0:
            return pd.DataFrame(columns=RESULT_COLUMNS)
        a = int(where[0])
        rows = slice(int(self.starts[a]), int(self.ends[a]))
        vector = self.vectors[rows].astype(np.float32).mean(axis=0)
        vector = vector / (np.linalg.norm(vector) or 1.0)
        text = " ".join(self.passages["text"].iloc[rows].tolist())
        tokens = list(dict.fromkeys(rank.tokenize(f"{self.articles['title'].iloc[a]} {text}")))[:200]
        article_bm25 = self.article_bm25.scores(tokens)
        parts = self._fuse(article_bm25, self.passage_bm25.scores(tokens), self._passage_cosine(vector, article_bm25))
        mask = self._mask(allowed_article_ids)
        mask[a] = False
        return self._hits(str(self.articles["title"].iloc[a]), parts["fused"], parts, mask, k)

    def query_vectors(self, queries: Sequence[str]) -> np.ndarray:
        texts = [self.dense_text(q) for q in queries]
        if not texts:
            return np.zeros((0, self.vectors.shape[1]), dtype=np.float32)
        return self.encoder.encode(texts, "query")

    def dense_text(self, query: str) -> str:
        """What the model reads: with an English-only model a Russian query is read through its glossary terms."""
        if self.encoder.info.multilingual or not is_russian(query):
            return query
        english = self.expander.expand(query).english
        return " ".join(english) if english else query

    def article_scores(self, query: str, vector: np.ndarray) -> dict[str, np.ndarray]:
        """Per-article scores of each method ("bm25", "dense", "fused") plus the passage-level arrays."""
        expansion = self.expander.expand(query)
        own = rank.tokenize(query)
        known = set(own)
        # Each glossary entry counts once, by its best synonym in the document (like one more query word),
        # so an entry with twenty translations does not outweigh the query's own words.
        groups = [alternatives for group in expansion.groups
                  if (alternatives := [t for t in ([w for w in rank.tokenize(s) if w not in known]
                                                   for s in group) if t])]
        w = self.weights.expansion

        def bm25(index: rank.BM25) -> np.ndarray:
            scores = index.scores(own)
            for alternatives in groups:
                scores = scores + w * index.best_of(alternatives)
            return scores

        article_bm25, passage_bm25 = bm25(self.article_bm25), bm25(self.passage_bm25)
        return self._fuse(article_bm25, passage_bm25, self._passage_cosine(vector, article_bm25))

    def _passage_cosine(self, vector: np.ndarray, article_bm25: np.ndarray) -> np.ndarray:
        if len(self.vectors) <= EXACT_COSINE_LIMIT:
            return rank.cosine(vector[None, :], self.vectors)[0] if len(self.vectors) else np.zeros(0)
        # One product with every passage vector reads the whole matrix (150 MB at 100,000 passages) per query;
        # scoring exactly only the articles near the query or high in BM25 keeps ranking inside its budget.
        means, norms, owner = self.article_means
        keep = np.zeros(len(self.starts), dtype=bool)
        keep[rank.top_k(article_bm25, PROBE_ARTICLES)] = True
        return rank.pooled_cosine(vector, self.vectors, means, owner, keep, PROBE_ARTICLES, norms)

    @cached_property
    def article_means(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each article's mean passage vector, its norm, and the article of each passage row."""
        counts = (self.ends - self.starts).astype(np.float32)
        means = np.empty((len(self.starts), self.vectors.shape[1]), dtype=np.float32)
        # A slice of articles at a time: reduceat casts its whole input to float32 first (1.1 GB at 100,000).
        for first in range(0, len(self.starts), MEAN_SLICE):
            last = min(first + MEAN_SLICE, len(self.starts))
            rows = self.vectors[self.starts[first]:self.ends[last - 1]]
            means[first:last] = np.add.reduceat(rows, self.starts[first:last] - self.starts[first], axis=0,
                                                dtype=np.float32) / counts[first:last, None]
        owner = np.repeat(np.arange(len(self.starts)), self.ends - self.starts)
        return means, np.linalg.norm(means, axis=1), owner

    def _fuse(self, article_bm25: np.ndarray, passage_bm25: np.ndarray, passage_dense: np.ndarray,
              ) -> dict[str, np.ndarray]:
        best_bm25 = rank.group_max(passage_bm25, self.starts)
        best_dense = rank.group_max(passage_dense, self.starts)
        w = self.weights
        lexical = rank.convex([article_bm25, best_bm25], [w.article_bm25, w.passage_bm25])
        fused = rank.convex([article_bm25, best_bm25, best_dense], [w.article_bm25, w.passage_bm25, w.dense])
        # The passage shown is the one both methods like best.
        passage = rank.normalise(passage_bm25) + rank.normalise(passage_dense)
        return {"bm25": lexical, "dense": best_dense, "fused": fused, "passage": passage}

    def _mask(self, allowed: set[str] | None) -> np.ndarray:
        if allowed is None:
            return np.ones(len(self.articles), dtype=bool)
        return np.fromiter((a in allowed for a in self._ids[0]), dtype=bool, count=len(self._ids[0]))

    def _hits(self, query: str, scores: np.ndarray, parts: dict[str, np.ndarray], mask: np.ndarray,
              k: int) -> pd.DataFrame:
        candidates = np.flatnonzero(mask)
        if len(candidates) == 0 or k <= 0:
            return pd.DataFrame(columns=RESULT_COLUMNS)
        best = candidates[rank.top_k(scores[candidates], k)]
        rows = rank.group_argmax(parts["passage"], self.starts, self.ends, best)
        # Only the shown rows are read, one by one: object arrays of every passage's text would hold 0.4 GB at
        # 100,000 articles, and a take() over the chunked Arrow column costs 20 ms there (10 rows: 0.2 ms).
        hits = {c: [self.passages[c].iat[int(r)] for r in rows] for c in ("text", "passage_id", "start", "end")}
        article_ids, files = self._ids
        return pd.DataFrame({
            "query": [query] * len(best),
            "rank": list(range(1, len(best) + 1)),
            "file": files[best].tolist(),
            "article_id": article_ids[best].tolist(),
            "score": np.round(scores[best].astype(float), 4).tolist(),
            "passage": hits["text"],
            "passage_id": hits["passage_id"],
            "start": [int(v) for v in hits["start"]],
            "end": [int(v) for v in hits["end"]],
        }, columns=RESULT_COLUMNS)


def build_index(articles: pd.DataFrame, passages: pd.DataFrame, encoder: Encoder, store: Store | None = None,
                expander: Expander | None = None, progress: EncodeProgress | None = None,
                weights: Weights | None = None) -> SearchIndex:
    """Index the articles that have passages; vectors come from the store's cache where present."""
    articles, passages = _aligned(articles, passages)
    ids = passages["article_id"].to_numpy()
    first = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]]) if len(ids) else np.zeros(0, dtype=np.int64)
    ends = np.r_[first[1:], len(ids)].astype(np.int64) if len(ids) else np.zeros(0, dtype=np.int64)

    expander = expander if expander is not None else default_expander()
    # Above EXACT_COSINE_LIMIT a query reads only some passages' vectors (rank.pooled_cosine), so they are
    # held as float16: half the memory (0.56 GB at 729,309 passages), cosines within 1e-3 of float32's.
    dtype = np.float16 if len(passages) > EXACT_COSINE_LIMIT else np.float32
    if encoder.info.multilingual:
        vectors = passage_vectors(passages["text"], encoder, store, progress, dtype=dtype)
    else:
        # An English-only model cannot read Russian: it reads a Russian passage through its glossary and name
        # terms instead (on the dev queries this lifts dense recall@5 from 0.30 to 0.69). The cache is keyed by
        # the glossary's fingerprint too, since a new glossary changes what is encoded.
        tag = f"{GLOSS_TAG}-{expander.fingerprint}"
        vectors = passage_vectors(passages["text"], encoder, store, progress, prepare=lambda t: gloss(t, expander),
                                  tag=tag, dtype=dtype)
        if store is not None:  # vectors of the texts as earlier glossaries rendered them are never read again
            store.retire_idle(f"{cache_namespace(encoder, GLOSS_TAG)}-", cache_namespace(encoder, tag))
    memory.release()  # each step's temporaries go back before the next step makes its own (lib/store/memory.py)
    # Each passage is tokenised once: an article's document is its title's tokens and its passages'.
    lexicon = rank.Lexicon()
    passage_docs = lexicon.documents(rank.tokenize(t) for t in passages["text"])
    title_docs = lexicon.documents(rank.tokenize(t) for t in articles["title"].fillna("").astype(str))
    article_docs = rank.Documents.joined(title_docs, passage_docs, first, ends)
    del title_docs
    article_bm25 = rank.BM25(article_docs, lexicon)
    del article_docs
    memory.release()
    passage_bm25 = rank.BM25(passage_docs, lexicon)
    del passage_docs
    memory.release()
    return SearchIndex(
        articles=articles,
        passages=passages,
        vectors=vectors,
        starts=first.astype(np.int64),
        ends=ends,
        article_bm25=article_bm25,
        passage_bm25=passage_bm25,
        encoder=encoder,
        expander=expander,
        weights=weights or default_weights(encoder),
    )


def _aligned(articles: pd.DataFrame, passages: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The columns the index reads: passages of the given articles, grouped by article and by start within one,
    and one article row per group in the same order. A corpus's passages are grouped already: then they are
    kept as they are and no text is copied (pandas' copy-on-write shares the columns); the articles follow."""
    articles = articles[["article_id", "file", "title"]]
    passages = passages[["passage_id", "article_id", "text", "start", "end"]]
    order = pd.Series(np.arange(len(articles)), index=pd.Index(articles["article_id"]))
    position = order[~order.index.duplicated()].reindex(passages["article_id"]).to_numpy()
    known = ~np.isnan(position)
    if not known.all():
        passages, position = passages[known], position[known]
    if not _grouped(position, passages["start"].to_numpy()):
        key = np.lexsort((passages["start"].to_numpy(), position))
        passages, position = passages.iloc[key], position[key]
    groups = position[np.r_[True, position[1:] != position[:-1]]] if len(position) else position
    return articles.iloc[groups.astype(np.int64)].reset_index(drop=True), passages.reset_index(drop=True)


def _grouped(group: np.ndarray, start: np.ndarray) -> bool:
    """Whether each group's rows are consecutive, in order of ``start``."""
    same = group[1:] == group[:-1]
    runs = group[np.r_[True, ~same]] if len(group) else group
    return len(np.unique(runs)) == len(runs) and bool((start[1:][same] >= start[:-1][same]).all())


def gloss(text: str, expander: Expander) -> str:
    """A Russian text as the English terms of its glossary entries and names (other texts unchanged)."""
    if not is_russian(text):
        return text
    english = expander.expand(text).english
    return "; ".join(english) if english else text


def cache_namespace(encoder: Encoder, tag: str = "") -> str:
    return f"embeddings-{encoder.info.slug}" + (f"-{tag}" if tag else "")


def passage_vectors(texts: Sequence[str] | pd.Series, encoder: Encoder, store: Store | None,
                    progress: Callable[[int, int], None] | None = None,
                    prepare: Callable[[str], str] | None = None, tag: str = "",
                    dtype: type[np.floating] = np.float32) -> np.ndarray:
    """Vectors of ``texts`` (each passed through ``prepare`` before encoding): cached ones read from the store
    under the model and ``tag``, only the new ones prepared, encoded and cached (every ENCODE_SLICE, so an
    interrupted first indexing keeps what it encoded)."""
    codes, hashes = pd.factorize(pd.Index([vector_cache.text_hash(t) for t in texts], dtype=object))
    vectors = np.zeros((len(hashes), encoder.dim), dtype=dtype)
    namespace = cache_namespace(encoder, tag)
    found = vector_cache.fill(store, namespace, hashes, vectors) if store is not None else np.zeros(len(hashes), bool)
    missing = np.flatnonzero(~found)
    if len(missing):
        # The text of each missing hash: its first passage (factorize numbers hashes in order of appearance).
        first = np.full(len(hashes), len(codes), dtype=np.int64)
        np.minimum.at(first, codes, np.arange(len(codes)))
        rows = first[missing]
        for start in range(0, len(missing), ENCODE_SLICE):
            part = slice(start, start + ENCODE_SLICE)
            chunk = [_at(texts, int(i)) for i in rows[part]]
            done = start

            def sliced(count: int, _: int, done: int = done) -> None:
                if progress:
                    progress(done + count, len(missing))

            fresh = encoder.encode([prepare(t) for t in chunk] if prepare else chunk, "passage", sliced)
            vectors[missing[part]] = fresh
            if store is not None:
                vector_cache.save(store, namespace, hashes[missing[part]].tolist(), fresh)
    elif progress:
        progress(len(codes), len(codes))
    # Distinct texts are the rule: then the vectors are already in passage order and no copy is made.
    return vectors if len(hashes) == len(codes) else vectors[codes]


def _at(texts: Sequence[str] | pd.Series, i: int) -> str:
    return str(texts.iloc[i]) if isinstance(texts, pd.Series) else str(texts[i])


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=RESULT_COLUMNS)
    return pd.concat(frames, ignore_index=True)
