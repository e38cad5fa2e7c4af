"""Requests a hostile client sends: traversal and odd paths, injection-shaped and very long
parameters, and a burst. The answer is always a 2xx, 3xx or 4xx, never a 5xx or a traceback,
never a file from outside the app, and what a parameter carried comes back escaped.

Requests go to the app as ASGI calls built here, holding the request target exactly as a
client sent it (as uvicorn passes it on): httpx would fold '..' away and refuses URLs over
64 KB. The burst goes over real HTTP to uvicorn.
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlencode, urlsplit

import httpx
import pytest
from fastapi import FastAPI

from newstally.web import create_app

SECRET = "root:"  # the first line of /etc/passwd on any Unix


@dataclass(frozen=True)
class Answer:
    target: str
    status_code: int
    headers: dict[str, str]
    text: str

    def json(self) -> Any:
        return json.loads(self.text)


class RawClient:
    """Send a request target as is to the ASGI app, as uvicorn would, and read the answer.
    An exception in the app is a 500 answer here, as it is from a server."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    def get(self, target: str, params: dict[str, str] | None = None) -> Answer:
        if params:
            target += "?" + urlencode(params)
        raw_path, _, query = target.partition("?")
        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
            "scheme": "http", "server": ("testserver", 80), "client": ("127.0.0.1", 5000),
            "root_path": "", "path": unquote(raw_path), "raw_path": raw_path.encode(),
            "query_string": query.encode(), "headers": [(b"host", b"testserver")],
        }
        status = 500
        headers: dict[str, str] = {}
        body = bytearray()

        requested = False

        async def receive() -> dict[str, Any]:
            nonlocal requested
            if not requested:
                requested = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await asyncio.sleep(3600)  # the client stays; the app stops listening once done
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers.update((k.decode(), v.decode()) for k, v in message["headers"])
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))

        try:
            asyncio.run(self.app(scope, receive, send))
        except Exception as exc:  # what a server would turn into a 500
            return Answer(target, 500, {}, f"{type(exc).__name__}: {exc}")
        return Answer(target, status, headers, body.decode("utf-8", "replace"))


@pytest.fixture
def raw_client(db: Path) -> Iterator[RawClient]:
    app = create_app(db)
    yield RawClient(app)
    app.state.ledger.close()


def assert_answered(response: Answer) -> None:
    assert response.status_code < 500, (response.target[:200], response.text[:300])
    assert "Traceback" not in response.text
    assert 'File "' not in response.text  # no frame of a Python traceback either


LONG = "x" * 100_000
TRAVERSALS = [
    "/static/../../etc/passwd",
    "/static/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/static/%252e%252e%252fetc%252fpasswd",
    "/static/....//....//etc/passwd",
    "/static//etc/passwd",
    "/static/%5c..%5c..%5cetc%5cpasswd",
    "/static/style.css%00.txt",
    "/static/..%c0%af..%c0%afetc%c0%afpasswd",
    "/articles/%2e%2e%2f",
    "/articles/..%2f..%2f..%2fetc%2fpasswd",
    "/api/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/series/killed/../../../etc/passwd",
    "/api/series/..%2f..%2fetc%2fpasswd/timeline",
]
ODD_PATHS = [
    f"/series/{LONG}",
    f"/series/killed/{LONG}/GN",
    f"/api/series/killed/{LONG}/GN",
    f"/api/series/{LONG}/timeline",
    f"/articles/{LONG}",
    f"/api/articles/{LONG}",
    "/articles/%ff%fe%fd",
    "/series/killed/%00/GN",
    "/api/series/killed/%F0%9F%98%80/%E2%80%AE",
    "/series/%3Cscript%3Ealert(1)%3C%2Fscript%3E/x/y",
    "/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "/api/articles/'%20OR%201=1%20--",
    "/series/killed/Guinea/GN/timeline/../../../../",
    "/" + "/".join(["a"] * 5_000),
    "/%",
    "/articles/%",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_traversal_paths_reach_no_file_outside_the_app(raw_client: RawClient, path: str) -> None:
    response = raw_client.get(path)
    assert_answered(response)
    assert SECRET not in response.text
    # a 200 is one of the app's own answers, never a file
    kind = response.headers.get("content-type", "")
    assert response.status_code != 200 or kind.startswith(("text/html", "application/json"))
    assert response.status_code != 200 or not path.startswith("/static/")


@pytest.mark.parametrize("path", ODD_PATHS, ids=lambda p: p[:60])
def test_odd_paths_are_answered(raw_client: RawClient, path: str) -> None:
    response = raw_client.get(path)
    assert_answered(response)
    if response.headers.get("content-type", "").startswith("text/html"):
        assert not re.search(r"<script", response.text, re.I)


def test_the_stylesheet_is_still_served(raw_client: RawClient) -> None:
    assert raw_client.get("/static/style.css").status_code == 200


INJECTIONS = [
    "' OR 1=1 --",
    "\" OR \"\"=\"",
    "'; DROP TABLE articles; --",
    "1; SELECT * FROM sqlite_master",
    "%",
    "_",
    "\\",
    "%' OR '%'='",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "{{7*7}}",
    "${7*7}",
    "\x00",
    "\u202e\u0000\ufffd",
    "😀" * 50,
]
ENDPOINTS = [
    ("/api/articles", "q"),
    ("/articles", "q"),
    ("/api/figures", "group"),
    ("/api/figures", "place"),
    ("/api/figures", "measure"),
    ("/api/figures", "since"),
    ("/api/claims", "group"),
    ("/api/series", "place"),
    ("/series", "group"),
    ("/api/series", "limit"),
    ("/api/articles", "offset"),
    (f"/articles/{'0' * 64}", "figure"),
]


@pytest.mark.parametrize("value", INJECTIONS, ids=range(len(INJECTIONS)))
@pytest.mark.parametrize(("path", "name"), ENDPOINTS, ids=[f"{p}?{n}" for p, n in ENDPOINTS])
def test_injection_shaped_parameters(
    raw_client: RawClient, path: str, name: str, value: str
) -> None:
    response = raw_client.get(path, params={name: value})
    assert_answered(response)
    if response.headers.get("content-type", "").startswith("text/html"):
        assert "<script>alert" not in response.text
        assert "<img src=x" not in response.text
        assert not re.search(r"<script", response.text, re.I)


@pytest.mark.parametrize("value", ["' OR 1=1 --", "%", "_", "%' OR '%'='"])
def test_search_words_are_read_literally(raw_client: RawClient, value: str) -> None:
    # Every stored article would match if the words reached SQL as SQL or as LIKE patterns.
    found = raw_client.get("/api/articles", params={"q": value}).json()
    assert found["articles"] == []


def test_the_tables_survive_the_injections(raw_client: RawClient) -> None:
    before = raw_client.get("/api/articles", params={"limit": 200}).json()["articles"]
    for value in INJECTIONS:
        raw_client.get("/api/articles", params={"q": value})
        raw_client.get("/articles", params={"q": value})
    after = raw_client.get("/api/articles", params={"limit": 200}).json()["articles"]
    assert after == before and len(before) == 4


@pytest.mark.parametrize(
    "query",
    [
        "q=" + "a" * 100_000,
        "group=" + "%3Cscript%3E" * 8_000,
        "&".join(f"p{n}=x" for n in range(10_000)),
        "q=" + "%" * 100_000,
        "limit=" + "9" * 100_000,
        "offset=" + "9" * 100_000,
        "since=" + "9" * 100_000 + "-01-01",
        "a" * 100_000,
    ],
    ids=["long q", "long group", "10,000 params", "bad escapes", "long limit", "long offset",
         "long date", "one long word"],
)
@pytest.mark.parametrize("path", ["/api/articles", "/articles", "/api/series", "/series",
                                  "/api/figures"])
def test_very_long_query_strings(raw_client: RawClient, path: str, query: str) -> None:
    assert len(query) >= 40_000
    response = raw_client.get(f"{path}?{query}")
    assert_answered(response)
    assert len(response.text) < 200_000  # the answer does not echo 100 KB back many times


def test_a_request_line_of_100_kb_to_the_server(server: str) -> None:
    """uvicorn refuses a request line past its limit with a 4xx, or closes the connection."""
    address = urlsplit(server)
    with socket.create_connection((address.hostname, address.port), timeout=30) as sock:
        sock.sendall(b"GET /api/articles?q=" + b"a" * 100_000 + b" HTTP/1.1\r\n"
                     b"Host: 127.0.0.1\r\nConnection: close\r\n\r\n")
        answer = bytearray()
        while chunk := sock.recv(65536):
            answer.extend(chunk)
    if answer:
        status = int(answer.split(b" ", 2)[1])
        assert 400 <= status < 500, answer[:200]
    assert httpx.get(server + "/api/articles", timeout=10).status_code == 200


def test_a_burst_of_requests_over_http(server: str) -> None:
    """200 requests, 10 at a time, over real HTTP to uvicorn: all answered, none a 5xx."""
    paths = ["/api/articles", "/articles", "/series", "/api/series", "/api/figures",
             "/api/claims", "/series/killed/Guinea/GN", "/static/style.css",
             "/articles?q=%3Cscript%3E", "/static/..%2f..%2fetc%2fpasswd"]
    with httpx.Client(base_url=server, timeout=30) as client:
        def fetch(number: int) -> tuple[int, str]:
            response = client.get(paths[number % len(paths)])
            return response.status_code, response.text

        with ThreadPoolExecutor(max_workers=10) as pool:
            answers = list(pool.map(fetch, range(200)))
        assert client.get("/api/articles").status_code == 200  # still serving afterwards
    statuses = [status for status, _ in answers]
    assert len(statuses) == 200
    assert [s for s in statuses if s >= 500] == []
    assert statuses.count(200) == 180  # every path but the traversal, 20 times each
    assert not any("Traceback" in text or SECRET in text for _, text in answers)
