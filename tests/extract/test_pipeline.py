"""Sentence boundaries at line breaks: headlines and bylines end there, wrapped lines do not."""

from __future__ import annotations

from newstally.extract.pipeline import load_pipeline
from newstally.extract.report import extract

HEADLINE_AND_BYLINE = """River floods kill 12 in Kesh
By Mara Quill
Rescue teams searched for seven people on Tuesday, officials said."""

HARD_WRAPPED = """At least 12 people were killed and 40 injured when the
Ostra river burst its banks on Monday, flooding low-lying districts of the town of Kesh, the
regional governor said. Rescue teams were still searching for seven people
reported missing."""


def sentences(text: str) -> list[str]:
    return [s.text.strip() for s in load_pipeline()(text).sents]


def test_a_headline_and_a_byline_are_sentences_of_their_own() -> None:
    assert sentences(HEADLINE_AND_BYLINE)[:2] == ["River floods kill 12 in Kesh", "By Mara Quill"]


def test_a_wrapped_line_continues_its_sentence() -> None:
    found = sentences(HARD_WRAPPED)
    assert len(found) == 2
    assert found[0].startswith("At least 12") and found[0].endswith("governor said.")


def test_a_figure_in_wrapped_text_keeps_the_source_at_the_end_of_its_sentence() -> None:
    report = extract(HARD_WRAPPED, None)
    killed = next(f for f in report.figures if f.measure.value == "killed")
    assert killed.source.text == "regional governor"


def test_a_short_line_ending_in_a_function_word_is_still_a_headline() -> None:
    text = "Toll climbs to 40 as\nRescuers search the rubble of the market for survivors."
    assert sentences(text) == ["Toll climbs to 40 as", text.split("\n")[1]]


def test_short_lower_case_list_items_stay_apart() -> None:
    text = "north: 12 killed\nsouth: 40 killed, the agency said."
    assert len(sentences(text)) == 2
