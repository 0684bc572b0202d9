"""The store keeps what it has: batches are all-or-nothing, kill -9 at any moment leaves it readable and the
next run gives the clean run's CSVs byte for byte, two processes can ingest at once, exports are deterministic.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

from lib import pipeline
from lib.store import batches as store_module
from lib.store.batches import Store, StoreError
from lib.views.export import write_export

HANG_GUARD_S = 120  # a hang guard for subprocesses, never a timing assertion
# The export CLI with a smaller ingest batch and compaction threshold, so a few hundred articles make many
# batches and compactions for a kill to land between; light_facts stands in for the extractors (see there).
# With DIE_AT = n > 0 the process kills itself and its workers (kill -9) in the middle of its n-th Parquet
# write, leaving half the file on disk: a deterministic crash point besides the timed kills.
CLI = """
import os, signal, sys
sys.path.insert(0, "tests")
import lib.pipeline as pipeline, lib.store.batches as store, test_store
batch, die_at = int(sys.argv[1]), int(sys.argv[2])
pipeline.BATCH_SIZE, store.COMPACT_AFTER, pipeline.extract_facts = batch, 6, test_store.light_facts
real_write, writes = store.write_parquet, []
def write(frame, path):
    writes.append(path)
    real_write(frame, path)
    if len(writes) == die_at:
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
        os.killpg(0, signal.SIGKILL)
store.write_parquet = write
from lib.cli import main
sys.exit(main(sys.argv[3:]))
"""
REAL_EXTRACT_FACTS = pipeline.extract_facts


def light_facts(articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The fact tables with their real columns and one cheap row per article in officials and trade.

    The real extractors (NER) take ~0.2 s an article and are tested by their owners; what is tested here is
    the path around them (files → store → CSVs), which needs per-article fact rows, not good ones.
    """
    facts = REAL_EXTRACT_FACTS(articles.iloc[:0])
    officials = facts["officials"].reindex(range(len(articles)))
    officials["article_id"] = list(articles["article_id"])
    officials["person"] = [title.split(" (")[0] for title in articles["title"]]
    trade = facts["trade"].reindex(range(len(articles)))
    trade["article_id"] = list(articles["article_id"])
    trade["kind"] = "actual"
    trade["quote"] = [body.split("\n")[0] for body in articles["body"]]
    return {**facts, "officials": officials, "trade": trade}


CITIES = ["Astana", "Bishkek", "Almaty", "Osh", "Karakol", "Shymkent", "Taraz", "Naryn", "Turkestan", "Balykchy"]
GOODS = ["wheat", "coal", "cement", "electricity", "fruit", "textiles", "fuel", "meat", "cotton", "glass"]


def make_corpus(root: Path, n: int, seed: int = 1) -> None:
    """``n`` distinct generated articles (English and Russian) and a few files that cannot be read."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        city, good = rng.choice(CITIES), rng.choice(GOODS)
        value = rng.randrange(10, 900)
        if i % 3 == 0:
            text = (f"Делегации обсудили поставки в {city} (сообщение {i})\n\n"
                    f"Министры Казахстана и Кыргызстана встретились в городе {city} и обсудили поставки, "
                    f"объём которых составил {value} миллионов долларов в номере {i}.\n\n"
                    f"Стороны договорились продолжить переговоры о поставках и встретиться снова осенью, "
                    f"сообщила пресс-служба министерства в сообщении номер {i}.\n")
        else:
            text = (f"Talks on {good} deliveries in {city} (report {i})\n\n"
                    f"The ministers of Kazakhstan and Kyrgyzstan met in {city} to discuss {good} deliveries "
                    f"worth {value} million dollars, according to report number {i}.\n\n"
                    f"Both sides agreed to continue the talks on {good} and to meet again in the autumn, "
                    f"the press service of the ministry said in report number {i}.\n")
        path = root / f"{i // 20:02d}" / f"article-{i:04d}.txt"  # folders of 20, to ingest in parts
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (root / "copy-of-first.txt").write_bytes((root / "00" / "article-0000.txt").read_bytes())


def csv_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def export_in_process(corpus: Path, store: Store, out: Path) -> dict[str, bytes]:
    write_export(pipeline.build([(corpus, "")], store), out)
    return csv_bytes(out)


def run_cli(corpus: Path, store: Path, out: Path, batch: int, die_at: int = 0) -> subprocess.Popen:
    """The export CLI (see CLI) in its own process group, output to ``out``.log."""
    args = ["export", "--corpus", str(corpus), "--out", str(out), "--store", str(store)]
    log = out.with_name(out.name + ".log")
    with open(log, "w") as handle:
        # A session of its own: kill -9 then takes the pipeline's worker processes too, as when a machine
        # dies, and none of them is left holding the test's pipes.
        proc = subprocess.Popen([sys.executable, "-c", CLI, str(batch), str(die_at), *args], cwd=ROOT,
                                stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
    proc.log = log  # type: ignore[attr-defined]
    return proc


def kill_9(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=HANG_GUARD_S)


def finish(proc: subprocess.Popen) -> tuple[int, str]:
    try:
        proc.wait(timeout=HANG_GUARD_S)
    except subprocess.TimeoutExpired:
        kill_9(proc)
        raise
    output = proc.log.read_text()  # type: ignore[attr-defined]
    assert "Traceback" not in output, output
    return proc.returncode, output


def assert_store_readable(root: Path) -> int:
    """Every table of every batch reads; returns the number of article rows seen."""
    store = Store(root)
    rows = 0
    for namespace in sorted(p.name for p in root.iterdir() if p.is_dir()):
        tables = {t.stem for batch in store.batches(namespace) for t in batch.glob("*.parquet")}
        for table in sorted(tables):
            frame = store.read(namespace, table)
            assert frame is not None
            if table == "articles":
                rows += len(frame)
    return rows


# --- the batch primitive ---------------------------------------------------------------------------------


def frame(ids: list[str], value: int = 0) -> pd.DataFrame:
    return pd.DataFrame({"article_id": ids, "value": [value] * len(ids)})


def test_batches_read_back_in_order_with_key_and_group(tmp_path):
    store = Store(tmp_path)
    store.write_batch("ns", {"facts": frame(["a", "a", "b"], 1), "articles": frame(["a", "b"])})
    store.write_batch("ns", {"facts": frame(["b", "c"], 2), "articles": frame(["b", "c"])})
    assert list(store.read("ns", "articles", key="article_id")["article_id"]) == ["a", "b", "c"]
    everything = store.read("ns", "facts")
    assert list(everything["article_id"]) == ["a", "a", "b", "b", "c"]
    grouped = store.read("ns", "facts", group="article_id")
    # "b" came twice (as from two processes ingesting one article): the first batch's rows win, and an
    # article's own repeated rows ("a" twice) are kept.
    assert grouped.to_dict("list") == {"article_id": ["a", "a", "b", "c"], "value": [1, 1, 1, 2]}
    assert store.read("ns", "missing") is None
    assert store.read("other", "facts") is None


def test_a_failed_write_leaves_no_batch_and_the_old_ones_readable(tmp_path, monkeypatch):
    store = Store(tmp_path)
    store.write_batch("ns", {"articles": frame(["a"])})
    real = store_module.write_parquet
    calls = []

    def crash_on_second_table(df: pd.DataFrame, path: Path) -> None:
        calls.append(path.name)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(df, path)

    monkeypatch.setattr(store_module, "write_parquet", crash_on_second_table)
    with pytest.raises(OSError):
        store.write_batch("ns", {"articles": frame(["b"]), "facts": frame(["b"])})
    assert len(store.batches("ns")) == 1
    assert list((tmp_path / "ns").glob(".tmp-*")) == []
    assert list(store.read("ns", "articles")["article_id"]) == ["a"]
    assert store.read("ns", "facts") is None


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_half_written_batch_of_a_killed_writer_is_invisible_and_cleaned(tmp_path):
    store = Store(tmp_path)
    store.write_batch("ns", {"articles": frame(["a"])})
    dead = tmp_path / "ns" / f".tmp-{_dead_pid()}-0123"
    dead.mkdir()
    (dead / "articles.parquet").write_bytes(b"PAR1 half a file")
    live = tmp_path / "ns" / f".tmp-{os.getpid()}-4567"  # a writer still at work (this process)
    live.mkdir()
    assert list(store.read("ns", "articles")["article_id"]) == ["a"]
    store.clean_stale()
    assert not dead.exists()
    assert live.exists(), "clean_stale removed the batch a live process is writing"


def _age(path: Path, days: float) -> None:
    then = time.time() - days * 24 * 3600
    os.utime(path, (then, then))


def test_namespaces_of_versions_idle_for_a_week_are_retired_and_nothing_else(tmp_path):
    store = Store(tmp_path)
    for name in ("facts-old", "facts-recent", "facts-current", "embeddings-m", "other"):
        store.write_batch(name, {"articles": frame(["a"])})
    for name in ("facts-old", "facts-current", "embeddings-m", "other"):
        _age(tmp_path / name, 8)
    _age(tmp_path / "facts-recent", 6)
    assert store.retire_idle("facts-", "facts-current") == ["facts-old"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["embeddings-m", "facts-current", "facts-recent", "other"]
    assert list(store.read("facts-current", "articles")["article_id"]) == ["a"]


def test_a_build_retires_the_facts_of_an_earlier_version_of_the_code(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Kazakhstan and Kyrgyzstan signed a border treaty on Tuesday.\n", "utf-8")
    store = Store(tmp_path / "store")
    store.write_batch("facts-0123456789abcdef", {"articles": frame(["a"])})
    _age(tmp_path / "store" / "facts-0123456789abcdef", 30)
    built = pipeline.build([(corpus, "")], store)
    assert len(built.articles) == 1
    facts = [p.name for p in (tmp_path / "store").iterdir() if p.name.startswith(pipeline.FACTS_PREFIX)]
    assert facts == [f"{pipeline.FACTS_PREFIX}{pipeline.fingerprint()}"]
    assert not list((tmp_path / "store").glob(".retired-*"))


def test_compaction_killed_before_removing_its_inputs_changes_nothing(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 40)
    monkeypatch.setattr(pipeline, "extract_facts", light_facts)
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 4)
    monkeypatch.setattr(store_module, "COMPACT_AFTER", 4)
    clean = export_in_process(corpus, Store(tmp_path / "fresh"), tmp_path / "out-fresh")

    # Build in steps so each build leaves several batches, and let every compaction "die" after writing
    # its merged batch: inputs and output both stay, as after a kill at that moment.
    monkeypatch.setattr(store_module, "retire", lambda batch: None)
    store = Store(tmp_path / "store")
    parts = sorted(corpus.glob("0*"))
    staged = tmp_path / "staged"
    staged.mkdir()
    for part in parts:
        (staged / part.name).symlink_to(part.resolve(), target_is_directory=True)
        pipeline.build([(staged, "")], store)
    for name in ("empty.txt", "image.txt", "copy-of-first.txt"):
        (staged / name).symlink_to((corpus / name).resolve())
    namespace = next(p.name for p in (tmp_path / "store").iterdir() if p.name.startswith("facts-"))
    assert len(store.batches(namespace)) > 8  # merged batches beside the batches they merged
    assert export_in_process(staged, store, tmp_path / "out-reused") == clean


def test_a_batch_retired_while_reading_is_read_again(tmp_path, monkeypatch):
    store = Store(tmp_path)
    for i in range(6):
        store.write_batch("ns", {"articles": frame([f"a{i}"])})
    monkeypatch.setattr(store_module, "COMPACT_AFTER", 3)
    real = store_module.read_parquet
    state = {"compacted": False}

    def read_then_compact(path: Path) -> pd.DataFrame:
        # Another process compacts right after this one listed the batches.
        if not state["compacted"]:
            state["compacted"] = True
            store.compact("ns", {"articles": "article_id"})
        return real(path)

    monkeypatch.setattr(store_module, "read_parquet", read_then_compact)
    assert list(store.read("ns", "articles", key="article_id")["article_id"]) == [f"a{i}" for i in range(6)]
    assert len(store.batches("ns")) == 1


def test_batches_retired_between_listing_and_reading_are_read_from_the_compacted_batch(tmp_path, monkeypatch):
    store = Store(tmp_path)
    for i in range(6):
        store.write_batch("ns", {"articles": frame([f"a{i}"])})
    monkeypatch.setattr(store_module, "COMPACT_AFTER", 3)
    real_batches = store.batches
    state = {"compacted": False}

    def list_then_another_compacts(namespace: str) -> list[Path]:
        found = real_batches(namespace)
        if not state["compacted"]:
            # Another process compacts (and retires every listed batch) right after this listing.
            state["compacted"] = True
            monkeypatch.setattr(store, "batches", real_batches)
            store.compact(namespace, {"articles": "article_id"})
            monkeypatch.setattr(store, "batches", list_then_another_compacts)
        return found

    monkeypatch.setattr(store, "batches", list_then_another_compacts)
    assert list(store.read("ns", "articles", key="article_id")["article_id"]) == [f"a{i}" for i in range(6)]


def test_a_batch_written_while_compacting_is_kept_once(tmp_path, monkeypatch):
    store = Store(tmp_path)
    for i in range(4):
        store.write_batch("ns", {"articles": frame([f"a{i}"])})
    monkeypatch.setattr(store_module, "COMPACT_AFTER", 3)
    real_batches = store.batches
    listings = []

    def list_then_another_writes(namespace: str) -> list[Path]:
        found = real_batches(namespace)
        listings.append(found)
        if len(listings) == 2:  # the compaction has listed its inputs; another process writes a batch now
            store.write_batch(namespace, {"articles": frame(["late"])})
        return found

    monkeypatch.setattr(store, "batches", list_then_another_writes)
    store.compact("ns", {"articles": "article_id"})
    monkeypatch.setattr(store, "batches", real_batches)
    rows = list(store.read("ns", "articles")["article_id"])  # no key: every stored row counts
    assert sorted(rows) == sorted([f"a{i}" for i in range(4)] + ["late"])
    assert len(store.batches("ns")) == 2  # the merged batch and the late one, which was not retired


def test_a_file_where_the_store_folder_should_be_is_a_clear_error(tmp_path):
    (tmp_path / "taken").write_text("x")
    with pytest.raises(StoreError, match="choose another"):
        Store(tmp_path / "taken")


# --- determinism -----------------------------------------------------------------------------------------


def test_exports_are_byte_identical_fresh_reused_and_incremental(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 24)  # real extractors here: determinism is theirs too
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 7)
    first = export_in_process(corpus, Store(tmp_path / "a"), tmp_path / "out-a")
    assert set(first) == {"articles.csv", "errors.csv", "meetings.csv", "officials.csv", "trade.csv", "agreements.csv",
                          "agreement_reports.csv"}
    articles = pd.read_csv(tmp_path / "out-a" / "articles.csv")
    assert len(articles) == 24
    # Reused store (everything cached), and another fresh store.
    assert export_in_process(corpus, Store(tmp_path / "a"), tmp_path / "out-a2") == first
    assert export_in_process(corpus, Store(tmp_path / "b"), tmp_path / "out-b") == first
    # A store that saw part of the corpus first, in other batches.
    partial = tmp_path / "partial"
    partial.mkdir()
    (partial / "00").symlink_to((corpus / "00").resolve(), target_is_directory=True)
    pipeline.build([(partial, "")], Store(tmp_path / "c"))
    assert export_in_process(corpus, Store(tmp_path / "c"), tmp_path / "out-c") == first


# --- real processes --------------------------------------------------------------------------------------


def light_export(corpus: Path, store: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """What a clean CLI run gives, computed in this process (one process, no workers): the reference."""
    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "extract_facts", light_facts)
        patch.setattr(pipeline, "PARALLEL_MIN", 10**9, raising=False)
        return export_in_process(corpus, Store(store), out)


def test_kill_9_mid_write_and_at_random_moments_then_rerun_equals_a_clean_run(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 240)  # over pipeline.PARALLEL_MIN: worker processes are killed too
    clean = light_export(corpus, tmp_path / "fresh", tmp_path / "out-fresh", monkeypatch)
    assert len(pd.read_csv(tmp_path / "out-fresh" / "articles.csv")) == 240

    rng = random.Random(20261124)
    store = tmp_path / "store"
    killed = []
    # Deterministic crash points: in the middle of a Parquet write (12 batches of 7 tables and compactions).
    for attempt in range(3):
        die_at = rng.randrange(1, 25)
        proc = run_cli(corpus, store, tmp_path / f"out-died-{attempt}", batch=20, die_at=die_at)
        proc.wait(timeout=HANG_GUARD_S)
        killed.append(proc.returncode == -signal.SIGKILL)
        assert_store_readable(store)
    assert all(killed), "a run meant to die mid-write finished"  # each has 6+ batches of 7 tables to write
    # Kills at random moments (where they land depends on this machine's speed; any moment must be safe).
    for attempt in range(2):
        proc = run_cli(corpus, store, tmp_path / f"out-killed-{attempt}", batch=20)
        time.sleep(rng.uniform(0.5, 3.0))
        kill_9(proc)
        assert_store_readable(store)
    code, _ = finish(run_cli(corpus, store, tmp_path / "out-after", batch=20))
    assert code == 0
    assert csv_bytes(tmp_path / "out-after") == clean
    assert list(store.glob("*/.tmp-*")) == []  # the killed runs' half-written batches were cleaned


def test_two_processes_ingesting_at_once_lose_and_duplicate_nothing(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 40, seed=2)
    clean = light_export(corpus, tmp_path / "fresh", tmp_path / "out-fresh", monkeypatch)

    # The same corpus at once: both parse everything and write the same articles.
    store = tmp_path / "store"
    same = [run_cli(corpus, store, tmp_path / f"out-same-{i}", batch=5) for i in range(2)]
    assert [finish(p)[0] for p in same] == [0, 0]
    for i in range(2):
        assert csv_bytes(tmp_path / f"out-same-{i}") == clean

    # Two halves at once into another store, then the whole: nothing of either half is lost or parsed again.
    halves = tmp_path / "halves"
    for half in ("h0", "h1"):
        (halves / half).mkdir(parents=True)
    for part in sorted(corpus.glob("0*")):
        target = halves / ("h0" if int(part.name) % 2 == 0 else "h1") / part.name
        target.symlink_to(part.resolve(), target_is_directory=True)
    store2 = tmp_path / "store2"
    both = [run_cli(halves / h, store2, tmp_path / f"out-{h}", batch=5) for h in ("h0", "h1")]
    assert [finish(p)[0] for p in both] == [0, 0]
    assert assert_store_readable(store2) == 40  # both halves' articles are in the store, none twice
    whole = halves / "whole"
    whole.mkdir()
    for part in sorted(corpus.glob("*")):
        (whole / part.name).symlink_to(part.resolve(), target_is_directory=part.is_dir())
    code, _ = finish(run_cli(whole, store2, tmp_path / "out-whole", batch=5))
    assert code == 0
    assert csv_bytes(tmp_path / "out-whole") == clean
