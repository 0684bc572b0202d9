"""A regular expression → its gate: the literal strings a match can open with, as one lower-case pattern.

Python's re tries every alternative of a large pattern at every character: ~1 µs a character for the
case-insensitive meeting words, ~0.4 µs for the city names. A pattern of plain lower-case literals is tried several
times faster, and most sentences contain none of them. No match can begin before the first place the gate finds in
the lower-cased text, so the full pattern is searched from there on, with the same answer (lookbehinds still see
what precedes the starting point).
"""

from __future__ import annotations

import re

# Characters that a case-insensitive pattern matches to a Latin or Cyrillic letter although their lower() is not
# that letter (dotted and dotless i, long s, old Cyrillic letter forms): a text holding one is searched in full.
# tests/test_prefix_gate.py checks the list against every code point.
UNFOLDED = re.compile("[\u0130\u0131\u017f\u1c80-\u1c86]")
# Zero-width openings consume nothing: the literal prefix follows them.
_ZERO_WIDTH = re.compile(r"\\b|\(\?<?[!=][^()]*\)")
_GROUP = re.compile(r"\(\?(?:-?i)?:|\(\?P<\w+>|\((?!\?)")


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression (not those inside groups or character classes)."""
    out, current, depth, in_class, k = [], "", 0, False, 0
    while k < len(pattern):
        char = pattern[k]
        if char == "\\":
            current += pattern[k:k + 2]
            k += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            out.append(current)
            current, k = "", k + 1
            continue
        current += char
        k += 1
    return [*out, current]


def _closing(pattern: str) -> int | None:
    """Index of the parenthesis closing the group ``pattern`` opens with."""
    depth, in_class, k = 0, False, 0
    while k < len(pattern):
        char = pattern[k]
        if char == "\\":
            k += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return k
        k += 1
    return None


def openings(alternative: str) -> set[str] | None:
    """Literal strings every match of ``alternative`` opens with one of; None when that cannot be told simply."""
    rest = alternative
    while (zero := _ZERO_WIDTH.match(rest)) is not None:
        rest = rest[zero.end():]
    group = _GROUP.match(rest)
    if group is not None:  # "(?:led|headed)\s+…": the openings of each inner alternative
        close = _closing(rest)
        if close is None or rest[close + 1:close + 2] in ("?", "*", "{"):
            return None
        found: set[str] = set()
        for inner in alternatives(rest[group.end():close]):
            more = openings(inner)
            if more is None:
                return None
            found |= more
        return found
    prefix = ""
    for k, char in enumerate(rest):
        if char == "?" and prefix and rest[k + 1:k + 2] != "?":  # "co-?chaired": with and without the "-"
            without, with_it = openings(rest[:k - 1] + rest[k + 1:]), openings(rest[:k] + rest[k + 1:])
            return None if without is None or with_it is None else without | with_it
        if char in "?*{":  # the character before may be missing
            prefix = prefix[:-1]
            break
        if char in "\\[]().^$|+":
            break
        prefix += char
    return {prefix} if prefix else None


def compile_gate(pattern: str, before: str = "") -> re.Pattern[str] | None:
    """One case-sensitive pattern of the lower-cased openings of ``pattern``'s alternatives (``before`` a
    lookbehind every match of ``pattern`` satisfies too); None when an alternative's openings are unknown."""
    found: set[str] = set()
    for alternative in alternatives(pattern):
        more = openings(alternative)
        if more is None:
            return None
        found |= {o.lower() for o in more}
    return re.compile(before + "(?:" + "|".join(re.escape(o) for o in sorted(found, key=lambda o: (-len(o), o))) + ")")


def gated_search(pattern: re.Pattern[str], gate: re.Pattern[str] | None, text: str,
                 low: str | None = None) -> re.Match[str] | None:
    """``pattern.search(text)`` (``pattern`` case-insensitive, ``low`` the lower-cased text), tried only where the
    gate finds an opening."""
    low = text.lower() if low is None else low
    if gate is None or len(low) != len(text) or UNFOLDED.search(text) is not None:
        return pattern.search(text)
    return first_match(pattern, gate, text, low)


def first_match(pattern: re.Pattern[str], gate: re.Pattern[str], text: str, low: str) -> re.Match[str] | None:
    """The leftmost match of ``pattern`` in ``text``: every match begins where ``gate`` finds an opening in ``low``,
    so the pattern is tried at those places only, nearest first."""
    at = gate.search(low)
    while at is not None:
        found = pattern.match(text, at.start())
        if found is not None:
            return found
        at = gate.search(low, at.start() + 1)
    return None


def _required(branch: str) -> str | None:
    """The longest literal (3 characters or more) outside groups that every match of ``branch`` contains."""
    runs, current, k = [], "", 0
    while k < len(branch):
        char = branch[k]
        if char in "?*{":  # the character (or group) before may be missing
            current = current[:-1]
            runs.append(current)
            current = ""
            k = branch.index("}", k) + 1 if char == "{" else k + 1
            continue
        if char == "(" or char == "[":
            runs.append(current)
            current = ""
            close = _closing(branch[k:]) if char == "(" else _class_end(branch, k)
            if close is None:
                return None
            k += close + 1 if char == "(" else close - k + 1
            continue
        if char == "\\" or char in "+.^$)|]":
            runs.append(current)  # before "+", the character is there at least once
            current = ""
            k += 2 if char == "\\" else 1
            continue
        current += char
        k += 1
    runs.append(current)
    best = max(runs, key=len)
    return best if len(best) >= 3 else None


def _class_end(pattern: str, start: int) -> int | None:
    """Index of the bracket closing the character class opened at ``start``."""
    k = start + 1
    if pattern[k:k + 1] == "^":
        k += 1
    if pattern[k:k + 1] == "]":
        k += 1
    while k < len(pattern):
        if pattern[k] == "\\":
            k += 2
            continue
        if pattern[k] == "]":
            return k
        k += 1
    return None


def _branches(pattern: str) -> list[str]:
    """Top-level alternatives, with a pattern wrapped whole in word boundaries (\\b(?:a|b)\\b) spread over its
    alternatives (\\ba\\b, \\bb\\b): the same matches."""
    found = alternatives(pattern)
    if len(found) == 1 and pattern.startswith("\\b(?:") and pattern.endswith(")\\b") and _closing(pattern[2:]) == len(
            pattern) - 5:
        return [f"\\b{inner}\\b" for inner in alternatives(pattern[5:-3])]
    return found


def first_characters(pattern: str) -> str | None:
    """The characters a match of ``pattern`` can begin with (None when that cannot be told simply)."""
    found: set[str] = set()
    for branch in _branches(pattern):
        more = openings(branch)
        if more is None:
            return None
        found |= {o[0] for o in more}
    return "".join(re.escape(c) for c in sorted(found))


def behind_lookahead(pattern: re.Pattern[str], first: str | None) -> re.Pattern[str]:
    """``pattern`` behind a lookahead for the characters ``first`` its matches begin with (compiled with the same
    flags, so the same case rules): the same matches, but re rejects a position that cannot begin one with one test
    instead of trying every alternative there (~3x faster on the date patterns). ``pattern`` itself when None."""
    return pattern if first is None else re.compile(f"(?=[{first}])(?:{pattern.pattern})", pattern.flags)


class Cue:
    """Whether a case-insensitive pattern matches a text: the answer of ``pattern.search``, found cheaply.

    Alternatives with openings of three characters or more are searched from the first opening found; the others,
    and those whose openings are ``common`` words (a gate would stop at once on them), are searched in full, only
    in a text holding the literal they must contain when they have one.
    """

    __slots__ = ("pattern", "literals", "_gated", "_gate", "_apart")

    def __init__(self, pattern: re.Pattern[str], common: tuple[str, ...] = ()) -> None:
        self.pattern = pattern
        gated: list[str] = []
        self._apart: list[tuple[re.Pattern[str], str | None]] = []
        for branch in _branches(pattern.pattern):
            found = openings(branch)
            if found is None or any(len(o) < 3 or o.lower() in common for o in found):
                required = _required(branch)
                self._apart.append((re.compile(branch, pattern.flags), required.lower() if required else None))
            else:
                gated.append(branch)
        self._gated = re.compile("|".join(gated), pattern.flags) if gated else None
        self._gate = compile_gate(self._gated.pattern) if self._gated is not None else None
        gate_words = alternatives(self._gate.pattern[3:-1]) if self._gate is not None else []
        self.literals = [w.replace("\\", "") for w in gate_words] + [r for _, r in self._apart if r]

    def found_in(self, text: str, low: str | None = None) -> bool:
        """``pattern.search(text) is not None`` (``low``: the text lower-cased, when the caller has it)."""
        low = text.lower() if low is None else low
        if len(low) != len(text) or UNFOLDED.search(text) is not None:
            return self.pattern.search(text) is not None
        if self._gate is not None and first_match(self._gated, self._gate, text, low) is not None:  # type: ignore
            return True
        for branch, required in self._apart:
            if (required is None or required in low) and branch.search(text) is not None:
                return True
        return False
