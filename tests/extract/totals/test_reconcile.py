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
