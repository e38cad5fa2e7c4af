"""Cue verbs read from invented news sentences: the verb, its source and what it attributes."""

from __future__ import annotations

from newstally.extract.report import extract
from newstally.model import Attribution


def attributions(text: str) -> list[Attribution]:
    return extract(text).attributions


def content_of(text: str, cue: str) -> list[str]:
    """The content of every attribution with this cue lemma, as words."""
    return [text[a.content.start : a.content.end] for a in attributions(text) if a.cue == cue]


def test_an_aside_after_a_comma_is_not_part_of_what_was_said() -> None:
    text = "The mayor claimed that the bridge was safe, although he later refused to close it."
    claimed = content_of(text, "claim")
    assert claimed == ["that the bridge was safe"]
    assert content_of(text, "refuse") == ["to close it"]


def test_a_relative_clause_on_the_object_is_its_own_statement() -> None:
    text = "The teachers' union endorsed Maria Lopez, who says she is grateful."
    assert content_of(text, "endorse") == ["Maria Lopez"]


def test_a_verb_of_voicing_a_view_takes_its_object_as_content() -> None:
    text = "The governor expressed deep doubts about the new stadium."
    found = [(a.cue, a.source.text, text[a.content.start : a.content.end])
             for a in attributions(text)]
    assert found == [("express", "governor", "deep doubts about the new stadium")]


def test_mentioning_something_attributes_it() -> None:
    text = "In her speech, Senator Alvarez mentioned the rising cost of child care."
    assert [a.cue for a in attributions(text)] == ["mention"]


def test_a_second_verb_shares_the_subject_of_the_first() -> None:
    text = "The senator praised the farmers and criticized the new import rules."
    found = [(a.cue, a.source.text, text[a.content.start : a.content.end])
             for a in attributions(text)]
    assert ("criticize", "senator", "the new import rules") in found


def test_by_saying_takes_the_subject_of_the_verb_it_hangs_on() -> None:
    text = "The minister answered critics by saying that the budget was balanced."
    found = [(a.cue, a.source.text) for a in attributions(text)]
    assert ("say", "minister") in found


def test_a_verb_of_voicing_a_view_through_a_preposition() -> None:
    text = "The governor railed against the new fishing quotas."
    found = [(a.cue, a.source.text, text[a.content.start : a.content.end])
             for a in attributions(text)]
    assert found == [("rail", "governor", "against the new fishing quotas")]


def test_a_preposition_of_time_is_not_the_content() -> None:
    text = "The governor spoke on Tuesday in the capital."
    assert [a.cue for a in attributions(text)] == []


def test_an_accusation_names_its_charge() -> None:
    text = "The council accused the contractor of hiding the cost overruns."
    found = [(a.cue, a.source.text, text[a.content.start : a.content.end])
             for a in attributions(text)]
    assert found == [("accuse", "council", "the contractor of hiding the cost overruns")]


def test_agreeing_and_complaining_need_no_clause() -> None:
    text = "The farmers complained about the new water tax."
    found = [(a.cue, a.source.text, text[a.content.start : a.content.end])
             for a in attributions(text)]
    assert found == [("complain", "farmers", "about the new water tax")]
