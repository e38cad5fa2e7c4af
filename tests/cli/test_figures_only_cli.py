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


def test_a_full_ingest_redoes_what_the_ledger_mode_stored(tmp_path: Path) -> None:
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
               str(folder), "--db", str(db), "--workers", "1"]  # fmt: skip
    ledger = subprocess.run([*command, "--figures-only"], capture_output=True, text=True)
    assert ledger.returncode == 0, ledger.stderr
    again = subprocess.run([*command, "--figures-only"], capture_output=True, text=True)
    assert "stored 0, already present 1" in again.stdout

    full = subprocess.run(command, capture_output=True, text=True, check=False)
    assert full.returncode == 0, full.stderr
    assert "stored 1," in full.stdout
    with open_store(db) as store:
        (report,) = list(store.reports())
        assert store.mode(report.article.id) == "full"
    assert [q.speaker for q in report.quotes] == ["mayor"]


def test_eval_figures_only_scores_the_ledger_mode(tmp_path: Path) -> None:
    gold = tmp_path / "counts.jsonl"
    lines = [
        {"id": "a", "text": "Police said two men were shot dead on Main Street on Friday.",
         "published": "2024-03-02",
         "gold": {"killed": 2, "injured": 0, "event_date": "2024-03-01"}},
        {"id": "b", "text": "The mayor spoke. Three people were wounded in a shooting.",
         "published": "2024-03-02",
         "gold": {"killed": 0, "injured": 3, "event_date": "2024-03-02"}},
    ]  # fmt: skip
    gold.write_text("".join(json.dumps(line) + "\n" for line in lines))
    command = [sys.executable, "-c", "from newstally.cli import app; app()", "eval", str(gold),
               "--format", "json"]  # fmt: skip
    full = subprocess.run(command, capture_output=True, text=True, check=False)
    ledger = subprocess.run([*command, "--figures-only"], capture_output=True, text=True)
    assert full.returncode == ledger.returncode == 0, full.stderr + ledger.stderr
    full_result, ledger_result = json.loads(full.stdout), json.loads(ledger.stdout)
    assert (full_result["figures_only"], ledger_result["figures_only"]) == (False, True)
    # both figures sit in sentences the ledger mode reads: the same totals and dates
    assert ledger_result["scores"] == full_result["scores"]
    assert full_result["scores"]["killed"] == 1.0
