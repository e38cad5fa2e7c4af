"""`newstally ingest` on web inputs: a folder of mixed files, URLs served on a loopback port."""

from __future__ import annotations

import functools
import io
import sqlite3
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newstally.cli import app

PAGE = """<html><head><title>Flood kills 12 in Valdoria</title>
<meta property="og:site_name" content="The Daily Lantern">
<meta property="article:published_time" content="2024-03-05T08:00:00Z"></head>
<body><nav>Home | World | Sport</nav><article>
<p>At least 12 people were killed and 40 injured when the Ostra river burst its banks on
Monday, the regional governor said.</p></article><script>alert(1)</script></body></html>"""

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Kesh Courier</title>
<item><title>Bridge crash</title><link>https://kesh-courier.example/bridge</link>
<pubDate>Wed, 06 Mar 2024 10:30:00 GMT</pubDate>
<description>Three people were injured when a lorry struck the Kesh bridge, police said.
</description></item></channel></rss>"""

STORM = """<html><head><title>Storm hits harbour</title></head><body><article>
<p>Two fishermen were injured as waves hit Kesh harbour on Thursday, the port authority said.
</p></article></body></html>"""


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def rows(db: Path) -> list[tuple[str | None, ...]]:
    with sqlite3.connect(db) as raw:
        return raw.execute("SELECT url, title, outlet, published FROM articles ORDER BY title")\
            .fetchall()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "web"
    root.mkdir()
    (root / "flood.html").write_text(PAGE)
    (root / "courier.rss").write_text(FEED)
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "https://kesh-courier.example/storm", "response", payload=io.BytesIO(STORM.encode()),
        http_headers=headers, warc_headers_dict={"WARC-Date": "2024-03-07T12:00:00Z"}))
    (root / "crawl.warc.gz").write_bytes(buffer.getvalue())
    return root


@pytest.fixture
def served(folder: Path) -> Iterator[str]:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *_: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_ingest_a_folder_of_web_inputs(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    code, out, err = run("ingest", folder, "--db", db)
    assert (code, err) == (0, "")
    assert "stored 3, already present 0, failed 0" in out
    assert rows(db) == [
        ("https://kesh-courier.example/bridge", "Bridge crash", "Kesh Courier", "2024-03-06"),
        (None, "Flood kills 12 in Valdoria", "The Daily Lantern", "2024-03-05"),
        ("https://kesh-courier.example/storm", "Storm hits harbour", "kesh-courier.example",
         "2024-03-07"),
    ]


def test_ingest_urls_with_allow_private(served: str, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    code, out, err = run("ingest", f"{served}/flood.html", "--db", db, "--allow-private")
    assert (code, err) == (0, "")
    assert "stored 1," in out
    assert rows(db) == [
        (f"{served}/flood.html", "Flood kills 12 in Valdoria", "The Daily Lantern", "2024-03-05")
    ]


def test_ingest_a_url_list(served: str, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# today\n{served}/flood.html\n{served}/courier.rss\n{served}/gone\n")
    db = tmp_path / "news.db"
    code, out, err = run("ingest", "--urls", listing, "--db", db, "--allow-private")
    assert code == 1
    assert "stored 2, already present 0, failed 1" in out
    assert err == f"newstally: error: {served}/gone: the server answered HTTP 404\n"


def test_loopback_url_refused_without_the_flag(served: str, tmp_path: Path) -> None:
    code, out, err = run("ingest", f"{served}/flood.html", "--db", tmp_path / "news.db")
    assert code == 1
    assert "stored 0, already present 0, failed 1" in out
    assert err.startswith(f"newstally: error: {served}/flood.html: refused, 127.0.0.1 is a "
                          "loopback address (use --allow-private to allow)")
    assert len(err.splitlines()) == 1


def test_nothing_to_ingest(tmp_path: Path) -> None:
    code, _, err = run("ingest", "--db", tmp_path / "news.db")
    assert code == 2
    assert err.startswith("newstally: error: nothing to ingest")


def test_missing_url_list(tmp_path: Path) -> None:
    code, _, err = run("ingest", "--urls", tmp_path / "none.txt", "--db", tmp_path / "n.db")
    assert code == 2
    assert err == f"newstally: error: {tmp_path / 'none.txt'}: no such file\n"
