"""`python -m newstally.evaluate.gold samples/`: print the scores, or write the baseline."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from newstally.errors import NewstallyError
from newstally.evaluate.gold.files import baseline, score_paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newstally.evaluate.gold",
        description="Score the extractor against hand-made gold files.",
    )
    parser.add_argument("paths", nargs="+", help="gold files or directories of *.gold.json")
    parser.add_argument("--write-baseline", metavar="FILE", help="write the scores to FILE")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    args = parser.parse_args(argv)
    try:
        scores = score_paths(args.paths)
    except NewstallyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for name, result in sorted(scores.items()):
        print(f"{result.score:6.3f}  {result.passed:4d}/{result.checks:<4d}  {name}")
        if args.verbose:
            for miss in result.misses:
                print(f"        {miss}")
    checks = sum(s.checks for s in scores.values())
    passed = sum(s.passed for s in scores.values())
    print(f"{passed / checks if checks else 1.0:6.3f}  {passed:4d}/{checks:<4d}  (all)")
    if args.write_baseline:
        target = Path(args.write_baseline)
        target.write_text(json.dumps(baseline(scores), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {target}")
    return 0
