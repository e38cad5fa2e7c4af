"""People nouns beyond soldiers and civilians: doers ('kidnappers'), 'others', 'X heads'."""

from __future__ import annotations

from newstally.extract.pipeline import load_pipeline
from newstally.extract.report import extract
from newstally.extract.totals import follow_victims
from newstally.model import Figure


def figures(text: str) -> dict[str, Figure]:
    return {f.count.text: f for f in extract(text, None).figures}


def test_people_named_for_what_they_did_are_counted_with_role_other() -> None:
    found = figures("Rangers said they had shot dead 8 poachers near the salt pans on Friday.")
    assert found["8"].measure.value == "killed"
    assert found["8"].subject.role is not None and found["8"].subject.role.value == "other"


def test_others_counts_what_the_count_before_it_counted() -> None:
    found = figures(
        "The coastguard said its crews had arrested 11 smugglers and questioned four others "
        "at the harbour."
    )
    assert set(found) == {"11", "four"}
    assert found["four"].subject.role is not None
    assert found["four"].subject.role.value == "other"


def test_others_after_a_count_of_things_is_not_a_figure() -> None:
    found = figures("Engineers repaired 30 bridges and inspected 12 others before the rains.")
    assert found == {}


def test_the_head_of_something_is_an_official() -> None:
    found = figures(
        "Investigators questioned 40 people, including three department heads, over the fraud."
    )
    assert "three" in found
    assert found["three"].subject.role is not None
    assert found["three"].subject.role.value == "officials"


def test_head_of_cattle_is_not_a_figure() -> None:
    assert figures("The storm killed 50 head of cattle on the plain.") == {}


def test_the_victim_tracker_leaves_a_doer_described_by_his_deed_to_the_names() -> None:
    # a doer described by his deed ('the attacker') is usually also named; the tracker cannot
    # link the two, so for totals he is no new victim (figures still count '8 poachers')
    doc = load_pipeline()("A guard shot the robber in the leg on Sunday.")
    victims, _, _ = follow_victims(doc)
    assert victims == []


def test_a_harm_count_that_names_no_one_counts_people() -> None:
    found = figures("Mudslides kill 17 in hill villages as rain continues")
    assert found["17"].measure.value == "killed"
    assert found["17"].subject.role is not None and found["17"].subject.role.value == "people"


def test_a_deployment_that_names_no_one_gets_no_default_role() -> None:
    found = figures("The ministry said it had sent 300 to the border on Monday.")
    assert all(f.subject.role is None or f.subject.role.value != "people" for f in found.values())


def test_a_two_word_entry_decides_over_its_last_word() -> None:
    found = figures(
        "Rangers said they had arrested 5 gang members and that 2 police officers were hurt."
    )
    assert found["5"].subject.role is not None and found["5"].subject.role.value == "other"
    assert found["2"].subject.role is not None and found["2"].subject.role.value == "officials"


def test_a_detained_count_that_names_no_one_counts_people() -> None:
    found = figures("Crowds filled the square on Friday, and about 300 were arrested by police.")
    assert found["about 300"].measure.value == "detained"
    role = found["about 300"].subject.role
    assert role is not None and role.value == "people"
