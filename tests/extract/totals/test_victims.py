"""Victims followed through invented stories: who is new, who is mentioned again, once each."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from newstally.extract.report import extract
from newstally.model import Measure

PUBLISHED = dt.date(2024, 5, 6)


def totals(nlp: Language, text: str) -> tuple[int | None, int | None]:
    """(killed, injured) lows of the report; None where the report has no total."""
    report = extract(text, published=PUBLISHED, nlp=nlp)
    killed = report.totals.get(Measure.KILLED)
    injured = report.totals.get(Measure.INJURED)
    return (killed.low if killed else None, injured.low if injured else None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a relative clause is about the noun it hangs on
        ("Officers found a 30-year-old man who had just been shot in the arm outside a bakery.",
         (0, 1)),
        # both conjuncts are victims, and the second is a different person from the first
        ("A 70-year-old man and his 68-year-old wife were wounded when someone fired through "
         "their front door. The couple was taken to a hospital.", (0, 2)),
        # 'another' standing alone is a second person
        ("Someone fired into a kitchen window, killing one man and injuring another.", (1, 1)),
        # 'was slain'; 'the 52-year-old' is the victim of that age, not the one named last
        ("A 52-year-old man was slain and another man was badly hurt in gunfire on Elm Road. "
         "The 52-year-old was pronounced dead at the scene.", (1, 1)),
    ],
)
def test_victims_counted_once_each(nlp: Language, text: str, expected: tuple[int, int]) -> None:
    assert totals(nlp, text) == expected


def test_a_second_victim_is_new_only_once(nlp: Language) -> None:
    text = (
        "A woman was shot near a bus stop on Monday night. Police said a second woman was shot "
        "in the leg. Later, a second woman who had been shot in the hand was treated and released."
    )
    assert totals(nlp, text) == (0, 2)


def test_a_victim_found_later_is_the_same_person(nlp: Language) -> None:
    text = (
        "A man was shot on Tuesday afternoon near a park. Hours later a hospital told police "
        "that a victim had arrived with gunshot wounds."
    )
    assert totals(nlp, text) == (0, 1)


def test_shot_and_killed_is_one_victim(nlp: Language) -> None:
    text = "Another man was shot and killed on Oak Street late Friday, police said."
    assert totals(nlp, text) == (1, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officers found Dana Reyes, 17, and Omar Platt, 16, in a parked car, both suffering "
         "from gunshot wounds.", (0, 2)),
        ("Couple critically injured in late-night shooting. The couple was taken to a hospital.",
         (0, 2)),
        # the two people shot include the man who died
        ("Deputies found two people with gunshot wounds in a garage. A man was pronounced dead "
         "at the scene.", (1, 1)),
    ],
)
def test_a_group_of_known_size(nlp: Language, text: str, expected: tuple[int, int]) -> None:
    assert totals(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the shooter is the second one killed
        ("A 64-year-old man fatally shot his brother and then himself on Sunday, deputies said.",
         (2, 0)),
        # 'he killed himself' is the shooter, not the wife he shot, who lived
        ("A man told a dispatcher he shot his wife and said she was still breathing, then he "
         "killed himself, police said.", (1, 1)),
    ],
)
def test_a_shooter_who_turns_the_gun_on_himself(
    nlp: Language, text: str, expected: tuple[int, int]
) -> None:
    assert totals(nlp, text) == expected


def test_a_name_given_with_an_age_joins_the_victim_of_no_other_age(nlp: Language) -> None:
    text = (
        "A 58-year-old man shot his wife and then himself in their kitchen, police said. "
        "Ronald Pike, 58, shot 55-year-old Carol Pike before turning the gun on himself."
    )
    assert totals(nlp, text) == (0, 2)


def test_a_girl_after_she_is_the_same_victim(nlp: Language) -> None:
    text = (
        "Tanya Moss said she was sitting on her porch when she was suddenly shot. "
        "Police said a 16-year-old girl was shot in the arm early Sunday."
    )
    assert totals(nlp, text) == (0, 1)


def test_spouses_who_share_a_surname_are_two_people(nlp: Language) -> None:
    text = (
        "Deputies found Ellen Marsh, 45, dead inside the home on Sunday. "
        "On Monday, police found Victor Marsh dead in a car."
    )
    assert totals(nlp, text) == (2, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deputies say Cole Ames, 24, was shot in the leg after a chase. A man who ran from "
         "deputies was shot as he reached a fence.", (0, 1)),
        ("Deputies say Cole Ames, 24, was shot in the leg after a chase. A woman was also shot "
         "in the arm.", (0, 2)),
    ],
)
def test_a_named_victim_described_again(
    nlp: Language, text: str, expected: tuple[int, int]
) -> None:
    assert totals(nlp, text) == expected
