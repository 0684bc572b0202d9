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

from lib.search import rank, tokens
from lib.search.dense import DenseStatus, DenseVectors, Joined
from lib.search.encoders import EncodeProgress, Encoder
from lib.search.expansion import Expander, default_expander, is_russian
from lib.store import memory
from lib.store.batches import Store

# Up to this many passages every passage is compared with the query; above it, only the passages of the
# PROBE_ARTICLES articles nearest by mean vector and the PROBE_ARTICLES best by BM25 (see rank.pooled_cosine).
EXACT_COSINE_LIMIT = 50_000
# Articles whose mean vectors are computed at a time (bounds the float32 copy of their passages' vectors).
MEAN_SLICE = 4_096
PROBE_ARTICLES = 200
# An English-only model's passage vectors are cached per glossary (GLOSS_TAG-<fingerprint>): see build_index.
GLOSS_TAG = "gloss"
RESULT_COLUMNS = ["query", "rank", "file", "article_id", "score", "passage", "passage_id", "start", "end"]
METHODS = ("bm25", "dense", "fused")


@dataclass(frozen=True, slots=True)
class Weights:
    """How the scores are combined. These defaults were tuned on the 14 dev queries with the English-only
    all-MiniLM-L6-v2 reading Russian passages through the glossary: a plateau (expansion 0.7, each BM25 weight
    0.2–0.6, dense 0.1–0.2) scores recall@5 0.971; dense 0.2 sits inside it (dense 0.4 still scores 0.94)."""

    # Added terms (other language, synonyms) against the query's own words (1.0: as much as one of them).
    expansion: float = 0.7
    # Convex fusion of range-normalised article scores: whole-article BM25, best-passage BM25, and the dense score.
    article_bm25: float = 0.4
    passage_bm25: float = 0.4
    dense: float = 0.2
    # The dense score of an article: its best passage's cosine plus ``title`` times its title's cosine.
    title: float = 0.0


# The packaged multilingual model (USE multilingual v3), tuned on the 14 dev queries and 26 queries of
# tests/heldout and tests/heldout2 (a grid over expansion 0.3–1.3, dense share 0.1–0.7, title 0–1; heldout3 not
# read). Expansion decides most: the glossary still bridges the languages better than USE alone (0.5 → 1.3 lifts
# mean MRR over the three sets from 0.84 to 0.92); titles lift MRR on headline-like queries (heldout 0.79 → 0.96)
# and cost the paraphrased dev queries some (0.93 → 0.88); dense 0.3 sits in a plateau (0.2–0.4).
MULTILINGUAL_WEIGHTS = Weights(expansion=1.3, article_bm25=0.35, passage_bm25=0.35, dense=0.3, title=0.5)


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
    # Filled in the background when built so (build_index(background=True)): the vectors are views of its matrix.
    dense: DenseVectors | None = None
    title_vectors: np.ndarray | None = None  # (n_articles, dim) unit rows of the titles, when weights.title

    @cached_property
    def _ids(self) -> tuple[np.ndarray, np.ndarray]:
        # Plain object arrays: reading Arrow-backed string columns on every query costs more than the ranking.
        return (np.asarray(self.articles["article_id"].to_numpy(), dtype=object),
                np.asarray(self.articles["file"].to_numpy(), dtype=object))


    @property
    def model_sentence(self) -> str:
        return self.encoder.info.sentence()

    def dense_status(self) -> DenseStatus:
        """How far the passage vectors are (complete unless they are still being built in the background)."""
        if self.dense is None:
            n = len(self.vectors)
            return DenseStatus(n, n, True)
        return self.dense.status()

    def search(self, queries: Sequence[str], k: int = 10, allowed_article_ids: set[str] | None = None,
               method: str = "fused") -> pd.DataFrame:
        """The ``k`` best articles for each query, each with its best passage (columns: RESULT_COLUMNS)."""
        if method not in METHODS:
            raise ValueError(f"unknown search method {method!r}; choose one of {', '.join(METHODS)}")
        mask = self._mask(allowed_article_ids)
        dense = self.query_vectors(queries)
        status = self.dense_status()
        results = _concat([self.rank(q, v, k, mask, method) for q, v in zip(queries, dense, strict=True)])
        # Marks results ranked while the vectors were still being built (the CLI and the page say so).
        results.attrs["dense"] = status
        return results

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
        parts = self._fuse(article_bm25, self.passage_bm25.scores(tokens), self._passage_cosine(vector, article_bm25),
                           self._title_cosine(vector))
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
        groups = _distinct(groups)
        w = self.weights.expansion

        def bm25(index: rank.BM25) -> np.ndarray:
            scores = index.scores(own)
            for alternatives in groups:
                scores = scores + w * index.best_of(alternatives)
            return scores

        article_bm25, passage_bm25 = bm25(self.article_bm25), bm25(self.passage_bm25)
        return self._fuse(article_bm25, passage_bm25, self._passage_cosine(vector, article_bm25),
                          self._title_cosine(vector))

    def _title_cosine(self, vector: np.ndarray) -> np.ndarray | None:
        if self.title_vectors is None or not self.weights.title:
            return None
        scores = rank.cosine(vector[None, :], self.title_vectors)[0]
        return self._floored(scores, 0) if self.dense is not None else scores

    def _floored(self, scores: np.ndarray, offset: int) -> np.ndarray:
        """While the vectors are being built: a row still to come scores as the lowest encoded one, so an article
        is ranked by what is encoded of it. ``offset``: where ``scores``' rows start in the build's matrix."""
        assert self.dense is not None
        ready = self.dense.ready[offset:offset + len(scores)].copy()
        floor = float(scores[ready].min()) if ready.any() else 0.0
        return np.where(ready, scores, floor).astype(np.float32)

    def _passage_cosine(self, vector: np.ndarray, article_bm25: np.ndarray) -> np.ndarray:
        if self.dense is not None and not self.dense_status().complete:
            scores = rank.cosine(vector[None, :], self.vectors)[0] if len(self.vectors) else np.zeros(0)
            titles = 0 if self.title_vectors is None else len(self.title_vectors)
            return self._floored(scores, titles)
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
              title_dense: np.ndarray | None = None) -> dict[str, np.ndarray]:
        best_bm25 = rank.group_max(passage_bm25, self.starts)
        best_dense = rank.group_max(passage_dense, self.starts)
        w = self.weights
        if title_dense is not None:
            best_dense = best_dense + w.title * title_dense
        lexical = rank.convex([article_bm25, best_bm25], [w.article_bm25, w.passage_bm25])
        if self.dense is not None and not self.dense_status().every_article:
            # Some articles have no vector yet: a cosine would rank them below every encoded one, so words decide.
            return {"bm25": lexical, "dense": best_dense, "fused": lexical, "passage": rank.normalise(passage_bm25)}
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
                weights: Weights | None = None, background: bool = False) -> SearchIndex:
    """Index the articles that have passages; vectors come from the store's cache where present.

    With ``background`` the missing vectors are encoded in a thread after this returns (each article's first
    passage first): lexical ranking answers at once, and ``SearchIndex.dense_status`` says how far it got.
    """
    articles, passages = _aligned(articles, passages)
    ids = passages["article_id"].to_numpy()
    first = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]]) if len(ids) else np.zeros(0, dtype=np.int64)
    ends = np.r_[first[1:], len(ids)].astype(np.int64) if len(ids) else np.zeros(0, dtype=np.int64)

    expander = expander if expander is not None else default_expander()
    # Above EXACT_COSINE_LIMIT a query reads only some passages' vectors (rank.pooled_cosine), so they are
    # held as float16: half the memory (0.56 GB at 729,309 passages), cosines within 1e-3 of float32's.
    dtype = np.float16 if len(passages) > EXACT_COSINE_LIMIT else np.float32
    weights = weights or default_weights(encoder)
    # Titles (when weighed) are encoded first, then each article's opening passage, then the rest: in the
    # background every article soon has a vector to be ranked by. One matrix: titles' rows, then passages'.
    titles = articles["title"].fillna("").astype(str) if weights.title else articles["title"].iloc[:0]
    texts = Joined(titles, passages["text"])
    n_titles = len(titles)
    order = np.r_[np.arange(n_titles), n_titles + first].astype(np.int64)
    owner = np.r_[np.arange(n_titles), np.repeat(np.arange(len(first)), ends - first)].astype(np.int64)
    if encoder.info.multilingual:
        dense = DenseVectors(texts, encoder, store, cache_namespace(encoder), dtype=dtype, first=order, owner=owner)
    else:
        # An English-only model cannot read Russian: it reads a Russian passage through its glossary and name
        # terms instead (on the dev queries this lifts dense recall@5 from 0.30 to 0.69). The cache is keyed by
        # the glossary's fingerprint too, since a new glossary changes what is encoded.
        tag = f"{GLOSS_TAG}-{expander.fingerprint}"
        dense = DenseVectors(texts, encoder, store, cache_namespace(encoder, tag),
                             prepare=lambda t: gloss(t, expander), dtype=dtype, first=order, owner=owner)
        if store is not None:  # vectors of the texts as earlier glossaries rendered them are never read again
            store.retire_idle(f"{cache_namespace(encoder, GLOSS_TAG)}-", cache_namespace(encoder, tag))
    if background:
        dense.start(progress)
    else:
        dense.fill(progress)
    vectors, title_vectors = dense.vectors[n_titles:], dense.vectors[:n_titles]
    memory.release()  # each step's temporaries go back before the next step makes its own (lib/store/memory.py)
    # Each passage is tokenised once: an article's document is its title's tokens and its passages'.
    lexicon, passage_docs, title_docs = tokens.tokenized(articles["title"].fillna("").astype(str), passages["text"],
                                                         store)
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
        weights=weights,
        dense=dense if background else None,
        title_vectors=title_vectors if n_titles else None,
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
    under the model and ``tag``, only the new ones prepared, encoded and cached (lib/search/dense.py)."""
    return DenseVectors(texts, encoder, store, cache_namespace(encoder, tag), prepare, dtype).fill(progress).vectors


def _distinct(groups: list[list[list[str]]]) -> list[list[list[str]]]:
    """Entries that stem alike ("president" and "presidents", "министр" and "министры") would count one term
    twice: an entry whose every phrasing came with an earlier entry is dropped."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for alternatives in groups:
        forms = {tuple(t) for t in alternatives}
        if not forms <= seen:
            out.append(alternatives)
            seen |= forms
    return out


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=RESULT_COLUMNS)
    return pd.concat(frames, ignore_index=True)
