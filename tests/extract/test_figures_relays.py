"""Relays citing relays: who passed a figure on between its source and the article."""

from __future__ import annotations

from newstally.extract.report import extract
from newstally.model import Figure


def figures(text: str) -> list[Figure]:
    return extract(text).figures


def test_an_agency_citing_another_passes_on_the_clause_after_the_cited_party() -> None:
    text = (
        "The UN relief office said, citing the Kyrgyz Red Crescent, that about 1,300 people"
        " had been moved to tent camps."
    )
    [figure] = figures(text)
    assert figure.source.name == "Kyrgyz Red Crescent"
    assert [r.text for r in figure.via] == ["UN relief office"]
    assert figure.cue == "say"


def test_a_wire_citing_a_wire_that_quotes_a_ministry_is_two_relays() -> None:
    text = (
        "ASTANA, May 5 (Kazinform) - Kazinform reports, citing Xinhua, that the country's"
        " emergencies ministry said on Tuesday that at least 23 people had been killed."
    )
    [figure] = figures(text)
    assert "ministry" in (figure.source.text or "")
    assert [r.text for r in figure.via] == ["Xinhua", "Kazinform"]


def test_citing_a_party_at_the_end_of_a_sentence_makes_it_the_source() -> None:
    text = "Eleven soldiers were killed, the lawmaker told reporters, citing the spy agency."
    [figure] = figures(text)
    assert figure.source.text == "spy agency"
    assert [r.text for r in figure.via] == ["lawmaker"]


def test_it_said_as_an_aside_speaks_for_the_body_named_before_and_the_whole_sentence() -> None:
    text = (
        "At least 96 people went missing when the river burst its banks, the institute said."
        " More than 140,000 people had been left homeless, it said, and 2 million people have"
        " been affected across three provinces."
    )
    assert [f.source.name for f in figures(text)] == ["institute"] * 3


def test_putting_a_count_at_a_value_is_the_subjects_claim_however_the_at_is_parsed() -> None:
    text = (
        "Ukraine's general staff on Thursday put the number of Russian troops killed or"
        " wounded over the previous 24 hours at 1,080."
    )
    [figure] = figures(text)
    assert figure.count.low == 1080
    assert (figure.source.text, figure.cue) == ("Ukraine's general staff", "put")


def test_a_participle_putting_losses_at_a_value_shares_the_sentences_source() -> None:
    text = (
        "Russia lost about 33,000 troops in September, Britain's Defence Ministry said,"
        " putting total Russian losses since the invasion at almost 1.1 million."
    )
    assert [f.source.text for f in figures(text)] == ["Britain's Defence Ministry"] * 2
