"""The hash-pinned locks cover every dependency pyproject.toml declares, so an install from them
(the README's commands, CI) gets exactly what was tested. Refresh with `bash scripts/lock.sh`."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def name(requirement: str) -> str:
    """'psycopg[binary]>=3.1' -> 'psycopg', normalised as PEP 503 does."""
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group(0)).lower()


def pinned(lock: str) -> dict[str, list[str]]:
    """Package name -> its hashes, for every `name==version` entry of a lock."""
    out: dict[str, list[str]] = {}
    current = ""
    for line in (ROOT / "requirements" / lock).read_text(encoding="utf-8").splitlines():
        entry = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==\S+", line)
        if entry:
            current = name(entry.group(1))
            out[current] = []
        elif "--hash=sha256:" in line and current:
            out[current].append(line.split("--hash=sha256:")[1].split()[0])
    return out


RUNTIME = [name(r) for r in PYPROJECT["project"]["dependencies"]]
TEST = [name(r) for r in PYPROJECT["project"]["optional-dependencies"]["test"]]


@pytest.mark.parametrize(("lock", "wanted"), [("lock.txt", RUNTIME),
                                              ("test-lock.txt", RUNTIME + TEST)])
def test_every_declared_dependency_is_pinned_with_hashes(lock: str, wanted: list[str]) -> None:
    entries = pinned(lock)
    assert [w for w in wanted if w not in entries] == []
    assert [n for n, hashes in entries.items() if not hashes] == []


def test_the_runtime_lock_holds_no_test_tools() -> None:
    assert [t for t in TEST if t in pinned("lock.txt")] == []


def test_the_readme_and_ci_install_from_the_locks() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install --no-deps --require-hashes -r requirements/lock.txt" in readme
    test_script = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements/test-lock.txt" in test_script
