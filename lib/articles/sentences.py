"""Sentence spans of a clean body: the unit of provenance for every extracted fact."""

from __future__ import annotations

from dataclasses import dataclass

from razdel import sentenize


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


def sentences(body: str) -> list[Sentence]:
    """Sentences of ``body`` with character offsets; paragraphs (lines) never share a sentence."""
    spans: list[Sentence] = []
    offset = 0
    # razdel joins lines without final punctuation (headings, list items) to the next sentence: split lines first.
    for line in body.split("\n"):
        for s in sentenize(line):
            if s.text.strip():
                spans.append(Sentence(offset + s.start, offset + s.stop, s.text))
        offset += len(line) + 1
    return spans

