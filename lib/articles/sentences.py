"""Sentence spans of a clean body: the unit of provenance for every extracted fact.

One rule (razdel, line by line) and one split per article: ``Sentences`` holds an article's sentences, each line
split on first use and kept, so every extractor of the article reads the same spans and no line is split twice
(nor at all when no extractor asks).
"""

from __future__ import annotations

from dataclasses import dataclass

from razdel import sentenize


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


class Sentences:
    """The sentences of ``body`` with offsets into it; paragraphs (lines) never share a sentence."""

    __slots__ = ("body", "_lines", "_spans")

    def __init__(self, body: str) -> None:
        self.body = body
        self._lines: dict[int, list[Sentence]] = {}  # a line's start → its sentences
        self._spans: list[Sentence] | None = None

    @property
    def spans(self) -> list[Sentence]:
        """Every sentence, in order."""
        if self._spans is None:
            spans: list[Sentence] = []
            start = 0
            for line in self.body.split("\n"):
                spans.extend(self.line(start))
                start += len(line) + 1
            self._spans = spans
        return self._spans

    def line(self, start: int) -> list[Sentence]:
        """The sentences of the line that begins at ``start``."""
        found = self._lines.get(start)
        if found is None:
            end = self.body.find("\n", start)
            line = self.body[start:] if end < 0 else self.body[start:end]
            # razdel joins lines without final punctuation (headings, list items) to the next sentence: hence lines
            found = [Sentence(start + s.start, start + s.stop, s.text) for s in sentenize(line) if s.text.strip()]
            self._lines[start] = found
        return found

    def blanked(self, end: int) -> Sentences:
        """The body with its first ``end`` characters (all on the first line) turned to spaces, with the sentences of
        every other line as split here: razdel reads the characters around each full stop, so the first line is
        split anew."""
        out = Sentences(" " * end + self.body[end:])
        out._lines = {start: found for start, found in self._lines.items() if start > 0}
        return out


def sentences(body: str) -> list[Sentence]:
    """Sentences of ``body`` with character offsets; paragraphs (lines) never share a sentence."""
    return Sentences(body).spans


def split(body: str, given: Sentences | None) -> Sentences:
    """``given`` when the caller split ``body`` already, else ``body`` to split on first use (an extractor called on
    a text alone, as tests do)."""
    return given if given is not None and given.body == body else Sentences(body)
