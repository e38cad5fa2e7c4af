"""Read web crawls: WARC and ARC files, plain or gzipped, as Common Crawl News publishes them.

Only successful HTML responses are articles; requests, metadata, images, redirects and errors
are skipped silently. A corrupt record is reported once and skipped: the reader looks for the
next record (the next gzip member, or the next 'WARC/1.' line) and goes on, so one bad record
does not lose the rest of a crawl.

warcio reads header lines with no bound, so a record whose header section never ends would be
read into memory whole; the reader under warcio stops a header line or a header block at
`MAX_HEADER_BYTES`, and that record is reported as corrupt like any other.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException
from warcio.utils import BUFF_SIZE

from newstally.errors import InputError
from newstally.ingest.html import MAX_HTML_BYTES, read_html
from newstally.ingest.results import Failed, Ingested

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_MAGIC = b"WARC/1."

# What warcio and the decompressor raise on a damaged record. AttributeError: warcio reads a
# record's missing Content-Type header as None and calls .startswith on it.
_CORRUPT = (ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error, EOFError, ValueError,
            UnicodeDecodeError, OSError, AttributeError)
_SCAN_CHUNK = 1 << 20
# A WARC record's headers and its HTTP response's headers are a few KB (a long cookie or CSP
# header reaches 8 KB); 64 KiB for one header section, counted from the last blank line, leaves
# room for any real crawl.
MAX_HEADER_BYTES = 64 * 1024


class HeaderTooLong(ValueError):
    """A record's header line or header section went past `MAX_HEADER_BYTES` without ending."""


class _BoundedHeaderReader(DecompressingBufferedReader):  # type: ignore[misc]
    """warcio's reader with header reading bounded.

    warcio reads headers, and the blank lines between records, only with readline() and the
    content only with read(): so the bytes read by readline() since the last blank line are one
    header section, and that is what is bounded.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_bytes = 0

    def readline(self, length: int | None = None) -> bytes:
        room = MAX_HEADER_BYTES - self.header_bytes + 1
        line: bytes = super().readline(room if length is None else min(length, room))
        if not line.strip():
            self.header_bytes = 0
            return line
        self.header_bytes += len(line)
        if self.header_bytes > MAX_HEADER_BYTES:
            self.header_bytes = 0
            raise HeaderTooLong(f"header section over {MAX_HEADER_BYTES:,} bytes without an end")
        return line

    def read(self, length: int | None = None) -> bytes:
        self.header_bytes = 0
        data: bytes = super().read(length)
        return data

    def _decompress(self, data: bytes) -> bytes:
        # warcio prints a gzip error mid-member to stderr and reads it as the member's end;
        # raised, it is reported as a corrupt record like any other.
        if self.decompressor and data and self.num_block_read:
            inflated: bytes = self.decompressor.decompress(data)
            return inflated
        first: bytes = super()._decompress(data)
        return first


class _BoundedArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    """warcio's record iterator over `_BoundedHeaderReader`, made before any record is read."""

    # warcio writes this warning to stderr itself when a record's Content-Length is wrong; the
    # record that follows is then misread, and reported as corrupt in one line.
    INC_RECORD = ""

    def __init__(self, stream: IO[bytes], **kwargs: Any) -> None:
        super().__init__(stream, **kwargs)
        self.reader = _BoundedHeaderReader(self.fh, block_size=BUFF_SIZE)


def is_warc_path(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def looks_like_warc(head: bytes) -> bool:
    """A crawl file starts with a WARC version line, or (ARC) a 'filedesc://' line; gzipped
    crawls are sniffed by decompressing their first member's first bytes."""
    return _first_bytes(head).startswith((WARC_MAGIC, b"filedesc://"))


def _first_bytes(head: bytes) -> bytes:
    if not head.startswith(GZIP_MAGIC):
        return head
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except zlib.error:
        return b""


def iter_warc_file(path: Path) -> Iterator[Ingested | Failed]:
    """Yield an article for each HTML response in a crawl file, and a failure for each bad one."""
    name = str(path)
    try:
        handle = path.open("rb")
    except FileNotFoundError as exc:
        raise InputError(f"{name}: no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{name}: is a directory") from exc
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    with handle:
        yield from iter_warc(handle, name)


def iter_warc(stream: IO[bytes], name: str) -> Iterator[Ingested | Failed]:
    """Read records from a seekable binary stream, resynchronising after corrupt records."""
    head = stream.read(4096)
    gzipped = head.startswith(GZIP_MAGIC)
    # ARC records are converted to WARC responses. Only for ARC files: warcio's mixed mode
    # reads any line of garbage as an ARC header, which would hide corrupt WARC records.
    is_arc = _first_bytes(head).startswith(b"filedesc://")
    start: int | None = 0
    recovering = False
    seen = 0
    if head and not looks_like_warc(head):
        # warcio would read a line of prose as an ARC header, so the first record is checked
        # here: not a record header means a corrupt first record, or no crawl at all.
        start = _next_record_start(stream, 1, gzipped)
        if start is None:
            raise InputError(f"{name}: is not a WARC or ARC file")
        recovering = True
        yield Failed(f"{name} @0", f"{name}: corrupt record at byte 0 skipped (no record header)")
    while start is not None:
        stream.seek(start)
        records = _BoundedArchiveIterator(stream, arc2warc=is_arc)
        try:
            for record in records:
                seen += 1
                recovering = False
                result = _record_article(record, name, records.offset)
                if result is not None:
                    yield result
            start = None
        except _CORRUPT as exc:
            failed_at = records.offset
            resume = failed_at + 1
            if isinstance(exc, HeaderTooLong) and not gzipped:
                # Past what was read: a file of 'WARC/1.0' lines and no blank line would
                # otherwise be read 64 KiB again from each of its lines.
                resume = max(resume, stream.tell() - records.reader.rem_length())
            start = _next_record_start(stream, resume, gzipped)
            if seen == 0 and start is None and failed_at == 0 and not isinstance(
                exc, HeaderTooLong
            ):
                raise InputError(
                    f"{name}: is not a WARC or ARC file ({_first_line(exc)})"
                ) from exc
            if not recovering:
                yield Failed(
                    f"{name} @{failed_at}",
                    f"{name}: corrupt record at byte {failed_at} skipped ({_first_line(exc)})",
                )
            recovering = True
        finally:
            records.close()
    if seen == 0 and not recovering:
        raise InputError(f"{name}: holds no WARC or ARC records")


def _record_article(record: Any, name: str, offset: int) -> Ingested | Failed | None:
    """An HTML 200 response as an article; None for every other kind of record."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if content_type and not content_type.startswith(HTML_TYPES):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    label = f"{name} @{offset} {url}" if url else f"{name} @{offset}"
    body = record.content_stream().read(MAX_HTML_BYTES + 1)
    if len(body) > MAX_HTML_BYTES:
        return Failed(label, f"{label}: response is over {MAX_HTML_BYTES:,} bytes; skipped")
    if not content_type and b"<html" not in body[:4096].lower():
        return None
    try:
        article = read_html(
            body,
            url=url,
            name=label,
            encoding=_charset(content_type),
            fallback_date=_warc_date(record.rec_headers.get_header("WARC-Date")),
        )
    except InputError as exc:
        return Failed(label, str(exc))
    return Ingested(label, article)


def _charset(content_type: str) -> str | None:
    for parameter in content_type.split(";")[1:]:
        key, _, value = parameter.partition("=")
        if key.strip() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _warc_date(value: str | None) -> dt.date | None:
    """'2024-03-05T08:00:00Z' (WARC) or '20240305080000' (ARC, after arc2warc) -> a date."""
    if not value:
        return None
    digits = value.replace("-", "")[:8]
    try:
        return dt.datetime.strptime(digits, "%Y%m%d").date()
    except ValueError:
        return None


def _next_record_start(stream: IO[bytes], position: int, gzipped: bool) -> int | None:
    """The offset of the next candidate record at or after `position`, or None at the end."""
    magic = GZIP_MAGIC if gzipped else b"\n" + WARC_MAGIC
    stream.seek(position)
    carry = b""
    base = position
    while chunk := stream.read(_SCAN_CHUNK):
        window = carry + chunk
        found = window.find(magic)
        if found >= 0:
            return base - len(carry) + found + (0 if gzipped else 1)
        carry = window[-(len(magic) - 1):]
        base += len(chunk)
    return None


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0][:200] if lines else type(exc).__name__
