import json
import subprocess
import sys
from pathlib import Path


def test_extract_figures_only_prints_the_figure(tmp_path: Path) -> None:
    article = tmp_path / "fire.txt"
    article.write_text(
        "Fire in Leeds\nThe band played on. Police said three people were killed in the fire.\n"
    )
    lines = tmp_path / "fire.jsonl"
    lines.write_text(json.dumps({"text": article.read_text(), "published": "2024-01-02"}) + "\n")
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "from newstally.cli import app; app()",
            "extract",
            "--figures-only",
            "--jsonl",
            str(lines),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout.splitlines()[0])
    assert report["article"]["text"] == article.read_text()
    assert [f["count"]["low"] for f in report["figures"]] == [3]


def test_ingest_figures_only_stores_the_figures_and_says_the_mode(tmp_path: Path) -> None:
    from newstally import open_store

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "flood.txt").write_text(
        "Floods in the valley\n"
        "Officials said 12 people were killed and 30 injured on Monday.\n"
        "\"We will rebuild every house,\" the mayor told reporters.\n"
    )
    db = tmp_path / "ledger.db"
    command = [sys.executable, "-c", "from newstally.cli import app; app()", "ingest",
               str(folder), "--db", str(db), "--workers", "1", "--figures-only"]  # fmt: skip
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert "stored 1," in run.stdout and "figures-only mode" in run.stdout
    with open_store(db) as store:
        (report,) = list(store.reports())
    assert sorted(f.count.low for f in report.figures) == [12, 30]
    assert report.quotes == []
