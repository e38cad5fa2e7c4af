"""A wire story ingested from four outlets' files: linked as copies, tallied as one story."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newstally.cli import app
from wire_story import COPIES, OTHER_REPORT, WIRE

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_copies_of_a_wire_story_are_one_story_in_the_tally(tmp_path: Path) -> None:
    files = {"wire": WIRE, **COPIES, "other": OTHER_REPORT}
    for name, text in files.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    db = str(tmp_path / "wire.db")
    run("ingest", *sorted(str(p) for p in tmp_path.glob("*.txt")), "--db", db,
        "--published", "2025-03-04")

    copies = json.loads(run("copies", "--db", db, "--format", "json"))
    assert len(copies) == 3
    assert len({copy["copy_of"] for copy in copies}) == 1

    tally = json.loads(run("tally", "--db", db, "--measure", "killed", "--format", "json"))
    claims = [claim for series in tally["series"] for claim in series["claims"]]
    (toll,) = [claim for claim in claims if claim["count"]["text"] == "At least 12"]
    # Four articles, one story: the fifth file, another reporter's account, is not a copy.
    assert (len(toll["sightings"]), toll["stories"]) == (4, 1)
    assert sum(1 for s in toll["sightings"] if s["copy_of"]) == 3
