"""The crawl reader, on WARC and ARC files written here with warcio."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import random
import time
import tracemalloc
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newstally.errors import InputError
from newstally.ingest.results import Failed, Ingested
from newstally.ingest.warc import MAX_HEADER_BYTES, iter_warc_file, looks_like_warc

FLOOD = """<html><head><title>Flood kills 12 in Valdoria</title>
<meta property="og:site_name" content="The Daily Lantern">
<meta property="article:published_time" content="2024-03-05T08:00:00Z"></head>
<body><nav>Home | World | Sport</nav><article>
<p>At least 12 people were killed and 40 injured when the Ostra river burst its banks on
Monday, the regional governor said.</p>
<p>Rescue teams were still searching for seven people reported missing.</p>
</article><script>alert("WARC-SCRIPT")</script></body></html>"""

BRIDGE = """<html><head><title>Bridge closed after crash</title></head><body><div>
<p>Three people were injured when a lorry struck the Kesh bridge on Tuesday, police said.
The bridge will stay closed while engineers inspect it.</p></div></body></html>"""

SHELL = "<html><body><div id='app'></div><script>render()</script></body></html>"


def response(writer: WARCWriter, url: str, body: bytes, *, status: str = "200 OK",
             content_type: str = "text/html; charset=utf-8",
             date: str = "2025-01-10T12:00:00Z") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=headers,
        # a fixed record id keeps the bytes (and so a truncated copy) the same on every run
        warc_headers_dict={"WARC-Date": date,
                           "WARC-Record-ID": f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>"},
    )
    writer.write_record(record)


def write_crawl(path: Path, *, gzipped: bool, corrupt: bytes = b"") -> Path:
    """A small crawl: the two articles around every kind of record the reader must skip."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
    request = writer.create_warc_record(
        "https://lantern.example/world/flood", "request",
        payload=io.BytesIO(b"GET /world/flood HTTP/1.1\r\nHost: lantern.example\r\n\r\n"),
    )
    writer.write_record(request)
    response(writer, "https://lantern.example/world/flood", FLOOD.encode())
    response(writer, "https://lantern.example/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00",
             content_type="image/png")
    response(writer, "https://lantern.example/gone", b"<html>Not found</html>",
             status="404 Not Found")
    response(writer, "https://lantern.example/app", SHELL.encode())
    buffer.write(corrupt)
    response(writer, "https://www.kesh-courier.example/bridge", BRIDGE.encode(),
             date="2024-06-07T09:15:00Z")
    path.write_bytes(buffer.getvalue())
    return path


def articles(results: list[Ingested | Failed]) -> list[Ingested]:
    return [r for r in results if isinstance(r, Ingested)]


@pytest.mark.parametrize("gzipped", [True, False])
def test_html_responses_become_articles(tmp_path: Path, gzipped: bool) -> None:
    path = write_crawl(tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc"), gzipped=gzipped)
    results = list(iter_warc_file(path))
    flood, bridge = (r.article for r in articles(results))
    assert flood.url == "https://lantern.example/world/flood"
    assert flood.title == "Flood kills 12 in Valdoria"
    assert flood.outlet == "The Daily Lantern"
    assert flood.published == dt.date(2024, 3, 5)  # the page's date wins over the crawl's
    assert flood.text.startswith("At least 12 people were killed")
    assert "WARC-SCRIPT" not in flood.text and "Home" not in flood.text
    assert bridge.url == "https://www.kesh-courier.example/bridge"
    assert bridge.outlet == "kesh-courier.example"
    assert bridge.published == dt.date(2024, 6, 7)  # no date in the page: WARC-Date
    # The empty app shell is the only failure; request, image, 404 and warcinfo are skipped.
    [failed] = [r for r in results if isinstance(r, Failed)]
    assert "https://lantern.example/app: no article text found" in failed.message


def test_corrupt_gzip_member_is_reported_and_skipped(tmp_path: Path) -> None:
    garbage = gzip.compress(b"this is not a WARC record at all\r\n\r\n")
    path = write_crawl(tmp_path / "crawl.warc.gz", gzipped=True, corrupt=garbage)
    results = list(iter_warc_file(path))
    assert [r.article.url for r in articles(results)] == [
        "https://lantern.example/world/flood", "https://www.kesh-courier.example/bridge"]
    corrupt = [r for r in results if isinstance(r, Failed) and "corrupt record" in r.message]
    assert len(corrupt) == 1
    assert corrupt[0].message.startswith(f"{path}: corrupt record at byte ")


def test_corrupt_first_record(tmp_path: Path) -> None:
    good = write_crawl(tmp_path / "good.warc.gz", gzipped=True).read_bytes()
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(b"not a record\r\n\r\n") + good)
    results = list(iter_warc_file(path))
    assert isinstance(results[0], Failed)
    assert results[0].message.startswith(f"{path}: corrupt record at byte 0 skipped (")
    assert len(articles(results)) == 2


def test_truncated_gzip_member_is_reported_and_skipped(tmp_path: Path) -> None:
    member = io.BytesIO()
    response(WARCWriter(member, gzip=True), "https://lantern.example/cut", FLOOD.encode())
    truncated = member.getvalue()[: len(member.getvalue()) // 2]
    path = write_crawl(tmp_path / "crawl.warc.gz", gzipped=True, corrupt=truncated)
    results = list(iter_warc_file(path))
    assert [r.article.url for r in articles(results)] == [
        "https://lantern.example/world/flood", "https://www.kesh-courier.example/bridge"]
    assert sum("corrupt record" in r.message for r in results if isinstance(r, Failed)) == 1


def test_corrupt_record_in_plain_warc(tmp_path: Path) -> None:
    broken = b"this line is no record header\r\nnor is this\r\n\r\n"
    path = write_crawl(tmp_path / "crawl.warc", gzipped=False, corrupt=broken)
    results = list(iter_warc_file(path))
    assert len(articles(results)) == 2
    assert sum("corrupt record" in r.message for r in results if isinstance(r, Failed)) == 1


def test_arc_file(tmp_path: Path) -> None:
    http = (b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + BRIDGE.encode())
    header_body = b"1 0 tests\nURL IP-address Archive-date Content-type Archive-length\n"
    header = (b"filedesc://crawl.arc 0.0.0.0 20240607091500 text/plain "
              + str(len(header_body)).encode() + b"\n" + header_body)
    record = (b"https://kesh-courier.example/bridge 192.0.2.1 20240607091500 text/html "
              + str(len(http)).encode() + b"\n" + http)
    path = tmp_path / "crawl.arc.gz"
    path.write_bytes(gzip.compress(header + b"\n") + gzip.compress(record + b"\n"))
    [result] = list(iter_warc_file(path))
    assert isinstance(result, Ingested)
    assert result.article.url == "https://kesh-courier.example/bridge"
    assert result.article.published == dt.date(2024, 6, 7)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "holds no WARC or ARC records"),
        (b"Dear editor, this is a letter.\n", "is not a WARC or ARC file"),
        (gzip.compress(b"just gzipped words\n"), "is not a WARC or ARC file"),
    ],
)
def test_not_a_crawl(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.warc.gz"
    path.write_bytes(content)
    with pytest.raises(InputError, match=f"x.warc.gz: {message}"):
        list(iter_warc_file(path))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nope.warc: no such file"):
        list(iter_warc_file(tmp_path / "nope.warc"))


def test_sniffing(tmp_path: Path) -> None:
    path = write_crawl(tmp_path / "c.warc.gz", gzipped=True)
    assert looks_like_warc(path.read_bytes()[:4096])
    assert looks_like_warc(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n")
    assert not looks_like_warc(gzip.compress(b"hello"))
    assert not looks_like_warc(b"<html>")


def test_a_record_without_content_type_is_skipped_as_corrupt(tmp_path: Path) -> None:
    # warcio dereferences the missing header; the reader reports the record and goes on.
    block = b"HTTP/1.1 200 OK\r\n\r\n<html><body><p>Nine people were hurt.</p></body></html>"
    bad = (b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: %d\r\n\r\n" % len(block)
           + block + b"\r\n\r\n")
    path = tmp_path / "odd.warc"
    good = write_crawl(tmp_path / "good.warc", gzipped=False).read_bytes()
    path.write_bytes(bad + good)
    results = list(iter_warc_file(path))
    assert isinstance(results[0], Failed) and "corrupt record at byte 0" in results[0].message
    assert [r.article.title for r in results if isinstance(r, Ingested)] == [
        "Flood kills 12 in Valdoria", "Bridge closed after crash"]


# 512 times the header bound. Past the bound the reader holds a constant amount whatever the
# size: the scan for the next record reads 1 MiB at a time, and warcio inflates a gzipped crawl
# 16 KiB at a time (up to ~17 MiB, and a copy, for a header of one repeated byte). warcio alone
# held the whole section, several times over (~9 bytes a byte).
ENDLESS_SIZE = 32 * 1024 * 1024
HEADER_LIMIT_MESSAGE = f"header section over {MAX_HEADER_BYTES:,} bytes without an end"


def endless_warc_headers() -> bytes:
    line = b"X-Padding: " + b"a" * 60 + b"\r\n"
    return b"WARC/1.0\r\nWARC-Type: response\r\n" + line * (ENDLESS_SIZE // len(line))


def one_endless_line() -> bytes:
    return b"WARC/1.0\r\nWARC-Type: response\r\nX-Padding: " + b"a" * ENDLESS_SIZE


def endless_http_headers() -> bytes:
    line = b"Set-Cookie: " + b"b" * 60 + b"\r\n"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + line * (ENDLESS_SIZE // len(line))
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://lantern.example/x\r\n"
            b"Content-Type: application/http; msgtype=response\r\n"
            b"Content-Length: %d\r\n\r\n" % (len(http) + 1000) + http)


ENDLESS = [
    pytest.param(endless_warc_headers, id="endless WARC header lines"),
    pytest.param(one_endless_line, id="one endless header line"),
    pytest.param(endless_http_headers, id="endless HTTP header lines"),
]


@pytest.mark.parametrize("endless", ENDLESS)
@pytest.mark.parametrize("gzipped", [False, True])
def test_a_header_section_that_never_ends_is_one_failure_after_the_good_records(
    tmp_path: Path, endless: Callable[[], bytes], gzipped: bool
) -> None:
    good = write_crawl(tmp_path / "good.warc", gzipped=gzipped).read_bytes()
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    path.write_bytes(good + (gzip.compress(endless()) if gzipped else endless()))
    list(iter_warc_file(tmp_path / "good.warc"))  # the HTML reader's first run builds its caches
    tracemalloc.start()
    started = time.monotonic()
    try:
        results = list(iter_warc_file(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 20
    assert peak < 64 * 1024 * 1024
    assert [r.article.url for r in articles(results)] == [
        "https://lantern.example/world/flood", "https://www.kesh-courier.example/bridge"]
    failures = [r.message for r in results if isinstance(r, Failed)]
    assert failures[-1] == (
        f"{path}: corrupt record at byte {len(good)} skipped ({HEADER_LIMIT_MESSAGE})")
    assert len(failures) == 2  # and the app shell's "no article text found"


def test_an_endless_header_in_the_middle_loses_only_its_own_record(tmp_path: Path) -> None:
    path = write_crawl(tmp_path / "crawl.warc", gzipped=False, corrupt=endless_warc_headers())
    results = list(iter_warc_file(path))
    assert [r.article.url for r in articles(results)] == [
        "https://lantern.example/world/flood", "https://www.kesh-courier.example/bridge"]
    assert sum(HEADER_LIMIT_MESSAGE in r.message for r in results if isinstance(r, Failed)) == 1


def test_a_crawl_that_is_one_endless_header_names_the_file_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "endless.warc"
    path.write_bytes(one_endless_line())
    assert list(iter_warc_file(path)) == [Failed(
        f"{path} @0", f"{path}: corrupt record at byte 0 skipped ({HEADER_LIMIT_MESSAGE})")]


def test_many_records_of_headers_alone_are_within_the_bound(tmp_path: Path) -> None:
    # the bound is per header section: 2,000 empty records (2 headers each) are read as usual
    empty = b"WARC/1.0\r\nWARC-Type: metadata\r\nContent-Length: 0\r\n\r\n\r\n\r\n"
    path = tmp_path / "crawl.warc"
    path.write_bytes(empty * 2000 + write_crawl(tmp_path / "good.warc", gzipped=False).read_bytes())
    assert len(articles(list(iter_warc_file(path)))) == 2


def test_record_starts_with_no_header_end_are_read_once(tmp_path: Path) -> None:
    # a 'WARC/1.0' line every 80 bytes and no blank line: resuming after each start would read
    # 64 KiB from each of them (4 MB: three minutes); resuming past what was read, once
    line = b"WARC/1.0\r\nX-Padding: " + b"a" * 56 + b"\r\n"
    good = write_crawl(tmp_path / "good.warc", gzipped=False).read_bytes()
    path = tmp_path / "starts.warc"
    path.write_bytes(good + line * 50_000)
    started = time.monotonic()
    results = list(iter_warc_file(path))
    assert time.monotonic() - started < 10
    assert len(articles(results)) == 2
    assert sum(HEADER_LIMIT_MESSAGE in r.message for r in results if isinstance(r, Failed)) == 1


def test_warcio_prints_nothing_of_its_own(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # a Content-Length shorter than the record: warcio warned on stderr, in three lines, and
    # skips the line left over; the record's cut-off page is reported as having no text
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><p>Two were hurt.</p></html>"
    short = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.example/\r\n"
             b"Content-Length: 50\r\n\r\n" + block + b"\r\n\r\n")
    path = write_crawl(tmp_path / "crawl.warc", gzipped=False, corrupt=short)
    results = list(iter_warc_file(path))
    assert len(articles(results)) == 2
    assert any("https://x.example/: no article text" in r.message
               for r in results if isinstance(r, Failed))
    assert capfd.readouterr().err == ""


def test_a_gzip_member_damaged_inside_is_reported(tmp_path: Path,
                                                   capfd: pytest.CaptureFixture[str]) -> None:
    # over warcio's 16 KiB block when compressed, so the damage is met after the first block
    noise = random.Random(13).randbytes(60_000).hex().encode()
    member = io.BytesIO()
    response(WARCWriter(member, gzip=True), "https://lantern.example/cut",
             FLOOD.encode() + b"<!--" + noise + b"-->")
    data = bytearray(member.getvalue())
    data[-2000:-1960] = b"\xff" * 40  # deflate data that cannot inflate
    path = write_crawl(tmp_path / "crawl.warc.gz", gzipped=True, corrupt=bytes(data))
    results = list(iter_warc_file(path))
    assert [r.article.url for r in articles(results)] == [
        "https://lantern.example/world/flood", "https://www.kesh-courier.example/bridge"]
    assert sum("corrupt record" in r.message for r in results if isinstance(r, Failed)) == 1
    assert capfd.readouterr().err == ""
