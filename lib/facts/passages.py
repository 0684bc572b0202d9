"""Passages: articles → paragraph-sized spans of the body, each with character offsets (start, end).

A passage is a paragraph (one line of the clean body); a long paragraph is cut into windows of whole
sentences. ``body[start:end] == text`` always holds, so a hit can be highlighted in place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from lib.articles.sentences import Sentence, Sentences, sentences, split
from lib.records import PASSAGE_COLUMNS, empty

# Sentence windows stay under this many characters: about 100 words, well inside the 128–256 word pieces
# that small sentence-transformers models read before truncating.
MAX_CHARS = 600
# Lines with fewer letters than this are menus, counters or share buttons, not text worth retrieving.
MIN_LETTERS = 25

_LETTER = re.compile(r"[^\W\d_]")


def make_passages(articles: pd.DataFrame, texts: Mapping[str, Sentences] | None = None) -> pd.DataFrame:
    """One row per passage of every article, in body order (columns: PASSAGE_COLUMNS); ``texts``: each article's
    sentences by article_id, split once for every extractor."""
    rows: list[dict[str, object]] = []
    for article_id, body in zip(articles["article_id"], articles["body"], strict=True):
        for start, end in spans(str(body or ""), (texts or {}).get(article_id)):
            rows.append({"passage_id": f"{article_id}:{start}", "article_id": article_id,
                         "text": body[start:end], "start": start, "end": end})
    if not rows:
        return empty(PASSAGE_COLUMNS)
    return pd.DataFrame(rows, columns=PASSAGE_COLUMNS)


def spans(body: str, split_body: Sentences | None = None) -> list[tuple[int, int]]:
    """(start, end) of each passage of ``body`` (``split_body``: its sentences, when the caller has them)."""
    body_sentences = split(body, split_body)
    out: list[tuple[int, int]] = []
    offset = 0
    for line in body.split("\n"):
        stripped = line.strip()
        if len(_LETTER.findall(stripped)) >= MIN_LETTERS:
            lead = len(line) - len(line.lstrip())
            start, end = offset + lead, offset + lead + len(stripped)
            if end - start <= MAX_CHARS:
                out.append((start, end))
            elif stripped == line:  # the line's own sentences
                out.extend(_windows(body_sentences.line(offset)))
            else:  # razdel reads the characters around each full stop: those of the stripped line
                out.extend(_windows([Sentence(start + s.start, start + s.end, s.text) for s in sentences(stripped)]))
        offset += len(line) + 1
    if not out and body.strip():
        # A short article (a one-line note) is still searchable as a whole.
        lead = len(body) - len(body.lstrip())
        out.append((lead, lead + len(body.strip())))
    return out


def _windows(line: list[Sentence]) -> list[tuple[int, int]]:
    """Consecutive groups of whole sentences of a line, each under MAX_CHARS when a sentence allows."""
    out: list[tuple[int, int]] = []
    window_start = window_end = None
    for sentence in line:
        s, e = sentence.start, sentence.end
        if window_start is None:
            window_start, window_end = s, e
        elif e - window_start > MAX_CHARS:
            out.append((window_start, window_end))  # type: ignore[arg-type]
            window_start, window_end = s, e
        else:
            window_end = e
    if window_start is not None:
        out.append((window_start, window_end))  # type: ignore[arg-type]
    return out
