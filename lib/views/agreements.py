"""The Agreements page's data: the filtered corpus → agreements with their status history (overdue flagged),
every report with its quote, and the share of articles and meetings per agenda topic per quarter.

The sidebar's filters (dates, officials, country pair, outlet, language) choose the articles; an agreement is
shown when an article it is reported in is chosen, with its status as of its latest report (in the whole corpus)
and the reports of the chosen articles as its history. Loads no extractor: agreements come merged in the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from lib.records import AGREEMENT_KINDS, AGREEMENT_STATUSES, TOPIC_LABELS, Corpus
from lib.views.cells import as_list
from lib.views.metric import Metric

AGREEMENT_TABLE_COLUMNS = ["title", "kind", "status", "topic", "due_year", "overdue", "first_date", "last_date",
                           "reports", "files", "quote", "agreement_id"]
REPORT_TABLE_COLUMNS = ["title", "date", "status", "status_word", "due_year", "file", "quote", "start", "end",
                        "agreement_id"]
TOPIC_SENTENCE_COLUMNS = ["topic", "published", "file", "quote", "start", "end"]
# Not done when the due year is over: a completed project is not late, whatever its year was.
DONE = {"completed"}


@dataclass(frozen=True, slots=True)
class Choice:
    """The page's own filters; empty means no restriction."""

    statuses: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AgreementsView:
    agreements: pd.DataFrame
    reports: pd.DataFrame
    topic_shares: pd.DataFrame
    topic_sentences: pd.DataFrame


def topic_label(key: str) -> str:
    return TOPIC_LABELS.get(key, key)


def options() -> tuple[list[str], list[str], list[str]]:
    """What the status, topic and kind filters offer."""
    return list(AGREEMENT_STATUSES), list(TOPIC_LABELS), list(AGREEMENT_KINDS)


def select(view: Corpus, choice: Choice, today: date) -> AgreementsView:
    """Agreements, reports and topics of the articles in ``view`` that the page's filters keep."""
    files = set(view.articles["file"].tolist()) if not view.articles.empty else set()
    reports = view.agreement_reports
    reports = reports[reports["file"].isin(files)] if not reports.empty else reports
    if choice.topics and not reports.empty:
        reports = reports[reports["topic"].isin(choice.topics)]
    if choice.kinds and not reports.empty:
        reports = reports[reports["kind"].isin(choice.kinds)]
    agreements = view.agreements
    if not agreements.empty:
        agreements = agreements[agreements["agreement_id"].isin(set(reports["agreement_id"]))]
    if choice.statuses and not agreements.empty:
        agreements = agreements[agreements["status"].isin(choice.statuses)]
        reports = reports[reports["agreement_id"].isin(set(agreements["agreement_id"]))]
    return AgreementsView(agreement_table(agreements, reports, today), report_table(reports),
                          topic_shares(view.articles, view.meetings, choice.topics),
                          topic_sentence_table(view, choice.topics))


def agreement_table(agreements: pd.DataFrame, reports: pd.DataFrame, today: date) -> pd.DataFrame:
    """One row per agreement; ``overdue`` when its due year has passed and it is not completed."""
    if agreements.empty:
        return pd.DataFrame(columns=AGREEMENT_TABLE_COLUMNS)
    out = agreements.copy()
    counts = reports.groupby("agreement_id").size() if not reports.empty else pd.Series(dtype=int)
    out["reports"] = out["agreement_id"].map(counts).fillna(0).astype(int)
    out["overdue"] = [due is not None and not pd.isna(due) and int(due) < today.year and status not in DONE
                      for due, status in zip(out["due_year"], out["status"], strict=True)]
    out["topic"] = out["topic"].map(lambda t: topic_label(t) if isinstance(t, str) and t else "")
    return out.reindex(columns=AGREEMENT_TABLE_COLUMNS).reset_index(drop=True)


def report_table(reports: pd.DataFrame) -> pd.DataFrame:
    """Every report, agreement by agreement in date order: the status history with each report's quote."""
    if reports.empty:
        return pd.DataFrame(columns=REPORT_TABLE_COLUMNS)
    ordered = reports.sort_values(["title", "date", "file"], kind="stable", na_position="first")
    return ordered.reindex(columns=REPORT_TABLE_COLUMNS).reset_index(drop=True)


def _quarter(stamps: pd.Series) -> pd.Series:
    """"2024Q1" per date, "" where there is none."""
    days = pd.to_datetime(stamps, errors="coerce")
    return pd.Series([f"{d.year}Q{d.quarter}" if not pd.isna(d) else "" for d in days], index=stamps.index)


def topic_shares(articles: pd.DataFrame, meetings: pd.DataFrame, chosen: tuple[str, ...] = ()) -> pd.DataFrame:
    """Per quarter and topic: the share of that quarter's articles (by publication date) and meetings (by date)
    with the topic. Undated articles and meetings are left out."""
    rows = []
    for what, frame, day in (("articles", articles, "published"), ("meetings", meetings, "date")):
        if frame.empty or "topics" not in frame:
            continue
        quarters = _quarter(frame[day])
        dated = quarters != ""
        totals = quarters[dated].value_counts()
        counts: dict[tuple[str, str], int] = {}
        for quarter, topics in zip(quarters[dated].tolist(), frame.loc[dated, "topics"].tolist(), strict=True):
            for topic in as_list(topics) if not isinstance(topics, str) else topics.split("; "):
                if topic and (not chosen or topic in chosen):
                    counts[(quarter, topic)] = counts.get((quarter, topic), 0) + 1
        rows += [{"quarter": q, "topic": topic_label(t), "of": what, "count": n, "share": n / totals[q]}
                 for (q, t), n in counts.items()]
    frame = pd.DataFrame(rows, columns=["quarter", "topic", "of", "count", "share"])
    return frame.sort_values(["quarter", "of", "topic"], kind="stable").reset_index(drop=True)


def topic_sentence_table(view: Corpus, chosen: tuple[str, ...] = ()) -> pd.DataFrame:
    """Every sentence that supports a topic in the chosen articles, with its article's date and file."""
    sentences = view.topic_sentences
    if sentences.empty or view.articles.empty:
        return pd.DataFrame(columns=TOPIC_SENTENCE_COLUMNS)
    meta = view.articles[["article_id", "published"]]
    out = sentences.drop(columns=["published"], errors="ignore").merge(meta, on="article_id", how="inner")
    if chosen:
        out = out[out["topic"].isin(chosen)]
    out["topic"] = out["topic"].map(topic_label)
    return out.sort_values(["published", "file", "start"], kind="stable").reindex(
        columns=TOPIC_SENTENCE_COLUMNS).reset_index(drop=True)


def topic_figure(shares: pd.DataFrame) -> go.Figure:
    """Share of articles per topic per quarter, one line per topic (meetings dotted)."""
    fig = go.Figure()
    for (topic, what), group in shares.groupby(["topic", "of"], sort=True):
        fig.add_trace(go.Scatter(
            x=group["quarter"], y=group["share"], name=f"{topic} ({what})", mode="lines+markers",
            line={"dash": "dot" if what == "meetings" else "solid"},
            hovertemplate="%{x}: %{y:.0%} of " + what + "<extra>" + topic + "</extra>"))
    fig.update_layout(height=380, margin={"l": 10, "r": 10, "t": 30, "b": 10}, yaxis_tickformat=".0%",
                      xaxis_title="quarter", yaxis_title="share with the topic")
    return fig


def agreement_metrics(shown: AgreementsView) -> list[Metric]:
    table = shown.agreements
    count = int(len(table))
    return [
        Metric("Agreements and projects", str(count)),
        Metric("Signed or completed", str(int(table["status"].isin(["signed", "completed"]).sum()) if count else 0)),
        Metric("Stalled", str(int((table["status"] == "stalled").sum()) if count else 0)),
        Metric("Overdue", str(int(table["overdue"].sum()) if count else 0),
               help="due year passed and not reported completed"),
    ]
