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
        "Police are investigating a shooting that left a man wounded on Elm Street. "
        "Officers were called around 3:15 p.m. and found him in a parked car."
    )
    assert event_date(nlp, text) == SATURDAY


def test_a_day_beside_the_shooting_wins(nlp: Language) -> None:
    text = "A man was shot late Friday outside a store on Elm Street, police said."
    assert event_date(nlp, text) == dt.date(2024, 3, 15)
