"""Harm events in invented stories: shot, wounded, found dead, left hurt, or only meant."""

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
    "text",
    [
        "A woman was charged with trying to shoot a man at a gas station on Sunday.",
        "The teenager is accused of attempting to kill a neighbor during an argument.",
    ],
)
def test_an_intended_shooting_hurts_no_one(nlp: Language, text: str) -> None:
    killed, injured = totals(nlp, text)
    assert not killed and not injured


def test_a_victim_who_walks_in_with_wounds(nlp: Language) -> None:
    text = (
        "Police responded to a shooting downtown. "
        "The victim walked into the hospital with two gunshot wounds."
    )
    assert totals(nlp, text) == (0, 1)


def test_wounds_after_a_shooting_sentence(nlp: Language) -> None:
    text = (
        "Officers were called to reports of shots fired on Birch Street. "
        "They found a man who had suffered serious injuries."
    )
    assert totals(nlp, text) == (0, 1)


def test_a_stab_wound_is_not_a_gunshot(nlp: Language) -> None:
    text = (
        "Deputies heard a shot from the garage. The suspect later had a stab wound to the arm "
        "that he caused himself."
    )
    assert totals(nlp, text)[1] in (None, 0)


def test_a_shooting_that_left_a_man_hurt(nlp: Language) -> None:
    text = "A shooting on Maple Avenue left a man in critical condition on Friday, police said."
    assert totals(nlp, text) == (0, 1)


def test_the_one_alleged_to_have_shot_is_not_hurt(nlp: Language) -> None:
    text = (
        "Prosecutors said Dale Ford is alleged to have shot and wounded a clerk during a robbery "
        "in May."
    )
    assert totals(nlp, text) == (0, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bodies of two women were found on Tuesday morning in a parked van after a "
         "shooting.", (2, 0)),
        ("Officers said they found a person dead inside an apartment near the corner.", (1, 0)),
    ],
)
def test_bodies_and_the_dead(nlp: Language, text: str, expected: tuple[int, int]) -> None:
    assert totals(nlp, text) == expected


def test_a_condition_after_a_shooting_is_one_hurt(nlp: Language) -> None:
    text = "One person is in stable condition at a hospital following a shooting outside a bar."
    assert totals(nlp, text) == (0, 1)


def test_his_injuries_after_a_gun_went_off(nlp: Language) -> None:
    text = (
        "A man was cleaning a rifle in his garage on Saturday night when it discharged. "
        "His injuries were not life-threatening, a sergeant said."
    )
    assert totals(nlp, text) == (0, 1)


def test_a_gun_carried_is_not_a_gun_fired(nlp: Language) -> None:
    text = (
        "Two men armed with a handgun pushed their way into an apartment and demanded cash. "
        "The victim suffered minor injuries in the robbery."
    )
    assert totals(nlp, text)[1] in (None, 0)
