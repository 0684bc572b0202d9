"""Tokenized documents kept in the store: titles + passages → ``rank.Documents`` of token ids and their
``rank.Lexicon``, keyed by the texts and by the tokenizer's code, so a warm search reads them instead of
lemmatising every passage again (pymorphy3 on every word: most of a warm CLI search's time at 1,000 articles).
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from lib.search import rank
from lib.store.batches import Store

NAMESPACE = "search-tokens"
# Token files of this many corpus versions are kept (a dashboard and a CLI may read two versions at once).
KEEP = 2

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _tokenizer_fingerprint() -> str:
    import pymorphy3  # lazy: only its version is read (rank imports it lazily too)

    source = Path(rank.__file__).read_bytes()
    return hashlib.sha256(source + str(pymorphy3.__version__).encode()).hexdigest()[:16]


def key(titles: Iterable[str], passages: Iterable[str]) -> str:
    """A short hash of every title and passage, in order, and of the tokenizer."""
    digest = hashlib.sha256(_tokenizer_fingerprint().encode())
    for part in (titles, passages):
        for text in part:
            digest.update(str(text).encode("utf-8"))
            digest.update(b"\0")
        digest.update(b"\1")
    return digest.hexdigest()[:24]


def tokenized(titles: Sequence[str] | pd.Series, passages: Sequence[str] | pd.Series, store: Store | None,
              ) -> tuple[rank.Lexicon, rank.Documents, rank.Documents]:
    """The lexicon, the passages' documents and the titles' documents: from the store when these exact texts
    were tokenized before, else tokenized now (each passage once) and kept."""
    name = key(titles, passages) if store is not None else ""
    if store is not None:
        found = _read(store.root / NAMESPACE / f"{name}.npz")
        if found is not None:
            return found
    lexicon = rank.Lexicon()
    passage_docs = lexicon.documents(rank.tokenize(str(t)) for t in passages)
    title_docs = lexicon.documents(rank.tokenize(str(t)) for t in titles)
    if store is not None:
        _write(store.root / NAMESPACE, name, lexicon, passage_docs, title_docs)
    return lexicon, passage_docs, title_docs


def _read(path: Path) -> tuple[rank.Lexicon, rank.Documents, rank.Documents] | None:
    try:
        with np.load(path, allow_pickle=False) as data:
            lexicon = rank.Lexicon()
            lexicon.vocab = {str(t): i for i, t in enumerate(data["vocab"].tolist())}
            return (lexicon, rank.Documents(data["passage_ids"], data["passage_offsets"]),
                    rank.Documents(data["title_ids"], data["title_offsets"]))
    except (OSError, KeyError, ValueError) as exc:
        if path.exists():
            log.info("unreadable token file %s (%s): tokenizing again", path, exc)
        return None


def _write(folder: Path, name: str, lexicon: rank.Lexicon, passages: rank.Documents,
           titles: rank.Documents) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f"{name}.{os.getpid()}.part.npz"
        # The vocabulary in id order: ids are handed out in order of first sight (Lexicon.documents).
        vocab = np.array(list(lexicon.vocab), dtype=str)
        np.savez(partial, vocab=vocab, passage_ids=passages.ids, passage_offsets=passages.offsets,
                 title_ids=titles.ids, title_offsets=titles.offsets)
        os.replace(partial, folder / f"{name}.npz")
        for old in sorted(folder.glob("*.npz"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError as exc:  # a read-only or full store: the next search tokenizes again, nothing else is lost
        log.info("cannot keep the search tokens in %s: %s", folder, exc)
