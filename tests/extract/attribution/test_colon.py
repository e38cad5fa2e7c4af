"""Colons that stand for speech, read from invented transcripts, kickers and labels."""

from __future__ import annotations

from newstally.extract.report import extract
from newstally.model import Attribution


def attributions(text: str) -> list[Attribution]:
    return extract(text).attributions


def test_a_name_and_a_colon_open_a_transcript_turn() -> None:
    text = (
        "HARPER: We will not raise taxes this year. The budget is balanced.\n\n"
        "MOORE: That is simply not true.\n"
    )
    turns = [(a.cue, a.source.text, text[a.content.start : a.content.end])
             for a in attributions(text)]
    assert ("", "") not in turns
    assert (":", "HARPER", "We will not raise taxes this year. The budget is balanced.") in turns
    assert (":", "MOORE", "That is simply not true.") in turns


def test_a_speech_verb_before_a_colon_takes_the_next_paragraph() -> None:
    text = "The senator added:\n\nThe bill is a disaster for the farmers of this state.\n"
    found = [(a.cue, a.source.text, text[a.content.start : a.content.end])
             for a in attributions(text)]
    assert found == [("add", "senator", "The bill is a disaster for the farmers of this state.")]


def test_a_label_before_a_colon_is_not_a_speaker() -> None:
    text = "Correction: An earlier version of this story misstated the date of the vote.\n"
    assert [a.cue for a in attributions(text)] == []


def test_a_kicker_over_a_story_is_not_a_speaker() -> None:
    text = "FLOODS: At least 12 people were killed on Monday, the regional governor said."
    sources = {a.source.text for a in attributions(text)}
    assert "FLOODS" not in sources
    assert "regional governor" in sources
