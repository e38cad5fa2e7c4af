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
