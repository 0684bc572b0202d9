"""Meetings: articles + official mentions → meeting reports per article (REPORT_COLUMNS) → events (events.py).

A report is a clause that names a meeting (talks, a reception, a visit, a council session, a phone call) and
at least two officials of two countries (who they are: participants.py). The clause's own date, tense and
place are read with the agency dateline and side phrases about other events blanked (context.py);
a habit ("meet regularly") or an invitation is not a meeting. A clause with no day of its own ("later that day",
"в тот же день") takes the day of the meeting told before; a coming event takes no day or city from a held one,
and a city after "preparations for" is the coming event's. Each article's reports of one meeting (same people,
compatible dates) are one row; two months in one clause ("in May 2022 in Bishkek and in April 2024 in Astana") are
two.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

import pandas as pd

from lib.articles.sentences import Sentences, split
from lib.facts.meetings import event_dates, sessions
from lib.facts.meetings import events as merge
from lib.facts.meetings.context import DELEGATION, blank_side_phrases, delegation_countries, mask_dateline
from lib.facts.meetings.cues import (
    APPOINTED,
    ATTENDANCE,
    CLAUSE_SPLIT,
    COUNCIL,
    DURING_VISIT,
    FUTURE,
    GROUP_WORDS,
    HABITUAL,
    HABITUAL_VERB,
    HELD_BY,
    INVITATION,
    NOT_PARTICIPANT,
    PAST,
    PHONE,
    PREPARATIONS,
    UPCOMING,
    VISIT_DISCUSSED,
    WEAK,
    WHAT_IT_WILL_DO,
    names_meeting,
)
from lib.facts.meetings.participants import (
    NamedOfficial,
    complete,
    deputy_ministers,
    describes_a_holder,
    named_participants,
    pairs,
    visit_host,
)
from lib.facts.meetings.places import find_place, remembering
from lib.records import MEETING_COLUMNS, as_date

# Signing verbs: a document's signing, a meeting only when someone named signs it or its day is told.
SIGNING = re.compile(r"\bподпис\w*|\bsign(?:ed|s|ing)?\b", re.IGNORECASE)
# How far back "the next day" looks for the day it follows (about two sentences).
NEXT_DAY_LOOKBACK = 300
# One row per meeting an article reports. Dates are 'YYYY-MM-DD' strings; a day written without a year and no
# way to date it keeps day/month (end_day/end_month) with year_missing, for the merge to date from other reports;
# "vague" marks a meeting placed by a month or "last week" only (period: its 'YYYY-MM' when known).
REPORT_COLUMNS = [
    "article_id", "position", "date", "end_date", "day", "month", "end_day", "end_month", "date_inferred",
    "year_missing", "vague", "period", "published", "status", "kind", "place", "participants", "countries", "evidence",
    "kinds", "date_source", "own_place", "session",
]


@dataclass(slots=True)
class Report:
    """A meeting as one article reports it; mutable while the article's clauses are folded into it."""

    position: int
    participants: tuple[str, ...]
    countries: tuple[str, ...]
    span: event_dates.DateSpan | None
    date_source: str  # "explicit" | "inherited" | "published" | "none" | "vague"
    status: str
    tense: str  # "future" | "past" | ""
    kind: str
    place: str | None
    evidence: list[str] = field(default_factory=list)
    kinds: tuple[str, ...] = ()  # titled post kind of each participant, "" when none was read
    own_place: bool = False  # the place is named in the report's own sentence, not taken from context


def _clauses(text: str, offset: int) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    begin = 0
    for cut in CLAUSE_SPLIT.finditer(text):
        out.append((offset + begin, offset + cut.start(), text[begin:cut.start()]))
        begin = cut.end()
    out.append((offset + begin, offset + len(text), text[begin:]))
    merged: list[tuple[int, int, str]] = []
    for clause in out:
        # "A headed the Kazakh side; across the table sat B": the other side's head, not a clause of its own
        if merged and DELEGATION.found_in(merged[-1][2]) and not names_meeting(clause[2]):
            first = merged.pop()
            clause = (first[0], clause[1], text[first[0] - offset:clause[1] - offset])
        merged.append(clause)
    return merged


def _compatible(a: Report, b: Report) -> bool:
    """Two reports in one article of the same people on days that agree (or one of them without a day); ``b`` is
    the later one."""
    if a.participants != b.participants:
        return False
    if b.kind == "phone" and a.kind != "phone" and b.date_source != "explicit":
        return False  # a call recalled beside talks ("had invited him in a phone call") is another meeting
    if (a.date_source == "vague") != (b.date_source == "vague"):
        return False
    if a.date_source == "vague":  # "в мае 2022 года" and "в апреле 2024 года" are two meetings
        return (a.span.period if a.span else None) == (b.span.period if b.span else None)
    if a.date_source == "explicit" and b.date_source == "explicit" and a.span and b.span:
        if a.span.start and b.span.start:
            return abs((a.span.start - b.span.start).days) <= 1 or bool(
                a.span.end_date and a.span.start <= b.span.start <= a.span.end_date) or bool(
                b.span.end_date and b.span.start <= a.span.start <= b.span.end_date)
        return (a.span.day, a.span.month) == (b.span.day, b.span.month)
    return True


def article_reports(body: str, published: date | None, mentions: list[NamedOfficial], title: str = "",
                    sentences: Sentences | None = None) -> list[Report]:
    """The meetings one article reports, in order of first mention."""
    reports: list[Report] = []
    # Latest date said in a sentence about a meeting, and latest said about a coming one (an announcement's
    # later sentences, "они также планируют …", speak of the day announced first).
    last_span: event_dates.DateSpan | None = None
    last_future: event_dates.DateSpan | None = None
    split_body = split(body, sentences)
    filed_in, body = mask_dateline(body)  # the dateline is where the story was filed, not where talks were held
    if body != split_body.body:  # blanked: the sentences of its first line change
        split_body = split_body.blanked(len(body) - len(body.lstrip(" ")))
    last_place: str | None = find_place(title) if title else None
    # A coming event takes a place only from sentences about coming events: the city of a held meeting told
    # beside it is not where the next one will be.
    last_future_place = last_place
    # Each meeting sentence is read as a clause, as a sentence and for what it carries: ask once per text.
    dates, place = event_dates.Dates(), remembering()
    paragraphs = []
    offset = 0
    for line in body.split("\n"):
        paragraphs.append((offset, offset + len(line)))
        offset += len(line) + 1
    paragraph_starts = [start for start, _ in paragraphs]
    years = event_dates.explicit_years(body) if published is None else []
    # Mentions that can be brought in from context: never a greeting sender, a predecessor or a spokesman.
    context = [m for k, m in enumerate(mentions) if not NOT_PARTICIPANT.found_in(
        body[max(mentions[k - 1].start + 1 if k else 0, m.start - 60):m.start])]
    reference = published
    starts = [m.start for m in mentions]
    named_before: str | None = None  # a meeting named with nobody in it, just before ("Прошло заседание совета.")
    for sentence in split_body.spans:
        here = max(0, bisect_right(paragraph_starts, sentence.start) - 1)
        has_mention = bisect_left(starts, sentence.start) < bisect_left(starts, sentence.end)
        told_before, named_before = named_before, None
        if not has_mention and not any(map(sentence.text.lower().__contains__, GROUP_WORDS)):
            # a sentence with no official and no group noun cannot name participants (most do not); if it names
            # a meeting ("В понедельник в Бишкеке состоялись консультации"), its day and city are the next ones'
            if names_meeting(sentence.text):
                last_span = next(iter(_days(dates.find(sentence.text, reference))[-1:]), last_span)
                last_place = place(sentence.text) or last_place
                named_before = sentence.text.strip()
                chaired = _session_chairs(sentence.text, context)
                if chaired:  # "The signing came at the end of the sixth meeting of the Supreme Interstate Council"
                    report = _report(sentence.start, chaired, None, sentence.text, sentence.text,
                                     _future(sentence.text), published, None, None, reports)
                    report.evidence = [sentence.text.strip()]
                    reports.append(report)
            continue
        text = blank_side_phrases(sentence.text, sentence.start, starts)
        # "… прошло заседание совета. Его провели A и B": who held the meeting named just before
        carried = told_before if told_before and HELD_BY.found_in(text) else None
        strong = names_meeting(text) or carried is not None
        if not (strong or WEAK.found_in(text)):
            continue  # only sentences that name a meeting are parsed further
        # Participants named after a group noun are looked for up to the end of the next paragraph.
        paragraph_end = paragraphs[min(here + 1, len(paragraphs) - 1)][1]
        if published is None:  # no publication date: the latest full date written before is the reference
            earlier = [year for position, year in years if position < sentence.start]
            reference = date(earlier[-1], 7, 1) if earlier else None
        sentence_place = place(text)
        clauses = _clauses(text, sentence.start)
        for begin, end, clause in clauses:
            clause_strong = strong if len(clauses) == 1 else names_meeting(clause)
            if not (clause_strong or WEAK.found_in(clause)):
                continue
            if ATTENDANCE.found_in(clause):
                continue  # who else sat at a table described elsewhere: the delegation, not another meeting
            if not clause_strong and INVITATION.found_in(clause):
                continue  # "invited him to visit": an invitation, not a visit with a day
            if _habitual(clause, reference, dates):
                continue  # "they meet regularly": a custom, not a meeting
            future = _future(clause)
            day_hint = published
            named = _not_of_a_coming_event(clause, begin, named_participants(body, mentions, begin, end), future)
            span = event_dates.clause_date(clause, text, reference, future, dates)
            if span is not None and span.vague and span.text not in _before_preparations(text, future):
                span = None  # "preparations for the session due in August": the other event's month
            if span is not None and span.vague and _appointment(span, clause, text):
                span = None  # "возглавил кабмин в октябре, и это его первый визит": the month of the post
            if span is None:  # "Выборы прошли 10 января. На следующий день Токаев позвонил …"
                span = event_dates.next_day(clause, body[max(0, begin - NEXT_DAY_LOOKBACK):begin], reference, dates)
            people = complete(body, clause, begin, (paragraphs[max(0, here - 1)][0], paragraph_end), named, context,
                              day_hint, _meeting_day(span, last_span, day_hint))
            if len({m.country for m in people}) < 2:
                continue
            if not named and span is not None and span.vague and _signing_only(clause):
                continue  # "соглашение главы правительств подписали в июне": a document's past, told of nobody named
            hosted = len(named) == 1 and len(people) == 2 and people[1] is visit_host(
                clause, named[0], context, _meeting_day(span, last_span, day_hint))
            if not clause_strong and not hosted and (len(named) < 2 or not _visit_pair(clause, named)):
                continue  # a visit told with one name is a meeting only with the host the article names
            # "met in May 2022 in Bishkek and in April 2024 in Astana": one meeting per month, each with its city
            # Sequence, not list: the one-span fallback may hold no span, and a list of spans would not take it
            variants: Sequence[tuple[event_dates.DateSpan | None, str | None]] = (
                _several_months(clause, reference, future, dates) if span is not None and span.vague else [])
            for group in pairs(people, day_hint, clause):
                for this_span, this_place in variants or [(span, None)]:
                    own = this_place or place(_before_preparations(clause, future)) or (
                        place(_before_preparations(text, future)) if sentence_place else None)
                    report = _report(begin, group, this_span, clause, f"{carried} {text}" if carried else text,
                                     future, published,
                                     own or (last_future_place if future else last_place),
                                     _day_told(future, clause, last_future, last_span), reports)
                    report.evidence = [f"{carried} {sentence.text.strip()}" if carried else sentence.text.strip()]
                    report.own_place = own is not None
                    reports.append(report)
                coming = None if future else _visit_discussed(clause, reference, published, dates)
                if coming is not None:  # "discussed a visit by Japarov to Kazakhstan later this year": one more
                    report = _report(begin, group, coming, clause, text, True, published, None, None, reports)
                    report.evidence, report.status, report.tense = [sentence.text.strip()], "planned", "future"
                    report.kind = "talks"  # a visit, even when discussed by phone
                    reports.append(report)
        # Days of meeting sentences carry to the next ones ("14 сентября … прошла встреча …. На полях встречи …");
        # a "весной" / "next year" in between is about another event and neither carries nor stops the day.
        dates_here = _days(dates.find(text, reference))
        if dates_here:
            last_span = dates_here[-1]
            if FUTURE.found_in(text):
                last_future = dates_here[-1]
        if (has_mention or strong) and sentence_place:
            last_place = sentence_place
            if FUTURE.found_in(text):
                last_future_place = sentence_place
    folded = _fold(reports)
    for r in folded:  # the filing city is the place only of a held meeting reported the day it was filed
        if r.place is None and filed_in and r.kind != "phone" and r.status == "held" and (
                r.date_source == "published" or (r.span and published and r.span.start == published)):
            r.place = filed_in
    return folded


def _future(clause: str) -> bool:
    """Future tense; "the upcoming session" beside a past verb ("discussed preparations for …") is not."""
    found = WHAT_IT_WILL_DO.search(clause)
    if found and PAST.found_in(clause[:found.start()]):
        clause = clause[:found.start()]  # "signed an agreement under which … will provide": the document's future
    plain = UPCOMING.pattern.sub(" ", clause) if UPCOMING.found_in(clause) else clause
    return FUTURE.found_in(plain) or (plain != clause and not PAST.found_in(clause))


def _not_of_a_coming_event(clause: str, begin: int, named: list[NamedOfficial], future: bool) -> list[NamedOfficial]:
    """In a held clause, leave out who a coming event belongs to ("discussed Japarov's forthcoming visit",
    "обсудили подготовку предстоящего визита Жапарова") when two sides remain."""
    if future or len(named) < 3 or not UPCOMING.search(clause):
        return named
    cues = list(UPCOMING.finditer(clause))

    # "Japarov's forthcoming visit", "предстоящего визита Жапарова": no comma between
    def owner(m: NamedOfficial) -> bool:
        at = m.start - begin
        return any(u.start() - 25 <= at <= u.end() + 40 and "," not in clause[min(at, u.start()):max(at, u.end())]
                   for u in cues)

    kept = [m for m in named if not owner(m)]
    return kept if len(kept) >= 2 and len({m.country for m in kept}) >= 2 else named


def _before_preparations(text: str, future: bool) -> str:
    """A held clause up to "preparations for" / "подготовку к" / "the upcoming …": a city after it is the coming
    event's ("discussed preparations for the next session, due in Bishkek"), not the clause's."""
    found = None if future else PREPARATIONS.search(text)
    return text[:found.start()] if found else text


def _signing_only(clause: str) -> bool:
    """The clause's only meeting word is a signing ("подписали", "signed")."""
    return names_meeting(clause) and not names_meeting(SIGNING.sub(" ", clause))


def _appointment(span: event_dates.DateSpan, clause: str, sentence: str) -> bool:
    """The vague time follows a verb of taking a post ("took office in October")."""
    for text in (clause, sentence):
        at = text.find(span.text)
        if at >= 0:
            return APPOINTED.search(text[max(0, at - 60):at]) is not None
    return False


def _several_months(clause: str, reference: date | None, future: bool,
                    dates: event_dates.Dates) -> list[tuple[event_dates.DateSpan, str | None]]:
    """Months joined by "and" / "и" / a comma, each a meeting of its own with the city named after it; [] for one."""
    spans = [d for d in dates.find(clause, reference, future) if d.vague and d.period]
    if len({d.period for d in spans}) < 2 or not all(
            re.search(r"\b(?:and|и|а также|as well as)\b|,", clause[a.end:b.begin]) for a, b in pairwise(spans)):
        return []
    ends = [d.begin for d in spans[1:]] + [len(clause)]
    return [(d, find_place(clause[d.begin:end])) for d, end in zip(spans, ends, strict=True)]


def _meeting_day(span: event_dates.DateSpan | None, last_span: event_dates.DateSpan | None,
                 published: date | None) -> date | None:
    """The day whose post holders a descriptor names: the clause's day, the middle of its month, the day told
    before, else the article's."""
    if span is not None and span.start:
        return span.start
    if span is not None and span.period:  # a month's middle; a year ("YYYY") by its middle
        return date(int(span.period[:4]), int(span.period[5:7] or 7), 15 if span.period[5:] else 1)
    return (last_span.start if last_span else None) or published


def _visit_discussed(clause: str, reference: date | None, published: date | None,
                     dates: event_dates.Dates) -> event_dates.DateSpan | None:
    """The month or year of a coming visit that a held meeting discussed, when the clause names one that is not
    before the page."""
    found = VISIT_DISCUSSED.search(clause)
    if found is None:
        return None
    later = [d for d in dates.find(clause[found.end():], reference, True) if d.vague and d.period]
    return next((d for d in later if published is None or d.period >= published.isoformat()[:len(d.period)]),  # type: ignore[arg-type,operator]
                None)


def _session_chairs(text: str, context: list[NamedOfficial]) -> list[NamedOfficial]:
    """The co-chairs of the one numbered session a sentence names with nobody in it, when the article names both:
    the session is theirs, and its day and city come from the table (sessions.py)."""
    known = sessions.table()
    ids = {n.id for n in sessions.named_sessions(text) if n.id in known}
    if len(ids) != 1:
        return []
    chairs = known[ids.pop()].chairs  # type: ignore[index]
    found = {m.person: m for m in reversed(context) if m.person in chairs and m.country}
    return [found[c] for c in chairs] if len(found) == len(chairs) == 2 else []


def _day_told(future: bool, clause: str, last_future: event_dates.DateSpan | None,
              last_span: event_dates.DateSpan | None) -> event_dates.DateSpan | None:
    """The day a clause with none of its own carries: a coming event's is the last coming day told, or, "during the
    visit", the days of the visit told before ("is on a state visit on March 2-3 … will also meet …")."""
    if not future:
        return last_span
    return last_future or (last_span if DURING_VISIT.found_in(clause) else None)


def _days(spans: list[event_dates.DateSpan]) -> list[event_dates.DateSpan]:
    return [s for s in spans if not s.vague]


def _habitual(clause: str, reference: date | None, dates: event_dates.Dates) -> bool:
    """"Регулярно встречаются", "meet regularly": a habit in the present, with no day of its own."""
    if not (HABITUAL.found_in(clause) and HABITUAL_VERB.found_in(clause)) or PAST.found_in(
            clause) or FUTURE.found_in(clause):
        return False  # "X, who meet regularly, held talks …" tells of one meeting
    return not any(not d.vague for d in dates.find(clause, reference))


def _visit_pair(clause: str, named: list[NamedOfficial]) -> bool:
    """A visit names a meeting only when both sides are in it as visitor and host, not as two travellers."""
    return not re.search(r",\s+а\s+|\band\b.*\bvisited\b", clause, re.IGNORECASE)


def _report(begin: int, group: list[NamedOfficial], span: event_dates.DateSpan | None, clause: str, sentence: str,
            future: bool, published: date | None, place: str | None, last_span: event_dates.DateSpan | None,
            earlier: list[Report]) -> Report:
    participants = tuple(sorted(m.person for m in group))
    titled = {m.person: m.kind for m in group if m.kind}
    countries = tuple(sorted({m.country for m in group if m.country}))
    past = PAST.found_in(clause)
    tense = "future" if future and not (past and not FUTURE.found_in(clause)) else ("past" if past else "")
    kind = "phone" if PHONE.found_in(sentence) else ("council" if COUNCIL.found_in(sentence) else "talks")
    if span is not None and span.vague and tense != "future" and _after(span.period, published):
        span = None  # a held meeting is not in a period after the page: that period is another matter's
    if span is not None and span.vague:
        source = "vague"
    elif span is not None:
        source = "explicit"
    else:
        # a coming event takes no day from a held meeting of the same people ("В августе они провели заседание. —
        # Ожидаем визит Жапарова")
        same = next((r for r in reversed(earlier) if r.participants == participants
                     and not (tense == "future" and r.status == "held")), None)
        if same is not None:
            span, source = same.span, "inherited" if same.date_source != "vague" else "vague"
            tense = tense or same.tense
        elif last_span is not None:
            span, source = last_span, "inherited" if not last_span.vague else "none"
            span = span if source == "inherited" else None
        else:
            source = "published" if tense != "future" else "none"
    status = "planned" if tense == "future" else "held"
    if span is not None and span.start and published and span.start > published and source == "explicit":
        status = "planned"
    return Report(begin, participants, countries, span, source, status, tense, kind,
                  None if kind == "phone" else place, [sentence.strip()],
                  tuple(titled.get(p, "") for p in participants))


def _after(period: str | None, published: date | None) -> bool:
    """The period ("YYYY" or "YYYY-MM") begins after the publication date."""
    return bool(period and published and period > published.isoformat()[:len(period)])


def _fold(reports: list[Report]) -> list[Report]:
    """Reports of one meeting inside one article (same people, compatible dates) become one."""
    out: list[Report] = []
    for r in reports:
        target = next((o for o in out if _compatible(o, r)), None)
        if target is None:
            out.append(r)
            continue
        if target.date_source in ("published", "none", "inherited") and r.date_source == "explicit":
            target.span, target.date_source = r.span, r.date_source
        if target.status == "planned" and r.status == "held" and r.tense == "past":
            target.status = "held"
        if r.own_place and not target.own_place and r.place and target.kind != "phone":
            target.place, target.own_place = r.place, True
        if r.kind != "talks" and target.kind == "talks":
            target.kind = r.kind
        if r.evidence[0] not in target.evidence:
            target.evidence.append(r.evidence[0])
    return out


def _row(article_id: str, published: date | None, r: Report) -> dict[str, object]:
    span = r.span
    start = span.start if span else None
    if start is None and r.date_source == "published" and published:
        start = published
    if r.date_source == "vague":
        start = None
    end = span.end_date if span and start is not None and r.date_source != "published" else None
    year_missing = bool(span and not span.vague and span.day and span.start is None)
    return {
        "article_id": article_id, "position": r.position,
        "date": start.isoformat() if start else None, "end_date": end.isoformat() if end else None,
        "day": span.day if span and year_missing else None, "month": span.month if span and year_missing else None,
        "end_day": span.end_day if span and year_missing else None,
        "end_month": span.end_month if span and year_missing else None,
        "date_inferred": bool(span and span.year_inferred and start is not None),
        "year_missing": year_missing, "vague": r.date_source == "vague",
        "period": span.period if span is not None and r.date_source == "vague" else None,
        "published": published.isoformat() if published else None,
        "status": r.status, "kind": r.kind, "place": r.place, "participants": list(r.participants),
        "countries": list(r.countries), "evidence": list(r.evidence), "kinds": list(r.kinds),
        # a weekday or "yesterday" is a day read against the page's date (placing.py says so)
        "date_source": "relative" if r.date_source == "explicit" and span and span.relative else r.date_source,
        "own_place": r.own_place, "session": None,
    }


def extract_reports(articles: pd.DataFrame, mentions: pd.DataFrame,
                    texts: Mapping[str, Sentences] | None = None) -> pd.DataFrame:
    """Each article's meeting reports (one row per meeting the article describes); ``texts``: each article's
    sentences by article_id, split once for every extractor."""
    by_article: dict[str, list[NamedOfficial]] = {}
    if not mentions.empty:
        ordered = mentions.sort_values(["article_id", "start"], kind="stable")
        # columns as lists: iterating rows of Arrow-backed columns costs several times more
        kinds = ordered["kind"].tolist() if "kind" in ordered.columns else [""] * len(ordered)
        for article_id, person, country, start, kind in zip(
                ordered["article_id"].tolist(), ordered["person"].tolist(), ordered["country"].tolist(),
                ordered["start"].tolist(), kinds, strict=True):
            by_article.setdefault(article_id, []).append(NamedOfficial(
                person, country if isinstance(country, str) and country else None, int(start),
                kind if isinstance(kind, str) else ""))
    rows: list[dict[str, object]] = []
    for article_id, body, published_at, title in zip(articles["article_id"].tolist(), articles["body"].tolist(),
                                                      articles["published"].tolist(), articles["title"].tolist(),
                                                      strict=True):
        found = by_article.get(article_id, [])
        split_body = split(body, (texts or {}).get(article_id))
        found = delegation_countries(body, deputy_ministers(body, found), split_body)
        countries = {m.country for m in found if m.country}
        if len(countries) < 2 and not (countries and describes_a_holder(body)):
            continue  # a meeting needs officials of two countries (or one and a post named): most articles stop here
        published = event_dates.article_date(body, as_date(published_at))
        title = title if isinstance(title, str) else ""
        for report in article_reports(body, published, found, title, split_body):
            # a numbered session the report names gives the day and city its text does not (sessions.py)
            rows.append(sessions.attach(_row(article_id, published, report), report.evidence, title))
    # object columns keep None as None (pandas would turn it into NaN in inferred string columns)
    return pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype="object") for c in REPORT_COLUMNS})


def merge_meetings(reports: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per event across all articles (MEETING_COLUMNS); see events.py."""
    return merge.merge_reports(reports, articles)[MEETING_COLUMNS]
