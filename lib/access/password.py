"""The shared password (setting ``password``): a typed guess → allowed or not, with wrong guesses slowed down.

Streamlit documents this pattern for apps without single sign-on. The comparison takes the same time whatever
the guess, so timing tells an attacker nothing; each wrong guess from one client doubles the wait before its
next guess is even compared, so guessing from a word list takes days rather than minutes.
"""

from __future__ import annotations

import hmac
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from lib import settings

FIRST_DELAY = 1.0  # seconds after the first wrong guess; doubled after each further one
MAX_DELAY = 60.0
# Clients remembered at most: enough for a team, bounded so a flood of new addresses cannot fill memory.
MAX_CLIENTS = 10_000


def required() -> str:
    """The password visitors must type, or "" when the dashboard is open (setting KK_PASSWORD empty)."""
    return settings.get("password")


def matches(guess: str, password: str) -> bool:
    """Whether ``guess`` is the password, compared in constant time; an empty password matches nothing."""
    if not password:
        return False
    return hmac.compare_digest(guess.encode("utf-8"), password.encode("utf-8"))


def delay_after(failures: int) -> float:
    """Seconds a client waits before its next guess is compared, after ``failures`` wrong ones in a row."""
    if failures <= 0:
        return 0.0
    return min(MAX_DELAY, FIRST_DELAY * 2 ** min(failures - 1, 16))


@dataclass
class Throttle:
    """Wrong guesses per client (an address, or the session when the address is unknown); thread-safe.

    One instance serves the whole server, so opening a new browser tab does not reset the wait.
    """

    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, tuple[int, float]] = field(default_factory=dict)  # client → (count, time of the last)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, client: str) -> float:
        """Seconds ``client`` must still wait before a guess of theirs is compared (0 when none)."""
        with self._lock:
            count, last = self._failures.get(client, (0, 0.0))
        return max(0.0, last + delay_after(count) - self.clock()) if count else 0.0

    def check(self, client: str, guess: str, password: str) -> bool:
        """Compares ``guess``, recording a failure or clearing the client's count; callers wait first."""
        ok = matches(guess, password)
        with self._lock:
            if ok:
                self._failures.pop(client, None)
            else:
                if client not in self._failures and len(self._failures) >= MAX_CLIENTS:
                    self._failures.pop(next(iter(self._failures)))
                count = self._failures.get(client, (0, 0.0))[0]
                self._failures[client] = (count + 1, self.clock())
        return ok

    def failures(self, client: str) -> int:
        with self._lock:
            return self._failures.get(client, (0, 0.0))[0]
