"""Totals from stated figures and followed victims together, in an invented story."""

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


def test_others_wounded_outweigh_a_part_of_them(nlp: Language) -> None:
    text = (
        "One teenager is dead and four others were wounded after gunfire at a cookout on "
        "Saturday. Two of the victims were shot in their legs."
    )
    assert totals(nlp, text) == (1, 4)


def test_a_story_of_a_death_that_never_says_anyone_survived_counts_no_injured(
    nlp: Language,
) -> None:
    text = (
        "Harold Vance, 81, shot his wife Edith, 77, in their den and then shot himself, a "
        "sheriff's spokesman said. Deputies found the couple dead on Tuesday."
    )
    assert totals(nlp, text) == (2, 0)


def test_a_survivor_named_anywhere_keeps_the_injured_victim(nlp: Language) -> None:
    text = (
        "A man was shot and killed and a woman was shot late Sunday on Cedar Street, police "
        "said. The woman was taken to a hospital in stable condition."
    )
    assert totals(nlp, text) == (1, 1)
