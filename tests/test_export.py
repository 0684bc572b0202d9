"""The export command as a user runs it: `python -m lib export --corpus seeds --out OUT`."""

import csv
import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

EXPECTED = json.loads((Path(__file__).parent / "golden" / "seeds_articles.json").read_text(encoding="utf-8"))


def _export(out: Path, store: Path, corpus: Path = ROOT / "seeds") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lib", "export", "--corpus", str(corpus), "--out", str(out), "--store", str(store)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_export_seeds(tmp_path):
    result = _export(tmp_path / "out", tmp_path / "store")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "5 articles" in result.stdout
    articles = {row["file"]: row for row in _rows(tmp_path / "out" / "articles.csv")}
    assert set(articles) == {k for k in EXPECTED if not k.startswith("_")}
    for name, row in articles.items():
        assert row["title"] == EXPECTED[name]["title"]
        assert row["lang"] == EXPECTED[name]["lang"]
        assert row["published"] == (EXPECTED[name]["published"] or "")
        assert int(row["n_chars"]) == len(row["body"])
    for table in ("officials", "meetings", "trade", "errors"):
        with open(tmp_path / "out" / f"{table}.csv", encoding="utf-8") as handle:
            assert handle.readline().strip(), f"{table}.csv has no header row"


def test_export_is_deterministic_and_reuses_the_store(tmp_path):
    first = _export(tmp_path / "a", tmp_path / "store")
    second = _export(tmp_path / "b", tmp_path / "store")
    fresh = _export(tmp_path / "c", tmp_path / "store2")
    assert "parsed 0 of 5" in second.stdout
    for name in ("articles", "officials", "meetings", "trade", "errors"):
        a = (tmp_path / "a" / f"{name}.csv").read_bytes()
        assert a == (tmp_path / "b" / f"{name}.csv").read_bytes() == (tmp_path / "c" / f"{name}.csv").read_bytes()
    assert first.returncode == second.returncode == fresh.returncode == 0


def test_export_of_nothing_readable_fails_clearly(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")
    result = _export(tmp_path / "out", tmp_path / "store", corpus)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = _rows(tmp_path / "out" / "errors.csv")
    assert errors == [{"file": "empty.txt", "error": "empty file (0 bytes)"}]


def test_same_text_under_two_names_is_one_article(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = (ROOT / "seeds" / "004_964db05f14d7cafb.txt").read_bytes()
    (corpus / "a.txt").write_bytes(seed)
    (corpus / "copy of a.txt").write_bytes(seed)
    result = _export(tmp_path / "out", tmp_path / "store", corpus)
    assert result.returncode == 0
    assert [r["file"] for r in _rows(tmp_path / "out" / "articles.csv")] == ["a.txt"]
    expected = [{"file": "copy of a.txt", "error": "same text as a.txt: counted once"}]
    assert _rows(tmp_path / "out" / "errors.csv") == expected


def test_an_extractor_bug_on_one_article_costs_only_that_article(tmp_path, monkeypatch):
    from lib import pipeline
    from lib.facts.trade import turnover
    from lib.store.batches import Store

    real = turnover.extract_trade

    def broken(articles, texts=None):
        if articles["body"].str.contains("KAZINFORM").any():
            raise RuntimeError("a bug")
        return real(articles, texts)

    monkeypatch.setattr(turnover, "extract_trade", broken)
    result = pipeline.build([(ROOT / "seeds", "")], Store(tmp_path), workers=1)
    others = sorted(k for k in EXPECTED if not k.startswith("_") and k != "004_964db05f14d7cafb.txt")
    assert sorted(result.articles["file"]) == others
    (error,) = result.errors.itertuples()
    assert error.file == "004_964db05f14d7cafb.txt" and "could not be extracted (RuntimeError)" in error.error
