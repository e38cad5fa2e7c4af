"""Read RSS and Atom feeds: one article per entry, from the entry's full content or summary.

Many feeds carry only a summary of each story; that summary is what gets extracted (fetch the
entry's link to read the whole story). Entry HTML is flattened with `html_to_text`, so scripts
and markup never reach the stored text.

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
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})


def looks_like_feed(head: bytes) -> bool:
    """Sniff the first kilobytes of a file: is its root element RSS, RDF or Atom?"""
    return _FEED_ROOT.match(head[:4096].removeprefix(b"\xef\xbb\xbf")) is not None


def parse_feed(data: bytes, name: str) -> Any:
    """Parse feed bytes with feedparser; refuse what is too large or not a feed at all.

    feedparser is given a stream, never a string: given a string that looks like a URL or a
    path, it would fetch or open it.
    """
    if len(data) > MAX_FEED_BYTES:
        raise InputError(
            f"{name}: is {len(data):,} bytes; the limit for a feed is {MAX_FEED_BYTES:,}"
        )
    if not data.strip():
        raise InputError(f"{name}: is empty")
    feed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False)
    if not feed.get("version") and not feed.get("entries"):
        problem = feed.get("bozo_exception")
        reason = f" ({str(problem).splitlines()[0][:200]})" if problem else ""
        raise InputError(f"{name}: is not an RSS or Atom feed{reason}")
    return feed


def iter_feed(data: bytes, name: str) -> Iterator[Ingested | Failed]:
    """Yield an article (or a one-line failure) for each entry of a feed.

    Raises `InputError` only when the input as a whole is not a feed.
    """
    feed = parse_feed(data, name)
    outlet = _text(feed.feed.get("title_detail")) or None
    for number, entry in enumerate(feed.entries, start=1):
        label = f"{name} entry {number}"
        try:
            article = entry_article(entry, outlet)
        except InputError as exc:
            yield Failed(label, f"{label}: {exc}")
            continue
        yield Ingested(f"{label} {article.url}" if article.url else label, article)


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
