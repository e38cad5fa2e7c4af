"""Print how often figures-only reports agree with full-mode ones, figure by figure.

A figure agrees when one in the other mode has the same measure, count low/high, source name
and evidence span. Run from the repository root:

    python scripts/figures_only_agreement.py samples ../shared/eval/gva-dev.jsonl
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from newstally.extract.pipeline import load_pipeline
from newstally.extract.report import extract
from newstally.model import Report


def _texts(arg: str) -> list[str]:
    path = Path(arg)
    if path.is_dir():
        return [p.read_text() for p in sorted(path.glob("*.txt"))]
    return [json.loads(line)["text"] for line in path.read_text().splitlines() if line.strip()]


def _keys(report: Report) -> Counter[str]:
    return Counter(
        json.dumps(
            [
                f.measure,
                f.count.model_dump(mode="json"),
                f.source.name,
                [f.evidence.start, f.evidence.end],
            ],
            default=str,
        )
        for f in report.figures
    )


def main(args: list[str]) -> None:
    nlp = load_pipeline()
    for arg in args:
        same = total = 0
        for text in _texts(arg):
            full = _keys(extract(text, nlp=nlp))
            fast = _keys(extract(text, nlp=nlp, figures_only=True))
            total += sum((full | fast).values())
            same += sum((full & fast).values())
        print(f"{arg}: {same}/{total} figures agree ({same / max(total, 1):.4f})")


if __name__ == "__main__":
    main(sys.argv[1:])
