"""Reading gold sets, running the harness end to end, and writing errors and the baseline.

The articles here are invented; the real dev sets are only read by tests/test_eval_regression.py.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from newstally.errors import InputError
from newstally.evaluate.datasets import (
    AttributionsGold,
    CountsGold,
    DatasetKind,
    read_dataset,
)
from newstally.evaluate.harness import evaluate, main, scores, write_errors

SHOOTING = (
    "A 24-year-old man was shot and killed Friday night on Elm Street, police said. "
    "Two other men were wounded and taken to a hospital."
)
COUNCIL = "The city council met on Tuesday and approved the budget for the new library."
SPEECH = "The mayor said the bridge will reopen in May. Critics argue that the budget is too small."


def write_lines(path: Path, *lines: dict[str, Any] | str) -> Path:
    path.write_text(
        "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines),
        encoding="utf-8",
    )
    return path


def counts_line(text: str, killed: int, injured: int, day: str) -> dict[str, Any]:
    gold = {"killed": killed, "injured": injured, "event_date": day}
    return {"id": f"c-{killed}-{injured}", "text": text, "published": "2024-03-02", "gold": gold}


def span(text: str, words: str) -> dict[str, Any]:
    start = text.index(words)
    return {"start": start, "end": start + len(words), "text": words}


def speech_line() -> dict[str, Any]:
    attributions = [
        {
            "source": span(SPEECH, "The mayor"),
            "cue": span(SPEECH, "said"),
            "content": span(SPEECH, "the bridge will reopen in May"),
        },
        {
            "source": span(SPEECH, "Critics"),
            "cue": span(SPEECH, "argue"),
            "content": span(SPEECH, "that the budget is too small"),
        },
    ]
    return {"id": "s1", "text": SPEECH, "published": "2016-09-12",
            "gold": {"attributions": attributions}}


# --- reading ------------------------------------------------------------------------------------


def test_the_kind_of_a_set_comes_from_its_gold(tmp_path: Path) -> None:
    shootings = write_lines(tmp_path / "c.jsonl", counts_line(SHOOTING, 1, 2, "2024-03-01"))
    speeches = write_lines(tmp_path / "a.jsonl", speech_line())

    counts_kind, [shooting] = read_dataset(shootings)
    speech_kind, [speech] = read_dataset(speeches)

    assert counts_kind is DatasetKind.COUNTS
    assert isinstance(shooting.gold, CountsGold) and shooting.gold.injured == 2
    assert speech_kind is DatasetKind.ATTRIBUTIONS
    assert isinstance(speech.gold, AttributionsGold) and len(speech.gold.attributions) == 2


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"id": "x", "text": "Some text."}', 'needs a "gold" object'),
        ('{"id": "x", "text": "Some text.", "gold": {"deaths": 1}}', "gold has neither"),
        ('{"id": "x", "text": "", "gold": {"killed": 1}}', 'non-empty "text"'),
        ('{"id": "x", "text": "Hi.", "gold": {"killed": -1}}', "gold.killed"),
        ('{"id": "x", "text": "Hi.", "published": "last week", "gold": {"killed": 1}}',
         "published"),
        ('{"id": "x", "text": "Hi.", "gold": {"attributions": [{"source": null, "cue": null, '
         '"content": {"start": 0, "end": 2, "text": "Ho"}}]}}', "does not cover"),
    ],
)
def test_a_bad_line_names_the_file_and_line(tmp_path: Path, bad_line: str, message: str) -> None:
    path = write_lines(tmp_path / "set.jsonl", counts_line(COUNCIL, 0, 0, "2024-03-01"), bad_line)

    with pytest.raises(InputError) as caught:
        read_dataset(path)

    assert str(caught.value).startswith(f"{path}:2: ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_set_mixing_kinds_is_refused(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "mixed.jsonl", counts_line(COUNCIL, 0, 0, "2024-03-01"),
                       speech_line())

    with pytest.raises(InputError, match=r"mixed.jsonl:2: gold is attributions"):
        read_dataset(path)


def test_empty_and_missing_files_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="holds no examples"):
        read_dataset(write_lines(tmp_path / "empty.jsonl", ""))
    with pytest.raises(InputError, match="cannot be read"):
        read_dataset(tmp_path / "absent.jsonl")


def test_limit_reads_the_first_lines_only(tmp_path: Path) -> None:
    lines = [counts_line(COUNCIL, 0, n, "2024-03-01") for n in range(5)]
    path = write_lines(tmp_path / "set.jsonl", *lines)

    _, examples = read_dataset(path, limit=2)

    assert [e.line for e in examples] == [1, 2]


def test_gold_offsets_move_with_nfc_normalisation(tmp_path: Path) -> None:
    # 'é' written as e + combining accent: NFC makes it one character, so offsets after it move.
    text = "Cafe\u0301 owners said that rents are rising."
    content = "that rents are rising"
    line = {"id": "n1", "text": text, "gold": {"attributions": [
        {"source": span(text, "Cafe\u0301 owners"), "cue": span(text, "said"),
         "content": span(text, content)}]}}

    _, [example] = read_dataset(write_lines(tmp_path / "nfc.jsonl", line))

    assert isinstance(example.gold, AttributionsGold)
    [gold] = example.gold.attributions
    assert example.text == unicodedata.normalize("NFC", text)
    assert example.text[gold.content.start : gold.content.end] == content
    assert gold.source is not None and gold.source.text == "Café owners"


def test_a_gold_attribution_without_content_is_dropped(tmp_path: Path) -> None:
    line = speech_line()
    line["gold"]["attributions"].append({"source": None, "cue": None, "content": None})

    _, [example] = read_dataset(write_lines(tmp_path / "a.jsonl", line))

    assert isinstance(example.gold, AttributionsGold) and len(example.gold.attributions) == 2


# --- running ------------------------------------------------------------------------------------


def test_evaluate_scores_a_counts_set_and_writes_its_misses(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "shootings.jsonl",
        counts_line(SHOOTING, 1, 2, "2024-03-01"),
        counts_line(COUNCIL, 0, 0, "2024-02-27"),
    )

    result = evaluate(path)

    assert (result.dataset, result.kind, result.articles) == ("shootings.jsonl", "counts", 2)
    assert result.articles_per_s > 0 and result.words > 0
    assert result.counts is not None and result.attributions is None
    wrong = 0
    for field, score in result.counts.fields.items():
        assert score.scored == 2
        assert score.accuracy == score.right / 2
        assert scores(result)[field] == score.accuracy
        wrong += 2 - score.right
    assert len(result.misses) == wrong == sum(result.counts.misses.values())

    errors = tmp_path / "errors.jsonl"
    assert write_errors(result, errors) == wrong
    written = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert all(m["task"] == "counts" and m["article"].startswith("c-") for m in written)


def test_evaluate_scores_an_attributions_set(tmp_path: Path) -> None:
    result = evaluate(write_lines(tmp_path / "speech.jsonl", speech_line()))

    found = result.attributions
    assert found is not None and result.counts is None
    assert found.gold == 2
    assert found.matched <= min(found.gold, found.predicted)
    assert found.misses["missed"] == found.gold - found.matched
    assert found.misses["spurious"] == found.predicted - found.matched
    assert set(scores(result)) == {"precision", "recall", "f1", "source_right"}


def test_write_baseline_records_scores_and_keeps_other_sets(tmp_path: Path) -> None:
    baseline = tmp_path / "eval_scores.json"
    baseline.write_text(json.dumps({"other.jsonl": {"scores": {"f1": 0.5}}}), encoding="utf-8")
    path = write_lines(tmp_path / "speech.jsonl", speech_line())

    assert main(["--write-baseline", str(baseline), str(path)]) == 0

    recorded = json.loads(baseline.read_text(encoding="utf-8"))
    assert recorded["other.jsonl"] == {"scores": {"f1": 0.5}}
    assert set(recorded["speech.jsonl"]["scores"]) == {"precision", "recall", "f1", "source_right"}
    assert recorded["speech.jsonl"]["articles"] == 1


def test_write_baseline_reports_a_bad_set_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write_lines(tmp_path / "bad.jsonl", "{oops")

    assert main(["--write-baseline", str(tmp_path / "b.json"), str(bad)]) == 1

    assert capsys.readouterr().err.strip() == (
        f"error: {bad}:1: not valid JSON (Expecting property name enclosed in double quotes "
        "at column 2)"
    )
    assert not (tmp_path / "b.json").exists()


# --- the command --------------------------------------------------------------------------------


def test_the_eval_command_prints_a_table_and_writes_errors(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newstally.cli import app

    path = write_lines(tmp_path / "shootings.jsonl", counts_line(SHOOTING, 1, 2, "2024-03-01"),
                       counts_line(COUNCIL, 0, 0, "2024-02-27"))
    errors = tmp_path / "errors.jsonl"

    result = CliRunner().invoke(app, ["eval", str(path), "--errors", str(errors)])

    assert result.exit_code == 0, result.output
    for row in ("killed", "injured", "event_date", "articles/s"):
        assert row in result.output
    assert errors.exists()


def test_the_eval_command_prints_json(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newstally.cli import app

    path = write_lines(tmp_path / "speech.jsonl", speech_line())

    result = CliRunner().invoke(app, ["eval", str(path), "--format", "json"])

    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed["kind"] == "attributions"
    assert set(printed["scores"]) == {"precision", "recall", "f1", "source_right"}
    assert "misses" not in printed  # the misses go to --errors, not to the summary


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (["--format", "csv"], 2, "eval prints table or json"),
        (["--limit", "0"], 2, ""),
    ],
)
def test_the_eval_command_refuses_bad_options(
    tmp_path: Path, arguments: list[str], code: int, message: str
) -> None:
    from typer.testing import CliRunner

    from newstally.cli import app

    path = write_lines(tmp_path / "speech.jsonl", speech_line())

    result = CliRunner().invoke(app, ["eval", str(path), *arguments])

    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_the_eval_command_reports_a_bad_line_in_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newstally.cli import app

    path = write_lines(tmp_path / "bad.jsonl", speech_line(), "{oops")

    result = CliRunner().invoke(app, ["eval", str(path)])

    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"newstally: error: {path}:2: not valid JSON (Expecting property name enclosed in "
        "double quotes at column 2)"
    ]
