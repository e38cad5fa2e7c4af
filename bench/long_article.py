"""Time and peak memory of `newstally extract` on one very long article.

The article limit is 1,000,000 characters (`newstally.articles.MAX_TEXT_CHARS`). This writes
invented wire paragraphs (each with two counts, a source and a day) up to each size asked for,
plus one line of 100,000 numbers, and runs `newstally extract --format json` on each in a fresh
process, `--repeat` times, alternating sizes. It prints per input the median wall time, the
median seconds per 100,000 characters (flat when time grows linearly with length) and the
largest peak resident memory of the extracting process.

    python bench/long_article.py                         # 100k, 300k, 1M characters, numbers
    python bench/long_article.py --sizes 100000 300000 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARAGRAPH = (
    "KELMAR — Police in Kelmar said on Tuesday that {n} people were killed and {m} injured when"
    " a gunman opened fire\nnear the market, according to the regional health office. Officials"
    " said the toll could rise,\nand witnesses told reporters that dozens more were missing"
    " after the attack on Monday.\n\n"
)


def long_text(size: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    length = 0
    while length < size:
        paragraph = PARAGRAPH.format(n=rng.randint(2, 90), m=rng.randint(2, 90))
        out.append(paragraph)
        length += len(paragraph)
    return "".join(out)[:size]


def numbers_text(count: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    numbers = " ".join(str(rng.randint(1, 10**6)) for _ in range(count))
    return f"Officials said {numbers} people were counted.\n"


def run_once(path: Path) -> tuple[float, int]:
    """Wall seconds and the child's own peak resident memory in MB (`os.wait4`'s rusage)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        ["newstally", "extract", "--format", "json", str(path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"{path.name}: newstally extract exited {child.returncode}")
    return seconds, usage.ru_maxrss // 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    parser.add_argument("--numbers", type=int, default=100_000, help="0 skips that input")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        inputs: list[tuple[str, Path, int]] = []
        for size in args.sizes:
            path = Path(folder) / f"long-{size}.txt"
            path.write_text(long_text(size), encoding="utf-8")
            inputs.append((f"{size:,} characters", path, size))
        if args.numbers:
            text = numbers_text(args.numbers)
            path = Path(folder) / "numbers.txt"
            path.write_text(text, encoding="utf-8")
            inputs.append((f"{args.numbers:,} numbers ({len(text):,} characters)", path, len(text)))
        times: dict[str, list[float]] = {label: [] for label, _, _ in inputs}
        peaks: dict[str, int] = {}
        for _ in range(args.repeat):
            for label, path, _ in inputs:  # alternating, so drift hits every input alike
                seconds, peak = run_once(path)
                times[label].append(seconds)
                peaks[label] = max(peaks.get(label, 0), peak)
        print(f"{'input':<40} {'median s':>9} {'s/100k chars':>13} {'peak MB':>8}")
        for label, _, size in inputs:
            median = statistics.median(times[label])
            print(f"{label:<40} {median:>9.1f} {median / size * 100_000:>13.1f} {peaks[label]:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
