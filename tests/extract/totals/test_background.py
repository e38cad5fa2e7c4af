"""Text about other events in invented stories: repeats, earlier incidents, links, tallies."""

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


def test_a_repeated_lead_is_read_once(nlp: Language) -> None:
    lead = "A gunman opened fire outside a diner, killing one man and wounding another."
    assert totals(nlp, f"{lead} Police are still looking for the gunman. {lead}") == (1, 1)


def test_a_sentence_about_an_earlier_incident(nlp: Language) -> None:
    text = (
        "A woman was shot and killed outside her home on Sunday, police said. "
        "Last August, a man was fatally shot on the same block."
    )
    assert totals(nlp, text) == (1, 0)


def test_a_tally_of_several_shootings_is_not_this_one(nlp: Language) -> None:
    text = (
        "Two men were shot, one fatally, outside a laundromat on Friday night. "
        "At least nine other people were wounded in shootings across the county over the weekend."
    )
    assert totals(nlp, text) == (1, 1)


def test_a_link_to_another_story_counts_nothing(nlp: Language) -> None:
    text = (
        "A woman was found shot to death in her home on Sunday, deputies said. "
        "More: Neighbor says 4 bodies found in a house on Lake Road. "
        "A man was later found dead in a truck nearby."
    )
    assert totals(nlp, text) == (2, 0)
