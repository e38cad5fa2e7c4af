"""`newstally ingest` killed with SIGKILL part-way, then run again: every article stored once.

Each article is stored in one transaction, so a kill loses at most the one being written, and
the rerun skips what is stored (same text, same id) and stores the rest.
"""

from __future__ import annotations

import signal
import sqlite3
import time
from pathlib import Path

import pytest
from news_files import write_articles
from newstally_process import integrity, run, start, stored_rows

COUNT = 40


def stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as raw:
            return int(raw.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:  # not made yet, or its tables not yet
        return 0


@pytest.mark.parametrize("kill_after", [1, COUNT // 2])
def test_a_killed_ingest_resumes_without_losing_or_doubling(
    tmp_path: Path, kill_after: int
) -> None:
    titles = write_articles(tmp_path / "news", COUNT)
    db = tmp_path / "news.db"
    first = start("ingest", tmp_path / "news", "--db", db, "--workers", "1")
    deadline = time.monotonic() + 60
    while stored_count(db) < kill_after and first.poll() is None:
        assert time.monotonic() < deadline, "nothing stored within a minute"
        time.sleep(0.01)
    first.send_signal(signal.SIGKILL)
    first.communicate(timeout=30)
    assert first.returncode == -signal.SIGKILL, "the run finished before it was killed"
    killed_at = stored_count(db)
    assert kill_after <= killed_at < COUNT

    again = run("ingest", tmp_path / "news", "--db", db, "--workers", "1", timeout=120)
    assert (again.returncode, again.stderr) == (0, "")
    assert again.stdout.startswith(f"stored {COUNT - killed_at}, already present {killed_at},")

    rows = stored_rows(db)
    assert len(rows) == COUNT
    assert len({article_id for article_id, _ in rows}) == COUNT
    assert sorted(title for _, title in rows) == sorted(titles.values())
    assert integrity(db) == "ok"
    # every figure belongs to a stored article: no half-written article was left behind
    assert stored_rows(db, "SELECT count(*) FROM figures WHERE article_id NOT IN "
                           "(SELECT id FROM articles)") == [(0,)]
