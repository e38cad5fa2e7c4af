"""Run the extraction over an evaluation set and score it: what `newstally eval` calls.

The pipeline is loaded once, before the clock starts, so articles/s measures extraction alone.
Scoring rules live with the scorers (`counts.py`, `attributions.py`); this module only runs,
times and writes. `python -m newstally.evaluate.harness --write-baseline FILE SETS...` records
the current scores that `tests/test_eval_regression.py` guards.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, Field
from spacy.language import Language

from newstally.articles import ArticleInput
from newstally.errors import InputError, NewstallyError
from newstally.evaluate import attributions, counts
from newstally.evaluate.attributions import AttributionMiss, AttributionsScore
from newstally.evaluate.counts import CountMiss, CountsScore
from newstally.evaluate.datasets import DatasetKind, read_dataset
from newstally.extract import extract_many
from newstally.extract.pipeline import load_pipeline


class EvalResult(BaseModel):
    """Scores of one run over one evaluation set, with every miss for the errors file."""

    dataset: str
    kind: DatasetKind
    articles: int
    words: int
    seconds: float
    articles_per_s: float
    # the ledger mode (`extract.figures_only`): scores of the reports that mode makes
    figures_only: bool = False
    counts: CountsScore | None = None
    attributions: AttributionsScore | None = None
    misses: list[CountMiss | AttributionMiss] = Field(
        default_factory=list, exclude=True
    )


def evaluate(
    path: Path,
    *,
    limit: int | None = None,
    nlp: Language | None = None,
    figures_only: bool = False,
) -> EvalResult:
    """Extract every article of a JSON Lines gold set with one pipeline and score the reports;
    `figures_only` scores the ledger mode, to check it stays close to the full one.

    >>> result = evaluate(Path("../shared/eval/gva-dev.jsonl"), limit=20)
    >>> result.counts.fields["killed"].accuracy
    """
    kind, examples = read_dataset(path, limit=limit)
    pipeline = nlp or load_pipeline()
    inputs = (ArticleInput(text=e.text, published=e.published) for e in examples)
    started = time.perf_counter()
    reports = list(extract_many(inputs, nlp=pipeline, figures_only=figures_only))
    seconds = time.perf_counter() - started
    result = EvalResult(
        dataset=path.name,
        kind=kind,
        articles=len(examples),
        words=sum(len(e.text.split()) for e in examples),
        seconds=round(seconds, 2),
        articles_per_s=round(len(examples) / seconds, 1) if seconds > 0 else 0.0,
        figures_only=figures_only,
    )
    pairs = list(zip(examples, reports, strict=True))
    if kind is DatasetKind.COUNTS:
        count_outcomes = [counts.score_article(e, r) for e, r in pairs]
        result.counts = counts.summarise(count_outcomes)
        result.misses = list(counts.all_misses(count_outcomes))
    else:
        found = [attributions.score_article(e, r) for e, r in pairs]
        result.attributions = attributions.summarise(found)
        result.misses = list(attributions.all_misses(found))
    return result


def scores(result: EvalResult) -> dict[str, float]:
    """The headline figures of a run, flat: what the baseline file records and the README shows."""
    if result.counts is not None:
        return {str(field): score.accuracy for field, score in result.counts.fields.items()}
    if result.attributions is not None:
        found = result.attributions
        return {
            "precision": found.precision,
            "recall": found.recall,
            "f1": found.f1,
            "source_right": found.source_right_rate,
        }
    return {}


def summary_rows(result: EvalResult) -> list[tuple[str, str]]:
    """(measure, value) rows for a printed table: scores with their counts, misses, speed.

    >>> summary_rows(result)[0]
    ('killed', '0.7703  (161/209)')
    """
    rows: list[tuple[str, str]] = []
    if result.counts is not None:
        for field, score in result.counts.fields.items():
            rows.append((str(field), f"{score.accuracy:.4f}  ({score.right}/{score.scored})"))
        rows += [(f"miss {kind}", str(n)) for kind, n in result.counts.misses.items()]
    if result.attributions is not None:
        found = result.attributions
        rows += [
            ("precision", f"{found.precision:.4f}  ({found.matched}/{found.predicted})"),
            ("recall", f"{found.recall:.4f}  ({found.matched}/{found.gold})"),
            ("f1", f"{found.f1:.4f}"),
            ("source right", f"{found.source_right_rate:.4f}  "
                             f"({found.source_right}/{found.source_scored})"),
        ]
        rows += [(f"miss {kind}", str(n)) for kind, n in found.misses.items()]
        rows += [(f"missed, gold cue {cue}", str(n)) for cue, n in found.missed_by_cue.items()]
        rows += [(f"missed, gold cue '{words}'", str(n))
                 for words, n in list(found.missed_cue_words.items())[:5]]
    rows += [
        ("articles", str(result.articles)),
        ("articles/s", f"{result.articles_per_s}  ({result.words:,} words in {result.seconds} s)"),
    ]
    return rows


def write_errors(result: EvalResult, path: Path) -> int:
    """Write every miss as one JSON object per line, readable with `jq` or an editor; returns
    how many were written."""
    try:
        with path.open("w", encoding="utf-8") as handle:
            for miss in result.misses:
                handle.write(miss.model_dump_json() + "\n")
    except OSError as exc:
        raise InputError(f"{path}: cannot be written ({exc.strerror or exc})") from exc
    return len(result.misses)


def write_baseline(path: Path, results: Sequence[EvalResult]) -> dict[str, object]:
    """Record each set's scores in a JSON file, keeping sets already there that were not rerun.

    Speed is kept beside the scores for the record; only the scores are guarded, because speed
    depends on the machine.
    """
    baseline: dict[str, object] = {}
    if path.exists():
        try:
            baseline = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(f"{path}: is not a readable baseline file ({exc})") from exc
    for result in results:
        baseline[result.dataset] = {
            "articles": result.articles,
            "scores": scores(result),
            "articles_per_s": result.articles_per_s,
        }
    path.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return baseline


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m newstally.evaluate.harness --write-baseline tests/eval_scores.json SETS...`"""
    parser = argparse.ArgumentParser(
        prog="python -m newstally.evaluate.harness",
        description="Score evaluation sets and record the scores as the regression baseline.",
    )
    parser.add_argument("--write-baseline", type=Path, required=True, metavar="FILE")
    parser.add_argument("datasets", type=Path, nargs="+", metavar="DATASET.jsonl")
    args = parser.parse_args(argv)
    try:
        results = [evaluate(dataset) for dataset in args.datasets]
        write_baseline(args.write_baseline, results)
    except NewstallyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for result in results:
        print(f"{result.dataset}: {scores(result)} ({result.articles_per_s} articles/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
