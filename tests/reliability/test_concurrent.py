"""Two `newstally ingest` processes into one store at once, and `newstally serve` reading it
while an ingest writes: no error, no 5xx, no lost or doubled row. On SQLite always, and on
PostgreSQL when NEWSTALLY_TEST_POSTGRES names a server (scripts/test.sh starts one), as in
tests/store/conftest.py.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import psycopg
import pytest
from news_files import write_articles
from newstally_process import integrity, run, start

from newstally.store import open_store

POSTGRES_ENV = "NEWSTALLY_TEST_POSTGRES"


@pytest.fixture(params=["sqlite", "postgresql"])
def address(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A store that does not exist yet: a SQLite path, or a new, empty PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "news.db")
        return
    server = os.environ.get(POSTGRES_ENV, "").strip()
    if not server:
        pytest.skip(f"{POSTGRES_ENV} is not set: no PostgreSQL server (scripts/test.sh starts one)")
    name = f"newstally_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def article_rows(address: str) -> list[tuple[str, str]]:
    """(id, title) of every stored article, read with the database's own client."""
    if address.startswith("postgresql"):
        with psycopg.connect(address) as raw:
            return [(str(a), str(t)) for a, t in raw.execute("SELECT id, title FROM articles")]
    import sqlite3

    with sqlite3.connect(address, timeout=30) as raw:
        return raw.execute("SELECT id, title FROM articles").fetchall()


def stored_number(output: str) -> tuple[int, int]:
    """'stored 12, already present 4, failed 0  (db)' -> (12, 4)."""
    stored, present = output.split(", failed")[0].split(", already present ")
    return int(stored.removeprefix("stored ")), int(present)


def test_two_writers_at_once_over_overlapping_inputs(tmp_path: Path, address: str) -> None:
    titles = write_articles(tmp_path / "news", 24)
    files = sorted((tmp_path / "news").glob("*.txt"))
    # The store is made first: two processes creating one SQLite store at the same moment can
    # both run its first migration (tests/store/test_concurrent_open.py, marked xfail).
    open_store(address).close()
    # the two share files 8..15
    first = start("ingest", *files[:16], "--db", address, "--workers", "1")
    second = start("ingest", *files[8:], "--db", address, "--workers", "1")
    outputs = [first.communicate(timeout=240), second.communicate(timeout=240)]
    for process, (_, err) in zip((first, second), outputs, strict=True):
        assert (process.returncode, err) == (0, ""), err
    counts = [stored_number(out) for out, _ in outputs]
    assert sum(stored for stored, _ in counts) == 24
    assert sum(present for _, present in counts) == 8

    rows = article_rows(address)
    assert len(rows) == len({article_id for article_id, _ in rows}) == 24
    assert sorted(title for _, title in rows) == sorted(titles.values())
    if not address.startswith("postgresql"):
        assert integrity(Path(address)) == "ok"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path, address: str) -> Iterator[tuple[str, str]]:
    """`newstally serve` over a store holding four articles; yields (address, base URL)."""
    write_articles(tmp_path / "first", 4)
    done = run("ingest", tmp_path / "first", "--db", address, "--workers", "1")
    assert done.returncode == 0, done.stderr
    port = free_port()
    server = start("serve", "--db", address, "--port", str(port))
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        assert server.poll() is None, server.communicate()[1]
        assert time.monotonic() < deadline, "the server did not answer within a minute"
        try:
            httpx.get(base + "/api/articles", timeout=2)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    try:
        yield address, base
    finally:
        server.send_signal(signal.SIGINT)
        try:
            _, err = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            _, err = server.communicate()
        assert "Traceback" not in err, err


def test_serve_answers_reads_while_an_ingest_writes(
    tmp_path: Path, served: tuple[str, str]
) -> None:
    address, base = served
    write_articles(tmp_path / "more", 40)
    # Different texts from the first four: write_articles numbers from 0, so shift them.
    for path in (tmp_path / "more").glob("*.txt"):
        path.write_text(path.read_text(encoding="utf-8") + "More news later.\n", encoding="utf-8")
    writer = start("ingest", tmp_path / "more", "--db", address, "--workers", "1")
    statuses: list[int] = []
    seen: list[int] = []
    paths = ["/api/articles?limit=200", "/api/figures?limit=50", "/api/series", "/api/claims",
             "/articles", "/series"]
    with httpx.Client(base_url=base, timeout=30) as client:
        while writer.poll() is None:
            for path in paths:
                response = client.get(path)
                statuses.append(response.status_code)
                if path.startswith("/api/articles"):
                    seen.append(len(response.json()["articles"]))
        _, err = writer.communicate(timeout=60)
        assert (writer.returncode, err) == (0, ""), err
        final = client.get("/api/articles?limit=200").json()
    assert [s for s in statuses if s >= 500] == []
    assert set(statuses) == {200}
    assert len(seen) >= 3, "the ingest ended before the server was read a few times"
    assert seen == sorted(seen), "a read saw fewer articles than one before it"
    assert seen[0] >= 4
    assert len(final["articles"]) == 44
