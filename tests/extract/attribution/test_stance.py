"""Adjectives of stance after a copula, read from an invented sentence: 'were worried that ...'."""

from __future__ import annotations

from newstally.extract.report import extract
from newstally.model import Attribution


def attributions(text: str) -> list[Attribution]:
    return extract(text).attributions


def test_an_adjective_of_stance_after_a_copula_is_a_cue() -> None:
    text = "The fishermen were worried that the new quotas would end their season."
    found = [(a.cue, a.source.text, text[a.content.start : a.content.end])
             for a in attributions(text)]
    assert found == [
        ("worried", "fishermen", "that the new quotas would end their season")
    ]
