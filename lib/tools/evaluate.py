"""Scoring a corpus against an analyst's annotated sample (a JSON list of files with their expected facts).

Rules (shared/dev-corpus/README.md): officials per file by surname and first initial across spellings;
meetings as events (one match per event, citing one of its files, two of its participants, dated within a day
when the event has a date — a row placed by month or year only matches an event inside that period;
Kazakhstan–Kyrgyzstan only); trade per file by kind and value within 2%.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from lib.records import as_date

PAIR = {"KZ", "KG"}


@dataclass(frozen=True, slots=True)
class Score:
    name: str
    tp: int
    n_pred: int
    n_gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return (f"{self.name:<16} precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}  "
                f"(tp {self.tp}, predicted {self.n_pred}, gold {self.n_gold})")


def load_gold(path: Path) -> list[dict]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def name_key(name: str) -> tuple[str, str]:
    """(first initial, normalised surname): one key for Japarov/Zhaparov, Kosherbayev/Kosherbaev, Tokaev."""
    parts = [p for p in re.split(r"[\s]+", _ascii(name).lower().strip()) if p]
    if not parts:
        return ("", "")
    surname = parts[-1]
    for old, new in (("dzh", "j"), ("zh", "j"), ("kh", "h"), ("yev", "ev"), ("iyev", "iev"), ("ye", "e"),
                     ("yo", "o"), ("ay", "ai"), ("iy", "i"), ("ee", "e"), ("-", ""), ("'", "")):
        surname = surname.replace(old, new)
    surname = re.sub(r"(.)\1+", r"\1", surname)
    first = parts[0][0] if len(parts) > 1 else ""
    first = {"z": "j"}.get(first, first) if parts[0].startswith("zh") else first
    return (first, surname)


def _same_person(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[1] == b[1] and (not a[0] or not b[0] or a[0] == b[0])


def score_officials(officials: pd.DataFrame, gold: list[dict]) -> Score:
    files = {g["file"] for g in gold}
    predicted: dict[str, list[tuple[str, str]]] = {}
    for row in officials.itertuples():
        if row.file in files:
            predicted.setdefault(row.file, []).append(name_key(str(row.person)))
    tp = n_pred = n_gold = 0
    for entry in gold:
        gold_keys = {name_key(n) for n in entry.get("officials", [])}
        pred_keys = set(predicted.get(entry["file"], []))
        n_gold += len(gold_keys)
        n_pred += len(pred_keys)
        tp += sum(1 for g in gold_keys if any(_same_person(g, p) for p in pred_keys))
    return Score("officials", tp, n_pred, n_gold)


def _as_list(value: Iterable[object] | float | None) -> list[str]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    # list columns hold lists, arrays, "; "-joined strings or NaN (returned above): no other float reaches here
    assert not isinstance(value, float)
    return [str(v) for v in value]


@dataclass(frozen=True)
class _Event:
    key: str
    files: frozenset[str]
    participants: tuple[tuple[str, str], ...]
    days: frozenset[date]


def gold_events(gold: list[dict]) -> list[_Event]:
    grouped: dict[str, dict] = {}
    for entry in gold:
        for i, meeting in enumerate(entry.get("meetings", [])):
            if not set(meeting.get("countries", [])) >= PAIR:
                continue
            key = meeting.get("event") or f"{entry['file']}-{i}"
            event = grouped.setdefault(key, {"files": set(), "people": set(), "days": set()})
            event["files"].add(entry["file"])
            event["people"].update(name_key(p) for p in meeting.get("participants", []))
            start, end = as_date(meeting.get("date")), as_date(meeting.get("end_date"))
            if start:
                last = end or start
                span = [start + timedelta(days=d) for d in range(max(0, (last - start).days) + 1)]
                event["days"].update(day + timedelta(days=shift) for day in span for shift in (-1, 0, 1))
    return [_Event(k, frozenset(v["files"]), tuple(sorted(v["people"])), frozenset(v["days"]))
            for k, v in sorted(grouped.items())]


def _matches(row: pd.Series, event: _Event) -> bool:
    if not event.files & set(_as_list(row["files"])):
        return False
    people = [name_key(p) for p in _as_list(row["participants"])]
    shared = sum(1 for g in event.participants if any(_same_person(g, p) for p in people))
    if shared < 2:
        return False
    if event.days:
        start = as_date(row["date"])
        if start is None:
            return False
        end = _period_end(start, row.get("date_precision")) or as_date(row.get("end_date")) or start
        days = {start + timedelta(days=d) for d in range(max(0, (end - start).days) + 1)}
        return bool(days & event.days)
    return True


def _period_end(start: date, precision: object) -> date | None:
    """The last day of the month or year a month- or year-precision row stands for (its date is the first day)."""
    if precision == "year":
        return date(start.year, 12, 31)
    if precision == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1) - timedelta(days=1)
    return None


def score_meetings(meetings: pd.DataFrame, gold: list[dict]) -> tuple[Score, list[str], list[int]]:
    """Score, the gold events missed, and the indexes of predicted rows that matched nothing."""
    files = {g["file"] for g in gold}
    events = gold_events(gold)
    rows = [r for _, r in meetings.iterrows()
            if set(_as_list(r["countries"])) >= PAIR and files & set(_as_list(r["files"]))]
    candidates = [[j for j, e in enumerate(events) if _matches(row, e)] for row in rows]
    owner = _max_matching(candidates, len(events))
    matched_events = {events[j].key for j, i in enumerate(owner) if i is not None}
    matched_rows = {i for i in owner if i is not None}
    unmatched = [int(row.name) for i, row in enumerate(rows) if i not in matched_rows]
    missed = [e.key for e in events if e.key not in matched_events]
    return Score("meetings", len(matched_events), len(rows), len(events)), missed, unmatched


def score_events_whole(meetings: pd.DataFrame, gold: list[dict]) -> tuple[int, int, list[str]]:
    """Gold events reported by two or more files that come out whole: one predicted row cites every one of their
    files and names two of their participants. Returns (whole, events with several files, keys not whole)."""
    events = [e for e in gold_events(gold) if len(e.files) >= 2]
    rows = [(set(_as_list(r["files"])), [name_key(p) for p in _as_list(r["participants"])])
            for _, r in meetings.iterrows() if set(_as_list(r["countries"])) >= PAIR]
    broken = []
    for event in events:
        whole = any(event.files <= files
                    and sum(1 for g in event.participants if any(_same_person(g, p) for p in people)) >= 2
                    for files, people in rows)
        if not whole:
            broken.append(event.key)
    return len(events) - len(broken), len(events), broken


def score_placed(meetings: pd.DataFrame, gold: list[dict]) -> tuple[int, int]:
    """Predicted Kazakhstan–Kyrgyzstan meetings of the gold files that have a date at any precision (so the
    Timeline can draw them), and how many there are."""
    files = {g["file"] for g in gold}
    rows = [r for _, r in meetings.iterrows()
            if set(_as_list(r["countries"])) >= PAIR and files & set(_as_list(r["files"]))]
    return sum(1 for r in rows if as_date(r["date"]) is not None), len(rows)


def _max_matching(candidates: list[list[int]], n_events: int) -> list[int | None]:
    """Rows to events, one each, as many as possible (augmenting paths): a row that could match two events
    must not take the one another row needs."""
    owner: list[int | None] = [None] * n_events

    def assign(row: int, seen: set[int]) -> bool:
        for event in candidates[row]:
            if event in seen:
                continue
            seen.add(event)
            if owner[event] is None or assign(owner[event], seen):  # type: ignore[arg-type]
                owner[event] = row
                return True
        return False

    for row in range(len(candidates)):
        assign(row, set())
    return owner


def score_trade(trade: pd.DataFrame, gold: list[dict], kind: str) -> Score:
    tp = n_pred = n_gold = 0
    for entry in gold:
        golds = [float(t["value_usd"]) for t in entry.get("trade", []) if t["kind"] == kind and t.get("value_usd")]
        preds = [float(v) for v in trade.loc[(trade["file"] == entry["file"]) & (trade["kind"] == kind),
                                            "value_usd"].dropna()]
        n_gold += len(golds)
        n_pred += len(preds)
        remaining = list(preds)
        for value in golds:
            hit = next((p for p in remaining if abs(p - value) <= 0.02 * value), None)
            if hit is not None:
                remaining.remove(hit)
                tp += 1
    return Score(f"trade ({kind})", tp, n_pred, n_gold)


def score_articles(articles: pd.DataFrame, gold: list[dict]) -> dict[str, float]:
    """Share of gold files whose title, language and publication date the articles table gets right."""
    by_file = articles.set_index("file") if not articles.empty else pd.DataFrame()
    right = {"title": 0, "lang": 0, "published": 0}
    dated = sum(1 for g in gold if g.get("published"))
    for entry in gold:
        if entry["file"] not in by_file.index:
            continue
        row = by_file.loc[entry["file"]]
        right["title"] += int(str(row["title"]).strip() == str(entry.get("title", "")).strip())
        right["lang"] += int(row["lang"] == entry.get("lang"))
        published = as_date(row["published"])
        right["published"] += int((published.isoformat() if published else None) == entry.get("published"))
    dated_right = sum(1 for entry in gold if entry.get("published") and entry["file"] in by_file.index
                      and _iso(by_file.loc[entry["file"]]["published"]) == entry["published"])
    return {"title": right["title"] / len(gold), "lang": right["lang"] / len(gold),
            "published": right["published"] / len(gold), "dated_files": dated,
            "published_dated": dated_right / dated if dated else 1.0}


def _iso(value: object) -> str | None:
    day = as_date(value)
    return day.isoformat() if day else None


# ---- agreements and topics (tests/heldout3/README.md, tests/gold_extra/README.md) ------------------------------

# Words every title may hold: they tell no agreement from another.
_GENERIC = {"agreement", "agreements", "treaty", "memorandum", "protocol", "roadmap", "road", "map", "plan",
            "project", "projects", "joint", "on", "the", "of", "and", "for", "in", "to", "a", "an", "between",
            "by", "with", "at", "kazakhstan", "kyrgyzstan", "kazakh", "kyrgyz", "new", "construction", "building"}


# One word for each abbreviation of an amount ("$3 bn", "$3 billion").
_UNITS = {"bn": "billion", "mln": "million", "mn": "million"}


def _stem(word: str) -> str:
    """A word without its English ending, cut to five letters: raise/raising/raised, plant/plants,
    modernisation/modernization."""
    word = _UNITS.get(word, word)
    if len(word) > 4:
        word = re.sub(r"(?:ing|ed|es|e|s)$", "", word)
    return word[:5]


def title_key(title: str) -> frozenset[str]:
    """The distinctive words of an English title, stemmed (``_stem``)."""
    words = re.findall(r"[a-z0-9]+", _ascii(title).lower().replace("-", " "))
    return frozenset(_stem(w) for w in words if w not in _GENERIC)


def same_agreement(a: str, b: str) -> bool:
    """Two titles name one agreement when half the distinctive words of the shorter are in the longer."""
    ka, kb = title_key(a), title_key(b)
    return bool(ka and kb) and len(ka & kb) / min(len(ka), len(kb)) >= 0.5


@dataclass(frozen=True, slots=True)
class AgreementScores:
    by_kind: Score  # title and kind must agree
    by_title: Score  # title alone
    status_right: int  # of by_kind.tp, matched reports whose status agrees
    due_right: int  # of by_kind.tp, matched reports whose due year agrees (both empty counts)
    whole: int  # gold agreements reported by several files that come out as one predicted agreement
    several: int
    missed: list[str]
    extra: list[str]

    def lines(self) -> list[str]:
        tp = self.by_kind.tp
        return [self.by_kind.line(), self.by_title.line(),
                f"agreements       status right {self.status_right} of {tp}, due year right {self.due_right} of "
                f"{tp}; whole {self.whole} of {self.several} reported by several files"]


def score_agreements(reports: pd.DataFrame, gold: list[dict]) -> AgreementScores:
    """Per file, predicted reports matched one to one to the gold agreements of the file (files whose gold has
    no ``agreements`` key are not scored)."""
    scored = [g for g in gold if "agreements" in g]
    by_file: dict[str, list[dict]] = {}
    for row in reports.to_dict("records"):
        by_file.setdefault(str(row["file"]), []).append(row)
    counts = {"kind": [0, 0, 0], "title": [0, 0, 0]}
    status_right = due_right = 0
    owners: dict[str, dict[str, str]] = {}  # gold id → file → predicted agreement_id
    missed: list[str] = []
    extra: list[str] = []
    for entry in scored:
        golds, preds = entry["agreements"], by_file.get(entry["file"], [])
        for mode in ("kind", "title"):
            candidates = [[j for j, g in enumerate(golds) if same_agreement(str(p["title"]), g["title"])
                           and (mode == "title" or p["kind"] == g["kind"])] for p in preds]
            owner = _max_matching(candidates, len(golds))
            counts[mode][0] += sum(1 for o in owner if o is not None)
            counts[mode][1] += len(preds)
            counts[mode][2] += len(golds)
            if mode != "kind":
                continue
            for j, i in enumerate(owner):
                if i is None:
                    missed.append(f"{entry['file']}:{golds[j]['id']}")
                    continue
                pred, want = preds[i], golds[j]
                status_right += int(pred["status"] == want.get("status"))
                due = pred.get("due_year")
                due = None if due is None or (isinstance(due, float) and pd.isna(due)) else int(due)
                due_right += int(due == want.get("due_year"))
                owners.setdefault(want["id"], {})[entry["file"]] = str(pred["agreement_id"])
            used = {i for i in owner if i is not None}
            extra += [f"{entry['file']}:{p['title']}" for i, p in enumerate(preds) if i not in used]
    files_of: dict[str, set[str]] = {}
    for entry in scored:
        for g in entry["agreements"]:
            files_of.setdefault(g["id"], set()).add(entry["file"])
    several = {k: v for k, v in files_of.items() if len(v) >= 2}
    whole = sum(1 for k, v in several.items()
                if set(owners.get(k, {})) == v and len(set(owners[k].values())) == 1)
    return AgreementScores(Score("agreements", *counts["kind"]), Score("agreements/title", *counts["title"]),
                           status_right, due_right, whole, len(several), missed, extra)


def score_topics(articles: pd.DataFrame, gold: list[dict]) -> Score:
    """Topics per file as sets (files whose gold has no ``topics`` key are not scored)."""
    predicted = dict(zip(articles["file"].tolist(), articles.get("topics", pd.Series([""] * len(articles))).tolist(),
                         strict=True)) if not articles.empty else {}
    tp = n_pred = n_gold = 0
    for entry in gold:
        if "topics" not in entry:
            continue
        want = set(entry["topics"])
        got = set(_as_list(predicted.get(entry["file"])))
        tp, n_pred, n_gold = tp + len(want & got), n_pred + len(got), n_gold + len(want)
    return Score("topics", tp, n_pred, n_gold)


def merge_extra(gold: list[dict], extra: list[dict]) -> list[dict]:
    """``gold`` with the keys of ``extra`` (agreements, topics) added to each entry of the same file."""
    by_file = {e["file"]: e for e in extra}
    return [{**entry, **{k: v for k, v in by_file.get(entry["file"], {}).items() if k != "file"}} for entry in gold]
