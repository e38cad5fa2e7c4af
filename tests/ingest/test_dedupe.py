"""Near-duplicates: one invented wire story, lightly edited copies, and different stories."""

from __future__ import annotations

import pytest

from newstally.ingest.dedupe import THRESHOLD, DuplicateIndex, find_duplicates, jaccard
from wire_story import COPIES, OTHER_REPORT, UNRELATED, WIRE


@pytest.mark.parametrize("outlet", sorted(COPIES))
def test_edited_copies_are_well_above_the_threshold(outlet: str) -> None:
    assert jaccard(WIRE, COPIES[outlet]) > 0.6


def test_different_stories_are_well_below_it() -> None:
    assert jaccard(WIRE, OTHER_REPORT) < 0.1
    assert jaccard(WIRE, UNRELATED) == 0.0
    assert THRESHOLD == 0.5


def test_copies_link_to_the_first_seen_story() -> None:
    texts = {"wire": WIRE, **COPIES, "other": OTHER_REPORT, "bank": UNRELATED}
    assert find_duplicates(texts) == {
        "wire": "wire",
        "courier": "wire",
        "gazette": "wire",
        "herald": "wire",
        "other": "other",
        "bank": "bank",
    }


def test_the_earliest_copy_is_canonical_whichever_it_is() -> None:
    texts = {"herald": COPIES["herald"], "wire": WIRE, "courier": COPIES["courier"]}
    assert set(find_duplicates(texts).values()) == {"herald"}


def test_case_and_punctuation_do_not_matter() -> None:
    shouted = WIRE.upper().replace(",", "").replace(".", " .")
    assert find_duplicates({"wire": WIRE, "shouted": shouted})["shouted"] == "wire"


def test_a_copy_cut_to_a_fraction_is_a_different_article() -> None:
    lead = WIRE.split("\n")[0] + "\n" + WIRE.split("\n")[1]
    assert jaccard(WIRE, lead) < 0.2
    assert find_duplicates({"wire": WIRE, "lead": lead})["lead"] == "lead"


def test_incremental_index() -> None:
    index = DuplicateIndex()
    assert index.add("wire", WIRE) == "wire"
    assert index.add("bank", UNRELATED) == "bank"
    assert index.add("courier", COPIES["courier"]) == "wire"
    assert index.add("courier", "anything: a key is indexed once") == "wire"
    assert index.add("empty", " ... ") == "empty"
    assert index.canonical("courier") == "wire"
    assert index.similarity("wire", "courier") > 0.6
    assert index.similarity("wire", "empty") == 0.0


def test_bad_threshold() -> None:
    with pytest.raises(ValueError, match="threshold must be in"):
        DuplicateIndex(threshold=0)
