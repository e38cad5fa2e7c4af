"""The repository holds none of the evaluation articles' text: they are third-party text that
the harness reads from ../shared/eval, never copies. Any run of RUN_WORDS words of an eval
article found in a tracked source, test, sample or doc file fails here."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
RUN_WORDS = 9
CHECKED_SUFFIXES = {".py", ".txt", ".md", ".json", ".jsonl", ".html", ".tsv", ".toml"}
_WORD = re.compile(r"[a-z0-9]+")


def runs(text: str) -> set[str]:
    words = _WORD.findall(text.casefold())
    return {" ".join(words[i : i + RUN_WORDS]) for i in range(len(words) - RUN_WORDS + 1)}


def tracked_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.splitlines()
    return [ROOT / name for name in listed if Path(name).suffix in CHECKED_SUFFIXES]


@pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is not beside the repository")
def test_no_eval_article_text_is_copied_into_the_repository() -> None:
    eval_runs: set[str] = set()
    for dataset in sorted(EVAL.glob("*.jsonl")):
        for line in dataset.read_text(encoding="utf-8").splitlines():
            if line.strip():
                eval_runs |= runs(json.loads(line)["text"])
    found = {}
    for path in tracked_files():
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        shared = runs(path.read_text(encoding="utf-8", errors="replace")) & eval_runs
        if shared:
            found[str(path.relative_to(ROOT))] = sorted(shared)[:3]
    assert found == {}
