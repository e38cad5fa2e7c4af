"""Which words are cues, read from invented news sentences: the table, and verbs of a view."""

from __future__ import annotations

from newstally.extract.report import extract
from newstally.model import Attribution


def attributions(text: str) -> list[Attribution]:
    return extract(text).attributions


def test_a_common_noun_subject_can_hold_a_stance() -> None:
    text = "The appeals court ruled that the new voting rules were unlawful."
    found = attributions(text)
    assert [(a.cue, a.source.text) for a in found] == [("rule", "appeals court")]


def test_a_verb_of_causing_is_not_a_cue() -> None:
    text = "The new rule allows farmers to sell their grain abroad."
    assert attributions(text) == []


def test_a_relative_pronoun_holds_the_view_of_its_antecedent() -> None:
    text = "The fishermen's union, which endorsed the harbor plan last year, now opposes it."
    found = [(a.cue, a.source.text) for a in attributions(text)]
    assert ("endorse", "which") in found


def test_a_verb_of_the_manner_of_saying_is_a_cue() -> None:
    text = "Protesters chanted slogans against the new mine outside the hall."
    found = [(a.cue, a.source.text) for a in attributions(text)]
    assert found == [("chant", "Protesters")]


def test_seeing_something_as_something_is_a_view() -> None:
    text = "Local critics see the new harbor tax as a gift to developers."
    found = [(a.cue, a.source.text) for a in attributions(text)]
    assert found == [("see", "Local critics")]
