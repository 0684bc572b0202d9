"""Clocks for the benchmark: a call → its wall-clock seconds and result; samples → a percentile; CPU seconds."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np

T = TypeVar("T")


def now() -> float:
    return time.perf_counter()


def timed(func: Callable[[], T]) -> tuple[float, T]:
    start = now()
    out = func()
    return now() - start, out


def percentile(values: Sequence[float], q: float) -> float:
    return round(float(np.percentile(np.asarray(values, dtype=float), q)), 2) if values else float("nan")


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (pool workers): unlike wall time, it does not grow
    when other programs share the cores."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
