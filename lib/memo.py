"""A bounded memo: answers of a pure function of one hashable key, remembered until the table grows too large."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(Generic[K, V]):
    """``memo(key)`` is ``make(key)``, computed once per key. Words and names repeat across articles, so the
    extractors' costliest lookups are asked again and again; the table is dropped whole when it passes
    ``limit`` entries, so a long ingest stays bounded. A ``None`` answer is not remembered."""

    def __init__(self, make: Callable[[K], V], limit: int) -> None:
        self._make = make
        self._limit = limit
        self._answers: dict[K, V] = {}

    def __call__(self, key: K) -> V:
        answer = self._answers.get(key)
        if answer is None:
            if len(self._answers) > self._limit:
                self._answers.clear()
            answer = self._answers[key] = self._make(key)
        return answer
