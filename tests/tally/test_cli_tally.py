"""`newstally tally`, `timeline` and `export` over a real SQLite file of hand-made figures."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from tally_figures import make_seen, store_seen
from typer.testing import CliRunner

from newstally.cli import app

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    sof = {"source": "Special Operations Forces", "kind": "military"}
    return str(store_seen(tmp_path / "tally.db", [
        make_seen(50, 50, article="a1", outlet="one.example", reported="2024-12-16",
                  period=("2024-12-14", "2024-12-16"), **sof),
        make_seen(50, 50, article="a2", outlet="two.example", reported="2024-12-16",
                  period=("2024-12-14", "2024-12-16"), **sof),
        make_seen(300, 900, text="several hundred", article="a3", outlet="three.example",
                  reported="2024-12-19", source="Pentagon", kind="government",
                  status="confirmed"),
        make_seen(36, 108, text="several dozens", measure="casualties", country=None,
                  article="a3", outlet="three.example", source="U.S. officials",
                  kind="official", status="confirmed", fid="f2"),
    ]))


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_tally_json_has_the_issue_shape(db: str) -> None:
    doc = json.loads(run("tally", "--db", db, "--format", "json"))
    keys = [s["key"] for s in doc["series"]]
    assert keys == ["casualties/North Korea/-", "killed/North Korea/RU"]
    killed = doc["series"][1]
    assert [len(c["sightings"]) for c in killed["claims"]] == [2, 1]
    assert killed["envelope"]["best"]["text"] == "several hundred"
    assert killed["disagreement"] is False


def test_tally_filters_and_csv(db: str) -> None:
    rows = list(csv.DictReader(io.StringIO(
        run("tally", "--db", db, "--measure", "killed", "--group", "DPRK", "--place", "Russia",
            "--since", "2024-12-18", "--format", "csv"))))
    assert [(r["series"], r["count_text"], r["status"]) for r in rows] == [
        ("killed/North Korea/RU", "several hundred", "confirmed")
    ]


def test_tally_table_is_readable(db: str) -> None:
    out = run("tally", "--db", db)
    assert "killed/North Korea/RU" in out and "several hundred" in out and "envelope" in out


def test_timeline_json_and_png(db: str, tmp_path: Path) -> None:
    png = tmp_path / "chart.png"
    out = run("timeline", "killed/North Korea/RU", "--db", db, "--format", "json",
              "--png", str(png))
    points = json.loads(out)["points"]
    assert [(p["day"], p["text"], p["sightings"]) for p in points] == [
        ("2024-12-16", "50", 2), ("2024-12-19", "several hundred", 1)]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    terminal = run("timeline", "killed/north korea/ru", "--db", db)
    assert "Special Operations" in terminal and "Pentagon" in terminal and "█" in terminal


@pytest.mark.parametrize("what, rows", [("articles", 3), ("figures", 4), ("claims", 3),
                                        ("series", 2)])
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export(db: str, tmp_path: Path, what: str, rows: int, fmt: str) -> None:
    out = tmp_path / f"{what}.{fmt}"
    run("export", "--db", db, "--what", what, "--format", fmt, "--out", str(out))
    if fmt == "csv":
        assert len(list(csv.DictReader(out.open(encoding="utf-8")))) == rows
    elif fmt == "jsonl":
        assert [json.loads(line) for line in out.read_text().splitlines()].__len__() == rows
    else:
        import pyarrow.parquet as pq

        assert pq.read_table(out).num_rows == rows


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["tally", "--db", "{db}", "--measure", "slain"], 2, "'slain' is not a measure"),
        (["tally", "--db", "{tmp}/missing.db"], 1, "no such database"),
        (["tally", "--db", "{db}", "--place", "Atlantis"], 1, "place 'Atlantis'"),
        (["tally", "--db", "{db}", "--since", "soon"], 2, "--since"),
        (["timeline", "killed", "--db", "{db}"], 1, "expected MEASURE/GROUP/PLACE"),
        (["timeline", "killed/Nowhere/-", "--db", "{db}"], 1, "has no figures"),
        (["export", "--db", "{db}", "--what", "people", "--out", "{tmp}/x"], 2, "--what"),
        (["export", "--db", "{db}", "--out", "{tmp}/no/such/dir/x.csv"], 1, "cannot write"),
    ],
)
def test_bad_input_is_one_line_and_an_exit_code(
    db: str, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    result = runner.invoke(app, [a.format(db=db, tmp=tmp_path) for a in args])
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
