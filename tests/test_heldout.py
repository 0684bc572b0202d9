"""Quality floors on held-out corpora written apart from the extractors (tests/heldout, heldout2, heldout3, heldout4).

Each set was written blind by an engineer who did not build the extractors; the extractors were then improved
from the *kinds* of error each set showed (never its wording). A floor is the score measured at the commit that
set it, minus a margin of about one item; raise them as the extractors improve, never lower them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DEV, SEEDS, SEEDS_GOLD

from lib import pipeline
from lib.store.batches import Store
from lib.tools.evaluate import (
    load_gold,
    score_articles,
    score_events_whole,
    score_meetings,
    score_officials,
    score_placed,
    score_trade,
)

HERE = Path(__file__).parent

# set: (files, officials P/R, meetings gold/P/R, trade actual gold/P/R, trade target gold/P/R), measured:
# heldout  — officials 1.000/0.976, meetings 1.000/1.000 (0.737/0.824 when written), trade 1.000 everywhere
#            (actual recall 0.600, target precision 0.714 when written)
# heldout2 — officials 1.000/1.000, meetings 0.947/0.947 (0.611/0.579 when written), trade 1.000 everywhere
#            (actual precision 0.778, target recall 0.667 when written)
# heldout3 — written blind in real outlets' formats (tests/heldout3/FIRST_RUN.md): meetings 0.606/0.769 when
#            written; 0.821/0.885 with sessions, joining and placing (publication dates then still 0.657);
#            0.960/0.923 with real outlets' date formats too (published 1.000, titles 0.829); 0.962/0.962 and
#            officials 1.000/0.990 after heldout4's kinds of error (the energy ministers known).
# heldout4 — written blind in real layouts (tests/first_runs/heldout4.md): meetings 0.643/0.750, officials
#            0.977/0.915, published 0.944 when written; 1.000/1.000, 1.000/1.000 and 1.000 after its kinds of error.
FLOORS = {
    "heldout": {"files": 12, "officials": (41, 0.95, 0.95), "meetings": (17, 0.94, 0.94),
                "actual": (10, 0.9, 0.9), "target": (6, 0.83, 0.83)},
    "heldout2": {"files": 14, "officials": (40, 0.95, 0.95), "meetings": (19, 0.94, 0.94),
                 "actual": (7, 0.87, 0.85), "target": (6, 0.83, 0.83)},
    "heldout3": {"files": 35, "officials": (101, 0.99, 0.98), "meetings": (26, 0.95, 0.92),
                 "actual": (21, 0.95, 0.95), "target": (12, 0.9, 0.83), "titles": 0.8, "published": 0.97},
    "heldout4": {"files": 18, "officials": (47, 0.97, 0.97), "meetings": (12, 0.92, 0.91),
                 "actual": (8, 0.87, 0.87), "target": (4, 0.75, 0.75), "titles": 0.83, "published": 0.94},
}
# set: (events reported by several files, of them found whole at least, share of predicted Kazakhstan–Kyrgyzstan
# meetings placed on the Timeline at least), measured: heldout 1/1, 17/17; heldout2 1/2, 19/19; heldout3 11/14,
# 22/28 (3/14 and 15/33 when written), then 14/14, 24/25 with publication dates read; heldout4 4/7, 14/14 when
# written, 7/7, 12/12 after its kinds of error. A floor is the measure less about one item.
EVENT_FLOORS = {"heldout": (1, 1, 0.94), "heldout2": (2, 1, 0.94), "heldout3": (14, 13, 0.92),
                "heldout4": (7, 6, 0.91)}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def heldout(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    folder = HERE / request.param
    corpus = pipeline.build([(folder, "")], Store(tmp_path_factory.mktemp(f"{request.param}-store")), workers=1)
    return folder, load_gold(folder / "gold.json"), corpus, FLOORS[request.param]


def test_gold_names_exactly_the_articles_of_the_folder(heldout) -> None:
    folder, gold, corpus, floors = heldout
    assert sorted(g["file"] for g in gold) == sorted(p.name for p in folder.glob("*.txt"))
    assert len(gold) == floors["files"]
    # heldout3 keeps its first-run record (FIRST_RUN.md) beside its pages: a note, read as a page, scored nowhere
    assert sorted(f for f in corpus.articles["file"] if f.endswith(".txt")) == sorted(g["file"] for g in gold)
    assert "gold.json" not in set(corpus.articles["file"])


def test_titles_languages_and_publication_dates(heldout) -> None:
    _, gold, corpus, floors = heldout
    shares = score_articles(corpus.articles, gold)
    assert shares["lang"] == 1.0
    assert shares["published"] >= floors.get("published", 0.9)  # measured 1.000 on the first two sets
    assert shares["title"] >= floors.get("titles", 0.9)  # measured 1.000 on the first two sets


def test_officials(heldout) -> None:
    _, gold, corpus, floors = heldout
    n_gold, precision, recall = floors["officials"]
    score = score_officials(corpus.officials, gold)
    assert score.n_gold == n_gold
    assert score.precision >= precision and score.recall >= recall, score.line()


def test_meetings(heldout) -> None:
    _, gold, corpus, floors = heldout
    n_gold, precision, recall = floors["meetings"]
    score, missed, _ = score_meetings(corpus.meetings, gold)
    assert score.n_gold == n_gold
    assert score.precision >= precision and score.recall >= recall, (score.line(), missed)


@pytest.mark.parametrize("kind", ["actual", "target"])
def test_trade(heldout, kind: str) -> None:
    _, gold, corpus, floors = heldout
    n_gold, precision, recall = floors[kind]
    score = score_trade(corpus.trade, gold, kind)
    assert score.n_gold == n_gold
    assert score.precision >= precision and score.recall >= recall, score.line()


def test_events_whole_and_placed(heldout) -> None:
    _, gold, corpus, _ = heldout
    several, whole_floor, placed_floor = EVENT_FLOORS[heldout[0].name]
    whole, n_several, broken = score_events_whole(corpus.meetings, gold)
    placed, predicted = score_placed(corpus.meetings, gold)
    assert n_several == several
    assert whole >= whole_floor, broken
    assert placed / predicted >= placed_floor, (placed, predicted)


# The team's reference sets beside the project (seeds' gold, the dev corpus): meetings F1, events reported by several
# files (and the floor of those found whole), share placed. Measured: seeds 1.000, 1/1, 3/3; dev 1.000, 6/6, 24/26.
REFERENCE_FLOORS = {"seeds": (SEEDS, SEEDS_GOLD, 0.95, 1, 1, 0.66), "dev": (DEV, DEV / "gold.json", 0.98, 6, 5, 0.88)}


@pytest.mark.parametrize("name", sorted(REFERENCE_FLOORS))
def test_reference_sets_meetings_events_and_placing(name: str, tmp_path: Path) -> None:
    folder, gold_path, f1, several, whole_floor, placed_floor = REFERENCE_FLOORS[name]
    if not gold_path.is_file():
        pytest.skip("the team's reference sets are beside the project only on team machines")
    gold = load_gold(gold_path)
    corpus = pipeline.build([(folder, "")], Store(tmp_path), workers=1)
    score, missed, _ = score_meetings(corpus.meetings, gold)
    whole, n_several, broken = score_events_whole(corpus.meetings, gold)
    placed, predicted = score_placed(corpus.meetings, gold)
    assert score.f1 >= f1, (score.line(), missed)
    assert n_several == several and whole >= whole_floor, broken
    assert placed / predicted >= placed_floor, (placed, predicted)
