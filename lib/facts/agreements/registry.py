"""Reports → agreements (AGREEMENT_COLUMNS): one row per agreement, project or commitment across all articles.

Reports of one agreement share its identifier (the catalogue's, or the hash of an uncatalogued document's
name). The row's status is that of the latest dated report (at one date, the strongest claim); its dates span the
reports; its due year is the latest report's that states one; its quote is the latest report's sentence.
"""

from __future__ import annotations

import pandas as pd

from lib.records import AGREEMENT_COLUMNS, empty

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
