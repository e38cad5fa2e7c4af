"""A real SQLite store in tmp_path filled with hand-made reports, the app over it, and a real
uvicorn server on a free loopback port for tests that need one (API over HTTP, the browser)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from web_reports import hostile_report, story_reports

from newstally.store import open_store
from newstally.web import create_app


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "web.db"
    with open_store(path) as store:
        for item in [*story_reports(), hostile_report()]:
            assert store.add(item)
    return path


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(db: Path) -> Iterator[str]:
    """A real uvicorn serving the app on 127.0.0.1:<free port>; yields the base URL."""
    port = free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/openapi.json", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.05)
    else:
        raise RuntimeError("the test server did not start")
    yield base
    running.should_exit = True
    thread.join(timeout=10)
