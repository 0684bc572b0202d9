"""Benchmark: synthetic corpora of N articles → one JSON line of timings per N (``python -m lib bench``).

Each size runs in a fresh subprocess (so ``peak_rss_mb`` is that size's peak) with its own temporary corpus and
store. Stages: ingest (read, clean, extract; no embeddings), an unchanged re-run, the cost of each per-article
stage, embedding through the pipeline's cache against the bare ``model.encode`` on the same passages, search
latency (encoding + ranking, and ranking alone), and the DataFrame work behind one filter change on the Timeline
page. Timings are wall-clock on a machine others may be using: ``load_avg`` says how busy it was.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TypeVar

import numpy as np
from threadpoolctl import threadpool_limits

from lib import pipeline, settings
from lib.articles import countries
from lib.articles.sentences import sentences
from lib.facts import passages, topics
from lib.facts.agreements import reports as agreement_reports
from lib.facts.meetings import reports as meetings
from lib.facts.officials import people
from lib.facts.trade import turnover
from lib.files import folders
from lib.records import TEXT_COUNTRIES, Article, Corpus, articles_frame
from lib.search.encoders import SentenceTransformerEncoder, UseEncoder
from lib.store.batches import Store
from lib.tools import synth
from lib.tools.bench_model import (
    QUERY_ROUNDS,
    measure_backends,
    measure_embedding,
    measure_rank_at,
    measure_search,
    measure_searchable,
)
from lib.tools.timing import cpu_seconds, timed
from lib.views import filters as views
from lib.views import timeline

T = TypeVar("T")

DEFAULT_SIZES = (1000, 10000)
FULL_SIZE = 100_000
# Encoding every passage of a big corpus on CPU takes hours; throughput is measured on an even sample.
EMBED_SAMPLE = 2000
# Per-stage costs are measured on this many articles of the corpus, one stage at a time.
STAGE_SAMPLE = 200
# The ranking target is set at this many passages; corpora of RANK_AT_SIZE articles and more also time it there.
RANK_PASSAGES = 100_000
RANK_AT_SIZE = 10_000
# The backends are compared on this many passages of the embedding sample, in a process of their own.
BACKEND_SAMPLE = 1000
BACKEND_TEXTS = "backend-sample.json"


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child (workers), in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(own, 1), round(children, 1)


class TreeMemory:
    """Samples the proportional set size (PSS) of process ``pid`` and all its descendants every ``every`` s.

    ru_maxrss counts the pages that forked workers share with their parent once in every process, so adding the
    peaks overstates the machine's use; PSS splits shared pages between their users, so the sum is what the
    whole run takes. It samples from the outside (a thread in the measured process would itself change how the
    pipeline starts its workers). Linux only (/proc); elsewhere ``peak_mb`` stays None.
    """

    def __init__(self, pid: int, every: float = 0.5) -> None:
        self.peak_mb: float | None = None
        self._pid = pid
        self._every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        if Path("/proc/self/smaps_rollup").exists():
            self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self._every):
            pids, k = [self._pid], 0
            while k < len(pids):  # breadth-first: workers of a forkserver are grandchildren
                pids.extend(_children(pids[k]))
                k += 1
            total = sum(_pss_kb(pid) for pid in pids)
            if total:
                self.peak_mb = max(self.peak_mb or 0.0, round(total / 1024, 1))


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass  # the worker ended between listing and reading
    return 0


# ---- stages ---------------------------------------------------------------------------------------------------


def measure_ingest(corpus_dir: Path, store_root: Path, workers: int | None) -> tuple[dict[str, object], Corpus]:
    """First build into an empty store, then an unchanged re-run."""
    cpu = cpu_seconds()
    first_s, built = timed(lambda: pipeline.build([(corpus_dir, "")], Store(store_root), workers=workers))
    first_cpu = cpu_seconds() - cpu
    n = built.stats.get("files", 0)
    # The dashboard holds one Corpus: the first is let go before the re-run builds the one measured from here on.
    del built
    gc.collect()
    cpu = cpu_seconds()
    again_s, built = timed(lambda: pipeline.build([(corpus_dir, "")], Store(store_root), workers=workers))
    again_cpu = cpu_seconds() - cpu
    return {
        "first_run_s": round(first_s, 2),
        "ingest_articles_per_s": round(n / first_s, 1) if first_s else None,
        "first_run_cpu_s": round(first_cpu, 2),
        "ingest_articles_per_cpu_s": round(n / first_cpu, 1) if first_cpu else None,
        "reingest_unchanged_s": round(again_s, 3),
        "reingest_unchanged_cpu_s": round(again_cpu, 3),
        "reingest_speedup": round(first_s / again_s, 1) if again_s else None,
    }, built


def measure_stages(corpus_dir: Path, store_root: Path, sample: int) -> dict[str, object]:
    """Milliseconds per article of each per-article stage, on an even sample, one process, one stage at a time."""
    files, _ = folders.scan([(corpus_dir, "")])
    step = max(1, len(files) // sample)
    chosen = files[::step][:sample]
    times: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def stage(name: str, func: Callable[[], T]) -> T:
        start = time.process_time()
        times[name], out = timed(func)
        cpu[name] = time.process_time() - start
        return out

    with threadpool_limits(limits=1, user_api="blas"):
        people.extract_mentions(articles_frame([]))  # load the gazetteer and the NER model outside the timing
        results = stage("read_clean", lambda: [pipeline.read_article(f) for f in chosen])
        frame = articles_frame([r for r in results if isinstance(r, Article)])
        mentions = stage("mentions", lambda: people.extract_mentions(frame))
        stage("officials", lambda: people.summarise_officials(mentions, frame))
        stage("meeting_reports", lambda: meetings.extract_reports(frame, mentions))
        stage("trade", lambda: turnover.extract_trade(frame))
        stage("passages", lambda: passages.make_passages(frame))
        frame[TEXT_COUNTRIES] = countries.text_countries_column(frame)  # the pipeline finds them before facts
        split = stage("sentences", lambda: [sentences(str(b)) for b in frame["body"].tolist()])
        stage("agreements", lambda: agreement_reports.extract_agreement_reports(frame, split))
        stage("topics", lambda: topics.extract_topic_sentences(frame, split))
    count = max(1, len(chosen))
    out: dict[str, object] = {
        "stage_sample_articles": len(chosen),
        "stage_ms_per_article": {k: round(1000 * v / count, 2) for k, v in times.items()},
        # CPU time of this one thread: what each stage would take on an idle core.
        "stage_cpu_ms_per_article": {k: round(1000 * v / count, 2) for k, v in cpu.items()},
    }
    # Work across articles, redone on every build: merging meeting reports into events.
    namespace = f"{pipeline.FACTS_PREFIX}{pipeline.fingerprint()}"
    store = Store(store_root)
    reports = store.read(namespace, "reports", group="article_id")
    articles = store.read(namespace, "articles", group="article_id")
    if reports is not None and articles is not None:
        merge_s, _ = timed(lambda: meetings.merge_meetings(reports, articles))
        out["merge_meetings_ms"] = round(1000 * merge_s, 1)
        out["meeting_reports"] = len(reports)
    return out


def measure_filter(built: Corpus) -> dict[str, object]:
    """One filter change on the Timeline page: every DataFrame step the page reruns (no streamlit)."""
    prepare_s, prepared = timed(lambda: views.prepare(built))
    # The dashboard hands each rerun shallow copies of the one cached corpus (lib/ui.py load_corpus).
    copy_s, _ = timed(lambda: views.shallow(prepared))
    options = views.filter_options(prepared)
    start = options.min_date or date(2016, 1, 1)
    end = options.max_date or date(2026, 12, 31)
    middle = start + (end - start) / 2
    changes = [views.Filters(pair=views.ALL_PAIRS), views.Filters(start=start, end=middle),
               views.Filters(start=middle, end=end, langs=("ru",)), views.Filters()]
    samples, parts = [], []
    for filters in changes:
        step: dict[str, float] = {}
        step["filter_options"], _ = timed(lambda: views.filter_options(prepared))
        # partial, not a lambda with defaults: mypy cannot type a lambda whose parameters the Callable[[], T] lacks.
        step["apply_filters"], view = timed(partial(views.apply_filters, prepared, filters))
        step["meetings_table"], _ = timed(partial(timeline.meetings_table, view.meetings))
        step["timeline_frame"], _ = timed(partial(timeline.timeline_frame, view.meetings, view.articles))
        step["meeting_choices"], _ = timed(partial(timeline.meeting_choices, view.meetings))
        samples.append(1000 * sum(step.values()))
        parts.append(step)
    return {
        "filter_ms": round(float(np.median(samples)), 1),
        "filter_ms_max": round(max(samples), 1),
        "filter_ms_parts": {k: round(1000 * float(np.median([p[k] for p in parts])), 1) for k in parts[0]},
        "cache_copy_ms": round(1000 * copy_s, 1),
        "prepare_once_s": round(prepare_s, 2),
        "meetings": len(prepared.meetings),
    }


def measure(n: int, workdir: Path, embed_sample: int = EMBED_SAMPLE, workers: int | None = None,
            stages: bool = True, embed: bool = True, query_rounds: int = QUERY_ROUNDS,
            rank_passages: int = 0, max_queries: int | None = None,
            encoder: SentenceTransformerEncoder | UseEncoder | None = None,
            backends: bool = False) -> dict[str, object]:
    """Every figure for one corpus size (run it in a fresh process so the memory peak is this size's)."""
    workdir.mkdir(parents=True, exist_ok=True)
    corpus_dir = workdir / f"corpus-{n}"
    result: dict[str, object] = {"articles": n, "cpus": len(os.sched_getaffinity(0)),
                                 "load_avg_start": round(os.getloadavg()[0], 2)}
    synth_s, _ = timed(lambda: synth.make_corpus(corpus_dir, n))
    result["synth_s"] = round(synth_s, 2)
    ingest, built = measure_ingest(corpus_dir, workdir / "store", workers)
    result.update(ingest)
    result["passages"] = len(built.passages)
    # Peaks so far, so the growth can be told apart: ingest (build + re-run), then the views, then model + index.
    result["peak_rss_after_ingest_mb"] = peak_rss_mb()[0]
    result["errors"] = len(built.errors)
    if stages:
        result.update(measure_stages(corpus_dir, workdir / "store", min(STAGE_SAMPLE, n)))
    result.update(measure_filter(built))
    result["peak_rss_after_views_mb"] = peak_rss_mb()[0]
    gc.collect()
    if embed:
        texts = built.passages["text"].astype(str).tolist()
        # Distinct passages only: the pipeline encodes a repeated text once, so repeats (the synthetic corpus
        # recombines pages: most of its passages recur) would count the cache's dedup as encoding speed.
        distinct = list(dict.fromkeys(texts))
        result["passages_distinct_share"] = round(len(distinct) / len(texts), 3) if texts else None
        step = max(1, len(distinct) // embed_sample)
        sample = distinct[::step][:embed_sample]
        del texts, distinct
        figures, encoder = measure_embedding(sample, workdir / "embed-store", encoder)
        result.update(figures)
        if backends:
            # Measured by the driver in a process of its own: three loaded models would inflate this size's peak.
            (workdir / BACKEND_TEXTS).write_text(json.dumps(sample[:BACKEND_SAMPLE], ensure_ascii=False), "utf-8")
        result.update(measure_searchable(built, encoder, workdir / "searchable-store", float(result["first_run_s"]),  # type: ignore[arg-type]
                                         result.get("embed_passages_per_s"),  # type: ignore[arg-type]
                                         float(result["first_run_cpu_s"])))  # type: ignore[arg-type]
        gc.collect()
        result.update(measure_search(built, encoder, workdir / "index-store", query_rounds, max_queries))
    if rank_passages:
        result.update(measure_rank_at(rank_passages))
    own, workers_peak = peak_rss_mb()
    result["peak_rss_mb"] = own
    result["workers_peak_rss_mb"] = workers_peak
    result["load_avg_end"] = round(os.getloadavg()[0], 2)
    return result


# ---- driver -------------------------------------------------------------------------------------------------


def run(sizes: Sequence[int], embed_sample: int = EMBED_SAMPLE, workers: int | None = None,
        workdir: Path | None = None, out: Callable[[str], None] = print, embed: bool = True,
        backends: bool = True) -> list[dict]:
    """Measure each size in its own subprocess; print and return one JSON object per size."""
    results = []
    with tempfile.TemporaryDirectory(prefix="kk-bench-", dir=workdir) as tmp:
        for n in sizes:
            command = [sys.executable, "-m", "lib.tools.bench", "--child", str(n), "--workdir", str(Path(tmp) / str(n)),
                       "--embed-sample", str(embed_sample)]
            if workers:
                command += ["--workers", str(workers)]
            if not embed:
                command.append("--no-embed")
            if backends:
                command.append("--backends")
            if n >= RANK_AT_SIZE:
                command += ["--rank-passages", str(RANK_PASSAGES)]
            with subprocess.Popen(command, cwd=settings.PROJECT_ROOT, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) as proc, TreeMemory(proc.pid) as memory:
                stdout, stderr = proc.communicate()
            lines = [line for line in stdout.splitlines() if line.startswith("{")]
            if proc.returncode != 0 or not lines:
                raise RuntimeError(f"benchmark of {n} articles failed:\n{stderr[-3000:]}")
            result = json.loads(lines[-1])
            texts = Path(tmp) / str(n) / BACKEND_TEXTS
            if texts.is_file():
                result.update(_run_child([sys.executable, "-m", "lib.tools.bench", "--backends-of", str(texts)]))
            # What the size took of the machine at its worst: the child and its workers, shared pages once.
            result["peak_total_pss_mb"] = memory.peak_mb
            results.append(result)
            out(json.dumps(result, ensure_ascii=False))
    return results


def _run_child(command: list[str]) -> dict[str, object]:
    proc = subprocess.run(command, cwd=settings.PROJECT_ROOT, capture_output=True, text=True, check=False)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{' '.join(command[2:])} failed:\n{proc.stderr[-3000:]}")
    return json.loads(lines[-1])


def _child(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.bench")
    parser.add_argument("--backends-of", type=Path, default=None)
    parser.add_argument("--child", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--embed-sample", type=int, default=EMBED_SAMPLE)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--no-embed", action="store_true")
    parser.add_argument("--rank-passages", type=int, default=0)
    parser.add_argument("--backends", action="store_true")
    args = parser.parse_args(argv)
    if args.backends_of:
        texts = json.loads(args.backends_of.read_text(encoding="utf-8"))
        print(json.dumps(measure_backends(texts, args.backends_of.parent / "model-cache")), flush=True)
        return 0
    result = measure(args.child, args.workdir, args.embed_sample, args.workers, embed=not args.no_embed,
                     rank_passages=args.rank_passages, backends=args.backends)
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(_child())
