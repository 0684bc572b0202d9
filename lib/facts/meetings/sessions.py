"""Numbered sessions of the Kazakhstan–Kyrgyzstan joint bodies: a report's sentences → a session id ("IGC-13",
"SIC-6") → the curated table (lib/data/sessions.csv: day, precision, city, co-chairs, what is uncertain, source).

Outlets name one session in many ways ("13-е заседание Межправительственного совета", "XIII заседание
Межправсовета", "шестое заседание Высшего межгосударственного совета", "the sixth meeting of the Supreme
Interstate Council", "седьмое по счёту заседание ВМС"); each is one id. A body named without a number ("the
intergovernmental council has ended") is the body's session on the report's day or in its month, when only one
fits. A session belongs to a report only when the session's co-chairs are among its participants: the
Kazakhstan–Uzbekistan Supreme Interstate Council, or foreign ministers "preparing the sixth meeting of the
Supreme Interstate Council", take nothing from the table.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from lib.facts.meetings.event_dates import ORDINAL_STEMS

TABLE = Path(__file__).resolve().parents[2] / "data" / "sessions.csv"
# The table's body names and the short codes of the ids.
CODES = {"supreme_interstate_council": "SIC", "intergovernmental_council": "IGC", "interregional_forum": "IRF"}
# A report dated this many days from a session's day is that session (an unnumbered "the council has ended").
SAME_SESSION_DAYS = 3

_F = re.IGNORECASE
BODIES = {
    "SIC": r"высш\w*\s+межгос\w*(?:\s+совет\w*)?|(?-i:ВМС)|(?:supreme|high(?:er)?)\s+inter-?state\s+council|(?-i:SIC)",
    "IGC": r"межправительственн\w*\s+совет\w*|межправсовет\w*|inter-?governmental\s+council|(?-i:IGC)",
    "IRF": r"форум\w*\s+межрегионального\s+сотрудничества|межрегиональн\w*\s+форум\w*|"
           r"inter-?regional\s+(?:cooperation\s+)?forum|forum\s+of\s+inter-?regional\s+cooperation",
}
# Bodies of other unions with the same name ("Евразийский межправительственный совет", "CIS Council of Heads").
OTHER_UNION = re.compile(r"(?:евразийск\w*|ЕАЭС|ЕАЭС|СНГ|ОДКБ|ШОС|eurasian|EAEU|CIS|CSTO|SCO)\W*(?:\w+\W+){0,2}$", _F)

# A session named as the source of a document or decision ("fixed in the protocol of the 10th meeting",
# "решения XI заседания"): a session recalled, the report's own only when its day is the report's.
DOCUMENT_OF = re.compile(r"(?:protocol|minutes|decisions?|resolutions?|outcomes?|results?|протокол\w*|решени\w*|"
                         r"итог\w*|поручени\w*)\s+(?:of\s+|at\s+)?(?:the\s+)?$", _F)

EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_RU_ORD = "|".join(sorted(ORDINAL_STEMS, key=len, reverse=True))
NUMBER = (r"(?P<digits>\d{1,2})(?:\s*-?\s*(?:е|го|ое|ого|м|ом|му|ому|й|th|st|nd|rd))?"
          r"|(?P<roman>(?-i:[IVXL]{1,6}))"
          rf"|(?P<word>(?:{_RU_ORD})\w*|{'|'.join(EN_ORDINALS)})")
# Words allowed between the number and the body: "седьмое по счёту заседание", "the 13th session of the
# Kazakh-Kyrgyz …"; nothing else, so "8 месяцев на заседании Межправсовета" is not the eighth session.
GAP_WORD = (r"(?:заседани\w*|сесси\w*|встреч\w*|meeting|session|of|the|по|сч[её]ту|очередн\w*|regular|joint|"
            r"пленарн\w*|plenary|расширенн\w*|(?:казах\w*|кыргыз\w*|kazakh\w*|kyrgyz\w*)"
            r"(?:-(?:казах\w*|кыргыз\w*|kazakh\w*|kyrgyz\w*))?)")
MENTION = re.compile(
    rf"(?<![\w-])(?:(?:{NUMBER})(?![\w])(?:\s+{GAP_WORD})*\s+)?"
    + "(?:" + "|".join(f"(?P<{code}>{pattern})" for code, pattern in BODIES.items()) + r")(?![\w])", _F)


@dataclass(frozen=True, slots=True)
class Session:
    """One row of the session table; ``uncertain`` names the fields the sources disagree on."""

    id: str
    body: str
    number: int
    date: date | None
    precision: str  # "day" | "month" | "year"
    place: str | None
    chairs: tuple[str, ...]
    uncertain: frozenset[str]
    source: str


@dataclass(frozen=True, slots=True)
class Named:
    """A joint body named in a text, with its session number when one is written."""

    code: str
    number: int | None
    begin: int
    end: int
    document: bool = False  # named as a document's source ("the protocol of the 10th meeting")

    @property
    def id(self) -> str | None:
        return f"{self.code}-{self.number}" if self.number else None


@lru_cache(maxsize=1)
def table() -> dict[str, Session]:
    """The curated sessions by id."""
    out: dict[str, Session] = {}
    with TABLE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = CODES[row["body"]]
            number = int(row["number"])
            out[f"{code}-{number}"] = Session(
                f"{code}-{number}", row["body"], number, date.fromisoformat(row["date"]) if row["date"] else None,
                row["date_precision"] or "day", row["place"] or None,
                tuple(c for c in (row["kz_chair"], row["kg_chair"]) if c), frozenset(row["uncertain"].split()),
                row["source"])
    return out


def _roman(text: str) -> int | None:
    values = [ROMAN[c] for c in text.upper()]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return total if 0 < total < 40 else None


def _number(match: re.Match[str]) -> int | None:
    if match.group("digits"):
        value = int(match.group("digits"))
        return value if 0 < value < 40 else None
    if match.group("roman"):
        return _roman(match.group("roman"))
    word = (match.group("word") or "").lower()
    if not word:
        return None
    if word in EN_ORDINALS:
        return EN_ORDINALS[word]
    stem = next(s for s in sorted(ORDINAL_STEMS, key=len, reverse=True) if word.startswith(s))
    return ORDINAL_STEMS[stem]


def named_sessions(text: str) -> list[Named]:
    """Every joint body the text names, with its session number when written ("XII заседание Межправсовета")."""
    out = []
    for match in MENTION.finditer(text):
        if OTHER_UNION.search(text[max(0, match.start() - 40):match.start()]):
            continue
        code = next(c for c in BODIES if match.group(c))
        document = DOCUMENT_OF.search(text[max(0, match.start() - 40):match.start()]) is not None
        out.append(Named(code, _number(match), match.start(), match.end(), document))
    return out


def fits(session: Session, participants: Iterable[str]) -> bool:
    """The session's co-chairs are all among the participants."""
    return bool(session.chairs) and set(session.chairs) <= set(participants)


def _in_period(day: date, period: str | None) -> bool:
    return period is not None and day.isoformat().startswith(period)


def session_of(texts: Iterable[str], participants: Iterable[str], on: date | None,
               period: str | None = None) -> Session | None:
    """The one session the texts name (by number, else by body and day or month) whose co-chairs took part."""
    people = set(participants)
    known = table()
    named = [n for text in texts for n in named_sessions(text)
             if not n.document or _same_days(known.get(n.id or ""), on)]
    numbered = {n.id for n in named if n.id in known and fits(known[n.id], people)}  # type: ignore[index]
    if len(numbered) == 1:
        return known[numbered.pop()]  # type: ignore[arg-type]
    if numbered or any(n.id for n in named):
        return None  # several sessions, or one the table does not know: nothing to take
    codes = {n.code for n in named}
    candidates = [s for s in known.values() if CODES[s.body] in codes and s.date and fits(s, people) and (
        (on is not None and abs((s.date - on).days) <= SAME_SESSION_DAYS and s.precision == "day")
        or (period is not None and _in_period(s.date, period) and s.precision == "day"))]
    return candidates[0] if len(candidates) == 1 else None


def _same_days(session: Session | None, on: date | None) -> bool:
    """The session was held on the report's day (within SAME_SESSION_DAYS), by the table."""
    return bool(session and session.date and on and session.precision == "day"
                and abs((session.date - on).days) <= SAME_SESSION_DAYS)


def span(session: Session) -> tuple[date, date] | None:
    """First and last day the session's date may mean (its day, or its whole month or year)."""
    if session.date is None:
        return None
    if session.precision == "year":
        return session.date, date(session.date.year, 12, 31)
    if session.precision == "month":
        following = date(session.date.year + session.date.month // 12, session.date.month % 12 + 1, 1)
        return session.date, following - timedelta(days=1)
    return session.date, session.date


def attach(row: Mapping[str, object], texts: list[str], title: str = "") -> dict[str, object]:
    """A report row (reports.REPORT_COLUMNS) with its session, and the table's day and city where its text gives
    none: a day the text writes stays; the publication day of a page that writes none gives way to the table's."""
    out = dict(row)
    out["session"] = None
    participants = list(row["participants"])  # type: ignore[call-overload]
    source = row.get("date_source")
    on = _iso(row.get("date")) or _iso(row.get("published"))
    period = row.get("period") if isinstance(row.get("period"), str) else None
    session = session_of(texts, participants, on, period)  # type: ignore[arg-type]
    if session is None and title and source in ("published", "none", "inherited"):
        session = session_of([title], participants, on, period)  # type: ignore[arg-type]
    if session is None:
        return out
    out["session"] = session.id
    if session.date is not None:
        _take_date(out, session)
    if session.place and "place" not in session.uncertain and (not row.get("place") or not row.get("own_place")):
        out["place"] = session.place
    return out


def _iso(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _take_date(out: dict[str, object], session: Session) -> None:
    """The table's day replaces a day the text did not write (or a written one without its year)."""
    assert session.date is not None
    source = out.get("date_source")
    current = _iso(out.get("date"))
    if source in ("explicit", "relative") and current is not None:
        return  # the text wrote the day ("22 августа", "сегодня", "on Thursday")
    if out.get("year_missing") and abs(
            (date(session.date.year, int(out["month"]), int(out["day"])) - session.date).days) > 1:  # type: ignore[call-overload]
        return  # another day of the year: not this session's
    if source == "vague" and isinstance(out.get("period"), str) and not _in_period(session.date, out["period"]):  # type: ignore[arg-type]
        return  # "in May" is not a session held in April
    if source in ("published", "inherited") and current is not None and abs((current - session.date).days) <= 1:
        return  # the page's own day agrees with the table
    if session.precision != "day":
        out.update(date=None, end_date=None, vague=True, period=session.date.isoformat()[:4 if session.precision ==
                   "year" else 7], year_missing=False, date_source="session")
        return
    out.update(date=session.date.isoformat(), end_date=None, vague=False, period=None, year_missing=False,
               date_inferred=False, date_source="session")
