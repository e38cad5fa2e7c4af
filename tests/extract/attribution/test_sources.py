"""Sources: their kinds and names, read from invented words and sentences."""

from __future__ import annotations

import pytest

from newstally.extract.attribution import source_kind
from newstally.extract.report import extract
from newstally.model import Attribution


def attributions(text: str) -> list[Attribution]:
    return extract(text).attributions


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("officials in Valdoria", "official"),  # not the agency RIA
        ("RIA Novosti", "media"),
        ("evocation.info", "media"),
        ("human rights groups", "ngo"),
        ("army spokesmen", "military"),
    ],
)
def test_source_kinds_match_whole_words(words: str, kind: str) -> None:
    assert source_kind(words, has_person=False).value == kind


def test_a_source_wrapped_over_two_lines_has_a_one_line_name() -> None:
    text = (
        "Twelve people died in the town after the river overflowed on Monday, officials\n"
        "in the province said on Tuesday morning."
    )
    (found,) = [a for a in attributions(text) if a.cue == "say"]
    assert found.source.name is not None and "\n" not in found.source.name


def test_a_country_the_model_tags_as_a_person_is_the_owner_not_the_source() -> None:
    # the small model tags 'Nepal' in "Nepal's disaster authority" as a PERSON
    [figure] = extract("Nepal's disaster authority said 44,218 people had been killed.").figures
    assert (figure.source.name, figure.source.kind.value) == ("disaster authority", "government")
