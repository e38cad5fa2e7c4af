"""How the terminal table counts sightings, articles and stories."""

from __future__ import annotations

from rich.console import Console

from newstally.tally import tally
from newstally.tally.present import tally_tables


def rendered(*figures) -> str:  # type: ignore[no-untyped-def]
    console = Console(record=True, width=200)
    console.print(tally_tables(tally(figures)))
    return console.export_text()


def test_two_sightings_in_one_article_are_not_called_copies(seen) -> None:
    text = rendered(
        seen(50, 50, article="a1", fid="f1", start=0),
        seen(50, 50, article="a1", fid="f2", start=40),
    )
    assert "story" not in text


def test_copies_are_counted_as_one_story(seen) -> None:
    text = rendered(
        seen(50, 50, article="a1", outlet="one.example"),
        seen(50, 50, article="a2", outlet="two.example", copy_of="a1"),
        seen(50, 50, article="a3", outlet="three.example", copy_of="a1"),
    )
    assert "3 (1 story)" in text
