"""Gold files and the articles they describe: reading, finding and scoring them.

'samples/01-x.gold.json' describes 'samples/01-x.txt' (or its `input.file`), published on its
`input.published`; an unreadable or malformed file is an InputError naming it.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language

from newstally.errors import InputError
from newstally.evaluate.gold.checks import GoldScore
from newstally.evaluate.gold.report import score_report

GOLD_SUFFIX = ".gold.json"


# Gold files are small; anything bigger is not a gold file.
MAX_GOLD_BYTES = 2_000_000


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read a gold file; an unreadable or malformed one is an InputError naming the file."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_GOLD_BYTES:
            raise InputError(f"{path}: is larger than {MAX_GOLD_BYTES:,} bytes; not a gold file")
        gold = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such gold file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read gold file: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not JSON (line {exc.lineno}: {exc.msg})") from exc
    if not isinstance(gold, dict) or not isinstance(gold.get("figures", []), list):
        raise InputError(f"{path}: not a gold file (want an object with a 'figures' list)")
    return gold


def gold_published(gold: dict[str, Any], path: str | Path = "gold") -> dt.date | None:
    """The publication date the gold was made for (`input.published`)."""
    value = (gold.get("input") or {}).get("published")
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise InputError(f"{path}: input.published {value!r} is not YYYY-MM-DD") from exc


def score_file(
    text_path: str | Path, gold_path: str | Path, nlp: Language | None = None
) -> GoldScore:
    """Extract the article at `text_path` (published as the gold says) and score it."""
    from newstally.extract import extract

    gold = load_gold(gold_path)
    text_path = Path(text_path)
    try:
        text = text_path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(f"{text_path}: no such article file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{text_path}: cannot read article: {exc}") from exc
    report = extract(text, gold_published(gold, gold_path), nlp=nlp)
    return score_report(report, gold)


def gold_files(paths: Sequence[str | Path]) -> list[Path]:
    """Gold files named directly or found in the named directories, in name order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(path.glob(f"*{GOLD_SUFFIX}")))
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(f"{path}: no such gold file or directory")
    return found


def sample_name(gold_path: Path) -> str:
    """'samples/01-x.gold.json' -> '01-x': the key of a sample in the baseline file."""
    return gold_path.name.removesuffix(GOLD_SUFFIX)


def text_path_for(gold_path: Path, gold: dict[str, Any]) -> Path:
    """The article a gold file describes: `input.file`, beside the gold file."""
    name = (gold.get("input") or {}).get("file") or sample_name(gold_path) + ".txt"
    return gold_path.parent / str(name)


def score_paths(paths: Sequence[str | Path], nlp: Language | None = None) -> dict[str, GoldScore]:
    """Score every gold file in `paths` against the extractor, keyed by sample name."""
    from newstally.extract.pipeline import load_pipeline

    found = gold_files(paths)
    pipeline = nlp or load_pipeline()
    scores: dict[str, GoldScore] = {}
    for gold_path in found:
        gold = load_gold(gold_path)
        scores[sample_name(gold_path)] = score_file(
            text_path_for(gold_path, gold), gold_path, pipeline
        )
    return scores


def baseline(scores: dict[str, GoldScore]) -> dict[str, float]:
    """Scores rounded down to 4 places, so that re-running the same extractor never falls below."""
    return {name: math.floor(s.score * 10_000) / 10_000 for name, s in sorted(scores.items())}
