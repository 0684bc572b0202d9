"""Text with marked spans → safe HTML: every character escaped, the spans (facts, query terms) wrapped in <mark>."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Highlight:
    """A span of a text to mark: where a fact came from, or a word matching the query."""

    start: int
    end: int
    kind: str  # "official" | "meeting" | "trade" | "term"
    label: str


def highlight_html(body: str, highlights: list[Highlight], css_class: str = "kk-article") -> str:
    """The body as HTML: every character escaped first, then the spans wrapped in <mark>.

    Spans are cut at the text's own offsets before escaping, so a highlight can never split an entity or
    let article text become markup. Overlapping spans: the outer one (a quote) wins over inner ones.
    """
    pieces: list[str] = []
    position = 0
    for span in highlights:
        if span.start < position:
            continue
        pieces.append(_escape(body[position:span.start]))
        pieces.append(f'<mark class="kk-{span.kind}" title="{_escape(span.label)}">'
                      f"{_escape(body[span.start:span.end])}</mark>")
        position = span.end
    pieces.append(_escape(body[position:]))
    text = "".join(pieces).replace("\n", "<br>")
    return f'<div class="{css_class}">{text}</div>'


# Characters that markdown or a math renderer would read as syntax become entities too, so the text stays
# text whatever renders it.
# One translation table, applied in one pass, so no entity is escaped twice.
_ESCAPES = {ord(c): f"&#{ord(c)};" for c in "&<>\"'`*_[]{}()#+!|~$\\="}


def _escape(text: str) -> str:
    return text.translate(_ESCAPES)
