"""Hash every REPORT-V1 output on the fixed inputs, to show a refactor changed no output.

A restructuring (word lists moved to data files, modules split) must leave every report
byte-identical. This script extracts each input set, serialises every report as REPORT-V1 JSON
and prints one sha256 per set (and one over all of them). `--digests FILE` also writes one line
per article (set, id, sha256) so two runs can be diffed to find the article that changed.

    python scripts/output_hashes.py                       # every set
    python scripts/output_hashes.py samples seed gva-dev  # some of them
    python scripts/output_hashes.py --digests before.tsv  # per-article digests too

Sets: samples (samples/*.txt with their .meta.json), seed (../shared/fixtures/seed-report.txt),
and the four evaluation sets in ../shared/eval (gva-dev, gva-train, polnear-dev, polnear-train).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVAL_SETS = ("gva-dev", "gva-train", "polnear-dev", "polnear-train")
ALL_SETS = ("samples", "seed", *EVAL_SETS)


def _inputs(name: str) -> Iterator[tuple[str, object]]:
    """(label, ArticleInput) for every article of one set, in a fixed order."""
    import datetime as dt

    from newstally import ingest
    from newstally.extract import report

    article_input = getattr(report, "ArticleInput", None) or ingest.ArticleInput
    if name == "samples":
        from newstally.ingest.inputs import read_text_article

        for path in sorted((ROOT / "samples").glob("*.txt")):
            yield path.stem, read_text_article(path)
    elif name == "seed":
        text = (SHARED / "fixtures" / "seed-report.txt").read_text(encoding="utf-8")
        yield "seed-report", article_input(text=text, published=None)
    else:
        with (SHARED / "eval" / f"{name}.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                record = json.loads(line)
                published = (
                    dt.date.fromisoformat(record["published"]) if record.get("published") else None
                )
                yield record["id"], article_input(text=record["text"], published=published)


def hash_set(name: str, workers: int) -> tuple[str, list[tuple[str, str]], float]:
    """The set's sha256 over its reports in order, each article's own digest, and seconds."""
    from newstally.extract import extract_many

    labels, items = zip(*_inputs(name), strict=True)
    started = time.perf_counter()
    reports = extract_many(items, fast=workers > 1, n_process=workers if workers > 1 else None)
    whole = hashlib.sha256()
    digests: list[tuple[str, str]] = []
    for label, found in zip(labels, reports, strict=True):
        blob = found.model_dump_json().encode("utf-8")
        whole.update(hashlib.sha256(blob).digest())
        digests.append((label, hashlib.sha256(blob).hexdigest()))
    return whole.hexdigest(), digests, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", metavar="SET", help=f"any of {', '.join(ALL_SETS)}")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (1: in-process)")
    parser.add_argument("--digests", type=Path, help="write per-article digests (TSV) here")
    args = parser.parse_args(argv)
    names = args.sets or list(ALL_SETS)
    unknown = sorted(set(names) - set(ALL_SETS))
    if unknown:
        parser.error(f"unknown set {', '.join(unknown)}; choose from {', '.join(ALL_SETS)}")
    total = hashlib.sha256()
    rows: list[str] = []
    for name in names:
        digest, digests, seconds = hash_set(name, args.workers)
        total.update(digest.encode())
        rows.extend(f"{name}\t{label}\t{d}" for label, d in digests)
        print(f"{name:14} {len(digests):5} articles  {digest}  ({seconds:.0f} s)", flush=True)
    print(f"{'all':14} {'':5}           {total.hexdigest()}  ({' '.join(names)})")
    if args.digests:
        args.digests.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
