"""Read RSS and Atom feeds: one article per entry, from the entry's full content or summary.

Many feeds carry only a summary of each story; that summary is what gets extracted (fetch the
entry's link to read the whole story). Entry HTML is flattened with `html_to_text`, so scripts
and markup never reach the stored text.

feedparser builds every entry before it returns, so a feed is cut before parsing: past
`MAX_FEED_ENTRIES` entries the rest is reported once as one failure, and an entry whose text is
over `MAX_ENTRY_BYTES` is refused by itself.

>>> [r.article.title for r in iter_feed(b'<rss version="2.0"><channel><title>Lantern</title>'
...     b'<item><title>Storm</title><description>Two killed.</description></item>'
...     b'</channel></rss>', "feed.xml")]
['Storm']
"""

from __future__ import annotations

import datetime as dt
import io
import re
import time
import xml.parsers.expat
from collections.abc import Iterator
from typing import Any

import feedparser

from newstally.articles import ArticleInput
from newstally.errors import InputError
from newstally.ingest.html import html_to_text, outlet_from_url
from newstally.ingest.results import Failed, Ingested

# A busy outlet's feed is well under 1 MB; full-content feeds of a few hundred entries reach a
# few MB. Larger inputs are refused before parsing.
MAX_FEED_BYTES = 10 * 1024 * 1024

# The root element, after any XML declaration, processing instructions, comments and doctype.
_FEED_ROOT = re.compile(
    rb"\s*(?:<\?[^>]*>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(?:rss|feed|rdf:RDF)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
# A busy outlet's feed holds 10 to 100 entries and a full archive feed a few thousand; feedparser
# takes ~0.25 ms and ~3 KB an entry, so this bounds one feed to a second or two.
MAX_FEED_ENTRIES = 5_000
# One entry's text (content or summary, before markup is removed); a long feature is ~100 KB.
MAX_ENTRY_BYTES = 2 * 1024 * 1024
# Where the entries of each kind of feed sit: RSS 2.0 items in channel, RSS 1.0 items in
# rdf:RDF, Atom entries in feed (local names, so any namespace prefix matches).
_ENTRY_PARENTS = {"item": frozenset({"channel", "RDF"}), "entry": frozenset({"feed"})}
# For a feed that is not well-formed XML: an entry's start tag, wherever it is.
_ENTRY_START = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)[\s/>]", re.IGNORECASE)
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})


def looks_like_feed(head: bytes) -> bool:
    """Sniff the first kilobytes of a file: is its root element RSS, RDF or Atom?"""
    return _FEED_ROOT.match(head[:4096].removeprefix(b"\xef\xbb\xbf")) is not None


def parse_feed(data: bytes, name: str) -> tuple[Any, int]:
    """Parse feed bytes with feedparser; refuse what is too large or not a feed at all.

    Returns the parsed feed, cut after `MAX_FEED_ENTRIES` entries, and how many entries were
    cut off. feedparser is given a stream, never a string: given a string that looks like a URL
    or a path, it would fetch or open it.
    """
    if len(data) > MAX_FEED_BYTES:
        raise InputError(
            f"{name}: is {len(data):,} bytes; the limit for a feed is {MAX_FEED_BYTES:,}"
        )
    if not data.strip():
        raise InputError(f"{name}: is empty")
    kept, skipped = cut_entries(data, MAX_FEED_ENTRIES)
    feed = feedparser.parse(io.BytesIO(kept), resolve_relative_uris=False)
    if not feed.get("version") and not feed.get("entries"):
        problem = feed.get("bozo_exception")
        reason = f" ({str(problem).splitlines()[0][:200]})" if problem else ""
        raise InputError(f"{name}: is not an RSS or Atom feed{reason}")
    # The cut counts entries where feeds keep them; feedparser also takes stray ones.
    skipped += max(0, len(feed.entries) - MAX_FEED_ENTRIES)
    del feed.entries[MAX_FEED_ENTRIES:]
    return feed, skipped


def cut_entries(data: bytes, max_entries: int) -> tuple[bytes, int]:
    """The feed's bytes up to its entry number `max_entries + 1`, and how many entries that drops.

    A well-formed feed is cut at that entry's start tag and its open elements are closed, so it
    stays well-formed and feedparser's strict parser reads it as before; one that is not is cut
    at the start tag found by a pattern, which feedparser's lenient parser reads as well.
    >>> cut_entries(b"<rss><channel><item>a</item><item>b</item><item>c</item></channel></rss>", 1)
    (b'<rss><channel><item>a</item></channel></rss>', 2)
    """
    parser = xml.parsers.expat.ParserCreate()
    open_names: list[str] = []
    count = 0
    cut: tuple[int, list[str]] | None = None

    def start(qualified: str, attributes: object) -> None:
        nonlocal count, cut
        local = qualified.rpartition(":")[2]
        parent = open_names[-1].rpartition(":")[2] if open_names else ""
        if parent in _ENTRY_PARENTS.get(local, ()):
            count += 1
            if count == max_entries + 1:
                cut = (parser.CurrentByteIndex, list(open_names))
        open_names.append(qualified)

    def end(qualified: str) -> None:
        open_names.pop()

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except (xml.parsers.expat.ExpatError, ValueError):
        return _cut_loosely(data, max_entries)
    if cut is None:
        return data, 0
    at, still_open = cut
    closing = "".join(f"</{qualified}>" for qualified in reversed(still_open))
    return data[:at] + closing.encode("utf-8"), count - max_entries


def _cut_loosely(data: bytes, max_entries: int) -> tuple[bytes, int]:
    starts = [found.start() for found in _ENTRY_START.finditer(data)]
    if len(starts) <= max_entries:
        return data, 0
    return data[: starts[max_entries]], len(starts) - max_entries


def iter_feed(data: bytes, name: str) -> Iterator[Ingested | Failed]:
    """Yield an article (or a one-line failure) for each entry of a feed.

    Raises `InputError` only when the input as a whole is not a feed.
    """
    feed, skipped = parse_feed(data, name)
    try:
        outlet = _text(feed.feed.get("title_detail")) or None
    except InputError:
        outlet = None  # a feed title over the limit names no outlet
    for number, entry in enumerate(feed.entries, start=1):
        label = f"{name} entry {number}"
        try:
            article = entry_article(entry, outlet)
        except InputError as exc:
            yield Failed(label, f"{label}: {exc}")
            continue
        yield Ingested(f"{label} {article.url}" if article.url else label, article)
    if skipped:
        label = f"{name} entry {MAX_FEED_ENTRIES + 1}"
        yield Failed(
            label,
            f"{name}: {skipped:,} entries after the first {MAX_FEED_ENTRIES:,} skipped "
            f"(the limit for one feed is {MAX_FEED_ENTRIES:,} entries)",
        )


def entry_article(entry: Any, outlet: str | None = None) -> ArticleInput:
    """One feed entry as an article: the longest content block, else the summary."""
    blocks = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        blocks.append(entry["summary_detail"])
    texts = [_text(block) for block in blocks]
    text = max(texts, key=len, default="")
    if not text:
        raise InputError("has no text (neither content nor summary)")
    link = entry.get("link") or None
    return ArticleInput(
        text=text,
        published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        url=link,
        title=_text(entry.get("title_detail")) or None,
        outlet=outlet or outlet_from_url(link),
        authors=_authors(entry),
    )


def _text(detail: Any) -> str:
    """A feedparser text construct ({'type': 'text/html', 'value': ...}) as plain text."""
    if not detail:
        return ""
    value = detail.get("value") or ""
    size = len(value.encode("utf-8", "surrogatepass"))
    if size > MAX_ENTRY_BYTES:
        raise InputError(
            f"has {size:,} bytes of text; the limit for one entry is {MAX_ENTRY_BYTES:,}"
        )
    if (detail.get("type") or "").lower() in _HTML_TYPES:
        return html_to_text(value)
    return "\n".join(" ".join(line.split()) for line in value.splitlines() if line.strip())


def _date(parsed: time.struct_time | None) -> dt.date | None:
    if not parsed:
        return None
    try:
        return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    except ValueError:
        return None


def _authors(entry: Any) -> tuple[str, ...]:
    names = [a.get("name") for a in entry.get("authors") or [] if isinstance(a, dict)]
    if not any(names) and entry.get("author"):
        names = [entry["author"]]
    cleaned = (" ".join(n.split()) for n in names if isinstance(n, str))
    return tuple(dict.fromkeys(n for n in cleaned if n))
