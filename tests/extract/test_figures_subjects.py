"""Whose people a count names: the doer of a harm does not own its victims, and a group talked
about before is not carried to people of another kind."""

from __future__ import annotations

from newstally.extract.report import extract
from newstally.model import Figure


def figures(text: str) -> dict[str, Figure]:
    return {f.count.text: f for f in extract(text, None).figures}


def test_a_sender_owns_the_troops_it_sends() -> None:
    found = figures("Poland sent 3,000 troops to the frontier on Monday.")
    assert found["3,000"].subject.group == "Poland"


def test_a_harm_in_a_country_does_not_make_its_victims_that_country_s_forces() -> None:
    found = figures("A shelling of a bus depot in Ukraine's east killed 9 people on Sunday.")
    assert found["9"].subject.group is None


def test_the_army_s_group_is_not_carried_to_the_people_it_fought() -> None:
    text = (
        "Ukraine sent 400 troops to the border on Monday. "
        "A spokesman said the soldiers had killed 12 smugglers in a night raid."
    )
    found = figures(text)
    assert found["400"].subject.group == "Ukraine"
    assert found["12"].subject.group is None
