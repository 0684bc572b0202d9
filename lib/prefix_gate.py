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
_GROUP = re.compile(r"\(\?(?:-?i)?:")


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
    """``pattern.search(text)`` (``pattern`` case-insensitive, ``low`` the lower-cased text), starting where the
    gate first finds an opening."""
    low = text.lower() if low is None else low
    if gate is None or len(low) != len(text) or UNFOLDED.search(text) is not None:
        return pattern.search(text)
    first = gate.search(low)
    return pattern.search(text, first.start()) if first is not None else None
