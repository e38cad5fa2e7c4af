"""Run the installed `newstally` command as a user would, on the code under test.

The subprocesses import newstally from the same source tree as these tests (PYTHONPATH set to
it), so a checkout tested without installing it is the one that runs.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import newstally

SOURCE = Path(newstally.__file__).resolve().parents[1]
ROOT = Path(__file__).resolve().parents[2]
NEWSTALLY = str(Path(sys.executable).with_name("newstally"))


def command_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"NEWSTALLY_DB", "NEWSTALLY_DEBUG"}}
    env["PYTHONPATH"] = os.pathsep.join([str(SOURCE), *filter(None, [env.get("PYTHONPATH")])])
    env["NEWSTALLY_WORKERS"] = "1"
    return env


def newstally_command(*args: str | Path) -> list[str]:
    return [NEWSTALLY, *(str(a) for a in args)]


def start(*args: str | Path) -> subprocess.Popen[str]:
    """`newstally ARGS` started in the background, its output captured as text."""
    return subprocess.Popen(newstally_command(*args), env=command_env(), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def run(*args: str | Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """`newstally ARGS` run to the end (or killed after `timeout` seconds, failing the test)."""
    return subprocess.run(newstally_command(*args), env=command_env(), text=True,
                          capture_output=True, timeout=timeout, check=False)


def stored_rows(
    db: Path, query: str = "SELECT id, title FROM articles"
) -> list[tuple[object, ...]]:
    """Rows read with sqlite3 itself, not through the store."""
    with sqlite3.connect(db, timeout=30) as raw:
        return raw.execute(query).fetchall()


def integrity(db: Path) -> str:
    with sqlite3.connect(db, timeout=30) as raw:
        return str(raw.execute("PRAGMA integrity_check").fetchone()[0])
