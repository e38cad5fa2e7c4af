"""Extraction speed: the full in-process pipeline against the fast path, extract + store.

Run by hand: `python bench/extract_speed.py` (defaults: about 40,000 words, 3 repetitions; try
`--words 10000 --repeat 3` for a quick run). See bench/README.md.

The corpus is the invented articles in samples/*.txt, repeated and varied until it holds the
asked-for number of words: copy k shifts every number by k (so counts, ages and days differ) and
ends with a line naming the copy, so no two articles are the same text and each is stored anew.
Publication dates come from the samples' meta files.

Each measurement runs in a fresh Python process (so peak memory is its own): it loads the
pipeline and extracts one short article (lazy loads done), then times from the first article
to the last report stored with `Store.add` in a new temporary SQLite database. The full path
is `extract_many(items, nlp=nlp)`, one process; the fast path is a `FastExtractor` (what
`extract_many(..., fast=True)` uses) whose workers are started and warmed before the clock
starts; their start-up time is printed on its own, and a words/s figure that includes it.
Peak memory is the maximum resident set size of the
main process and of the largest worker (ru_maxrss); the fast path's total is main + workers x
that largest worker. Printed: medians over the repetitions, and the fast/full ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLES = Path(__file__).parents[1] / "samples"


def corpus(words: int) -> list[tuple[str, dt.date | None]]:
    """Varied copies of the samples, about `words` words in all."""
    base = []
    for path in sorted(SAMPLES.glob("*.txt")):
        meta = json.loads(path.with_suffix(".meta.json").read_text(encoding="utf-8"))
        published = dt.date.fromisoformat(meta["published"]) if meta.get("published") else None
        base.append((path.read_text(encoding="utf-8"), published))
    out: list[tuple[str, dt.date | None]] = []
    total, k = 0, 0
    while total < words:
        text, published = base[k % len(base)]
        shift = k // len(base)
        varied = re.sub(r"\d+", lambda m, n=shift: str(int(m.group(0)) + n), text)
        varied = f"{varied.rstrip()}\n\n(Copy {k} of the sample for the speed benchmark.)\n"
        out.append((varied, published))
        total += len(varied.split())
        k += 1
    return out


def measure(path: str, words: int, processes: int | None) -> dict[str, float]:
    """In a child process: one timed run of `path` ('full' or 'fast') over the corpus."""
    from newstally.articles import ArticleInput
    from newstally.extract import extract_many
    from newstally.extract.fastpath import FastExtractor, warm_up
    from newstally.extract.pipeline import load_pipeline
    from newstally.store import open_store

    items = [ArticleInput(text, published) for text, published in corpus(words)]
    nlp = load_pipeline()
    warm_up(nlp)
    started = time.perf_counter()
    extractor = FastExtractor(nlp=nlp, n_process=processes) if path == "fast" else None
    start_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.db")
        start = time.perf_counter()
        if extractor is not None:
            reports = extractor.extract_many(items)
        else:
            reports = extract_many(items, nlp=nlp)
        stored = sum(1 for report in reports if store.add(report))
        seconds = time.perf_counter() - start
        store.close()
    if extractor is not None:
        extractor.close()
    if stored != len(items):
        raise SystemExit(f"stored {stored} of {len(items)} articles")
    return {
        "seconds": seconds,
        "start_seconds": start_seconds,
        "words": float(sum(len(i.text.split()) for i in items)),
        "articles": float(len(items)),
        "main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def run_child(path: str, words: int, processes: int | None) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", path, "--words", str(words)]
    if processes is not None:
        command += ["--processes", str(processes)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{path} run failed:\n{done.stderr[-2000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=40_000, help="corpus size in words")
    parser.add_argument("--repeat", type=int, default=3, help="runs per path (median shown)")
    parser.add_argument("--processes", type=int, default=None, help="fast path workers")
    parser.add_argument("--child", choices=["full", "fast"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.words, args.processes)))
        return
    items = corpus(args.words)
    print(
        f"corpus: {len(items)} varied copies of the {len(list(SAMPLES.glob('*.txt')))} samples, "
        f"{sum(len(t.split()) for t, _ in items):,} words; {os.cpu_count()} cores; "
        f"{args.repeat} runs per path, alternating"
    )
    runs: dict[str, list[dict[str, float]]] = {"full": [], "fast": []}
    for k in range(args.repeat):
        for path in ("full", "fast"):
            result = run_child(path, args.words, args.processes)
            runs[path].append(result)
            print(
                f"  run {k + 1} {path}: {result['words'] / result['seconds']:,.0f} words/s "
                f"({result['seconds']:.1f} s)",
                flush=True,
            )
    medians: dict[str, float] = {}
    for path, results in runs.items():
        seconds = statistics.median(r["seconds"] for r in results)
        words, articles = results[0]["words"], results[0]["articles"]
        main_mb = statistics.median(r["main_mb"] for r in results)
        worker_mb = statistics.median(r["worker_mb"] for r in results)
        workers = 0 if path == "full" else (args.processes or len(os.sched_getaffinity(0)))
        memory = main_mb + workers * worker_mb
        medians[path] = words / seconds
        print(
            f"{path:4s}: {words / seconds:9,.0f} words/s  {articles / seconds:7.1f} articles/s  "
            f"peak RSS {memory:6.0f} MB (main {main_mb:.0f} MB"
            + (f" + {workers} workers x {worker_mb:.0f} MB)" if workers else ")")
        )
        if workers:
            start = statistics.median(r["start_seconds"] for r in results)
            print(
                f"      workers start in {start:.1f} s; with that: "
                f"{words / (seconds + start):,.0f} words/s"
            )
    paired = statistics.median(
        (fast["words"] / fast["seconds"]) / (full["words"] / full["seconds"])
        for full, fast in zip(runs["full"], runs["fast"], strict=True)
    )
    print(
        f"ratio fast/full: {medians['fast'] / medians['full']:.2f}x of the medians, "
        f"{paired:.2f}x median of the paired runs"
    )
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (other work on the machine)")


if __name__ == "__main__":
    main()
