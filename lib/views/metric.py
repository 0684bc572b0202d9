"""Headline numbers: the Metric record a page shows as a card (lib/ui.py draws it with st.metric)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Metric:
    """One headline number for st.metric: label, value, an optional delta and a tooltip."""

    label: str
    value: str
    delta: str | None = None
    help: str | None = None
    delta_color: str = "normal"
