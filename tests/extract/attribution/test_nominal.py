"""Nouns as cues, read from invented news sentences: 'the senator's criticism of ...'."""

from __future__ import annotations

from newstally.extract.report import extract
from newstally.model import Attribution


def attributions(text: str) -> list[Attribution]:
    return extract(text).attributions


def test_a_nominal_cue_with_an_owner_takes_its_topic() -> None:
    text = "The senator's criticism of the harbor plan surprised her colleagues."
    found = [(a.cue, a.source.text, text[a.content.start : a.content.end])
             for a in attributions(text)]
    assert found == [("criticism", "senator's", "of the harbor plan")]


def test_a_date_after_a_nominal_cue_is_not_its_topic() -> None:
    text = "His remarks on Saturday were brief."
    assert attributions(text) == []
