"""One entry point for every kind of input: files, folders and URLs in, articles out.

The reader is chosen by the name, and by the first bytes when the name does not tell:
  - http:// and https:// URLs are fetched (fetch.py), a few at a time;
  - .html .htm .xhtml are web pages (html.py);
  - .xml .rss .atom .rdf are feeds (feeds.py);
  - .warc .warc.gz .arc .arc.gz are crawls (warc.py);
  - .txt .text .md are plain text with an optional NAME.meta.json sidecar (text.py);
  - anything else is sniffed: a crawl, a feed, a web page, or else plain text.
Folders are searched for all of these. Each input, or each record of one, yields an `Ingested`
or a `Failed`, so a batch always goes on.

>>> [type(r).__name__ for r in read_inputs(["no-such-file.html"])]
['Failed']
"""

from __future__ import annotations

import itertools
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from newstally.errors import InputError
from newstally.extract.report import ArticleInput
from newstally.ingest.feeds import MAX_FEED_BYTES, iter_feed, looks_like_feed
from newstally.ingest.fetch import Fetcher, fetch_articles
from newstally.ingest.html import MAX_HTML_BYTES, read_html
from newstally.ingest.results import Failed, Ingested
from newstally.ingest.text import (
    SKIPPED_NAMES,
    TEXT_SUFFIXES,
    read_bounded,
    read_meta,
    read_text_file,
)
from newstally.ingest.warc import WARC_SUFFIXES, iter_warc_file, looks_like_warc

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")
KNOWN_SUFFIXES = HTML_SUFFIXES + FEED_SUFFIXES + WARC_SUFFIXES + tuple(TEXT_SUFFIXES)

# A URL list of a million lines is ~100 MB; this bounds one file of them to a week's crawl.
MAX_URL_LIST_BYTES = 20 * 1024 * 1024


def is_url(value: str | Path) -> bool:
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def read_inputs(
    paths_or_urls: Iterable[str | Path],
    *,
    allow_private: bool = False,
    urls: Iterable[str] = (),
    fetcher: Fetcher | None = None,
) -> Iterator[Ingested | Failed]:
    """Read every input in order, then fetch `urls` (a URL list's lines, each fetched whatever
    it looks like, so a bad line fails by name). Consecutive URLs are fetched concurrently."""
    for fetching, group in itertools.groupby(paths_or_urls, key=is_url):
        if fetching:
            yield from fetch_articles(
                (str(url) for url in group), allow_private=allow_private, fetcher=fetcher
            )
            continue
        for value in group:
            for path in expand(Path(value)):
                if isinstance(path, Failed):
                    yield path
                    continue
                try:
                    yield from read_file(path)
                except InputError as exc:
                    yield Failed(str(path), str(exc))
    yield from fetch_articles(urls, allow_private=allow_private, fetcher=fetcher)


def expand(path: Path) -> Iterator[Path | Failed]:
    """A file as it is; a folder walked in name order for files of a known kind (hidden files
    and READMEs skipped)."""
    if not path.is_dir():
        if path.exists() or path.is_symlink():
            special = special_file_kind(path)
            yield Failed(str(path), f"{path}: is {special}, not a file") if special else path
        else:
            yield Failed(str(path), f"{path}: no such file or directory")
        return
    failures: list[OSError] = []
    for folder, dirs, files in os.walk(path, onerror=failures.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            lower = file.lower()
            if not file.startswith(".") and lower.endswith(KNOWN_SUFFIXES) and (
                lower not in SKIPPED_NAMES
            ):
                found = Path(folder, file)
                special = special_file_kind(found)
                yield Failed(str(found), f"{found}: is {special}, not a file") if special else found
        while failures:
            failure = failures.pop(0)
            where = failure.filename or folder
            yield Failed(str(where), f"{where}: cannot be listed ({failure.strerror})")
    for failure in failures:
        where = failure.filename or path
        yield Failed(str(where), f"{where}: cannot be listed ({failure.strerror})")


def special_file_kind(path: Path) -> str | None:
    """What a path is when it is not a regular file or folder ('a named pipe (FIFO)'), else None.

    Opening a FIFO blocks until a writer comes, and a device can be read forever: they are
    refused by name before anything opens them. A path that cannot be stat'ed is left to the
    reader, which reports why."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return None


def read_file(path: Path) -> Iterator[Ingested | Failed]:
    """Read one file with the reader its name or its first bytes call for."""
    name = str(path)
    lower = path.name.lower()
    if lower.endswith(WARC_SUFFIXES):
        yield from iter_warc_file(path)
    elif lower.endswith(HTML_SUFFIXES):
        yield Ingested(name, read_html(read_bounded(path, MAX_HTML_BYTES), name=name))
    elif lower.endswith(FEED_SUFFIXES):
        yield from iter_feed(read_bounded(path, MAX_FEED_BYTES), name)
    elif path.suffix.lower() in TEXT_SUFFIXES:
        yield Ingested(name, read_text_article(path))
    else:
        yield from _sniffed(path)


def _sniffed(path: Path) -> Iterator[Ingested | Failed]:
    name = str(path)
    head = read_bounded(path, max(MAX_HTML_BYTES, MAX_FEED_BYTES), head=4096)
    if looks_like_warc(head):
        yield from iter_warc_file(path)
    elif looks_like_feed(head):
        yield from iter_feed(read_bounded(path, MAX_FEED_BYTES), name)
    elif _looks_like_html(head):
        yield Ingested(name, read_html(read_bounded(path, MAX_HTML_BYTES), name=name))
    else:
        yield Ingested(name, read_text_article(path))


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html")) or b"<html" in start[:1024]


def read_text_article(path: Path) -> ArticleInput:
    """A plain-text article and what its NAME.meta.json sidecar says about it."""
    text_file = read_text_file(path)
    meta = read_meta(path)
    return ArticleInput(
        text=text_file.text,
        published=meta.published,
        url=meta.url,
        title=meta.title,
        outlet=meta.outlet,
        authors=meta.authors,
    )


def read_url_list(path: Path) -> list[str]:
    """The URLs in a file, one a line; blank lines and lines starting with '#' are skipped."""
    data = read_bounded(path, MAX_URL_LIST_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: is not UTF-8 text") from exc
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]
