"""The dispatcher: a folder of mixed inputs, and the same files served on a loopback port."""

from __future__ import annotations

import functools
import gzip
import io
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newstally.ingest import read_inputs
from newstally.ingest.inputs import read_url_list
from newstally.ingest.results import Failed, Ingested

PAGE = """<html><head><title>Flood kills 12</title></head><body><nav>Home | World</nav>
<article><p>At least 12 people were killed when the Ostra river burst its banks on Monday,
the regional governor said.</p></article></body></html>"""

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Lantern</title>
<item><title>Bridge closed</title><link>https://lantern.example/bridge</link>
<description>Three people were injured on the Kesh bridge.</description></item>
<item><title>Harbour storm</title><link>https://lantern.example/storm</link>
<description>Two fishermen were hurt as waves hit the harbour.</description></item>
</channel></rss>"""

TEXT = "Police said five people were detained after the protest in Kesh."


def crawl() -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "https://kesh-courier.example/flood", "response",
        payload=io.BytesIO(PAGE.encode()), http_headers=headers))
    return buffer.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "inputs"
    (root / "nested").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "page.html").write_text(PAGE)
    (root / "lantern.rss").write_text(FEED)
    (root / "nested" / "crawl.warc.gz").write_bytes(crawl())
    (root / "note.txt").write_text(TEXT)
    (root / "note.meta.json").write_text('{"published": "2024-05-01", "outlet": "Kesh Courier"}')
    (root / "README.md").write_text("Not an article.")
    (root / ".hidden" / "secret.html").write_text(PAGE)
    (root / "empty.html").write_text("")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not read")
    return root


def test_a_folder_of_every_kind(folder: Path) -> None:
    results = list(read_inputs([folder]))
    names = [r.name.removeprefix(str(folder) + "/") for r in results]
    assert names == [
        "empty.html",
        "lantern.rss entry 1 https://lantern.example/bridge",
        "lantern.rss entry 2 https://lantern.example/storm",
        "note.txt",
        "page.html",
        "nested/crawl.warc.gz @0 https://kesh-courier.example/flood",
    ]
    assert isinstance(results[0], Failed) and results[0].message.endswith("empty.html: is empty")
    articles = {r.name.rsplit("/", 1)[-1]: r.article for r in results if isinstance(r, Ingested)}
    assert articles["note.txt"].outlet == "Kesh Courier"
    assert str(articles["note.txt"].published) == "2024-05-01"
    assert articles["page.html"].title == "Flood kills 12"
    assert articles["flood"].outlet == "kesh-courier.example"


def test_files_without_a_telling_name_are_sniffed(tmp_path: Path) -> None:
    for name, content in (("a.page", PAGE), ("b.feed", FEED), ("c.dump", TEXT)):
        (tmp_path / name).write_text(content)
    (tmp_path / "d.bin").write_bytes(crawl())
    results = list(read_inputs(sorted(tmp_path.iterdir())))
    assert [r.article.title for r in results if isinstance(r, Ingested)] == [
        "Flood kills 12", "Bridge closed", "Harbour storm", None, "Flood kills 12"]
    assert [r.article.url for r in results if isinstance(r, Ingested)][-1] == (
        "https://kesh-courier.example/flood")


def test_missing_inputs_fail_by_name_and_the_batch_goes_on(folder: Path) -> None:
    results = list(read_inputs([str(folder / "gone.html"), folder / "note.txt"]))
    assert results[0] == Failed(str(folder / "gone.html"),
                                f"{folder / 'gone.html'}: no such file or directory")
    assert isinstance(results[1], Ingested)


def test_a_named_pipe_is_refused_by_name_without_opening_it(folder: Path) -> None:
    # Opening a FIFO with no writer would block forever; the reader must not even try.
    pipe = folder / "pipe.txt"
    os.mkfifo(pipe)
    results = list(read_inputs([pipe, folder / "note.txt"]))
    assert results[0] == Failed(str(pipe), f"{pipe}: is a named pipe (FIFO), not a file")
    assert isinstance(results[1], Ingested)


def test_a_named_pipe_inside_a_folder_is_refused_and_the_rest_read(folder: Path) -> None:
    os.mkfifo(folder / "feed.txt")
    results = list(read_inputs([folder]))
    refused = [r for r in results if isinstance(r, Failed) and "feed.txt" in r.name]
    assert refused == [Failed(str(folder / "feed.txt"),
                              f"{folder / 'feed.txt'}: is a named pipe (FIFO), not a file")]
    assert any(isinstance(r, Ingested) for r in results)


def test_a_device_is_refused_by_name() -> None:
    results = list(read_inputs(["/dev/zero"]))
    assert results == [Failed("/dev/zero", "/dev/zero: is a device, not a file")]


@pytest.fixture
def served(folder: Path) -> Iterator[str]:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *_: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_urls_and_files_in_input_order(folder: Path, served: str) -> None:
    inputs = [f"{served}/page.html", str(folder / "note.txt"), f"{served}/lantern.rss"]
    results = list(read_inputs(inputs, allow_private=True))
    assert [r.name for r in results] == [
        f"{served}/page.html", str(folder / "note.txt"),
        f"{served}/lantern.rss entry 1 https://lantern.example/bridge",
        f"{served}/lantern.rss entry 2 https://lantern.example/storm",
    ]


def test_loopback_urls_are_refused_without_the_flag(served: str) -> None:
    [result] = list(read_inputs([f"{served}/page.html"]))
    assert isinstance(result, Failed)
    assert "refused, 127.0.0.1 is a loopback address" in result.message


def test_a_url_list(tmp_path: Path, served: str) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# morning run\n\n{served}/page.html\n  ftp://old.example/a \n")
    urls = read_url_list(listing)
    assert urls == [f"{served}/page.html", "ftp://old.example/a"]
    results = list(read_inputs([], urls=urls, allow_private=True))
    assert isinstance(results[0], Ingested)
    assert results[1] == Failed("ftp://old.example/a", "ftp://old.example/a: only http and "
                                "https URLs can be fetched")


def test_gzipped_url_list_is_not_text(tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_bytes(gzip.compress(b"\xff\xfe" * 100))
    with pytest.raises(Exception, match="urls.txt: is not UTF-8 text"):
        read_url_list(listing)
