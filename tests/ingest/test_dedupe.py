"""Near-duplicates: one invented wire story, lightly edited copies, and different stories."""

from __future__ import annotations

import pytest

from newstally.ingest.dedupe import THRESHOLD, DuplicateIndex, find_duplicates, jaccard

WIRE = """KESH, Valdoria (Lantern Wire) - At least 12 people were killed and 40 injured when the
Ostra river burst its banks on Monday, flooding low-lying districts of the town of Kesh, the
regional governor said.
Governor Anton Brel told reporters that rescue teams were still searching for seven people
reported missing, and that more than 300 homes had been damaged by the water.
"We have never seen water this high," said Ilse Varga, a resident who spent the night on the
roof of her house with her two children before a boat reached them.
The civil protection agency said 1,200 people had been moved to schools and sports halls on
higher ground, and warned that more rain was expected in the mountains upstream on Tuesday.
The Ostra last flooded in 2009, when four people died. Residents said the embankments built
after that flood had not been maintained.
Lantern Wire reporter Mara Quill contributed from Kesh."""

# The copies an outlet would run: its own lead-in, a changed word or two, a trimmed ending.
COPIES = {
    "courier": WIRE.replace("KESH, Valdoria (Lantern Wire) - ", "")
    .replace("told reporters", "said")
    .replace("Lantern Wire reporter Mara Quill contributed from Kesh.", "(Kesh Courier)"),
    "gazette": "FLOODS: " + WIRE.replace("sports halls", "gymnasiums").replace(
        "more rain was expected", "heavier rain was forecast"
    ),
    "herald": WIRE.rsplit("\n", 3)[0] + "\nThis story has been updated.",
}

# The same event, the same names and numbers, written by another reporter.
OTHER_REPORT = """Twelve people died in Kesh on Monday after the Ostra river overflowed, officials
in Valdoria said. Forty were hurt. Governor Anton Brel said seven residents were missing and
300 homes were damaged; 1,200 people spent the night in schools. Ilse Varga, who waited on her
roof with her children, said the water had never been so high. The river last flooded in 2009."""

UNRELATED = """The central bank of Valdoria raised its main interest rate by a quarter of a
percentage point on Thursday, citing persistent inflation in food and energy prices, and said
further increases could follow if wages kept rising faster than productivity."""


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
