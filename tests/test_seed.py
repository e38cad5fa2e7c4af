"""The acceptance case: the seed report in ../shared must be read exactly as its gold says."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstally.evaluate.gold import score_file

SHARED = (Path(__file__).parents[1] / ".." / "shared").resolve()
SEED_TEXT = SHARED / "fixtures" / "seed-report.txt"
SEED_GOLD = SHARED / "fixtures" / "seed-report.gold.json"


def test_seed_report_matches_its_gold() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent: {SHARED} holds the seed report and its gold")
    result = score_file(SEED_TEXT, SEED_GOLD)
    assert result.misses == [], "\n".join(
        [f"seed report scored {result.passed}/{result.checks}:", *result.misses]
    )
