"""Reports → agreements (AGREEMENT_COLUMNS): one row per agreement, project or commitment across all articles.

Reports of one agreement share its identifier: the catalogue's, or for a thing the catalogue does not know, the
hash of its English title; ``same_things`` gives reports of one such thing in other words (another outlet, the
other language) one identifier. The row's status is that of the latest dated report (at one date, the strongest
claim); its dates span the reports; its due year is the latest report's that states one; its quote is the latest
report's sentence.
"""

from __future__ import annotations

import re

import pandas as pd

from lib.facts.agreements.record import STRENGTH as REPORT_STRENGTH
from lib.records import AGREEMENT_COLUMNS, empty

# Identifiers of things the catalogue does not know (lib/facts/agreements/unknown.py): hashes of their titles.
UNCATALOGUED = ("doc-", "pledge-", "building-", "jv-")
# Words any title may hold: they tell no document from another.
GENERIC = {"agreement", "treaty", "memorandum", "protocol", "roadmap", "plan", "project", "on", "of", "the", "and",
           "for", "in", "to", "a", "an", "at", "by", "with", "between", "under", "which", "will", "two", "both",
           "countries", "states", "sides", "ministries", "cooperation", "joint", "intergovernmental", "interstate",
           "kazakhstan", "kyrgyzstan", "kazakh", "kyrgyz", "republic", "government", "governments", "new"}
# Two titles name one thing when they share this many distinctive words, and this share of the shorter's.
SHARED_WORDS = 2
SHARED_SHARE = 0.6

STRENGTH = {"stalled": 6, "completed": 5, "signed": 4, "in_progress": 3, "planned": 2, "mentioned": 1}


def merge_agreements(reports: pd.DataFrame) -> pd.DataFrame:
    """One row per agreement_id, ordered by first date (undated last), then title."""
    if reports.empty:
        return empty(AGREEMENT_COLUMNS)
    rows = []
    for agreement_id, group in reports.groupby("agreement_id", sort=True):
        dated = group.assign(
            _day=pd.to_datetime(group["date"], errors="coerce"),
            _strength=group["status"].map(STRENGTH).fillna(0),
        ).sort_values(["_day", "_strength", "file"], kind="stable", na_position="first")
        latest = dated.iloc[-1]
        days = dated["_day"].dropna()
        dues = [int(d) for d in dated["due_year"].tolist() if d is not None and not pd.isna(d)]
        files = sorted({str(f) for f in dated["file"].tolist() if isinstance(f, str)})
        rows.append({
            "agreement_id": agreement_id,
            "kind": latest["kind"],
            "title": dated["title"].iloc[0] if not str(agreement_id).startswith("doc-") else latest["title"],
            "topic": latest["topic"],
            "countries": latest["countries"],
            "first_date": days.min().strftime("%Y-%m-%d") if len(days) else None,
            "last_date": days.max().strftime("%Y-%m-%d") if len(days) else None,
            "due_year": dues[-1] if dues else None,
            "status": latest["status"],
            "files": files,
            "quote": latest["quote"],
        })
    frame = pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype="object") for c in AGREEMENT_COLUMNS})
    # a whole year or nothing; an object column of ints could not be kept in the store's snapshot
    frame["due_year"] = frame["due_year"].astype("Int64")
    order = frame.assign(_first=pd.to_datetime(frame["first_date"], errors="coerce"))
    order = order.sort_values(["_first", "title"], kind="stable", na_position="last")
    return order[AGREEMENT_COLUMNS].reset_index(drop=True)


def same_things(reports: pd.DataFrame) -> pd.DataFrame:
    """``reports`` with one identifier for each thing the catalogue does not know, however its reports name it:
    reports of one kind whose English titles share at least SHARED_WORDS distinctive words, SHARED_SHARE of the
    shorter title's, are one thing (and so, in a chain, are the reports each of them matches)."""
    if reports.empty:
        return reports
    ids = reports["agreement_id"].astype(str)
    loose = reports[ids.str.startswith(UNCATALOGUED)]
    keys = {(a, k): _title_key(t) for a, k, t in zip(loose["agreement_id"], loose["kind"], loose["title"], strict=True)}
    nouns = {(a, k): str(t).split()[0].lower() if str(t).split() else "" for a, k, t in zip(
        loose["agreement_id"], loose["kind"], loose["title"], strict=True)}
    parent = {node: node for node in keys}
    # Two things one article reports apart are two things, whatever their titles share.
    articles: dict[tuple[str, str], set[str]] = {}
    for a, k, article in zip(loose["agreement_id"], loose["kind"], loose["article_id"], strict=True):
        articles.setdefault((a, k), set()).add(str(article))

    def root(node: tuple[str, str]) -> tuple[str, str]:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    by_word: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for node in sorted(keys):
        candidates = {other for word in keys[node] for other in by_word.get((node[1], word), [])}
        for other in sorted(candidates):
            shared = len(keys[node] & keys[other])
            if shared < SHARED_WORDS or shared < SHARED_SHARE * min(len(keys[node]), len(keys[other])):
                continue
            if node[0].startswith("doc-") and nouns[node] != nouns[other]:
                continue  # a treaty and an agreement on one subject are two documents
            a, b = root(node), root(other)
            # Two things one article tells apart stay two, unless one title holds all the other's words (the
            # article named one document twice, once cut short: "Treaty on demarcation border").
            if a != b and (not articles[a] & articles[b] or keys[node] <= keys[other] or keys[other] <= keys[node]):
                parent[a] = b
                articles[b] |= articles[a]
        for word in keys[node]:
            by_word.setdefault((node[1], word), []).append(node)
    groups: dict[tuple[str, str], list[str]] = {}
    for node in keys:
        groups.setdefault(root(node), []).append(node[0])
    rename = {a: min(members) for members in groups.values() if len(members) > 1 for a in members}
    if not rename:
        return reports
    out = reports.copy()
    out["agreement_id"] = [rename.get(a, a) for a in ids]
    # one report per thing and article, as the article reader keeps them: the strongest claim, then the first
    strength = out["status"].map(REPORT_STRENGTH).fillna(0)
    keep = out.assign(_s=-strength).sort_values(["_s"], kind="stable").drop_duplicates(["article_id", "agreement_id"])
    return out.loc[sorted(keep.index)].reset_index(drop=True)


def _title_key(title: object) -> frozenset[str]:
    """The distinctive words of an English title, cut to five letters (delivery/deliveries, plan/plans)."""
    words = re.findall(r"[a-z0-9]+", str(title).lower().replace("-", " "))
    return frozenset(w[:5] for w in words if w not in GENERIC and len(w) > 1)
