"""Frames and quotes as attribution records, read from invented articles: each statement once."""

from __future__ import annotations

from newstally.extract.report import extract
from newstally.model import Attribution


def attributions(text: str) -> list[Attribution]:
    return extract(text).attributions


def test_a_cue_inside_a_quote_without_a_speaker_is_part_of_the_quote() -> None:
    text = (
        'Banners along the route carried one line: "We believe the council has failed every '
        'family on this street and we want it gone."'
    )
    assert [a.cue for a in attributions(text) if a.cue in {"believe", "want"}] == []


def test_a_statement_inside_another_is_part_of_it() -> None:
    text = "The mayor said the engineers believe the old bridge will not last another winter."
    found = [(a.cue, a.source.text) for a in attributions(text)]
    assert found == [("say", "mayor")]


def test_a_stray_straight_quote_does_not_pair_across_curly_quotes() -> None:
    text = (
        'A resident called the vote "a farce.\n\n'
        "“We are done with this,” the mayor said.\n\n"
        "“The fund is empty,” the treasurer said.\n\n"
        'The clerk wrote "no comment" in the minutes.'
    )
    said = [(a.source.text, text[a.content.start : a.content.end])
            for a in attributions(text) if a.cue == "say"]
    assert said == [("mayor", "We are done with this"), ("treasurer", "The fund is empty")]


def test_a_dash_signature_after_a_no_break_space_names_the_speaker() -> None:
    text = (
        "Readers wrote in about the bridge.\n"
        "“The bridge has been closed for a year and nobody seems to care at all.”\u00a0― Ana Ruiz\n"
        "“My commute is now an hour longer every single day of the week.”\u00a0― Tom Reyes\n"
    )
    speakers = [a.source.text for a in attributions(text) if a.source.text != "Readers"]
    assert speakers == ["Ana Ruiz", "Tom Reyes"]


def test_a_straight_quote_does_not_pair_across_a_paragraph_break() -> None:
    text = (
        'The mayor called the flood response "a disaster.\n\n'
        "Council members said they would vote on the repair budget on Friday.\n\n"
        '"We are ready to rebuild," one member said.'
    )
    found = [(a.cue, a.source.text) for a in attributions(text)]
    assert ("say", "Council members") in found


def test_a_curly_quote_does_not_pair_across_a_paragraph_break() -> None:
    text = (
        "The mayor said there was “no danger\" to residents.\n\n"
        "The fire chief said the blaze was under control by midnight.\n\n"
        "Officials said it would take \"more hours” to reopen the road."
    )
    found = [(a.cue, a.source.text) for a in attributions(text)]
    assert ("say", "fire chief") in found


def test_two_apostrophes_quote_like_a_double_quote() -> None:
    text = (
        "''The bridge is safe,'' the mayor said on Friday. "
        "''We believe it will reopen to traffic by the spring.''"
    )
    report = extract(text)
    assert [q.speaker for q in report.quotes] == ["mayor", "mayor"]
    assert [a.source.text for a in report.attributions] == ["mayor"]
