"""One agreement, project or commitment as one sentence of an article reports it."""

from __future__ import annotations

from dataclasses import dataclass

from lib.articles.sentences import Sentence
from lib.facts.agreements.status import Status

QUOTE_CHARS = 400
# Where an article speaks of one thing several times, the report kept is the one with the strongest status.
STRENGTH = {"signed": 3, "completed": 3, "stalled": 3, "in_progress": 3, "planned": 2, "mentioned": 1}


@dataclass(frozen=True, slots=True)
class Report:
    """One agreement, project or commitment as one sentence of an article reports it."""

    agreement_id: str
    kind: str
    title: str
    topic: str
    countries: str
    status: str
    status_word: str
    due_year: int | None
    quote: str
    start: int
    end: int
    named_from: str = ""  # the catalogue entry a named one ("the Bisagach checkpoint") is one of
    project: str = ""  # the catalogued project the mention names, itself or through its document


def make_report(s: Sentence, agreement_id: str, kind: str, title: str, topic: str, countries_: str,
                status: Status, due: int | None) -> Report:
    return Report(agreement_id, kind, title, topic, countries_, status.status, status.word, due,
                  s.text[:QUOTE_CHARS], s.start, s.end)
