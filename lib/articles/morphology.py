"""Russian morphology: the one pymorphy3 analyzer of a process, for officials' names and for search stemming.

Built on first use and kept: reading its dictionaries takes ~0.2 s and ~15 MB, so no module builds its own.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pymorphy3


@lru_cache(maxsize=1)
def analyzer() -> pymorphy3.MorphAnalyzer:
    """The process's pymorphy3 analyzer."""
    import pymorphy3  # lazy: its dictionaries load on import, and English-only search never needs them

    return pymorphy3.MorphAnalyzer()
