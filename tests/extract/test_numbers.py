"""Counts read from text: bounds, ranges, and numbers too absurd to be counts (invented)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newstally.extract.numbers import (
    MAX_COUNT,
    _may_start_quantity,
    _quantity_first_words,
    find_counts,
    read_quantity,
)
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
        ("Half a million people have fled.", [(500_000, 500_000)]),
        ("Half a dozen soldiers were hurt.", [(6, 6)]),
        ("Some 27-hundred people were killed.", [(2700, 2700)]),
        ("More than ten-thousand people were evacuated.", [(10_001, None)]),
        ("Some 3 000 people were displaced.", [(3000, 3000)]),
        ("The flood displaced 1 200 000 people.", [(1_200_000, 1_200_000)]),
        ("The death toll surpassed 3,000 on Monday.", [(3001, None)]),
        ("The toll has topped 150 people.", [(151, None)]),
        ("Rebels agreed to hand over two captured soldiers.", [(2, 2)]),
        ("\u2018At least 2,300 people died,\u2019 he said.", [(2300, None)]),
    ],
    ids=["range", "reversed-range", "over", "up-to", "half-a-million", "half-a-dozen",
         "hyphen-hundred", "hyphen-thousand", "space-grouped", "space-grouped-millions",
         "surpassed", "topped", "particle-over", "curly-quote"],
)
def test_bounds_of_a_count(nlp: Language, text: str, expected: list[tuple[int, int]]) -> None:
    assert bounds(nlp, text) == expected


def test_a_number_of_hundreds_of_digits_is_not_a_count(nlp: Language) -> None:
    assert bounds(nlp, f"Officials said {'9' * 400} people were killed.") == []


def test_a_count_above_the_limit_is_not_read(nlp: Language) -> None:
    assert bounds(nlp, f"{MAX_COUNT * 10:,} people were affected.") == []
    assert bounds(nlp, "8,000,000 people were affected.") == [(8_000_000, 8_000_000)]


def test_a_token_ruled_out_by_its_words_reads_no_count(nlp: Language) -> None:
    """`find_counts` skips tokens that cannot start a count; each one it skips reads nothing."""
    doc = nlp(
        "Some 3 000 people, twenty-five soldiers, half a million voters, several hundred "
        "residents, a couple of medics, 27-hundred troops, 1.2 million and a dozen others "
        "fled; no one was hurt, officials said on Monday, 12 May, at 9:30."
    )
    first_words = _quantity_first_words()
    skipped = [t for t in doc if not _may_start_quantity(t.lower_, first_words)]
    assert skipped and all(read_quantity(doc, t.i) is None for t in skipped)
