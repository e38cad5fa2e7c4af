"""How much faster `newstally batch` is with 2 Dask workers than with 1.

Run by hand: `python bench/batch_speed.py` (or `--copies 5` for a quick run).

The corpus is the project's own samples (samples/*.txt with their .meta.json sidecars), each
written `--copies` times into a temporary folder with an edition line added, so every copy has
its own content id and is extracted and stored (14 samples x 15 copies = 210 articles, about
44,000 words). For each worker count it starts a LocalCluster of that many single-threaded worker
processes, then runs exactly what `newstally batch` runs (plan, extract into Parquet shards, load
into a fresh SQLite store) and reports two times:
  - wall: from starting the cluster to the last article stored (what a user waits for);
  - steady: after every worker has loaded spaCy (cluster start and model load excluded).
The ratio is 1-worker time over 2-worker time. The machine has 2 cores, shared with whatever
else runs: the load average is printed before and after, since a busy machine makes the second
worker worth nothing; run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

from distributed import Client, LocalCluster

from newstally.batch import BatchResult, Settings, plan_chunks, run_batch
from newstally.extract.pipeline import load_pipeline
from newstally.store import open_store

SAMPLES = Path(__file__).parents[1] / "samples"


def make_corpus(folder: Path, copies: int) -> tuple[int, int]:
    """Write the varied copies; return (articles, words)."""
    articles = words = 0
    for copy in range(copies):
        for path in sorted(SAMPLES.glob("*.txt")):
            text = path.read_text(encoding="utf-8") + f"\n(Edition {copy + 1}.)\n"
            name = f"{path.stem}-{copy:03d}"
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
            meta = path.with_suffix(".meta.json")
            if meta.exists():
                shutil.copy(meta, folder / f"{name}.meta.json")
            articles += 1
            words += len(text.split())
    return articles, words


def timed_run(corpus: Path, work: Path, workers: int, chunk_size: int) -> tuple[float, float]:
    """(wall seconds, steady seconds) for one batch run with `workers` processes."""
    plan = plan_chunks([corpus], chunk_size=chunk_size, settings=Settings())
    started = time.perf_counter()
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
        open_store(work / f"workers-{workers}.db") as store,
    ):
        # every worker loads spaCy now, not inside the timed part; None is the cache key the
        # tasks use (load_pipeline(settings.model))
        client.run(load_pipeline, None)
        warm = time.perf_counter()
        result: BatchResult = run_batch(
            plan, client=client, store=store, out=work / f"workers-{workers}.batch"
        )
        done = time.perf_counter()
    if result.failures or result.computed != len(plan.chunks):
        raise SystemExit(f"run with {workers} workers failed: {result.failures[:3]}")
    return done - started, done - warm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=15, help="copies of each sample")
    parser.add_argument("--chunk-size", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newstally-batch-bench-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        corpus.mkdir()
        articles, words = make_corpus(corpus, args.copies)
        print(f"corpus: {articles} articles, {words:,} words (samples x {args.copies}), "
              f"chunk size {args.chunk_size}")
        times = {}
        print("load average before: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
        for workers in (1, 2):
            wall, steady = timed_run(corpus, work, workers, args.chunk_size)
            times[workers] = (wall, steady)
            print(f"--workers {workers}: wall {wall:6.1f} s  steady {steady:6.1f} s  "
                  f"({articles / steady:.1f} articles/s, {words / steady:,.0f} words/s steady)")
        print("load average after:  {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
        print(f"speed-up 1 -> 2 workers: wall {times[1][0] / times[2][0]:.2f}x, "
              f"steady {times[1][1] / times[2][1]:.2f}x")


if __name__ == "__main__":
    main()
