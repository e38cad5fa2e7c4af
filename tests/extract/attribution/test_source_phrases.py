"""A phrase that names the source, read from an invented sentence: 'In a poll, ...'."""

from __future__ import annotations

from newstally.extract.report import extract
from newstally.model import Attribution


def attributions(text: str) -> list[Attribution]:
    return extract(text).attributions


def test_a_poll_named_in_a_prepositional_phrase_is_the_source() -> None:
    text = "In a poll released on Monday, the mayor led her rival by six points."
    found = [(a.cue, a.source.text, text[a.content.start : a.content.end])
             for a in attributions(text)]
    assert found == [("in", "poll", "the mayor led her rival by six points")]
