"""One event however it is reported (numbered sessions, undated reports, visits and their talks) and every event
placed in time (date_precision, date_basis); hand-made reports and articles in our own words."""

import csv
from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_meetings import _merge, _report, _reports

from lib.facts.meetings import joining, sessions
from lib.facts.meetings.event_dates import find_dates
from lib.facts.officials import roster
from lib.records import DATE_PRECISIONS, MEETING_COLUMNS
from lib.tools import evaluate

PRESIDENTS = ["Kassym-Jomart Tokayev", "Sadyr Japarov"]
HEADS_OF_GOVERNMENT = ["Akylbek Japarov", "Olzhas Bektenov"]
NAMES = {"Токаев": "Kassym-Jomart Tokayev", "Жапаров": "Sadyr Japarov", "Tokayev": "Kassym-Jomart Tokayev",
         "Japarov": "Sadyr Japarov"}


@pytest.mark.parametrize(("text", "found"), [
    ("прошло 13-е заседание Межправительственного совета", [("IGC", 13)]),
    ("XIII заседание Межправсовета", [("IGC", 13)]),
    ("в рамках тринадцатого заседания казахско-кыргызского Межправсовета", [("IGC", 13)]),
    ("шестое заседание Высшего межгосударственного совета", [("SIC", 6)]),
    ("седьмое по счёту заседание Высшего межгоссовета", [("SIC", 7)]),
    ("6-е заседание ВМС", [("SIC", 6)]),
    ("the sixth meeting of the Supreme Interstate Council", [("SIC", 6)]),
    ("the 12th session of the Kazakh-Kyrgyz Intergovernmental Council", [("IGC", 12)]),
    ("the twelfth meeting of the Kazakhstan-Kyrgyzstan intergovernmental council", [("IGC", 12)]),
    ("the High Interstate Council", [("SIC", None)]),
    ("the IGC ended", [("IGC", None)]),
    ("I Форум межрегионального сотрудничества", [("IRF", 1)]),
    # a count before the body is not its number; other unions' councils and commissions are not ours
    ("за 8 месяцев, названных на заседании Межправсовета", [("IGC", None)]),
    ("заседание Евразийского межправительственного совета", []),
    ("the Eurasian Intergovernmental Council met", []),
    ("межправительственной комиссии по воде", []),
])
def test_sessions_are_read_in_every_wording(text, found):
    assert [(n.code, n.number) for n in sessions.named_sessions(text)] == found


def test_the_session_table_is_sourced_and_well_formed():
    with sessions.TABLE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    officials = {o.person for o in roster.load_officials()}
    assert len({(r["body"], r["number"]) for r in rows}) == len(rows)
    for row in rows:
        assert row["body"] in sessions.CODES and row["source"].strip(), row
        assert row["date_precision"] in DATE_PRECISIONS
        assert set(row["uncertain"].split()) <= {"date", "place", "number", "chairs"}, row
        assert date.fromisoformat(row["date"])
        if row["date_precision"] == "year":
            assert row["date"].endswith("-01-01")
        # the officials table covers 2019 on: a later co-chair it does not know could never fit a report
        for chair in (row["kz_chair"], row["kg_chair"]) if row["date"] >= "2019" else ():
            assert chair in officials, chair
    assert len(sessions.table()) == len(rows)


@pytest.mark.parametrize(("texts", "people", "on", "expected"), [
    (["13-е заседание Межправсовета"], ["Adylbek Kasymaliev", "Olzhas Bektenov"], None, "IGC-13"),
    # the co-chairs must be there: ministers preparing the session, or another country's council, take nothing
    (["the sixth meeting of the Supreme Interstate Council"], ["Murat Nurtleu", "Zheenbek Kulubaev"], None, None),
    (["первое заседание Высшего межгосударственного совета"], ["Kassym-Jomart Tokayev", "Shavkat Mirziyoyev"],
     None, None),
    # a body without a number is the session of the day (or month) the report gives, when only one fits
    (["the intergovernmental council has ended"], HEADS_OF_GOVERNMENT, date(2024, 12, 6), "IGC-12"),
    (["the intergovernmental council has ended"], HEADS_OF_GOVERNMENT, date(2024, 9, 6), None),
    # two sessions named at once: which is this report's is not said
    (["the 11th and 12th meetings of the intergovernmental council"], ["Akylbek Japarov", "Olzhas Bektenov"],
     None, None),
])
def test_a_session_belongs_to_a_report_of_its_co_chairs(texts, people, on, expected):
    found = sessions.session_of(texts, people, on)
    assert (found.id if found else None) == expected


def test_a_report_naming_a_session_takes_its_day_and_city_when_the_text_gives_none():
    body = ("Касым-Жомарт Токаев и Садыр Жапаров провели шестое заседание Высшего межгосударственного совета.")
    # a page published two months later, no day in the text: the table's day and city
    row = _reports(body, date(2024, 6, 20), NAMES).iloc[0]
    assert (row["session"], row["date"], row["place"], row["date_source"]) == ("SIC-6", "2024-04-19", "Astana",
                                                                              "session")
    # a day the text writes stays
    written = _reports("19 апреля Токаев и Жапаров провели шестое заседание ВМС в Астане.", date(2024, 4, 20),
                       NAMES).iloc[0]
    assert (written["session"], written["date"], written["date_source"]) == ("SIC-6", "2024-04-19", "explicit")


def test_a_session_recalled_as_the_source_of_a_document_is_not_the_reports():
    names = {"Акылбек Жапаров": "Akylbek Japarov", "Олжас Бектенов": "Olzhas Bektenov"}
    body = ("Акылбек Жапаров и Олжас Бектенов встретились на полях саммита в Баку.\n"
            "По словам Жапарова, эта задача закреплена в протоколе двенадцатого заседания Межправсовета.")
    row = _reports(body, date(2025, 3, 10), names).iloc[0]
    assert (row["session"], row["date"]) == (None, "2025-03-10")
    # the protocol of the session held that day is the report's own session
    people = ["Akylbek Japarov", "Olzhas Bektenov"]
    on_the_day = sessions.session_of(["подписан протокол двенадцатого заседания Межправсовета"], people,
                                     date(2024, 12, 5))
    assert on_the_day is not None and on_the_day.id == "IGC-12"
    assert sessions.session_of(["подписан протокол двенадцатого заседания Межправсовета"], people,
                               date(2025, 3, 10)) is None


def test_a_session_named_in_the_sentence_before_its_co_chairs():
    body = ("В Бишкеке прошло двенадцатое заседание Межправительственного совета.\n"
            "Его провели Акылбек Жапаров и Олжас Бектенов.")
    names = {"Акылбек Жапаров": "Akylbek Japarov", "Олжас Бектенов": "Olzhas Bektenov"}
    row = _reports(body, None, names).iloc[0]
    assert (row["session"], row["date"], row["place"], row["kind"]) == ("IGC-12", "2024-12-05", "Bishkek", "council")


@pytest.mark.parametrize(("text", "reference", "start", "period"), [
    ("on August 22 last year", date(2026, 2, 25), date(2025, 8, 22), None),
    ("22 августа прошлого года", date(2026, 2, 25), date(2025, 8, 22), None),
    ("в 2026 году", date(2025, 11, 1), None, "2026"),
    ("later this year", date(2026, 3, 20), None, "2026"),
    ("в этом году", date(2026, 1, 20), None, "2026"),
    ("в прошлом году", date(2026, 1, 20), None, "2025"),
    ("in June", date(2026, 8, 1), None, "2026-06"),
    ("next week", date(2026, 8, 1), None, None),
])
def test_periods_and_years_relative_to_the_reference(text, reference, start, period):
    found = find_dates(text, reference)
    assert [(d.start, d.period) for d in found] == [(start, period)]


def test_an_undated_report_joins_the_recent_event_of_the_same_people_and_kind():
    out = _merge([_report("held", PRESIDENTS, "2024-04-19", "held", "2024-04-19", place="Astana"),
                  _report("later", PRESIDENTS, None, "held", "2024-04-25", place="Astana")])
    assert list(map(tuple, out["files"])) == [("held.txt", "later.txt")]
    assert out.iloc[0]["date_precision"] == "day"


@pytest.mark.parametrize(("published", "place", "joined"), [
    ("2024-05-20", None, False),  # a month after: too late for a news report of that meeting
    ("2024-04-25", "Bishkek", False),  # another city
    ("2024-04-18", None, False),  # published before the meeting: it cannot report it held
])
def test_an_undated_report_stays_apart_when_something_contradicts_it(published, place, joined):
    out = _merge([_report("held", PRESIDENTS, "2024-04-19", "held", "2024-04-19", place="Astana"),
                  _report("other", PRESIDENTS, None, "held", published, place=place)])
    assert (len(out) == 1) is joined


def test_an_undated_report_stays_apart_when_two_events_fit():
    out = _merge([_report("a", PRESIDENTS, "2024-04-10", "held", "2024-04-10", place="Astana"),
                  _report("b", PRESIDENTS, "2024-04-19", "held", "2024-04-19", place="Astana"),
                  _report("c", PRESIDENTS, None, "held", "2024-04-25")])
    assert len(out) == 3


def test_a_visit_and_its_talks_are_one_event_but_reports_further_apart_than_its_span_are_not():
    visit = _merge([_report("plan", PRESIDENTS, "2025-08-21", "planned", "2025-08-19", end="2025-08-22"),
                    _report("arrive", PRESIDENTS, "2025-08-21", "held", "2025-08-21"),
                    _report("talks", PRESIDENTS, "2025-08-22", "held", "2025-08-22")])
    assert len(visit) == 1 and visit.iloc[0]["status"] == "held"
    # 21, 22 and 23 one day apart each: 21 and 23 are further apart than any report's span, never one event
    chain = _merge([_report("a", PRESIDENTS, "2025-08-21", "held", "2025-08-21"),
                    _report("b", PRESIDENTS, "2025-08-22", "held", "2025-08-22"),
                    _report("c", PRESIDENTS, "2025-08-23", "held", "2025-08-23")])
    assert not any({"a.txt", "c.txt"} <= set(files) for files in chain["files"])


def test_month_and_year_reports_are_placed_on_the_period_with_its_precision():
    out = _merge([_report("may", PRESIDENTS, None, "held", "2022-10-27", period="2022-05"),
                  _report("may2", PRESIDENTS, None, "held", "2023-01-10", period="2022-05"),
                  _report("plan", HEADS_OF_GOVERNMENT, None, "planned", "2024-03-01", period="2024")])
    rows = {tuple(r["files"]): r for _, r in out.iterrows()}
    may = rows[("may.txt", "may2.txt")]
    assert (may["date"], may["date_precision"]) == ("2022-05-01", "month")
    assert may["date_basis"] == "month named in the report"
    plan = rows[("plan.txt",)]
    assert (plan["date"], plan["date_precision"]) == ("2024-01-01", "year")
    assert list(out.columns) == MEETING_COLUMNS


def test_a_month_report_joins_the_dated_event_of_that_month():
    out = _merge([_report("held", PRESIDENTS, "2022-05-26", "held", "2022-05-26"),
                  _report("recap", PRESIDENTS, None, "held", "2022-10-27", period="2022-05")])
    assert len(out) == 1
    assert (out.iloc[0]["date"], out.iloc[0]["date_precision"]) == ("2022-05-26", "day")


def test_a_meeting_with_no_evidence_of_its_time_keeps_no_date():
    out = _merge([_report("x", PRESIDENTS, None, "planned", None)])
    assert out.iloc[0]["date"] is None and out.iloc[0]["date_precision"] is None


def test_a_coming_visit_discussed_during_a_call_is_an_event_of_its_own():
    body = ("On Monday, Japarov phoned Tokayev, and the presidents discussed a visit by Japarov to Kazakhstan "
            "later this year.")
    rows = _reports(body, date(2026, 3, 20), NAMES)
    assert sorted(zip(rows["status"], rows["kind"], rows["period"].fillna(""), strict=True)) == [
        ("held", "phone", ""), ("planned", "talks", "2026")]


def test_evaluate_matches_a_month_row_inside_its_period_only():
    gold = [{"file": "a.txt", "meetings": [{"date": "2022-05-26", "participants": PRESIDENTS,
                                            "countries": ["KZ", "KG"], "event": "visit"}]}]

    def row(day, precision):
        return pd.DataFrame([{"date": day, "end_date": None, "date_precision": precision, "countries": ["KZ", "KG"],
                              "participants": PRESIDENTS, "files": ["a.txt"]}])

    assert evaluate.score_meetings(row("2022-05-01", "month"), gold)[0].tp == 1
    assert evaluate.score_meetings(row("2022-01-01", "year"), gold)[0].tp == 1
    assert evaluate.score_meetings(row("2022-04-01", "month"), gold)[0].tp == 0
    assert evaluate.score_meetings(row("2022-05-01", "day"), gold)[0].tp == 0


DAY0 = date(2025, 1, 1)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), st.integers(0, 40)), st.integers(0, 3),
                          st.sampled_from([None, "2025-01", "2025-02", "2025"]), st.sampled_from(["held", "planned"]),
                          st.one_of(st.none(), st.integers(-5, 60)), st.booleans()),
                min_size=1, max_size=30))
def test_two_dated_reports_further_apart_than_a_span_are_never_one_event(rows):
    items = []
    for k, (start, length, period, status, published, phone) in enumerate(rows):
        first = DAY0 + timedelta(days=start) if start is not None else None
        items.append(joining.Item(first, first + timedelta(days=length) if first else None,
                                  None if first else period, status,
                                  DAY0 + timedelta(days=published) if published is not None else None,
                                  tuple(PRESIDENTS), f"a{k % 4}", phone, None, None))
    labels = joining.cluster(items)
    dated = [i for i, item in enumerate(items) if item.start]
    for i in dated:
        for j in dated:
            if i != j and labels[i] == labels[j] and items[i].start <= items[j].start:
                assert (items[j].start - items[i].end).days <= 1, (items[i], items[j])


def test_a_visit_to_a_country_meets_its_holder_of_the_visitors_post_named_in_the_article():
    body = ("Визит президента Кыргызстана Садыра Жапарова в Казахстан намечен на второе-третье марта.\n"
            "Ранее Касым-Жомарт Токаев пригласил его в Астану.")
    names = {"Садыра Жапарова": "Sadyr Japarov", "Касым-Жомарт Токаев": "Kassym-Jomart Tokayev"}
    rows = _reports(body, date(2021, 2, 20), names)
    assert [(r["participants"], r["date"], r["status"]) for _, r in rows.iterrows()] == [
        (PRESIDENTS, "2021-03-02", "planned")]
    # the host's post must be the visitor's: a prime minister named in the article is not the host
    alone = _reports("Визит президента Кыргызстана Садыра Жапарова в Казахстан намечен на март.\n"
                     "Олжас Бектенов провел совещание.", date(2024, 2, 20),
                     {"Садыра Жапарова": "Sadyr Japarov", "Олжас Бектенов": "Olzhas Bektenov"})
    assert alone.empty


def test_meetings_during_a_visit_take_its_days():
    body = ("Sadyr Japarov, who is in Kazakhstan on a state visit on March 2-3, held talks with Kassym-Jomart "
            "Tokayev.\nDuring the visit, Japarov is also expected to meet Prime Minister Askar Mamin.")
    rows = _reports(body, date(2021, 3, 2), {"Sadyr Japarov": "Sadyr Japarov", "Japarov": "Sadyr Japarov",
                                             "Kassym-Jomart Tokayev": "Kassym-Jomart Tokayev",
                                             "Askar Mamin": "Askar Mamin"})
    dated = {tuple(r["participants"]): (r["date"], r["status"]) for _, r in rows.iterrows()}
    assert dated[("Askar Mamin", "Sadyr Japarov")] == ("2021-03-02", "planned")


def test_the_month_of_a_session_prepared_or_reviewed_is_not_the_meetings():
    body = ("Olzhas Bektenov and Adylbek Kasymaliev spoke by phone on Monday and discussed preparations for the "
            "Supreme Interstate Council, due in Bishkek in August.")
    rows = _reports(body, date(2025, 6, 10), {"Olzhas Bektenov": "Olzhas Bektenov",
                                              "Adylbek Kasymaliev": "Adylbek Kasymaliev"})
    assert [(r["date"], r["period"]) for _, r in rows.iterrows()] == [("2025-06-09", None)]


def test_the_next_day_follows_the_last_day_written_and_an_undated_page_keeps_to_its_own_years():
    body = ("Выборы прошли 10 января. На следующий день Касым-Жомарт Токаев позвонил Садыру Жапарову и поздравил "
            "его.\nВизит Садыра Жапарова в Казахстан намечен на второе-третье марта.")
    names = {"Касым-Жомарт Токаев": "Kassym-Jomart Tokayev", "Садыру Жапарову": "Sadyr Japarov",
             "Садыра Жапарова": "Sadyr Japarov"}
    rows = _reports(body, None, names)
    call = rows[rows["kind"] == "phone"].iloc[0]
    assert (call["day"], call["month"], call["year_missing"]) == (11, 1, True)
    # another page dates the visit: the visit takes its year, and the call the year nearest to it
    held = _report("held", PRESIDENTS, "2021-03-02", "held", "2021-03-02", end="2021-03-03")
    out = _merge([*rows.to_dict("records"), held])
    assert sorted(out["date"]) == ["2021-01-11", "2021-03-02"]
