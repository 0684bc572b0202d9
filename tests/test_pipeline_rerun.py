"""A re-run on unchanged files reads the Corpus the last run assembled; any change to a file's content is seen,
even one that keeps its size and puts its modification time back; each article's text countries are stored."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import SEEDS
from test_store import light_facts, make_corpus

from lib import pipeline, records
from lib.articles import countries
from lib.files import folders
from lib.store import batches as store_module
from lib.store import snapshots
from lib.store.batches import Store
from lib.views import filters


@pytest.fixture
def light(monkeypatch):
    monkeypatch.setattr(pipeline, "extract_facts", light_facts)


def build(root: Path, store: Path) -> records.Corpus:
    return pipeline.build([(root, "")], Store(store), workers=1)


def assert_same(a: records.Corpus, b: records.Corpus) -> None:
    for name in records.CORPUS_TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True)


def test_an_unchanged_rerun_reads_the_assembled_corpus_back_exactly(tmp_path, light, monkeypatch):
    make_corpus(tmp_path / "corpus", 30)
    first = build(tmp_path / "corpus", tmp_path / "store")
    # Assembling a Corpus reads the store's tables; the snapshot is read whole instead.
    monkeypatch.setattr(Store, "read", lambda *a, **k: pytest.fail("the snapshot was not used"))
    again = build(tmp_path / "corpus", tmp_path / "store")
    assert_same(first, again)
    assert again.stats == {**first.stats, "parsed": 0}


def test_meetings_lists_and_missing_values_come_back_as_python_objects(tmp_path):
    # The real pipeline on the seed pages: meetings hold lists and None, which Parquet alone would not return.
    first = build(SEEDS, tmp_path / "store")
    again = build(SEEDS, tmp_path / "store")
    assert_same(first, again)
    for a, b in zip(first.meetings.itertuples(index=False), again.meetings.itertuples(index=False), strict=True):
        assert [type(v) for v in a] == [type(v) for v in b]


def test_a_file_edited_to_the_same_size_with_its_mtime_put_back_is_read_again(tmp_path, light, monkeypatch):
    monkeypatch.setattr(snapshots, "SETTLED_NS", 0)  # trust stat records at once (a test cannot wait out a tick)
    make_corpus(tmp_path / "corpus", 10)
    path = tmp_path / "corpus" / "00" / "article-0004.txt"  # an English one
    build(tmp_path / "corpus", tmp_path / "store")
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    edited = text.replace("Kazakhstan", "Kazakhstam")
    assert edited != text and len(edited.encode()) == before.st_size
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as cp -p or rsync -t would leave it
    assert path.stat().st_mtime_ns == before.st_mtime_ns and path.stat().st_size == before.st_size
    rebuilt = build(tmp_path / "corpus", tmp_path / "store")
    body = rebuilt.articles.loc[rebuilt.articles["file"] == "00/article-0004.txt", "body"].iloc[0]
    assert "Kazakhstam" in body
    assert rebuilt.stats["parsed"] == 1


def test_unchanged_files_are_not_hashed_again(tmp_path, light, monkeypatch):
    monkeypatch.setattr(snapshots, "SETTLED_NS", 0)
    make_corpus(tmp_path / "corpus", 10)
    build(tmp_path / "corpus", tmp_path / "store")
    hashed: list[Path] = []
    real = folders.file_hash
    monkeypatch.setattr(folders, "file_hash", lambda path: hashed.append(path) or real(path))
    (tmp_path / "corpus" / "00" / "article-0001.txt").write_text("Another text entirely\n\nWith a body.\n")
    build(tmp_path / "corpus", tmp_path / "store")
    assert [p.name for p in hashed] == ["article-0001.txt"]


def test_files_changed_just_before_they_were_hashed_are_not_vouched_for_by_their_stat(tmp_path):
    # Within one timestamp tick of the hash, a later edit could leave size, mtime and ctime as recorded.
    fresh = tmp_path / "fresh.txt"
    fresh.write_text("just written")
    settled = tmp_path / "settled.txt"
    settled.write_text("written long ago")
    found = [folders.FoundFile(fresh, "fresh.txt", "text"), folders.FoundFile(settled, "settled.txt", "text")]
    stat = settled.stat()
    old = {os.fsencode(settled): ((stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino), "h-old")}
    hashed, records = snapshots.hash_files(found, [], old)
    assert [h for _, h in hashed] == [folders.file_hash(fresh), "h-old"]
    assert records is None or list(records["path"]) == [os.fsencode(settled)]
    t = 10**18 + 5
    assert snapshots.settled((1, t, t, 1), t + snapshots.SETTLED_NS + 1)
    assert not snapshots.settled((1, t, t, 1), t + snapshots.SETTLED_NS)
    assert not snapshots.settled((1, t - 10**9, t, 1), t + 1)  # ctime counts: it is set by every write
    # Whole-second stamps (FAT, some network shares) tick once a second or two.
    assert not snapshots.settled((1, 10**18, 10**18, 1), 10**18 + snapshots.SETTLED_NS + 1)
    assert snapshots.settled((1, 10**18, 10**18, 1), 10**18 + snapshots.SETTLED_WHOLE_SECONDS_NS + 1)


def test_removed_and_added_files_change_the_corpus(tmp_path, light):
    make_corpus(tmp_path / "corpus", 10)
    first = build(tmp_path / "corpus", tmp_path / "store")
    shutil.rmtree(tmp_path / "corpus" / "00")
    (tmp_path / "corpus" / "new.txt").write_text("A new article about Bishkek\n\nIts body names Bishkek twice.\n")
    again = build(tmp_path / "corpus", tmp_path / "store")
    assert "new.txt" in set(again.articles["file"]) and not any(again.articles["file"].str.startswith("00/"))
    assert len(again.articles) != len(first.articles)


def test_articles_carry_the_countries_their_text_names(tmp_path, light):
    make_corpus(tmp_path / "corpus", 12)
    built = build(tmp_path / "corpus", tmp_path / "store")
    expected = [";".join(countries.text_countries(t, b)) for t, b in zip(built.articles["title"],
                                                                          built.articles["body"], strict=True)]
    assert list(built.articles[records.TEXT_COUNTRIES]) == expected
    assert {"KZ", "KG"} <= {code for codes in expected for code in codes.split(";")}
    assert records.TEXT_COUNTRIES in records.Corpus.empty().articles


def test_prepare_gives_the_same_countries_from_the_stored_column(tmp_path, light):
    make_corpus(tmp_path / "corpus", 12)
    built = build(tmp_path / "corpus", tmp_path / "store")
    tables = {n: getattr(built, n) for n in records.CORPUS_TABLES}
    without = records.Corpus(**{**tables, "articles": built.articles.drop(columns=records.TEXT_COUNTRIES)})
    assert list(filters.prepare(built).articles["countries"]) == list(filters.prepare(without).articles["countries"])


# --- the snapshot primitive ----------------------------------------------------------------------------------


def test_snapshots_keep_lists_none_and_dtypes(tmp_path):
    store = Store(tmp_path)
    frame = pd.DataFrame({"a": pd.Series(["x", None], dtype=object), "b": pd.Series(["p", "q"], dtype="str"),
                          "lists": pd.Series([["k", "l"], []], dtype=object), "n": [1, 2], "flag": [True, False]})
    assert store.write_snapshot("ns", "k1", {"t": frame})
    back = store.read_snapshot("ns", "k1")["t"]
    pd.testing.assert_frame_equal(back, frame, check_exact=True)
    assert back["lists"][0] == ["k", "l"] and back["a"][1] is None
    assert store.read_snapshot("ns", "other") is None


@pytest.mark.parametrize("value", [np.nan, ("k",), np.array(["k"])])
def test_a_value_parquet_would_change_is_not_snapshotted(tmp_path, value):
    store = Store(tmp_path)
    frame = pd.DataFrame({"a": pd.Series(["x", value], dtype=object)})
    assert not store.write_snapshot("ns", "k", {"t": frame})
    assert store.read_snapshot("ns", "k") is None


def test_only_the_newest_snapshots_are_kept_and_a_damaged_one_is_ignored(tmp_path):
    store = Store(tmp_path)
    for i in range(store_module.SNAPSHOTS_KEPT + 2):
        store.write_snapshot("ns", f"k{i}", {"t": pd.DataFrame({"v": [i]})})
        os.utime(tmp_path / "ns" / f"snapshot-k{i}", ns=(i * 10**9, i * 10**9))
    store.write_snapshot("ns", "last", {"t": pd.DataFrame({"v": [99]})})
    kept = sorted(p.name for p in (tmp_path / "ns").iterdir())
    assert len(kept) == store_module.SNAPSHOTS_KEPT and "snapshot-last" in kept and "snapshot-k0" not in kept
    (tmp_path / "ns" / "snapshot-last" / "t.parquet").write_bytes(b"PAR1 damaged")
    assert store.read_snapshot("ns", "last") is None


def test_fingerprint_covers_the_code_that_makes_facts_and_nothing_else(tmp_path, monkeypatch):
    lib_copy = tmp_path / "lib"
    shutil.copytree(pipeline.LIB_DIR, lib_copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(pipeline, "LIB_DIR", lib_copy)
    before = pipeline.fingerprint()
    for view in ("views/figures.py", "tools/bench.py", "search/engine.py", "ui.py"):
        with open(lib_copy / view, "a", encoding="utf-8") as handle:
            handle.write("\n# an edit that makes no fact\n")
    assert pipeline.fingerprint() == before
    for maker in ("facts/meetings/reports.py", "articles/pubdates.py", "data/places.csv"):
        with open(lib_copy / maker, "a", encoding="utf-8") as handle:
            handle.write("\n")
        after = pipeline.fingerprint()
        assert after != before, maker
        before = after
