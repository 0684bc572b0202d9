"""Case-insensitive patterns matched fast: a pattern → a ``Cue`` whose search, match, finditer and found_in answer
as the case-insensitive pattern does (same matches, same offsets), cheaper.

The speed comes from two tricks, both inside the Cue:
- Python's regex engine skips an alternative whose first letter cannot match at a position, but not under
  IGNORECASE: long alternations of cue words cost 3-10 times more case-insensitively. On text that lower-cases
  safely, a case-sensitive twin of the pattern is matched on the lower-cased text instead.
- re tries every alternative of a large pattern at every character (~1 µs a character for the meeting words).
  The literal strings every match opens with (the gate) are found several times faster, and most sentences hold
  none: no match can begin before the first place the gate finds, so the pattern is tried from there on, with
  the same answer (lookbehinds still see what precedes the starting point).
A match found through the twin carries lower-cased group text: callers lower-case whatever group text they read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Characters that a case-insensitive pattern matches to a Latin or Cyrillic letter although their lower() is not
# that letter (dotted and dotless i, long s, old Cyrillic letter forms). A text holding one, or one whose
# lower-casing changes its length ("İ"), is not safe to lower-case: it is matched with the pattern itself.
# tests/test_patterns.py checks the list against every code point.
UNFOLDED = re.compile("[\u0130\u0131\u017f\u1c80-\u1c86]")
# Zero-width openings consume nothing: the literal prefix follows them.
_ZERO_WIDTH = re.compile(r"\\b|\(\?<?[!=][^()]*\)")
_GROUP = re.compile(r"\(\?(?:-?i)?:|\(\?P<\w+>|\((?!\?)")


def lowers_safely(text: str, low: str) -> bool:
    """``low`` (``text`` lower-cased) matches a lower-cased pattern exactly where ``text`` matches the pattern
    case-insensitively: same length, no character that case-insensitive matching folds otherwise."""
    return len(low) == len(text) and UNFOLDED.search(text) is None


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


def compile_gate(pattern: str, before: str = "", lower: bool = True) -> re.Pattern[str] | None:
    """One case-sensitive pattern of the openings of ``pattern``'s alternatives, lower-cased unless ``lower`` is
    False (``before``: a lookbehind every match of ``pattern`` satisfies too); None when an alternative's openings
    are unknown."""
    found: set[str] = set()
    for alternative in alternatives(pattern):
        more = openings(alternative)
        if more is None:
            return None
        found |= {o.lower() for o in more} if lower else more
    return re.compile(before + "(?:" + "|".join(re.escape(o) for o in sorted(found, key=lambda o: (-len(o), o))) + ")")


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
    """A case-insensitive pattern (or a case-sensitive one: ``flags=0``) whose matches are found cheaply.

    ``common``: openings so frequent (a country's name) that a gate would stop at once on them: ``found_in``
    searches the alternatives opening with one apart, like those with an opening under three characters, only in
    a text holding a literal they must contain. ``before``: a lookbehind every match satisfies, put before the gate.
    """

    __slots__ = ("pattern", "_source", "_common", "_folds", "_twin", "gate", "_parts")

    def __init__(self, source: str, flags: int = re.IGNORECASE, common: tuple[str, ...] = (),
                 before: str = "") -> None:
        self.pattern = re.compile(source, flags)
        self._source, self._common = source, common
        self._folds = bool(flags & re.IGNORECASE)  # asked on every search: an enum test costs more than the gate
        self._twin = _twin(source, flags)
        gate = compile_gate(source, before, lower=bool(flags & re.IGNORECASE))
        # A one-letter opening is everywhere: trying the pattern at each would cost more than one search.
        self.gate = gate if gate is not None and min(map(len, _gate_words(gate))) >= 2 else None
        self._parts: tuple[Cue | None, list[tuple[Cue, str | None]]] | None = None

    def search(self, text: str, low: str | None = None) -> re.Match[str] | None:
        """The leftmost match, as ``pattern.search(text)`` (``low``: the text lower-cased, when the caller has it)."""
        return self._first(*self._subject(text, low))

    def _first(self, pattern: re.Pattern[str], subject: str, gated: str | None) -> re.Match[str] | None:
        if self.gate is None or gated is None:
            return pattern.search(subject)
        at = self.gate.search(gated)
        while at is not None:  # every match begins where the gate finds an opening: try those places, nearest first
            found = pattern.match(subject, at.start())
            if found is not None:
                return found
            at = self.gate.search(gated, at.start() + 1)
        return None

    def match(self, text: str) -> re.Match[str] | None:
        """A match at the start of ``text``, as ``pattern.match(text)``."""
        pattern, subject, _ = self._subject(text)
        return pattern.match(subject)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Every match, as ``pattern.finditer(text)``: none begins before the first place the gate finds."""
        pattern, subject, gated = self._subject(text)
        if self.gate is None or gated is None:
            return pattern.finditer(subject)
        first = self.gate.search(gated)
        return pattern.finditer(subject, first.start()) if first is not None else iter(())

    def found_in(self, text: str, low: str | None = None) -> bool:
        """``pattern.search(text) is not None``, answered cheaply."""
        low = text.lower() if low is None else low
        if not lowers_safely(text, low):
            return self.pattern.search(text) is not None
        gated, apart = self.parts()
        if gated is not None and gated._first(*gated._subject(text, low, True)) is not None:
            return True
        return any((required is None or required in low) and branch._first(*branch._subject(text, low, True))
                   is not None for branch, required in apart)

    @property
    def literals(self) -> list[str]:
        """The literal words ``found_in`` looks for first (the gate's openings and each apart branch's literal)."""
        gated, apart = self.parts()
        words = _gate_words(gated.gate) if gated is not None and gated.gate is not None else []
        return [w.replace("\\", "") for w in words] + [r for _, r in apart if r]

    def parts(self) -> tuple[Cue | None, list[tuple[Cue, str | None]]]:
        """For found_in: one Cue of the alternatives with openings of three characters or more that are not
        ``common``, and each other alternative with the literal it must contain (None when it has none)."""
        if self._parts is None:
            flags = self.pattern.flags & ~re.UNICODE
            gated: list[str] = []
            apart: list[tuple[Cue, str | None]] = []
            for branch in _branches(self._source):
                found = openings(branch)
                if found is None or any(len(o) < 3 or o.lower() in self._common for o in found):
                    required = _required(branch)
                    apart.append((Cue(branch, flags), required.lower() if required else None))
                else:
                    gated.append(branch)
            self._parts = (Cue("|".join(gated), flags) if gated else None), apart
        return self._parts

    def _subject(self, text: str, low: str | None = None,
                 safe: bool = False) -> tuple[re.Pattern[str], str, str | None]:
        """(the pattern to run, the text to run it on, the text to run the gate on or None when no gate can be);
        ``safe``: the caller knows ``low`` is ``text`` safely lower-cased."""
        if not self._folds:
            return self.pattern, text, text
        low = text.lower() if low is None else low
        if not (safe or lowers_safely(text, low)):
            return self.pattern, text, None
        return (self._twin, low, low) if self._twin is not None else (self.pattern, text, low)


def _gate_words(gate: re.Pattern[str]) -> list[str]:
    """The openings a gate looks for (its pattern is "(?:a|b|…)", after the lookbehind it may open with)."""
    body = gate.pattern[gate.pattern.index("(?:"):]
    return alternatives(body[3:-1])


def _twin(source: str, flags: int) -> re.Pattern[str] | None:
    """The case-sensitive twin of a case-insensitive pattern, for lower-cased text; None when there is none."""
    if not flags & re.IGNORECASE or "(?-i" in source or "\\N" in source:
        return None  # a part that turns case-insensitivity off ("(?-i:…[A-Z])") must see the text's own case
    out, escaped = [], False
    for char in source:  # literal letters lower-cased; escapes (\W, \S, \B) keep their case and meaning
        out.append(char if escaped else char.lower())
        escaped = not escaped and char == "\\"
    lowered = "".join(out).replace("(?p<", "(?P<").replace("(?p=", "(?P=")  # group names are lower case already
    return re.compile(lowered, flags & ~re.IGNORECASE)
