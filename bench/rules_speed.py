"""The extraction rules alone, timed on parsed documents, against another checkout's rules.

    python bench/rules_speed.py --against ../main/src          # 5 runs each, alternating
    python bench/rules_speed.py --against ../main/src --repeat 3 --sets gva-dev
    python bench/rules_speed.py --against /tmp/base/src --against /tmp/step1/src   # several

spaCy's share of the time is the same for both checkouts, and large and noisy enough to hide
a change to the rules, so this takes it out: the articles (samples/, then the dev sets in
../shared/eval, read at run time) are parsed once with this checkout's pipeline and kept in a
temporary DocBin; then each run is a fresh process that loads them and times
`report.build_report` over every one (the steps plus the Report), nothing else. Runs alternate
between this checkout and each `--against` (a `src` folder put first on PYTHONPATH; `git
archive COMMIT src | tar -x -C DIR` makes one), so all see the same load on a shared machine.
Output: per run seconds, then per checkout the median and its ratio to the first
`--against`. `--digests` also checks that all give the same REPORT-V1 JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def corpus(sets: list[str]) -> list[tuple[str, str | None]]:
    """(text, published ISO date) of every article of the named sets, in order."""
    from newstally.extract.report import normalise_text
    from newstally.ingest.inputs import read_text_article

    items: list[tuple[str, str | None]] = []
    for name in sets:
        if name == "samples":
            for path in sorted((ROOT / "samples").glob("*.txt")):
                article = read_text_article(path)
                day = article.published.isoformat() if article.published else None
                items.append((article.text, day))
            continue
        with (EVAL / f"{name}.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    row = json.loads(line)
                    items.append((normalise_text(row["text"]), row.get("published")))
    return items


def parse(sets: list[str], folder: Path) -> Path:
    """Parse the corpus once into `folder`; returns the DocBin's path."""
    from spacy.tokens import DocBin

    from newstally.extract.pipeline import load_pipeline

    items = corpus(sets)
    docs = DocBin()
    for doc in load_pipeline().pipe((text for text, _ in items), batch_size=32):
        docs.add(doc)
    path = folder / "docs.spacy"
    docs.to_disk(path)
    (folder / "published.json").write_text(json.dumps([day for _, day in items]))
    return path


def child(path: Path, digests: bool) -> None:
    """One timed run in this process: build every report from the parsed documents."""
    from spacy.tokens import DocBin

    from newstally.extract.pipeline import load_pipeline
    from newstally.extract.report import ArticleInput, build_report

    days = json.loads((path.parent / "published.json").read_text())
    docs = list(DocBin().from_disk(path).get_docs(load_pipeline().vocab))
    items = [
        ArticleInput(doc.text, dt.date.fromisoformat(day) if day else None)
        for doc, day in zip(docs, days, strict=True)
    ]
    start = time.perf_counter()
    reports = [build_report(doc, item) for doc, item in zip(docs, items, strict=True)]
    seconds = time.perf_counter() - start
    whole = hashlib.sha256()
    if digests:
        for report in reports:
            whole.update(report.model_dump_json().encode("utf-8"))
    print(json.dumps({"seconds": seconds, "sha256": whole.hexdigest() if digests else None}))


def run_child(src: Path, path: Path, digests: bool) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(src))
    command = [sys.executable, __file__, "--child", str(path)] + (["--digests"] if digests else [])
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"run with {src} failed:\n{done.stderr[-2000:]}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--against", type=Path, action="append", default=[], help="another checkout's src"
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per checkout")
    parser.add_argument("--sets", nargs="+", default=["samples", "gva-dev", "polnear-dev"])
    parser.add_argument("--digests", action="store_true", help="compare REPORT-V1 output too")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.digests)
        return
    trees = {str(src): src.resolve() for src in args.against}
    trees["this"] = ROOT / "src"
    with tempfile.TemporaryDirectory() as tmp:
        path = parse(args.sets, Path(tmp))
        print(f"{' + '.join(args.sets)}: parsed once; {args.repeat} runs per checkout, alternating")
        runs: dict[str, list[float]] = {name: [] for name in trees}
        hashes: dict[str, set[object]] = {name: set() for name in trees}
        for k in range(args.repeat):
            for name, src in trees.items():
                result = run_child(src, path, args.digests)
                runs[name].append(float(str(result["seconds"])))
                hashes[name].add(result["sha256"])
                print(f"  run {k + 1} {name}: {runs[name][-1]:.2f} s", flush=True)
    medians = {name: statistics.median(times) for name, times in runs.items()}
    first = next(iter(medians.values()))
    for name in trees:
        print(f"{name}: median {medians[name]:.2f} s, {medians[name] / first:.2f} of the first")
    if args.digests:
        same = len({h for found in hashes.values() for h in found}) == 1
        print("REPORT-V1 output: " + ("identical" if same else "DIFFERENT"))


if __name__ == "__main__":
    main()
