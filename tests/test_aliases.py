"""One alias table for extraction and tally: a figure's group and its series key agree."""

from __future__ import annotations

import pytest

from newstally.aliases import group_table
from newstally.extract.subjects import group_of as extracted_group
from newstally.tally.groups import country_code, normalise_group


def test_every_alias_names_the_same_group_in_extraction_and_tally() -> None:
    table = group_table()
    disagreeing = {
        alias: (extracted_group(alias), normalise_group(alias))
        for alias in [*table.aliases, *table.cased]
        if extracted_group(alias) != normalise_group(alias)
    }
    assert disagreeing == {}


@pytest.mark.parametrize(
    ("words", "group"),
    [
        ("US", "United States"),
        ("the US", "United States"),
        ("Filipinos", "Philippines"),
        ("Ukraine's", "Ukraine"),
        ("DPRK", "North Korea"),
        ("us", None),  # the pronoun
    ],
)
def test_extraction_reads_a_whole_phrase(words: str, group: str | None) -> None:
    assert extracted_group(words) == group


def test_the_tally_finds_an_alias_inside_a_phrase_but_not_the_pronoun() -> None:
    assert normalise_group("troops sent by the US") == "United States"
    assert normalise_group("several of us") == "several of us"
    assert country_code("Filipino") == "PH"
