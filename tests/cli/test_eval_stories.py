"""`newstally eval` over story folders: the tally of a story's articles against its ledger gold."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from newstally.cli import app

STORY = Path(__file__).resolve().parents[2] / "samples" / "stories" / "sindh-floods"


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_a_story_folder_prints_its_scores_out_of_its_gold_claims() -> None:
    code, out, _ = run("eval", STORY)
    assert code == 0
    header, *rows = out.splitlines()
    gold_claims = int(re.search(r"(\d+) gold claims", header).group(1))  # type: ignore[union-attr]
    assert header.startswith("sindh-floods: ")
    assert re.search(rf"claims found\s+\d+/{gold_claims}\s", "\n".join(rows))
    assert not any(row.startswith("all ") for row in rows)  # a total only for several stories


def test_json_gives_each_storys_scores_between_zero_and_one() -> None:
    code, out, _ = run("eval", STORY, "--format", "json")
    assert code == 0
    payload = json.loads(out)
    [story] = payload["stories"]
    assert story["story"] == "sindh-floods"
    assert len(story["scores"]) == len(payload["measures"]) == 5
    assert all(0.0 <= value <= 1.0 for value in story["scores"].values())


def test_a_folder_without_gold_is_one_line_naming_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Police said two people were killed on Monday.\n")
    code, _, err = run("eval", tmp_path)
    assert code != 0
    [line] = err.strip().splitlines()
    assert line.startswith("newstally: error: ") and str(tmp_path) in line


def test_folders_and_a_gold_file_together_are_refused(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{}\n")
    code, _, err = run("eval", STORY, gold)
    assert code == 2
    assert "not both" in err


def test_limit_is_refused_for_story_folders() -> None:
    code, _, err = run("eval", STORY, "--limit", "3")
    assert code == 2
    assert "--limit" in err
