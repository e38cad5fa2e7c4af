"""Words/s and peak memory of `newstally ingest` against spaCy's own full pipeline, one run.

    python bench/speed.py                         # ~43,000 words, 3 runs per path
    python bench/speed.py --repeat 5              # steadier medians
    python bench/speed.py --words-per-set 5000 --repeat 2   # quicker
    python bench/speed.py --against ../main/src    # also `full` with another checkout's code

The corpus is mixed news read at run time, never copied into the repository: the invented
articles in samples/ (with their sidecars), then the first articles of crime news
(../shared/eval/gva-dev.jsonl) and of political news (polnear-dev.jsonl), each set up to
`--words-per-set` words. It is written to a temporary folder as NAME.txt + NAME.meta.json, the
form `newstally ingest` reads.

Every run is a fresh command, timed on the wall clock from start to exit, start-up and model
loading included, and the paths take turns (spacy, full, figures-only, spacy, ...) so that a
shared machine's load falls on all of them alike:

- `spacy`: a Python process that loads the same model (`newstally.extract.pipeline.model_name`)
  with `spacy.load`, its full pipeline, and consumes `nlp.pipe(texts, n_process=2)`.
- `full`: `newstally ingest FOLDER --db NEW.db`, exactly as a user runs it, with its defaults.
- `figures-only`: `newstally ingest FOLDER --db NEW.db --figures-only`, run only once
  `newstally ingest --help` offers that option (`FIGURES_ONLY_OPTION`); until then the line
  says it was not measured.
- `full@SRC` (with `--against SRC`): `full` with another checkout's `src` first on PYTHONPATH
  (`git archive COMMIT src | tar -x -C DIR` makes one), to measure a change end to end.

Peak memory is sampled from /proc every 50 ms as the resident set of the whole process tree
(the command and its workers, summed: "all"), and taken from wait4 as the largest single
process ("largest"). Output: each run, then per path the median words/s, its ratio to spaCy's,
and the median peaks.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EVAL = ROOT.parent / "shared" / "eval"
SETS = ("gva-dev", "polnear-dev")
SPACY_PROCESSES = 2
# The option the ledger mode will bring (issue 12, item 3); the path runs once ingest has it.
FIGURES_ONLY_OPTION = "--figures-only"


def write_corpus(folder: Path, words_per_set: int) -> tuple[int, int, dict[str, int]]:
    """Write the corpus into `folder`; returns (articles, words, articles per part)."""
    parts: dict[str, int] = {"samples": 0}
    words = 0
    for path in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(path, folder / path.name)
        meta = path.with_suffix(".meta.json")
        if meta.exists():
            shutil.copy(meta, folder / meta.name)
        words += len(path.read_text(encoding="utf-8").split())
        parts["samples"] += 1
    for name in SETS:
        parts[name] = 0
        taken = 0
        with (EVAL / f"{name}.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                if not line.strip() or taken >= words_per_set:
                    continue
                row = json.loads(line)
                stem = f"{name}-{parts[name]:04d}"
                (folder / f"{stem}.txt").write_text(row["text"], encoding="utf-8")
                meta = {"published": row["published"]} if row.get("published") else {}
                (folder / f"{stem}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
                taken += len(row["text"].split())
                parts[name] += 1
        words += taken
    return sum(parts.values()), words, parts


def spacy_child(folder: Path) -> None:
    """The `spacy` path, in this process: spaCy's own full pipeline over the corpus texts."""
    import spacy

    from newstally.extract.pipeline import model_name

    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]
    nlp = spacy.load(model_name())
    done = sum(1 for _ in nlp.pipe(texts, n_process=SPACY_PROCESSES))
    if done != len(texts):
        raise SystemExit(f"spacy: {done} of {len(texts)} texts came back")


def newstally_command() -> list[str]:
    """The `newstally` command of this interpreter's environment."""
    beside = Path(sys.executable).parent / "newstally"
    found = str(beside) if beside.exists() else shutil.which("newstally")
    if found is None:
        raise SystemExit("no `newstally` command: activate the project's virtualenv")
    return [found]


def has_figures_only() -> bool:
    done = subprocess.run(
        [*newstally_command(), "ingest", "--help"], capture_output=True, text=True, check=False
    )
    return FIGURES_ONLY_OPTION in done.stdout


def _tree_rss_kb(pid: int) -> int:
    """Resident kB of `pid` and all its descendants, read from /proc (0 once it is gone)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            for task in Path(f"/proc/{current}/task").iterdir():
                pending.extend(int(c) for c in (task / "children").read_text().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


Command = tuple[list[str], dict[str, str] | None]


def timed(command: Command) -> dict[str, float]:
    """Run `command`; its wall-clock seconds and peak memory (MB, all and largest process)."""
    argv, env = command
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = [0]
    finished = threading.Event()

    def sample() -> None:
        while not finished.is_set():
            peak[0] = max(peak[0], _tree_rss_kb(child.pid))
            finished.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    finished.set()
    sampler.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({child.returncode}):\n{errors[-2000:]}")
    return {"seconds": seconds, "all_mb": peak[0] / 1024, "largest_mb": usage.ru_maxrss / 1024}


def paths(
    folder: Path, scratch: Path, against: list[Path]
) -> dict[str, Callable[[int], Command] | None]:
    """Each path's command for run k (a new database each time); None: not measurable yet."""

    databases = itertools.count()

    def ingest(name: str, *extra: str, src: Path | None = None) -> Callable[[int], Command]:
        env = dict(os.environ, PYTHONPATH=str(src)) if src else None

        def command(k: int) -> Command:
            db = scratch / f"{next(databases)}.db"
            return [*newstally_command(), "ingest", str(folder), "--db", str(db), *extra], env

        return command

    def spacy(k: int) -> Command:
        return [sys.executable, __file__, "--spacy-child", str(folder)], None

    found: dict[str, Callable[[int], Command] | None] = {"spacy": spacy, "full": ingest("full")}
    for src in against:
        found[f"full@{src}"] = ingest(f"full@{src}", src=src.resolve())
    found["figures-only"] = (
        ingest("figures-only", FIGURES_ONLY_OPTION) if has_figures_only() else None
    )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--words-per-set", type=int, default=20_000, help="of each eval set")
    parser.add_argument("--repeat", type=int, default=3, help="runs per path (medians shown)")
    parser.add_argument(
        "--against", type=Path, action="append", default=[], help="another checkout's src"
    )
    parser.add_argument("--spacy-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.spacy_child:
        spacy_child(args.spacy_child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder, scratch = Path(tmp) / "corpus", Path(tmp) / "db"
        folder.mkdir()
        scratch.mkdir()
        articles, words, parts = write_corpus(folder, args.words_per_set)
        print(
            f"corpus: {articles} articles ({', '.join(f'{n} {name}' for name, n in parts.items())})"
            f", {words:,} words; {os.cpu_count()} cores; {args.repeat} runs per path, "
            f"alternating; spaCy with n_process={SPACY_PROCESSES}",
            flush=True,
        )
        commands = paths(folder, scratch, args.against)
        runs: dict[str, list[dict[str, float]]] = {
            name: [] for name, command in commands.items() if command
        }
        for k in range(args.repeat):
            for name, command in commands.items():
                if command is None:
                    continue
                result = timed(command(k))
                runs[name].append(result)
                print(
                    f"  run {k + 1} {name}: {words / result['seconds']:,.0f} words/s "
                    f"({result['seconds']:.1f} s; peak {result['all_mb']:.0f} MB all, "
                    f"{result['largest_mb']:.0f} MB largest)",
                    flush=True,
                )
    speed = {
        name: words / statistics.median(r["seconds"] for r in results)
        for name, results in runs.items()
    }
    width = max(14, *(len(name) + 2 for name in runs))
    print(f"{'path':<{width}}{'words/s':>10}{'x spaCy':>9}{'peak MB all':>13}{'largest':>9}")
    for name, results in runs.items():
        print(
            f"{name:<{width}}{speed[name]:>10,.0f}{speed[name] / speed['spacy']:>9.2f}"
            f"{statistics.median(r['all_mb'] for r in results):>13.0f}"
            f"{statistics.median(r['largest_mb'] for r in results):>9.0f}"
        )
    if commands["figures-only"] is None:
        print(
            f"{'figures-only':<{width}}not measured: `newstally ingest` has no "
            f"{FIGURES_ONLY_OPTION} yet (it runs here once it does)"
        )


if __name__ == "__main__":
    main()
