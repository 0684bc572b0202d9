"""Agreements, projects and commitments: catalogue cues in both languages, status per sentence, one row per
agreement across reports, the scorer, and floors on the annotated seeds and dev corpus."""

import csv
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from conftest import DEV, SEEDS, SEEDS_GOLD

from lib import pipeline
from lib.articles.sentences import sentences
from lib.facts.agreements import catalogue, registry
from lib.facts.agreements.reports import article_reports, extract_agreement_reports
from lib.facts.agreements.status import due_year, sentence_status
from lib.records import AGREEMENT_COLUMNS, AGREEMENT_REPORT_COLUMNS, TEXT_COUNTRIES
from lib.store import snapshots
from lib.store.batches import Store
from lib.tools import evaluate

EXTRA = Path(__file__).parent / "gold_extra"
DAY = date(2025, 8, 22)


def reports(text: str, published: date | None = DAY):
    return article_reports(sentences(text), published)


KNOWN = [
    ("Стороны рассмотрели ход реализации проекта индустриального торгово-логистического комплекса.",
     "itlc", "project", "in_progress"),
    ("The launch of the industrial trade and logistics complex on the border is planned for next year.",
     "itlc", "project", "planned"),
    ("Мажилис ратифицировал соглашение о создании индустриального торгово-логистического комплекса.",
     "itlc-agreement", "agreement", "signed"),
    ("Президенты подписали Договор об углублении и расширении союзнических отношений.",
     "allied-treaty-2024", "agreement", "signed"),
    ("The two leaders will sign a treaty on deepening allied relations on Friday.",
     "allied-treaty-2024", "agreement", "planned"),
    ("Тендер на строительство торгово-логистического комплекса не состоялся: не нашлось подрядчика.",
     "itlc", "project", "stalled"),
    ("Оптово-распределительный центр в Алматинской области введен в эксплуатацию.",
     "dc-almaty", "project", "completed"),
    ("Checkpoints on the border are being modernised.", "checkpoint-modernisation", "project", "in_progress"),
    ("Стороны подписали дорожную карту по увеличению товарооборота до 3 млрд долларов к 2030 году.",
     "trade-roadmap-2030", "agreement", "signed"),
]


@pytest.mark.parametrize(("text", "agreement_id", "kind", "status"), KNOWN)
def test_known_agreements_in_either_language(text, agreement_id, kind, status):
    found = {r.agreement_id: r for r in reports(text)}
    assert agreement_id in found, found
    assert (found[agreement_id].kind, found[agreement_id].status) == (kind, status)


def test_general_words_alone_are_no_agreement():
    # relations, not the treaty; a session's protocol; a count of documents
    assert reports("Стороны отметили высокий уровень союзнических отношений.") == []
    assert reports("По итогам заседания подписан протокол.") == []
    assert reports("Договорно-правовую базу составляют около 180 соглашений, подписанных ранее.") == []


def test_an_uncatalogued_document_is_named_by_what_it_is_about():
    found = reports("Министры подписали соглашение о сотрудничестве в области гражданской авиации.")
    assert len(found) == 1 and found[0].kind == "agreement" and found[0].status == "signed"
    # in English where the table of document words knows them, with the Russian name kept where it does not
    assert found[0].title == "Agreement on cooperation civil aviation"
    wine = reports("Министры подписали соглашение о сотрудничестве в области виноделия.")
    assert wine[0].title == "Agreement on cooperation (сотрудничестве в области виноделия)"
    vet = reports("Подписано соглашение о сотрудничестве в сфере ветеринарии и фитосанитарии.")
    assert vet[0].title == "Agreement on cooperation veterinary phytosanitary"
    assert found[0].agreement_id.startswith("doc-")


def test_a_third_country_keeps_its_own_treaty_out():
    text = "Kyrgyz President Sadyr Japarov and Tajik President Emomali Rahmon signed a treaty on the state border."
    assert reports(text) == []


def test_an_anaphoric_document_takes_the_subject_of_the_sentence_before():
    text = ("К 2030 году стороны намерены довести товарооборот до 3 млрд долларов. "
            "Для этого подписана специальная дорожная карта.")
    found = reports(text)
    assert [(r.agreement_id, r.status, r.due_year) for r in found] == [("trade-roadmap-2030", "signed", 2030)]


def test_list_items_take_the_status_of_their_lead_in():
    text = ("Стороны рассмотрели ход реализации проектов:\n"
            "• Индустриальный торгово-логистический комплекс – проект, призванный стать хабом.\n"
            "• Альтернативная автодорога Иссык-Куль – Алматы – новый коридор.")
    assert {(r.agreement_id, r.status) for r in reports(text)} == {
        ("itlc", "in_progress"), ("issyk-kul-almaty-road", "in_progress")}


def test_an_old_document_is_mentioned():
    status = sentence_status("договор о вечной дружбе, подписанный в 1997 году, остается основой", "agreement",
                             date(2024, 4, 19))
    assert status.status == "mentioned"


@pytest.mark.parametrize(("text", "published", "year"), [
    ("запуск комплекса в следующем году", date(2025, 8, 22), 2026),
    ("planned for this year", date(2026, 1, 14), 2026),
    ("довести до 3 млрд долларов к 2030 году", date(2024, 1, 1), 2030),
    ("signed in 2023", date(2024, 5, 1), None),  # a past year is no deadline
    ("next year", None, None),  # no publication date: not guessed
])
def test_due_years(text, published, year):
    assert due_year(text, published) == year


def test_the_catalogue_cites_a_source_for_every_entry_and_its_cues_compile():
    entries = catalogue.entries()
    assert len({e.agreement_id for e in entries}) == len(entries)
    assert all(e.kind in {"agreement", "project", "commitment"} for e in entries)
    with catalogue.AGREEMENTS_CSV.open(encoding="utf-8") as handle:
        assert all(len(row["source"]) > 20 for row in csv.DictReader(handle))


def _articles(rows):
    frame = pd.DataFrame(rows, columns=["article_id", "file", "title", "published", "body"])
    frame["published"] = pd.to_datetime(frame["published"])
    frame[TEXT_COUNTRIES] = "KZ;KG"
    return frame


def test_one_agreement_however_many_reports_with_the_latest_status():
    articles = _articles([
        ("a", "a.txt", "t", "2023-06-09", "Казахстан и Кыргызстан планируют построить торгово-логистический комплекс."),
        ("b", "b.txt", "t", "2025-08-22", "Kazakhstan and Kyrgyzstan: the industrial trade and logistics complex "
                                          "is under construction."),
        ("c", "c.txt", "t", "2024-01-01", "Kazakhstan and Kyrgyzstan discussed tourism."),
    ])
    found = extract_agreement_reports(articles)
    assert list(found.columns) == AGREEMENT_REPORT_COLUMNS
    found["file"] = found["article_id"].map({"a": "a.txt", "b": "b.txt"})
    merged = registry.merge_agreements(found)
    assert list(merged.columns) == AGREEMENT_COLUMNS
    row = merged.set_index("agreement_id").loc["itlc"]
    assert (row["status"], row["first_date"], row["last_date"], row["files"]) == (
        "in_progress", "2023-06-09", "2025-08-22", ["a.txt", "b.txt"])


def test_articles_not_about_the_pair_report_nothing():
    articles = _articles([("a", "a.txt", "t", "2024-01-01", "Трансграничный торгово-логистический комплекс.")])
    articles[TEXT_COUNTRIES] = "KZ;UZ"
    assert extract_agreement_reports(articles).empty


def test_the_scorer_matches_titles_and_kinds_one_to_one():
    gold = [{"file": "a.txt", "agreements": [
        {"id": "x", "kind": "project", "title": "Industrial trade-logistics complex", "status": "planned",
         "due_year": None},
        {"id": "y", "kind": "agreement", "title": "Roadmap to $3 billion of trade", "status": "signed",
         "due_year": 2030}]}]
    predicted = pd.DataFrame([
        {"file": "a.txt", "agreement_id": "itlc", "kind": "project", "status": "planned", "due_year": None,
         "title": "Industrial trade and logistics complex on the border"},
        {"file": "a.txt", "agreement_id": "itlc2", "kind": "project", "status": "planned", "due_year": None,
         "title": "Industrial trade and logistics complex on the border"},
    ])
    scores = evaluate.score_agreements(predicted, gold)
    assert (scores.by_kind.tp, scores.by_kind.n_pred, scores.by_kind.n_gold) == (1, 2, 2)
    assert scores.status_right == 1 and scores.missed == ["a.txt:y"]
    assert not evaluate.same_agreement("Industrial trade and logistics complex", "Roadmap to $3 billion of trade")


def test_the_scorer_reads_one_title_in_its_inflections_and_abbreviations():
    # "$3 bn" is "$3 billion", "raising" is "raise": one roadmap, not a miss and a false positive
    assert evaluate.same_agreement("Roadmap to raise commerce to $5 billion by 2040",
                                   "Roadmap for raising bilateral commerce to $5 bn")
    assert evaluate.same_agreement("Solar power plant", "Solar power plants")
    assert not evaluate.same_agreement("Solar power plants", "Wholesale distribution centre")


# Floors on the annotated sets (tests/gold_extra; heldout3's gold holds its own), measured when set, minus about
# one item: raise, never lower. agreements P / R, topics P / R at 709e2af: seeds 1.000/1.000, 0.842/1.000; dev
# 1.000/0.808, 0.899/0.899; heldout 1.000/0.667, 0.903/0.966; heldout2 1.000/0.765, 0.781/0.962. After the kinds of
# error of all five (tests/gold_extra/FIRST_RUNS.md): dev 1.000/0.923, 0.900/0.911; heldout2 1.000/0.824; heldout3
# (no longer blind for agreements) 0.923/0.923, 0.802/0.937; heldout4 (no longer blind for agreements, after its
# kinds of error: tests/first_runs/heldout4.md) 0.968/0.857, 0.729/0.956. After the kinds of error of heldout5, 6
# and 7 (tests/first_runs/, each first measured blind): dev 1.000/0.923, 0.923/0.911; heldout 0.933/0.966 (topics);
# heldout2 0.833/0.962 (topics); heldout3 0.824/0.937 (topics); heldout4 1.000/0.943, 0.792/0.933; heldout5
# 0.857/0.667, 0.824/1.000; heldout6 1.000/0.833, 0.792/0.905; heldout7 0.955/0.636, 0.871/0.900; then heldout8
# 0.875/0.718, 0.825/0.887 and heldout9 0.968/0.811, 0.833/0.968 after theirs; heldout5 then 0.864/0.704, 0.820/0.976.
HERE = Path(__file__).parent
FLOORS = {
    "seeds": (SEEDS, SEEDS_GOLD, 0.95, 0.95, 0.80, 0.95),
    "dev": (DEV, DEV / "gold.json", 0.95, 0.88, 0.90, 0.89),
    "heldout": (HERE / "heldout", HERE / "heldout" / "gold.json", 0.95, 0.66, 0.90, 0.93),
    "heldout2": (HERE / "heldout2", HERE / "heldout2" / "gold.json", 0.95, 0.76, 0.80, 0.92),
    "heldout3": (HERE / "heldout3", HERE / "heldout3" / "gold.json", 0.90, 0.90, 0.81, 0.92),
    "heldout4": (HERE / "heldout4", HERE / "heldout4" / "gold.json", 0.96, 0.91, 0.77, 0.93),
    "heldout5": (HERE / "heldout5", HERE / "heldout5" / "gold.json", 0.80, 0.62, 0.80, 0.97),
    "heldout6": (HERE / "heldout6", HERE / "heldout6" / "gold.json", 0.93, 0.77, 0.75, 0.85),
    "heldout7": (HERE / "heldout7", HERE / "heldout7" / "gold.json", 0.90, 0.60, 0.83, 0.86),
    "heldout8": (HERE / "heldout8", HERE / "heldout8" / "gold.json", 0.84, 0.69, 0.80, 0.86),
    "heldout9": (HERE / "heldout9", HERE / "heldout9" / "gold.json", 0.93, 0.78, 0.80, 0.93),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_quality_floors(name, tmp_path):
    folder, gold_path, ag_p, ag_r, topic_p, topic_r = FLOORS[name]
    if not Path(gold_path).exists():
        pytest.skip(f"{gold_path} is kept outside the repository")
    gold = evaluate.load_gold(gold_path)
    if (EXTRA / f"{name}.json").exists():
        gold = evaluate.merge_extra(gold, evaluate.load_gold(EXTRA / f"{name}.json"))
    corpus = pipeline.build([(folder, "")], Store(tmp_path / "store"), workers=1)
    agreements = evaluate.score_agreements(corpus.agreement_reports, gold).by_kind
    topics = evaluate.score_topics(corpus.articles, gold)
    assert (agreements.precision, agreements.recall) >= (ag_p, 0) and agreements.recall >= ag_r, agreements.line()
    assert topics.precision >= topic_p and topics.recall >= topic_r, topics.line()


def test_every_cue_match_holds_a_trigger_of_its_entry():
    # The gate scans for the triggers only: a cue matching text without one would never be tried.
    texts = [p[0] for p in KNOWN] + [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    with catalogue.AGREEMENTS_CSV.open(encoding="utf-8") as handle:
        triggers = {row["agreement_id"]: row["triggers"].split("|") for row in csv.DictReader(handle)}
    hits = 0
    for text in texts:
        low = text.lower()
        for entry in catalogue.entries():
            for m in entry.cues.finditer(low):
                hits += 1
                assert any(t in m.group(0) for t in triggers[entry.agreement_id]), (entry.agreement_id, m.group(0))
                assert catalogue.gate().search(m.group(0))
    assert hits >= len(KNOWN)


def test_a_rerun_reads_the_agreements_back_from_the_corpus_snapshot(tmp_path):
    # A table the snapshot cannot keep exactly (an object column of ints) would make every re-run reassemble.
    store = Store(tmp_path / "store")
    first = pipeline.build([(SEEDS, "")], store, workers=1)
    assert list((tmp_path / "store" / snapshots.NAMESPACE).glob("snapshot-*"))
    again = pipeline.build([(SEEDS, "")], store, workers=1)
    for name in ("agreements", "agreement_reports", "topic_sentences"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(again, name))
    assert again.agreements["due_year"].dtype == "Int64"


def test_a_due_year_belongs_to_the_mention_it_stands_by():
    text = ("Жапаров перечислил проекты: индустриальный торгово-логистический комплекс на границе, который "
            "планируется запустить в следующем году, и строительство автодороги Алматы — Иссык-Куль.")
    due = {r.agreement_id: r.due_year for r in reports(text)}
    assert due == {"itlc": 2026, "issyk-kul-almaty-road": None}


# ---- kinds of error found on heldout3, dev, heldout and heldout2 (tests/gold_extra/FIRST_RUNS.md) ---------------

def test_the_parties_between_a_document_and_its_subject_are_read_past():
    ru = reports("Президенты подписали Договор между Республикой Казахстан и Кыргызской Республикой о вечной дружбе "
                 "и добрососедстве.")
    assert [(r.agreement_id, r.status) for r in ru] == [("friendship-treaty-1997", "signed")]
    en = reports("The Senate ratified the agreement between the Government of Kazakhstan and the Cabinet of "
                 "Ministers of Kyrgyzstan on the setting up of a wholesale distribution centre in Almaty region.")
    assert [(r.agreement_id, r.kind, r.status) for r in en] == [("dc-almaty-agreement", "agreement", "signed")]
    assert "the setting up of the wholesale distribution centre" in en[0].title
    # the quote is the sentence as written, parties and all
    assert "Cabinet of Ministers" in en[0].quote
    # parties that are not the pair keep their treaty to themselves
    assert reports("They signed an agreement between Kyrgyzstan and Tajikistan on the state border.") == []


def test_a_document_names_its_project_through_a_chain_of_its_own_words():
    # a verb of the sentence ends the chain: the plant itself, not a document of it
    found = reports("The memorandum on energy was discussed and the Kambarata-1 plant was praised.")
    assert [(r.agreement_id, r.kind) for r in found] == [("kambarata-1", "project")]
    chain = reports("The ministers signed the agreement on preparing the financing and operation of Kambarata HPP-1.")
    assert [(r.agreement_id, r.kind, r.status) for r in chain] == [("kambarata-1-agreement", "agreement", "signed")]
    # a document's chain stops at another known thing: the roadmap is the centres', not the complex's
    two = reports("The premiers reviewed a roadmap for wholesale distribution centres in Kyrgyzstan and an "
                  "industrial trade and logistics complex near the border.")
    assert {r.agreement_id for r in two} == {"dc-kg-roadmap", "itlc"}


def test_understandings_reached_are_no_document():
    assert reports("The leaders discussed the implementation of agreements reached at the council in spring.") == []
    found = reports("Agreements were reached on the upgrading of border checkpoints.")
    assert [r.kind for r in found] == ["commitment"]  # an action agreed on: a pledge


@pytest.mark.parametrize(("text", "kind", "status"), [
    # the signing as the object of talks is still to come
    ("Стороны обсудили подготовку визита, а также подписание Комплексного плана сотрудничества на 2026–2028 годы.",
     "agreement", "planned"),
    ("Kazakhstan is ready to join the construction of the Kambarata-1 plant.", "project", "planned"),
    # "plant" is no "plan"; joint work on it is work under way
    ("The sides praised joint work on the Kambarata-1 hydropower plant.", "project", "in_progress"),
    ("They agreed to step up work on the Kambarata-1 hydropower plant.", "project", "planned"),
    ("Президенты поручили ускорить строительство индустриального торгово-логистического комплекса.",
     "project", "in_progress"),
    # a document is not under construction: the treaty of a list that speaks of building is signed
    ("Agreements were reached on the treaty on allied relations and on building a new bridge.", "agreement", "signed"),
])
def test_status_words_of_each_kind(text, kind, status):
    found = reports(text)
    assert [(r.kind, r.status) for r in found][:1] == [(kind, status)], found


def test_the_old_year_of_an_amended_document_is_not_the_protocols():
    text = ("Parliament ratified the protocol amending the agreement on checkpoints across the state border "
            "of March 3, 2004.")
    assert [(r.agreement_id, r.status) for r in reports(text)] == [("checkpoint-protocol-2025", "signed")]


def test_an_article_naming_the_pair_together_once_is_about_the_pair():
    # one country in the article's countries, the other named once with it: the pair's council, the pair's treaty
    body = ("В Бишкеке прошло заседание Межправительственного совета Казахстана и Кыргызстана. "
            "Премьеры назвали ключевым проектом индустриальный торгово-логистический комплекс.")
    articles = _articles([("a", "a.txt", "t", "2024-12-05", body)])
    articles[TEXT_COUNTRIES] = "KG"
    assert extract_agreement_reports(articles)["agreement_id"].tolist() == ["itlc"]
    # neither of the pair among its countries: nothing, whatever one sentence says
    articles[TEXT_COUNTRIES] = "UZ"
    assert extract_agreement_reports(articles).empty


def test_documents_in_the_plural_are_a_class_not_one_document():
    assert reports("Депутаты обсудили ратификацию межгосударственных соглашений в сфере энергетики.") == []
    assert reports("The deputies ratified agreements in the field of energy and transport.") == []
    assert len(reports("Депутаты ратифицировали соглашение в сфере энергетики и транспорта.")) == 1


@pytest.mark.parametrize(("text", "kind"), [
    # an action pledged is a commitment: agreed, instructed, or planned with a deadline
    ("Стороны договорились реконструировать пункты пропуска на границе.", "commitment"),
    ("The ministers also agreed to speed up the upgrading of the Kegen and Karkyra checkpoints.", "commitment"),
    ("Пункты пропуска будут модернизированы до конца 2027 года.", "commitment"),
    # the same action under way, or spoken of as a project, is a project
    ("Идет модернизация пунктов пропуска на границе.", "project"),
    ("The talks touched on the modernisation of checkpoints among other projects.", "project"),
    ("The transport committee heard how the modernisation of checkpoints is going.", "project"),
])
def test_modernising_checkpoints_is_a_commitment_when_pledged(text, kind):
    found = reports(text)
    assert [(r.agreement_id, r.kind) for r in found] == [("checkpoint-modernisation", kind)], found


def test_a_verb_of_agreeing_is_no_treaty():
    # "договорились" starts like "договор"
    found = reports("Министры договорились обновить пункты пропуска.")
    assert [r.agreement_id for r in found] == ["checkpoint-modernisation"]


def test_one_named_checkpoint_is_a_row_of_its_own():
    text = ("Пункт пропуска «Кенсу» в этом году будет реконструирован. "
            "Пункт «Каркыра», закрытый для грузовиков уже несколько месяцев, отремонтируют к июню.")
    found = {r.agreement_id: r for r in reports(text)}
    assert set(found) == {"checkpoint-modernisation-kensu", "checkpoint-modernisation-karkyra"}
    assert found["checkpoint-modernisation-kensu"].title == "Modernisation of the Kensu checkpoint"
    assert (found["checkpoint-modernisation-kensu"].kind, found["checkpoint-modernisation-kensu"].due_year) == (
        "commitment", 2025)
    # a deadline of a month is a deadline: a pledge
    assert (found["checkpoint-modernisation-karkyra"].kind, found["checkpoint-modernisation-karkyra"].status) == (
        "commitment", "planned")
    # several named are the checkpoints at large
    several = reports("The Kegen, Karkyra and Kensu checkpoints are being modernised.")
    assert [r.agreement_id for r in several] == ["checkpoint-modernisation"]
    assert reports("The Kordai checkpoint modernisation is nearly complete.")[0].status == "in_progress"


def test_a_new_checkpoint_named_once_is_the_one_spoken_of_without_its_name():
    text = ("Стороны намерены открыть новый пункт пропуска «Кенсу» — «Тюп». "
            "Строительство нового пункта пропуска начнется в следующем году.")
    found = reports(text)
    assert [(r.agreement_id, r.kind, r.due_year) for r in found] == [
        ("checkpoint-new-kensu-tyup", "project", 2026)]
    assert found[0].title == "New Kensu – Tyup checkpoint"


def test_each_item_of_a_list_takes_its_own_verb():
    text = "Стороны договорились модернизировать пункты пропуска и ускорить строительство дороги Алматы — Иссык-Куль."
    status = {r.agreement_id: (r.kind, r.status) for r in reports(text)}
    assert status == {"checkpoint-modernisation": ("commitment", "planned"),
                      "issyk-kul-almaty-road": ("project", "in_progress")}
    # a road named by where it runs from and to
    assert [r.agreement_id for r in reports("Обсуждена новая дорога из Алматы на Иссык-Куль.")] == [
        "issyk-kul-almaty-road"]


@pytest.mark.parametrize(("text", "agreement_id"), [
    # kinds of joint project the catalogue did not know: plants named by what they make or burn
    ("Казахстанские инвесторы построят солнечные электростанции в Баткенской области.", "solar-plants"),
    ("Kazakh capital will fund two solar parks in Kyrgyzstan.", "solar-plants"),
    ("Стороны обсудили пуск ферросплавного завода.", "ferroalloy-plant"),
    ("The ministers visited the site of the ferroalloy plant.", "ferroalloy-plant"),
    # a distribution centre called by another name
    ("Планируется построить хранилище для кыргызских овощей в Алматинской области.", "dc-almaty"),
    ("A storage facility for Kyrgyz fruit is planned in Almaty region.", "dc-almaty"),
])
def test_project_kinds_in_either_language(text, agreement_id):
    assert [r.agreement_id for r in reports(text)] == [agreement_id]


def test_a_definite_head_noun_is_the_project_named_just_before():
    # the project named through its document, then spoken of as "the project"
    text = ("Energy ministers signed a roadmap for the Kambarata-1 hydropower plant in January. "
            "The project is to be financed by the three states.")
    found = {r.agreement_id: r for r in reports(text)}
    assert (found["kambarata-1-roadmap"].status, found["kambarata-1"].status) == ("signed", "planned")
    # a tender nobody bid in stalls the complex spoken of as "the complex"
    text = ("The talks were about the industrial trade and logistics complex on the border. "
            "Tenders for the Kazakh part of the complex drew no bids.")
    assert [(r.agreement_id, r.status) for r in reports(text)] == [("itlc", "stalled")]
    # the same in Russian: "проект" points back as "the project" does
    text = ("Министры энергетики подписали дорожную карту по Камбаратинской ГЭС-1. "
            "Проект будет профинансирован тремя государствами.")
    assert {r.agreement_id: r.status for r in reports(text)}["kambarata-1"] == "planned"
    # a noun that does not fit the project, or a project named too long before, is not it
    assert [r.agreement_id for r in reports(
        "They spoke of the Kambarata-1 hydropower plant. The complex of measures is ready.")] == ["kambarata-1"]
    # of two projects named long before, "the project" is neither
    far = ("They spoke of the Kambarata-1 hydropower plant. They spoke of the ferroalloy plant. One. Two. Three. "
           "Four. The project is to be financed by the three states.")
    assert [r.status for r in reports(far)] == ["mentioned", "mentioned"]


def test_a_stall_long_past_is_not_the_status_now():
    text = ("The Kambarata-1 hydropower plant is to be built by 2032. "
            "For decades the project stalled for lack of money.")
    assert [(r.agreement_id, r.status) for r in reports(text)] == [("kambarata-1", "planned")]


def test_the_allied_treaty_by_other_words():
    found = reports("In April the presidents put their signatures to a treaty that makes the two an alliance.")
    assert [(r.agreement_id, r.status) for r in found] == [("allied-treaty-2024", "signed")]
    assert [r.agreement_id for r in reports("They signed a treaty on deepening their alliance.")] == [
        "allied-treaty-2024"]
    # an alliance with no document by it is not the treaty
    assert reports("The two countries see their alliance as a model.") == []


def test_a_signed_document_is_due_only_by_a_deadline():
    signed = reports("Подписанный в этом году Договор о вечной дружбе открыл новую страницу.", date(2026, 5, 1))
    assert [(r.status, r.due_year) for r in signed] == [("signed", None)]
    by_end = reports("They signed a protocol on the Kambarata-1 plant to finish its study by the end of the year.",
                     date(2026, 5, 1))
    assert by_end[0].due_year == 2026


def test_the_only_project_of_an_article_is_the_project_however_far_back():
    text = ("The ministers discussed the industrial trade and logistics complex on the border. "
            "Trade grew by a tenth. Exports rose. Imports fell. Prices were stable. "
            "The project has had no investor: the tender failed.")
    assert [(r.agreement_id, r.status) for r in reports(text)] == [("itlc", "stalled")]


def test_installed_is_no_stall():
    text = "New scanners have been installed as the modernisation of the Kegen checkpoint goes on."
    assert [r.status for r in reports(text)] != ["stalled"]


def test_a_joint_venture_is_a_project_named_by_what_it_is_to_do():
    ru = reports("Казахстанская сторона предложила создать совместное предприятие по выпуску цемента.")
    assert [(r.kind, r.status) for r in ru] == [("project", "planned")]
    assert ru[0].agreement_id.startswith("jv-") and "цемента" in ru[0].title
    en = reports("Investors of both countries will set up a joint venture to assemble buses in Chui region.")
    assert [(r.kind, r.title) for r in en] == [("project", "Joint venture to assemble buses in Chui region")]
    # joint work is no venture
    assert reports("Стороны отметили совместную работу по подготовке визита.") == []


def test_a_document_with_no_subject_after_a_project_is_the_projects():
    text = ("Kambarata-1 is now a project of three countries. "
            "Their energy ministers signed a financing agreement in Tashkent in March.")
    found = {r.agreement_id: r for r in reports(text)}
    assert found["kambarata-1-agreement"].status == "signed"
    assert found["kambarata-1-agreement"].title == "Agreement on the financing of the kambarata-1 hydropower plant"
    # a third country not party to the project keeps its document
    text = ("The talks touched on the ferroalloy plant. "
            "Separately, the Uzbek and Tajik ministers signed a financing agreement in Tashkent.")
    assert [r.agreement_id for r in reports(text)] == ["ferroalloy-plant"]


def test_head_nouns_of_other_things_are_not_the_project():
    # a memorial complex, a complex of measures, a road to somewhere are not the complex or the road just named
    for text in ["They discussed the industrial trade and logistics complex. Then they visited the memorial complex, "
                 "whose renovation has stalled.",
                 "Обсуждался индустриальный торгово-логистический комплекс. Комплекс мер не был реализован.",
                 "They discussed the Almaty — Issyk-Kul road. The road to a deal has stalled."]:
        assert [r.status for r in reports(text)] == ["planned"], text


# ---- kinds of error found on heldout4 (tests/first_runs/heldout4.md) ----------------------------------------------

def test_a_document_whose_subject_points_back_is_the_projects():
    ru = reports("Премьер призвал ускорить строительство индустриального торгово-логистического комплекса. "
                 "Соглашение о комплексе министры подписали весной в Бишкеке.")
    found = {r.agreement_id: r for r in ru}
    assert found["itlc-agreement"].kind == "agreement" and found["itlc-agreement"].status == "signed"
    assert not any(re.search(r"[а-яё]", r.title) for r in ru)  # never a title of the sentence's Russian words
    en = reports("The Kambarata-1 plant has waited for decades. The ministers signed a roadmap for the project in "
                 "Bishkek.")
    assert {r.agreement_id for r in en} == {"kambarata-1", "kambarata-1-roadmap"}
    # the head noun must fit the thing named before: a plant's agreement is no road's
    assert [r.agreement_id for r in reports("They discussed the Almaty — Issyk-Kul road. A separate agreement on "
                                            "the plant was signed.")] == ["issyk-kul-almaty-road"]
    # a pair of other countries signing "on the plant" keep their document
    assert [r.agreement_id for r in reports("The Kambarata-1 plant is to be built. Kyrgyzstan and Uzbekistan "
                                            "signed an investment agreement on the plant.")] == ["kambarata-1"]


def test_the_parties_alone_give_a_document_no_title():
    assert reports("Стороны подписали соглашение между правительствами двух стран.") == []


def test_a_basin_named_without_a_document_is_no_water_agreement():
    assert reports("The sides discussed water allocation in the Chu and Talas basins.") == []
    found = reports("Водные вопросы решаются по соглашению о Чу и Таласе, подписанному в 2000 году.")
    assert [r.agreement_id for r in found] == ["chu-talas-2000"]


def test_an_earlier_year_names_an_earlier_document():
    found = {r.agreement_id: r for r in reports(
        "Новый договор дополняет Договор о союзнических отношениях 2003 года.")}
    assert list(found) == ["allied-treaty-2024-2003"]
    assert found["allied-treaty-2024-2003"].title == "Treaty on allied relations (2003)"
    assert found["allied-treaty-2024-2003"].status == "mentioned"
    # the entry's own year, or none, is the catalogued treaty
    assert [r.agreement_id for r in reports("Президенты подписали Договор об углублении союзнических отношений "
                                            "2024 года.")] == ["allied-treaty-2024"]


def test_the_other_party_alone_stands_between_a_document_and_its_subject():
    found = reports("Правительство Казахстана одобрило проект соглашения с Кабинетом министров Кыргызской "
                    "Республики по профилактике и тушению природных пожаров.")
    assert [(r.kind, r.status, r.title) for r in found] == [
        ("agreement", "planned", "Agreement on prevention extinguishing natural fires")]
    found = reports("Kazakhstan signed an agreement with the Government of Kyrgyzstan on mutual recognition of "
                    "diplomas.")
    assert [(r.status, r.title) for r in found] == [("signed", "Agreement on mutual recognition of diplomas")]
    # a third country as the other party keeps its document
    assert reports("Казахстан подписал соглашение с Узбекистаном о поставках газа.") == []


def test_what_became_of_a_document_signed_before():
    # a signing the article reports, however long ago, is a signing; the same year as a document's date is a name
    old = date(2026, 3, 2)
    found = reports("Министр напомнил, что соглашение о профилактике и тушении природных пожаров было подписано "
                    "в 2022 году.", old)
    assert [(r.status, r.title) for r in found] == [
        ("signed", "Agreement on prevention extinguishing natural fires")]
    # carried out now, whenever signed
    found = reports("Заповедники двух стран выполняют подписанный в 2024 году меморандум по сохранению снежного "
                    "барса.", old)
    assert [r.status for r in found] == ["in_progress"]
    found = reports("She said the plan of cooperation between the two health ministries, which they signed in "
                    "Budapest last year, is being carried out.", old)
    assert [r.status for r in found] == ["in_progress"]
    # the document a protocol amends is its basis
    found = reports("Подписан протокол, который вносит изменение в соглашение о воздушном сообщении, подписанное "
                    "25 декабря 2003 года.", old)
    assert {r.title: r.status for r in found}["Agreement on air services"] == "mentioned"
    # to be prepared and signed is planned; a decree approving a draft leaves it to be signed
    found = reports("A memorandum between the national cancer centres of the two countries is to be prepared and "
                    "signed next year.", old)
    assert [r.status for r in found] == ["planned"]
    found = reports("Токаев подписал указ об одобрении проекта соглашения о поставках электроэнергии.", old)
    assert [r.status for r in found] == ["planned"]


def test_a_tender_nobody_bid_in_stalls_the_project_not_its_document():
    found = reports("The agreement on the industrial trade and logistics complex was signed in June 2023, but two "
                    "tenders in 2024 drew no bids.", date(2026, 3, 2))
    assert {r.kind: r.status for r in found} == {"agreement": "signed"}


def test_documents_named_as_a_basis_or_by_their_purpose():
    # no verb of signing, but named as what something rests on
    found = reports("The places are provided under the intergovernmental agreement on cooperation in education.")
    assert [(r.status, r.title) for r in found] == [("mentioned", "Agreement on cooperation in education")]
    assert reports("Стороны обсудили соглашение о туризме.") == []  # a passing word, neither signed nor a basis
    # "of understanding" is no subject; the purpose before "under" is
    found = reports("Four national parks will work together to protect the snow leopard in the northern Tien Shan "
                    "under a memorandum of understanding signed on Oct. 10.")
    assert [r.title for r in found] == ["Memorandum to protect the snow leopard in the northern Tien Shan"]
    # a plan named with an adjective between its words; a roadmap named by nothing but its own words is no record
    found = reports("Министры подписали План основных мероприятий по развитию сотрудничества в здравоохранении.")
    assert [(r.kind, r.status) for r in found] == [("agreement", "signed")]
    assert reports("Лидеры одобрили пакет документов, в том числе дорожную карту на 2022–2024 годы.") == []


def test_a_pledge_with_a_deadline_is_a_commitment():
    found = reports("Стороны договорились до конца года создать совместную рабочую группу по мониторингу ледников.",
                    date(2026, 3, 2))
    assert [(r.kind, r.status, r.due_year, r.title) for r in found] == [
        ("commitment", "planned", 2026, "Establish joint working group monitoring glaciers")]
    # "repair it and resume …": the act with an object of its own; the deadline ends the object
    found = reports("Стороны договорились отремонтировать его и возобновить подачу воды до начала вегетационного "
                    "периода следующего года.", date(2023, 11, 14))
    assert [(r.kind, r.due_year, r.title) for r in found] == [("commitment", 2024, "Resume delivery water")]
    # a pledge told in a relative clause acts on what the clause hangs on; the main clause says it is done
    found = reports("Water delivery through the canal, which the two sides had agreed to restore two years ago, "
                    "was fully resumed.", date(2025, 9, 29))
    assert [(r.status, r.title) for r in found] == [("completed", "Restore water delivery through the canal")]
    # no deadline, or a meeting agreed, is no commitment
    assert reports("They agreed to open new opportunities for business.", date(2025, 1, 1)) == []
    assert reports("They agreed to meet again next year.", date(2025, 1, 1)) == []


def test_a_document_is_about_what_it_grants():
    found = reports("The prime ministers signed an intergovernmental agreement in Nur-Sultan on Tuesday under which "
                    "Kazakhstan will provide Kyrgyzstan with military-technical assistance free of charge.")
    assert [(r.status, r.title) for r in found] == [
        ("signed", "Agreement under which Kazakhstan will provide Kyrgyzstan with military-technical assistance "
                   "free of charge")]


def test_a_building_one_side_paid_for_is_a_project_of_its_own():
    found = reports("Kazakhstan has supported Kyrgyz education before: it paid for School No. 82 in Bishkek's Ala-Too "
                    "district, a building for about 1,250 pupils, and for a school-lyceum in Osh.")
    assert [(r.kind, r.status, r.title) for r in found] == [
        ("project", "completed", "School No. 82 in Bishkek's Ala-Too district"),
        ("project", "completed", "School-lyceum in Osh")]
    found = reports("В Бишкеке открыли школу, построенную на средства Казахстана.")
    assert [(r.kind, r.title) for r in found] == [("project", "School in Bishkek")]
    # a school with nothing to tell it from another, or no one paying for it, is no record
    assert reports("Казахстан профинансировал строительство школы.") == []
    assert reports("Kyrgyz pupils of School No. 5 won the olympiad.") == []


def test_reports_of_one_uncatalogued_thing_in_other_words_are_one_thing():
    rows = pd.DataFrame([
        {"agreement_id": "doc-a", "kind": "agreement", "title": "Agreement on prevention extinguishing natural fires"},
        {"agreement_id": "doc-b", "kind": "agreement",
         "title": "Agreement on prevention and extinguishing of natural fires in border territories"},
        {"agreement_id": "pledge-c", "kind": "commitment", "title": "Resume delivery water"},
        {"agreement_id": "pledge-d", "kind": "commitment",
         "title": "Restore water delivery through the Tuyte canal on the Talas"},
        # other subjects, another kind, a catalogued thing: each keeps its own
        {"agreement_id": "doc-e", "kind": "agreement", "title": "Agreement on cooperation in education"},
        {"agreement_id": "doc-f", "kind": "agreement", "title": "Agreement on cooperation in health"},
        {"agreement_id": "doc-g", "kind": "project", "title": "Natural fires prevention centre"},
        {"agreement_id": "itlc", "kind": "project", "title": "Industrial trade-logistics complex"},
        {"agreement_id": "building-h", "kind": "project", "title": "School in Osh"},
        {"agreement_id": "building-i", "kind": "project", "title": "School in Bishkek"},
    ])
    rows["article_id"] = [f"article-{i}" for i in range(len(rows))]
    rows["status"] = "signed"
    merged = registry.same_things(rows)
    assert merged["agreement_id"].tolist() == ["doc-a", "doc-a", "pledge-c", "pledge-c", "doc-e", "doc-f", "doc-g",
                                               "itlc", "building-h", "building-i"]
    assert registry.same_things(rows.iloc[:0]).empty
    # a treaty and an agreement on the same border are two documents; so are two things one article tells apart
    rows = pd.DataFrame([
        {"agreement_id": "doc-j", "kind": "agreement", "title": "Treaty on the demarcation of the state border",
         "article_id": "x"},
        {"agreement_id": "doc-k", "kind": "agreement", "title": "Agreement on the regime of the state border",
         "article_id": "y"},
        {"agreement_id": "doc-l", "kind": "agreement", "title": "Agreement on the regime of the border crossing",
         "article_id": "z"},
        {"agreement_id": "doc-m", "kind": "agreement", "title": "Agreement on the regime of river crossings",
         "article_id": "z"},
    ]).assign(status="signed")
    assert registry.same_things(rows)["agreement_id"].tolist() == ["doc-j", "doc-k", "doc-k", "doc-m"]
    # one article naming one document twice, once cut short: one report, the stronger
    rows = pd.DataFrame([
        {"agreement_id": "doc-n", "kind": "agreement", "title": "Treaty on demarcation state border",
         "article_id": "x", "status": "planned"},
        {"agreement_id": "doc-o", "kind": "agreement", "title": "Treaty on demarcation border", "article_id": "x",
         "status": "signed"},
    ])
    assert registry.same_things(rows)[["agreement_id", "status"]].values.tolist() == [["doc-n", "signed"]]


def test_aid_decided_or_promised_is_a_commitment_to_deliver_it():
    text = ("The first consignment of humanitarian flour from Kazakhstan has arrived in Kyrgyzstan. According to the "
            "embassy, 800 tonnes of flour were delivered by rail on April 29. President Tokayev decided earlier this "
            "month to send 5,000 tonnes of Kazakh flour to Kyrgyzstan as economic support. Tajikistan will receive "
            "the same amount of flour from Kazakhstan under a separate decision.")
    # one commitment per good: what was decided, in progress while part has arrived; another country's is not ours
    assert [(r.kind, r.status, r.title) for r in reports(text, date(2020, 4, 30))] == [
        ("commitment", "in_progress", "Deliver 5,000 tonnes of flour")]
    text = ("В Кыргызстан прибыла последняя партия гуманитарной муки из Казахстана, таким образом все 5 тысяч тонн, "
            "выделенные по решению президента, доставлены.")
    assert [(r.status, r.title) for r in reports(text, date(2020, 5, 20))] == [
        ("completed", "Deliver 5,000 tonnes of flour")]
    text = "Kazakhstan will deliver 400 sets of mobile ventilators to Kyrgyzstan as humanitarian aid."
    assert [(r.status, r.topic, r.title) for r in reports(text, date(2020, 11, 17))] == [
        ("planned", "health", "Deliver 400 ventilators")]
    # trade, and aid nobody decided or promised in the article, are no commitments
    assert reports("Казахстан поставил в Кыргызстан 300 тысяч тонн пшеницы.") == []
    assert reports("Он поблагодарил за гуманитарную помощь: в июле в Бишкек поступило 100 тонн лекарств.") == []


def test_heldout7_kinds_aid_told_together_documents_fixing_terms_and_pledges_beside_them():
    body = ("Всего по решению президента Кыргызстану передадут 10 тысяч тонн гуманитарной муки, оставшиеся партии "
            "должны поступить до конца июня. В мае 2020 года Кыргызстану направили 5 тысяч тонн муки, а в ноябре — "
            "400 аппаратов искусственной вентиляции легких и 2 млн медицинских масок для больниц.")
    # aid of another year is its own; goods joined by "и" are one delivery; amounts written as the press does
    assert [(r.status, r.title) for r in reports(body, date(2021, 5, 18))] == [
        ("planned", "Deliver 10,000 tonnes of flour"), ("completed", "Deliver 5,000 tonnes of flour"),
        ("completed", "Deliver 400 ventilators and 2,000,000 masks")]
    # a trilateral document is the pair's; a commitment told beside a document is a report of its own
    found = reports("The delegations signed a trilateral protocol with Uzbekistan that fixes the volumes of winter "
                    "supplies and the Kyrgyz side's commitment to accumulate water for the 2026 growing season.",
                    date(2025, 11, 24))
    assert [(r.kind, r.due_year) for r in found] == [("agreement", None), ("commitment", 2026)]
    # a plan named with its years; a plan in the plural is no document; a document to be drawn up is planned
    found = reports("Акиматы подписали план совместных мероприятий на 2024–2025 годы.", date(2023, 9, 23))
    assert [(r.status, r.title) for r in found] == [("signed", "Plan on joint measures 2024 2025")]
    assert reports("Планы совместных действий пожарных служб утверждаются ежегодно.") == []
    found = reports("Правительствам поручено разработать дорожную карту по созданию совместных предприятий.")
    assert [r.status for r in found] == ["planned"]
    # a promise not begun by its deadline has stalled
    found = reports("The Kazakh side had promised to rebuild the Karkara border post by 2018, but work there has not "
                    "begun.", date(2019, 8, 21))
    assert [(r.kind, r.status) for r in found] == [("commitment", "stalled")]


def test_heldout8_kinds():
    # something that must open by a deadline is a commitment; beside a catalogued project it is that project's plan
    found = reports("Он сообщил, что до конца текущего года на посту «Кордай» должна заработать ветеринарная "
                    "лаборатория.", date(2015, 3, 26))
    assert [(r.kind, r.status, r.due_year, r.title) for r in found] == [
        ("commitment", "planned", 2015, "Open veterinary laboratory")]
    found = reports("The industrial trade and logistics complex on the border is expected to be launched next year.",
                    date(2025, 8, 22))
    assert [r.agreement_id for r in found] == ["itlc"]
    # what a protocol is signed for, told before it; what a roadmap is to do, told after it
    found = reports("Kazakhstan and Uzbekistan will supply electricity to Kyrgyzstan this winter under a protocol "
                    "signed this week.", date(2025, 9, 11))
    assert [r.title for r in found] == ["Protocol to supply electricity to Kyrgyzstan this winter"]
    found = reports("The documents signed included a roadmap to increase mutual supplies of agricultural products, "
                    "alongside the final protocol of the council.", date(2024, 12, 5))
    assert [r.title for r in found] == ["Roadmap to increase mutual supplies of agricultural products"]
    # a year between a document and its subject; a protocol never signed and stuck has stalled
    found = reports("Основой пропускного режима остается межправительственное соглашение 2003 года о пунктах "
                    "пропуска.", date(2017, 10, 12))
    assert [(r.status, r.title) for r in found] == [("mentioned", "Agreement on checkpoints crossing")]
    found = reports("Протокол о взаимном признании ветеринарных сертификатов так и не подписан: согласование "
                    "застопорилось.", date(2026, 3, 9))
    assert [r.status for r in found] == ["stalled"]


def test_heldout9_kinds():
    # a document renounced is stalled; a set of protocols on one subject is one record
    found = reports("Кыргызстан решил признать недействительным соглашение с Казахстаном об оказании технической "
                    "помощи в 100 миллионов долларов.", date(2017, 10, 25))
    assert [(r.kind, r.status) for r in found] == [("agreement", "stalled")]
    found = reports("The agencies of Kyrgyzstan and Kazakhstan signed a set of protocols on the regional water and "
                    "energy balance.", date(2025, 9, 9))
    assert [(r.status, r.title) for r in found] == [("signed", "Protocol on the regional water and energy balance")]
    # a protocol fixing terms; a plan of "мер"
    found = reports("Подписан трехсторонний протокол, закрепляющий объемы зимних поставок и накопления воды.",
                    date(2025, 11, 24))
    assert [r.kind for r in found] == ["agreement"] and "accumulation" in found[0].title
    found = reports("Министры подписали План основных мер по развитию сотрудничества на 2025-2026 годы.")
    assert [r.status for r in found] == ["signed"]
    # buildings of an article that says one side pays for them: opened, or being built
    text = ("Сегодня в Бишкеке открылась новая общеобразовательная школа №82. Напомним, соглашение о строительстве "
            "двух школ в Кыргызстане за счет Казахстана министры подписали в 2012 году. Вторая школа строится в Оше.")
    found = {r.title: r.status for r in reports(text, date(2015, 3, 20)) if r.kind == "project"}
    assert found == {"School No. 82 in Bishkek": "completed", "School in Osh": "in_progress"}
    # checkpoints to be fitted by a deadline
    found = reports("Пункты пропуска на границе должны быть оснащены цифровыми технологиями до 2028 года.",
                    date(2024, 4, 20))
    assert [(r.kind, r.due_year, r.title) for r in found] == [("commitment", 2028, "Equip digital technologies")]


def test_twin_cities_memoranda_are_named_by_their_cities():
    found = reports("Между городами Ош и Шымкент подписан меморандум о побратимских отношениях.", date(2023, 9, 23))
    assert [r.title for r in found] == ["Memorandum on twin-city relations between Osh and Shymkent"]
    # the venue named third is not one of the pair of cities
    found = reports("Руководители Оша и Шымкента подписали в Таразе меморандум об установлении побратимских связей.",
                    date(2023, 9, 23))
    assert [r.title.endswith("between Osh and Shymkent") for r in found] == [True]


def test_electricity_to_be_returned_in_an_exchange_is_a_commitment():
    found = reports("В августе Кыргызстан передал Казахстану 197,5 миллиона киловатт-часов в рамках соглашения об "
                    "обмене электроэнергией, и тот же объем будет возвращен до конца ноября.", date(2016, 9, 19))
    assert ("commitment", "planned", "Return 197.5 million kWh of electricity") in [
        (r.kind, r.status, r.title) for r in found]
    found = reports("In return, Kazakhstan is expected to deliver roughly 200 million kilowatt-hours to the Kyrgyz "
                    "grid in winter.", date(2021, 7, 1))
    assert [r.title for r in found] == ["Return 200 million kWh of electricity"]
    # exports, and returns already made, are not
    assert reports("Kazakhstan exported 1.2 billion kWh of electricity to Kyrgyzstan last year.") == []
    assert [r.kind for r in reports("Last year Kyrgyzstan signed a protocol on electricity exchange with Kazakhstan: "
                                    "it received 900 million kWh and has been returning 300 million kWh a year.",
                                    date(2022, 10, 26))] == ["agreement"]
