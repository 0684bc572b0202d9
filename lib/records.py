"""The records that flow between stages: column lists of each table and the typed rows at module edges.

Every fact table carries ``article_id`` and ``file`` (provenance) and a quote of the sentence it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

ARTICLE_COLUMNS = ["article_id", "file", "title", "source", "url", "lang", "published", "body", "n_chars"]
OFFICIAL_COLUMNS = ["article_id", "file", "person", "country", "role", "listed", "mentions", "quote"]
MEETING_COLUMNS = [
    "meeting_id", "date", "end_date", "date_inferred", "status", "place", "level", "countries",
    "participants", "files", "evidence", "date_precision", "date_basis",
]
# How much of a meeting's ``date`` is known: the day, or only its month or year (``date`` is then the period's
# first day); empty when nothing is. ``date_basis`` says in words where the date came from.
DAY_PRECISION, MONTH_PRECISION, YEAR_PRECISION = "day", "month", "year"
DATE_PRECISIONS = [DAY_PRECISION, MONTH_PRECISION, YEAR_PRECISION]
TRADE_COLUMNS = [
    "article_id", "file", "kind", "value_usd", "approximate", "period_start", "period_end", "growth_pct",
    "target_year", "quote",
]
PASSAGE_COLUMNS = ["passage_id", "article_id", "text", "start", "end"]
# Each mention of an official in an article body, with its character span (the officials table summarises them).
MENTION_COLUMNS = ["article_id", "person", "country", "role", "listed", "start", "end", "surface", "kind", "title"]
# The articles table as stored also lists the countries each article's own text names.
TEXT_COUNTRIES = "text_countries"  # ";"-joined codes, in the order of the country table
# The tables of a Corpus, as a re-run reads them back from its snapshot.
CORPUS_TABLES = ("articles", "officials", "meetings", "trade", "passages", "mentions", "errors", "agreements",
                 "agreement_reports", "topic_sentences")
ERROR_COLUMNS = ["file", "error"]
# Agreements, projects and commitments (lib/facts/agreements): one row per report in an article, and one row per
# agreement however many articles report it; agenda topics with each supporting sentence (lib/facts/topics.py).
AGREEMENT_REPORT_COLUMNS = [
    "article_id", "file", "agreement_id", "kind", "title", "topic", "countries", "date", "status", "status_word",
    "due_year", "quote", "start", "end",
]
AGREEMENT_COLUMNS = [
    "agreement_id", "kind", "title", "topic", "countries", "first_date", "last_date", "due_year", "status", "files",
    "quote",
]
TOPIC_COLUMNS = ["article_id", "file", "topic", "start", "end", "quote"]
AGREEMENT_TABLES = ("agreements", "agreement_reports", "topic_sentences")
AGREEMENT_KINDS = ["agreement", "project", "commitment"]
AGREEMENT_STATUSES = ["signed", "planned", "in_progress", "completed", "stalled", "mentioned"]
# The fixed list of agenda topics (DESIGN.md), key → label, in the order tables list them; lib/data/topics.csv holds
# each one's cues.
TOPIC_LABELS = {
    "trade": "Trade",
    "investment_industry": "Investment and industry",
    "transport_logistics": "Transport and logistics",
    "water_energy": "Water and energy",
    "border_customs": "Border and customs",
    "security": "Security",
    "agriculture": "Agriculture",
    "health": "Health",
    "migration_labour": "Migration and labour",
    "culture_education": "Culture and education",
    "environment": "Environment",
}

LEVELS = ["heads_of_state", "heads_of_government", "foreign_ministers", "parliament", "ministers", "other"]
STATUSES = ["held", "planned"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A file's decoded text before cleaning; ``file`` is the path relative to the corpus folder."""

    file: str
    text: str
    kind: str  # "text" | "html" | "markdown"
    encoding: str


@dataclass(frozen=True, slots=True)
class ReadError:
    """A file that could not be turned into an article, with a reason a person understands."""

    file: str
    error: str


@dataclass(frozen=True, slots=True)
class Article:
    """One clean article; ``published`` is None when the page states no date."""

    article_id: str
    file: str
    title: str
    source: str | None
    url: str | None
    lang: str
    published: date | None
    body: str

    def row(self) -> dict[str, object]:
        return {
            "article_id": self.article_id,
            "file": self.file,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "lang": self.lang,
            "published": pd.Timestamp(self.published) if self.published else pd.NaT,
            "body": self.body,
            "n_chars": len(self.body),
        }


def as_date(value: object) -> date | None:
    """A table cell as a date: a Timestamp, datetime, date or ISO string; None when missing (None, NaT, NaN, "")."""
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)) or value == "":
        return None
    stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    return None if pd.isna(stamp) else stamp.date()


def empty(columns: list[str]) -> pd.DataFrame:
    """A table with the given columns and no rows (every page and export must cope with it)."""
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})


def articles_frame(articles: list[Article]) -> pd.DataFrame:
    """Articles as a DataFrame with ``published`` as datetime64 (NaT when unknown)."""
    if not articles:
        frame = empty(ARTICLE_COLUMNS)
        frame["published"] = pd.Series(dtype="datetime64[ns]")
        frame["n_chars"] = pd.Series(dtype="int64")
        return frame
    frame = pd.DataFrame([a.row() for a in articles], columns=ARTICLE_COLUMNS)
    frame["published"] = pd.to_datetime(frame["published"]).astype("datetime64[ns]")
    return frame


@dataclass(frozen=True)
class Corpus:
    """Everything the views show, as DataFrames; ``errors`` lists files that could not be read."""

    articles: pd.DataFrame
    officials: pd.DataFrame
    meetings: pd.DataFrame
    trade: pd.DataFrame
    passages: pd.DataFrame
    mentions: pd.DataFrame
    errors: pd.DataFrame
    stats: dict[str, int] = field(default_factory=dict)
    agreements: pd.DataFrame = field(default_factory=lambda: empty(AGREEMENT_COLUMNS))
    agreement_reports: pd.DataFrame = field(default_factory=lambda: empty(AGREEMENT_REPORT_COLUMNS))
    topic_sentences: pd.DataFrame = field(default_factory=lambda: empty(TOPIC_COLUMNS))

    @classmethod
    def empty(cls) -> Corpus:
        return cls(
            articles=_empty_articles(),
            officials=empty(OFFICIAL_COLUMNS),
            meetings=empty(MEETING_COLUMNS),
            trade=empty(TRADE_COLUMNS),
            passages=empty(PASSAGE_COLUMNS),
            mentions=empty(MENTION_COLUMNS),
            errors=empty(ERROR_COLUMNS),
        )


def _empty_articles() -> pd.DataFrame:
    frame = articles_frame([])
    frame[TEXT_COUNTRIES] = pd.Series(dtype="object")
    return frame
