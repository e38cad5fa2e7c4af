"""Stated figures the totals trust, in invented stories: all shot dead, a part, the doers."""

from __future__ import annotations

import datetime as dt

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


def test_a_count_shot_to_death_is_killed(nlp: Language) -> None:
    text = (
        "Neighbors mourned the two men shot to death outside a warehouse on Saturday. "
        "The first died on the pavement; the second died in an ambulance."
    )
    assert totals(nlp, text) == (2, 0)


def test_a_count_in_a_clause_of_its_own_is_not_the_shot(nlp: Language) -> None:
    text = (
        "Detectives said Lyle Brand shot his girlfriend while the two were arguing in a kitchen "
        "on Hope Street. She was in stable condition on Monday."
    )
    assert totals(nlp, text) == (0, 1)


def test_one_of_the_bodies_is_a_part_not_the_total(nlp: Language) -> None:
    text = (
        "A mother and her son were found shot to death in their house on Sunday. "
        "Police said one of the bodies lay in a back bedroom."
    )
    assert totals(nlp, text) == (2, 0)


def test_a_count_doing_the_harm_is_not_hurt(nlp: Language) -> None:
    text = (
        "Police said a clerk was shot in the arm during the robbery. "
        "\u201cAll of these lives were put in danger by these two individuals,\u201d "
        "a detective said."
    )
    assert totals(nlp, text) == (0, 1)
