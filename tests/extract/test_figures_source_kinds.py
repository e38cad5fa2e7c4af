"""Source kinds: armed groups and defence staffs are military, one described person is a person,
and a news release is its issuer's."""

from __future__ import annotations

from newstally.extract.attribution import source_kind
from newstally.extract.report import extract
from newstally.model import SourceKind


def test_an_armed_group_and_a_defence_headquarters_are_military() -> None:
    assert source_kind("an armed group", False) == SourceKind.MILITARY
    assert source_kind("the defence headquarters", False) == SourceKind.MILITARY


def test_one_person_described_by_what_they_do_is_a_person() -> None:
    text = "A farm worker said 9 people had drowned when the ferry capsized on the lake."
    figure = extract(text, None).figures[0]
    assert figure.source.kind == SourceKind.PERSON


def test_officials_described_by_place_stay_officials() -> None:
    assert source_kind("local officials", False) == SourceKind.OFFICIAL


def test_a_news_release_belongs_to_whoever_issued_it() -> None:
    assert source_kind("a fire department news release", False) == SourceKind.GOVERNMENT
    assert source_kind("a news report", False) == SourceKind.MEDIA
