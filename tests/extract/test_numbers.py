"""Counts read from text: bounds, ranges, and numbers too absurd to be counts (invented)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newstally.extract.numbers import MAX_COUNT, find_counts
from newstally.extract.pipeline import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def bounds(nlp: Language, text: str) -> list[tuple[int | None, int | None]]:
    return [(c.low, c.high) for c in find_counts(nlp(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The storm injured between 20 and 30 people.", [(20, 30)]),
        ("The storm injured between 50 and 10 people.", [(10, 50)]),
        ("Over 100 soldiers were wounded.", [(101, None)]),
        ("Up to 40 people are missing.", [(None, 40)]),
    ],
    ids=["range", "reversed-range", "over", "up-to"],
)
def test_bounds_of_a_count(nlp: Language, text: str, expected: list[tuple[int, int]]) -> None:
    assert bounds(nlp, text) == expected


def test_a_number_of_hundreds_of_digits_is_not_a_count(nlp: Language) -> None:
    assert bounds(nlp, f"Officials said {'9' * 400} people were killed.") == []


def test_a_count_above_the_limit_is_not_read(nlp: Language) -> None:
    assert bounds(nlp, f"{MAX_COUNT * 10:,} people were affected.") == []
    assert bounds(nlp, "8,000,000 people were affected.") == [(8_000_000, 8_000_000)]
