"""Statements attributed to no one named: passives, seeming and hearsay, in invented sentences."""

from __future__ import annotations

from newstally.extract.report import extract
from newstally.model import Attribution


def attributions(text: str) -> list[Attribution]:
    return extract(text).attributions


def unsourced(text: str) -> list[tuple[str, str]]:
    return [(a.cue, text[a.content.start : a.content.end])
            for a in attributions(text) if a.source.text is None]


def test_an_agentless_passive_cue_attributes_to_no_one_named() -> None:
    text = "The mayor is expected to resign next week."
    assert unsourced(text) == [("expect", "The mayor is expected to resign next week")]


def test_a_verb_of_seeming_is_the_writer_s_impression() -> None:
    text = "The new stadium seems too expensive for the city."
    assert unsourced(text) == [("seem", "The new stadium seems too expensive for the city")]


def test_a_hearsay_adverb_attributes_its_clause() -> None:
    text = "The driver allegedly fled the scene after the crash."
    assert unsourced(text) == [("allegedly", "The driver allegedly fled the scene after the crash")]


def test_an_unsourced_cue_inside_a_sourced_one_leaves_the_source() -> None:
    text = "Police said 12 people are believed killed in the blast."
    report = extract(text)
    assert [(a.cue, a.source.text) for a in report.attributions] == [("say", "Police")]
    assert [f.source.text for f in report.figures if f.source] == ["Police"]
