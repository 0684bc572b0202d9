from pathlib import Path

from lib import pipeline
from lib.store import Store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_seeds_build(tmp_path):
    corpus = pipeline.build([(SEEDS, "")], Store(tmp_path))
    assert len(corpus.articles) == 5
