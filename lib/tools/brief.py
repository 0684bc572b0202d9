"""The weekly brief: a Corpus and a date range → a Brief, written as Markdown or Word (python -m lib brief).

Sections: the period's meetings in date order; trade figures and targets reported in the period, with the
latest figure against the latest target; agreements and projects reported in the period with their status
history; the leading agenda topics. Every line ends with the files it comes from. The period is the articles'
publication dates (and the meetings' own dates); by default the last seven days of the corpus. Both formats
render the one Brief record, so they cannot say different things.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import docx
import pandas as pd
from docx.shared import Pt, RGBColor

from lib.records import TOPIC_LABELS, Corpus

DEFAULT_DAYS = 7
PAIR = {"KZ", "KG"}  # the brief is about this pair: meetings of other pairs are left out
LEADING_TOPICS = 5
STATUS_WORDS = {"signed": "signed", "planned": "planned", "in_progress": "in progress", "completed": "completed",
                "stalled": "stalled", "mentioned": "mentioned"}
LEVEL_WORDS = {"heads_of_state": "heads of state", "heads_of_government": "heads of government",
               "foreign_ministers": "foreign ministers", "parliament": "parliament", "ministers": "ministers",
               "other": "officials"}
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CITATION_GREY = RGBColor(0x59, 0x59, 0x59)  # citations stay legible but recede behind what the line says


@dataclass(frozen=True, slots=True)
class Line:
    """One item of a section: what it says and the files it comes from (sorted, no repeats)."""

    text: str
    files: tuple[str, ...]

    @property
    def citation(self) -> str:
        return "[" + "; ".join(self.files) + "]" if self.files else "[no file]"


@dataclass(frozen=True, slots=True)
class Section:
    """A heading, its lines, and what it says when it has none."""

    heading: str
    lines: tuple[Line, ...]
    empty: str


@dataclass(frozen=True, slots=True)
class Brief:
    """The brief of one period, in no format yet."""

    since: date
    until: date
    n_articles: int
    n_outlets: int
    sections: tuple[Section, ...]

    @property
    def period(self) -> str:
        return f"{self.since:%d %b %Y} – {self.until:%d %b %Y}"

    @property
    def title(self) -> str:
        return f"Kazakhstan–Kyrgyzstan brief, {self.period}"

    @property
    def summary(self) -> str:
        return (f"{_count(self.n_articles, 'article')} from {_count(self.n_outlets, 'outlet')} published in the "
                "period. Every line cites the files it comes from.")


class BriefFormatError(ValueError):
    """The output file's name asks for a format the brief is not written in."""


def default_period(articles: pd.DataFrame, since: date | None, until: date | None) -> tuple[date, date]:
    """``since``..``until`` with the gaps filled: until the corpus's latest publication date, since a week before."""
    published = pd.to_datetime(articles["published"], errors="coerce").dropna() if not articles.empty else None
    last = published.max().date() if published is not None and len(published) else date.today()
    until = until or max(last, since or last)
    since = since or until - timedelta(days=DEFAULT_DAYS - 1)
    return since, until


def money(value: float) -> str:
    """$1.3 billion, $680 million."""
    if value >= 1e9:
        return f"${value / 1e9:.2f}".rstrip("0").rstrip(".") + " billion"
    return f"${value / 1e6:.0f} million"


def _line(text: str, files: object) -> Line:
    return Line(text, tuple(sorted({str(f) for f in _items(files)})))


def _items(value: object) -> list[str]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    return [str(v) for v in value]  # type: ignore[attr-defined]


def _in_period(day: object, since: date, until: date) -> bool:
    stamp = pd.to_datetime(day, errors="coerce")
    return not pd.isna(stamp) and since <= stamp.date() <= until


def assemble(corpus: Corpus, since: date | None = None, until: date | None = None) -> Brief:
    """The brief of ``since``..``until`` (gaps filled as in ``default_period``)."""
    since, until = default_period(corpus.articles, since, until)
    articles = corpus.articles
    in_range = articles[[_in_period(p, since, until) for p in articles["published"].tolist()]] \
        if not articles.empty else articles
    files = set(in_range["file"].tolist()) if not in_range.empty else set()
    outlets = int(in_range["source"].dropna().nunique()) if not in_range.empty else 0
    sections = (
        Section("Meetings", tuple(_meetings(corpus.meetings, files, since, until)),
                "No meetings reported in the period."),
        Section("Trade", tuple(_trade(corpus.trade, in_range)), "No trade figures reported in the period."),
        Section("Agreements and projects", tuple(_agreements(corpus.agreement_reports, files)),
                "No agreements or projects reported in the period."),
        Section("Leading topics", tuple(_topics(in_range)), "No agenda topics in the period."),
    )
    return Brief(since, until, len(in_range), outlets, sections)


def build_brief(corpus: Corpus, since: date | None = None, until: date | None = None) -> str:
    """The brief of ``since``..``until`` as Markdown."""
    return to_markdown(assemble(corpus, since, until))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _meetings(meetings: pd.DataFrame, files: set[str], since: date, until: date) -> Iterable[Line]:
    rows = []
    for row in meetings.to_dict("records") if not meetings.empty else []:
        if not set(_items(row["countries"])) >= PAIR:
            continue
        cited = set(_items(row["files"]))
        dated = _in_period(row["date"], since, until)
        undated = pd.isna(pd.to_datetime(row["date"], errors="coerce"))
        if dated or (undated and cited & files):
            rows.append(row)
    rows.sort(key=lambda r: (str(r["date"] or "9999"), str(r["meeting_id"])))
    for r in rows:
        day = pd.to_datetime(r["date"], errors="coerce")
        when = day.strftime("%d %b %Y") if not pd.isna(day) else "date not stated"
        place = r["place"] if isinstance(r["place"], str) and r["place"] else "no place (call or not stated)"
        people = ", ".join(_items(r["participants"]))
        status = "" if r["status"] == "held" else f" ({r['status']})"
        yield _line(f"{when}, {place}: {LEVEL_WORDS.get(str(r['level']), 'officials')}{status} — {people}.",
                    r["files"])


def _trade(trade: pd.DataFrame, in_range: pd.DataFrame) -> Iterable[Line]:
    if trade.empty or in_range.empty:
        return
    published = dict(zip(in_range["article_id"].tolist(), in_range["published"].tolist(), strict=True))
    rows = trade[trade["article_id"].isin(published.keys())].copy()
    if rows.empty:
        return
    rows["published"] = rows["article_id"].map(published)
    actual = rows[rows["kind"] == "actual"].sort_values(["period_end", "published"], kind="stable")
    target = rows[rows["kind"] == "target"].sort_values(["published"], kind="stable")
    for r in actual.to_dict("records"):
        period = _period(r["period_start"], r["period_end"])
        growth = f", {r['growth_pct']:+.1f}%" if r["growth_pct"] is not None and not pd.isna(r["growth_pct"]) else ""
        yield _line(f"Turnover {money(float(r['value_usd']))}{period}{growth}.", [r["file"]])
    for value, group in target.groupby("value_usd", sort=True):
        due = [int(y) for y in group["target_year"].dropna()]
        by = f" by {max(due)}" if due else ""
        yield _line(f"Target {money(float(value))}{by}.", group["file"].tolist())
    if not actual.empty and not target.empty:
        last, goal = actual.iloc[-1], target.iloc[-1]
        share = float(last["value_usd"]) / float(goal["value_usd"]) * 100
        yield _line(f"Latest figure against the latest target: {money(float(last['value_usd']))} of "
                    f"{money(float(goal['value_usd']))} ({share:.0f}%).", [last["file"], goal["file"]])


def _period(start: object, end: object) -> str:
    """" in 2023", " in Jan–Nov 2023", " in Mar 2024", " in Nov 2023 – Feb 2024"."""
    first, last = (pd.Timestamp(f"{v}-01") if isinstance(v, str) and v else None for v in (start, end))
    if first is None:
        return ""
    last = last or first
    if first.month == 1 and last.month == 12 and first.year == last.year:
        return f" in {first.year}"
    if first == last:
        return f" in {first:%b %Y}"
    if first.year == last.year:
        return f" in {first:%b}–{last:%b %Y}"
    return f" in {first:%b %Y} – {last:%b %Y}"


def _agreements(reports: pd.DataFrame, files: set[str]) -> Iterable[Line]:
    rows = reports[reports["file"].isin(files)] if not reports.empty else reports
    if rows.empty:
        return
    for _, group in rows.sort_values(["date", "file"], kind="stable").groupby("agreement_id", sort=False):
        first = group.iloc[-1]
        history = " → ".join(f"{STATUS_WORDS[s]} ({d})" for s, d in zip(group["status"], group["date"], strict=True))
        due = first["due_year"]
        due_text = f"; due {int(due)}" if due is not None and not pd.isna(due) else ""
        topic = TOPIC_LABELS.get(str(first["topic"]), "no topic").lower()
        yield _line(f"{first['title']} ({first['kind']}, {topic}): {history}{due_text}.", group["file"].tolist())


def _topics(in_range: pd.DataFrame) -> Iterable[Line]:
    counts: dict[str, list[str]] = {}
    if not in_range.empty and "topics" in in_range:
        for file, topics in zip(in_range["file"].tolist(), in_range["topics"].tolist(), strict=True):
            for topic in _items(topics):
                counts.setdefault(topic, []).append(file)
    labels = TOPIC_LABELS
    leading = sorted(counts.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:LEADING_TOPICS]
    for topic, cited in leading:
        yield _line(f"{labels.get(topic, topic)}: {len(cited)} of {len(in_range)} articles.", cited)


def to_markdown(brief: Brief) -> str:
    """The brief as Markdown: a heading per section, a bullet per line ending with its citation."""
    lines = [f"# {brief.title}", "", brief.summary, ""]
    for section in brief.sections:
        lines += [f"## {section.heading}", ""]
        lines += [f"- {line.text} {line.citation}" for line in section.lines] or [f"- {section.empty}"]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def to_docx(brief: Brief) -> bytes:
    """The brief as a Word document: the same headings and bullets, each citation in small grey type."""
    document = docx.Document()
    document.core_properties.title = brief.title
    document.add_heading(brief.title, level=1)
    document.add_paragraph(brief.summary)
    for section in brief.sections:
        document.add_heading(section.heading, level=2)
        if not section.lines:
            document.add_paragraph(section.empty, style="List Bullet")
        for line in section.lines:
            paragraph = document.add_paragraph(f"{line.text} ", style="List Bullet")
            citation = paragraph.add_run(line.citation)
            citation.font.size = Pt(9)
            citation.font.color.rgb = CITATION_GREY
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# The file's suffix chooses the format; anything else is refused before the corpus is read.
WRITERS: dict[str, Callable[[Brief], bytes]] = {
    ".md": lambda brief: to_markdown(brief).encode("utf-8"),
    ".docx": to_docx,
}


def check_out(out: Path) -> Path:
    """``out`` if its suffix names a format of the brief, else BriefFormatError saying which do."""
    if out.suffix.lower() not in WRITERS:
        raise BriefFormatError(f"{out.name}: the brief is written as Markdown (.md) or Word (.docx); "
                               "end the file name with one of them")
    return out


def save(brief: Brief, out: Path) -> None:
    """Writes ``brief`` to ``out``, as Markdown or Word by its suffix."""
    render = WRITERS[check_out(out).suffix.lower()]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(render(brief))


def write_brief(corpus: Corpus, out: Path, since: date | None = None, until: date | None = None) -> Brief:
    """Writes the brief of ``since``..``until`` to ``out`` (Markdown or Word by its suffix) and returns it."""
    check_out(out)  # a wrong name is refused before the brief is built
    written = assemble(corpus, since, until)
    save(written, out)
    return written
