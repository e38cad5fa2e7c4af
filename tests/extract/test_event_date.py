"""The event's day, from the days an article names (invented examples)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from newstally.extract.event_date import find_event_date
from newstally.extract.pipeline import load_pipeline
from newstally.extract.time import find_time_expressions

SATURDAY = dt.date(2024, 3, 16)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def event_date(nlp: Language, text: str, published: dt.date = SATURDAY) -> dt.date | None:
    doc = nlp(text)
    return find_event_date(doc, find_time_expressions(doc, published), published)


def test_a_report_that_names_no_day_is_a_same_day_report(nlp: Language) -> None:
    text = (
        "Detectives are looking into a shooting that wounded a man on Elm Street. "
        "Officers were called around 3:15 p.m. and found him in a parked car."
    )
    assert event_date(nlp, text) == SATURDAY


def test_a_day_beside_the_shooting_wins(nlp: Language) -> None:
    text = "A man was shot late Friday outside a store on Elm Street, police said."
    assert event_date(nlp, text) == dt.date(2024, 3, 15)


def test_a_round_up_since_a_named_day_starts_on_that_day(nlp: Language) -> None:
    text = (
        "Three people were killed and at least eight others wounded in shootings across the "
        "city since Friday evening, police said. Most recently, a man was shot early Sunday "
        "near a gas station on the West Side."
    )
    assert event_date(nlp, text, dt.date(2024, 3, 17)) == dt.date(2024, 3, 15)


def test_one_shooting_over_the_weekend_is_not_a_round_up(nlp: Language) -> None:
    text = (
        "Detectives arrested a suspect in connection with the killing of a teenager over the "
        "weekend. Officers found the teenager after a shooting at about 4 p.m. Sunday."
    )
    assert event_date(nlp, text, dt.date(2024, 3, 19)) == dt.date(2024, 3, 17)


def test_a_day_dates_its_own_clause_not_the_shooting_above_it(nlp: Language) -> None:
    # 'Tuesday' dates the arrival at the clinic ('arrived'), a clause under 'wounded'
    text = (
        "A man refused to tell doctors how he was wounded when he arrived late Tuesday at a "
        "clinic, police said. He told them he had been shot two days earlier."
    )
    assert event_date(nlp, text, dt.date(2024, 3, 21)) == dt.date(2024, 3, 17)


def test_the_day_a_death_is_pronounced_follows_the_shooting(nlp: Language) -> None:
    text = (
        "A teenager was pronounced dead Monday at a children's hospital. "
        "Her parents found her with a gunshot wound at their home Friday evening, police said."
    )
    assert event_date(nlp, text, dt.date(2024, 3, 18)) == dt.date(2024, 3, 15)


def test_finding_dates_the_event_only_when_it_is_about_harm(nlp: Language) -> None:
    text = (
        "Deputies were searching Wednesday for a camper and a dozen rifles stolen from a ranch. "
        "The owner's pickup was found empty on a county road by deputies on Sunday."
    )
    assert event_date(nlp, text, dt.date(2024, 3, 21)) == dt.date(2024, 3, 20)


def test_found_shot_dates_the_event(nlp: Language) -> None:
    text = (
        "Police said Thursday that they have no suspects. A man was found shot in a parked car "
        "on Tuesday night."
    )
    assert event_date(nlp, text, dt.date(2024, 3, 21)) == dt.date(2024, 3, 19)
