"""Who a mention names, in invented stories: people named by role are victims too."""

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


@pytest.mark.parametrize("noun", ["pedestrian", "girlfriend", "cashier"])
def test_people_named_by_role(nlp: Language, noun: str) -> None:
    text = f"Police said a man shot a {noun} in the leg outside a pharmacy on Tuesday."
    assert totals(nlp, text) == (0, 1)
