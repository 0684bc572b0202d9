"""The weekly brief: a Corpus and a date range → Markdown an analyst would send (python -m lib brief).

Sections: the period's meetings in date order; trade figures and targets reported in the period, with the
latest figure against the latest target; agreements and projects reported in the period with their status
history; the leading agenda topics. Every line ends with the files it comes from. The period is the articles'
publication dates (and the meetings' own dates); by default the last seven days of the corpus.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from lib.records import TOPIC_LABELS, Corpus

DEFAULT_DAYS = 7
PAIR = {"KZ", "KG"}  # the brief is about this pair: meetings of other pairs are left out
LEADING_TOPICS = 5
STATUS_WORDS = {"signed": "signed", "planned": "planned", "in_progress": "in progress", "completed": "completed",
                "stalled": "stalled", "mentioned": "mentioned"}
LEVEL_WORDS = {"heads_of_state": "heads of state", "heads_of_government": "heads of government",
               "foreign_ministers": "foreign ministers", "parliament": "parliament", "ministers": "ministers",
               "other": "officials"}


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


def _cite(files: object) -> str:
    items = sorted({str(f) for f in _items(files)})
    return "[" + "; ".join(items) + "]" if items else "[no file]"


def _items(value: object) -> list[str]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    return [str(v) for v in value]  # type: ignore[attr-defined]


def _in_period(day: object, since: date, until: date) -> bool:
    stamp = pd.to_datetime(day, errors="coerce")
    return not pd.isna(stamp) and since <= stamp.date() <= until


def build_brief(corpus: Corpus, since: date | None = None, until: date | None = None) -> str:
    """The brief of ``since``..``until`` as Markdown."""
    since, until = default_period(corpus.articles, since, until)
    articles = corpus.articles
    in_range = articles[[_in_period(p, since, until) for p in articles["published"].tolist()]] \
        if not articles.empty else articles
    files = set(in_range["file"].tolist()) if not in_range.empty else set()
    outlets = in_range["source"].dropna().nunique() if not in_range.empty else 0
    lines = [f"# Kazakhstan–Kyrgyzstan brief, {since:%d %b %Y} – {until:%d %b %Y}", "",
             f"{_count(len(in_range), 'article')} from {_count(outlets, 'outlet')} published in the period. Every "
             "line cites the files it comes from.", ""]
    lines += _meetings(corpus.meetings, files, since, until)
    lines += _trade(corpus.trade, in_range)
    lines += _agreements(corpus.agreement_reports, files)
    lines += _topics(in_range)
    return "\n".join(lines).rstrip() + "\n"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _meetings(meetings: pd.DataFrame, files: set[str], since: date, until: date) -> list[str]:
    out = ["## Meetings", ""]
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
        out.append(f"- {when}, {place}: {LEVEL_WORDS.get(str(r['level']), 'officials')}{status} — {people}. "
                   f"{_cite(r['files'])}")
    return out + (["- No meetings reported in the period."] if not rows else []) + [""]


def _trade(trade: pd.DataFrame, in_range: pd.DataFrame) -> list[str]:
    out = ["## Trade", ""]
    if trade.empty or in_range.empty:
        return out + ["- No trade figures reported in the period.", ""]
    published = dict(zip(in_range["article_id"].tolist(), in_range["published"].tolist(), strict=True))
    rows = trade[trade["article_id"].isin(published.keys())].copy()
    if rows.empty:
        return out + ["- No trade figures reported in the period.", ""]
    rows["published"] = rows["article_id"].map(published)
    actual = rows[rows["kind"] == "actual"].sort_values(["period_end", "published"], kind="stable")
    target = rows[rows["kind"] == "target"].sort_values(["published"], kind="stable")
    for r in actual.to_dict("records"):
        period = _period(r["period_start"], r["period_end"])
        growth = f", {r['growth_pct']:+.1f}%" if r["growth_pct"] is not None and not pd.isna(r["growth_pct"]) else ""
        out.append(f"- Turnover {money(float(r['value_usd']))}{period}{growth}. {_cite([r['file']])}")
    for value, group in target.groupby("value_usd", sort=True):
        due = [int(y) for y in group["target_year"].dropna()]
        by = f" by {max(due)}" if due else ""
        out.append(f"- Target {money(float(value))}{by}. {_cite(group['file'].tolist())}")
    if not actual.empty and not target.empty:
        last, goal = actual.iloc[-1], target.iloc[-1]
        share = float(last["value_usd"]) / float(goal["value_usd"]) * 100
        out.append(f"- Latest figure against the latest target: {money(float(last['value_usd']))} of "
                   f"{money(float(goal['value_usd']))} ({share:.0f}%). {_cite([last['file'], goal['file']])}")
    return out + [""]


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


def _agreements(reports: pd.DataFrame, files: set[str]) -> list[str]:
    out = ["## Agreements and projects", ""]
    rows = reports[reports["file"].isin(files)] if not reports.empty else reports
    if rows.empty:
        return out + ["- No agreements or projects reported in the period.", ""]
    for _, group in rows.sort_values(["date", "file"], kind="stable").groupby("agreement_id", sort=False):
        first = group.iloc[-1]
        history = " → ".join(f"{STATUS_WORDS[s]} ({d})" for s, d in zip(group["status"], group["date"], strict=True))
        due = first["due_year"]
        due_text = f"; due {int(due)}" if due is not None and not pd.isna(due) else ""
        topic = TOPIC_LABELS.get(str(first["topic"]), "no topic").lower()
        out.append(f"- {first['title']} ({first['kind']}, {topic}): {history}{due_text}. "
                   f"{_cite(group['file'].tolist())}")
    return out + [""]


def _topics(in_range: pd.DataFrame) -> list[str]:
    out = ["## Leading topics", ""]
    counts: dict[str, list[str]] = {}
    if not in_range.empty and "topics" in in_range:
        for file, topics in zip(in_range["file"].tolist(), in_range["topics"].tolist(), strict=True):
            for topic in _items(topics):
                counts.setdefault(topic, []).append(file)
    labels = TOPIC_LABELS
    leading = sorted(counts.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:LEADING_TOPICS]
    for topic, cited in leading:
        out.append(f"- {labels.get(topic, topic)}: {len(cited)} of {len(in_range)} articles. {_cite(cited)}")
    return out + (["- No agenda topics in the period."] if not leading else []) + [""]


def write_brief(corpus: Corpus, out: Path, since: date | None = None, until: date | None = None) -> str:
    """Writes the brief to ``out`` (Markdown) and returns it."""
    text = build_brief(corpus, since, until)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return text
