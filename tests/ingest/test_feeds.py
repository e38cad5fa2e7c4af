"""The feed reader: an invented RSS feed and an invented Atom feed."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from newstally.errors import InputError
from newstally.ingest import feeds
from newstally.ingest.feeds import (
    MAX_ENTRY_BYTES,
    MAX_FEED_BYTES,
    MAX_FEED_ENTRIES,
    cut_entries,
    iter_feed,
    looks_like_feed,
)
from newstally.ingest.inputs import read_inputs
from newstally.ingest.results import Failed, Ingested

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Daily Lantern</title>
  <link>https://lantern.example/</link>
  <item>
    <title>Flood kills 12 in Valdoria</title>
    <link>https://lantern.example/world/flood</link>
    <pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate>
    <dc:creator>Mara Quill</dc:creator>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[
      <p>At least 12 people were <b>killed</b> when the Ostra river burst its banks.</p>
      <script>alert("FEED-SCRIPT")</script>
      <p>Seven people are missing, the civil protection agency said.</p>
    ]]></content:encoded>
  </item>
  <item>
    <title>Bridge closed after crash</title>
    <link>https://lantern.example/local/bridge</link>
    <pubDate>Wed, 06 Mar 2024 10:30:00 +0100</pubDate>
    <description>Three people were injured when a lorry struck the Kesh bridge &amp; railings.
    </description>
  </item>
  <item>
    <title>Photo gallery</title>
    <link>https://lantern.example/gallery</link>
  </item>
</channel>
</rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Kesh Courier</title>
  <id>urn:uuid:kesh-courier</id>
  <updated>2024-04-02T09:00:00Z</updated>
  <entry>
    <title type="html">Storm &lt;em&gt;damages&lt;/em&gt; harbour</title>
    <link href="https://kesh-courier.example/storm"/>
    <id>urn:uuid:storm</id>
    <updated>2024-04-02T09:00:00Z</updated>
    <author><name>Tomas Reyne</name></author>
    <author><name>Ilse Varga</name></author>
    <summary type="html">&lt;p&gt;Two fishermen were injured as waves hit Kesh harbour.&lt;/p&gt;
    </summary>
  </entry>
</feed>"""


def test_rss_entries_become_articles() -> None:
    results = list(iter_feed(RSS, "lantern.xml"))
    assert [type(r) for r in results] == [Ingested, Ingested, Failed]
    first, second = (r.article for r in results if isinstance(r, Ingested))
    assert first.title == "Flood kills 12 in Valdoria"
    assert first.url == "https://lantern.example/world/flood"
    assert first.published == dt.date(2024, 3, 5)
    assert first.authors == ("Mara Quill",)
    assert first.outlet == "The Daily Lantern"
    # The full content wins over the teaser, and its markup and script are gone.
    assert first.text == (
        "At least 12 people were killed when the Ostra river burst its banks.\n"
        "Seven people are missing, the civil protection agency said."
    )
    assert second.text == (
        "Three people were injured when a lorry struck the Kesh bridge & railings."
    )
    assert second.published == dt.date(2024, 3, 6)
    assert results[0].name == "lantern.xml entry 1 https://lantern.example/world/flood"


def test_entry_without_text_is_reported_and_skipped() -> None:
    failed = list(iter_feed(RSS, "lantern.xml"))[2]
    assert failed == Failed("lantern.xml entry 3", "lantern.xml entry 3: has no text "
                            "(neither content nor summary)")


def test_atom_entry() -> None:
    [result] = list(iter_feed(ATOM, "courier.atom"))
    assert isinstance(result, Ingested)
    article = result.article
    assert article.title == "Storm damages harbour"
    assert article.text == "Two fishermen were injured as waves hit Kesh harbour."
    assert article.authors == ("Tomas Reyne", "Ilse Varga")
    assert article.published == dt.date(2024, 4, 2)
    assert article.outlet == "Kesh Courier"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "x.xml: is empty"),
        (b"<html><body><p>Not a feed</p></body></html>", "x.xml: is not an RSS or Atom feed"),
        (b"just some words", "x.xml: is not an RSS or Atom feed"),
        (b"<rss>" + b" " * MAX_FEED_BYTES, "x.xml: is [\\d,]+ bytes; the limit"),
    ],
)
def test_not_a_feed(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        list(iter_feed(data, "x.xml"))


def test_a_string_that_looks_like_a_url_is_not_fetched() -> None:
    with pytest.raises(InputError, match="is not an RSS or Atom feed"):
        list(iter_feed(b"http://10.0.0.1/feed.xml", "x.xml"))


def test_sniffing() -> None:
    assert looks_like_feed(RSS)
    assert looks_like_feed(ATOM)
    assert looks_like_feed(b'\xef\xbb\xbf<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="...">')
    assert not looks_like_feed(b"<!DOCTYPE html><html><body>feed me</body></html>")
    assert not looks_like_feed(b"<html><body><feedback>no</feedback><rss>x</rss></body></html>")
    assert looks_like_feed(b"<!-- made by hand -->\n<feed xmlns='http://www.w3.org/2005/Atom'>")


def many_items(count: int, *, start: int = 1) -> bytes:
    return b"".join(
        b"<item><title>Storm %d</title><link>https://lantern.example/storm/%d</link>"
        b"<description>%d people were hurt when the storm hit.</description></item>\n"
        % (n, n, n)
        for n in range(start, start + count)
    )


def test_entries_past_the_limit_are_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "archive.xml"
    path.write_bytes(b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Lantern</title>'
                     + many_items(MAX_FEED_ENTRIES + 3) + b"</channel></rss>")
    results = list(read_inputs([path]))
    stored = [r for r in results if isinstance(r, Ingested)]
    assert len(stored) == MAX_FEED_ENTRIES == 5_000
    assert stored[0].article.title == "Storm 1"
    assert stored[-1].article.title == "Storm 5000"
    assert stored[-1].article.outlet == "Lantern"
    assert [r for r in results if isinstance(r, Failed)] == [Failed(
        f"{path} entry 5001",
        f"{path}: 3 entries after the first 5,000 skipped"
        " (the limit for one feed is 5,000 entries)",
    )]


def test_a_feed_of_tiny_entries_up_to_the_size_limit_is_read_in_bounded_time() -> None:
    # ~250,000 entries in 10 MB: feedparser took a minute and 383 MB to build them all.
    item = b"<item><description>x</description></item>"
    count = MAX_FEED_BYTES // len(item) - 1
    data = b'<rss version="2.0"><channel>' + item * count + b"</channel></rss>"
    started = time.monotonic()
    results = list(iter_feed(data, "tiny.xml"))
    assert time.monotonic() - started < 30
    assert len(results) == MAX_FEED_ENTRIES + 1
    assert results[-1].message == (  # type: ignore[union-attr]
        f"tiny.xml: {count - MAX_FEED_ENTRIES:,} entries after the first 5,000 skipped "
        "(the limit for one feed is 5,000 entries)")


ATOM_ENTRIES = b"".join(
    b"<entry><title>Storm %d</title><summary>%d people were hurt.</summary></entry>" % (n, n)
    for n in range(1, 6)
)
PREFIXED_ENTRIES = ATOM_ENTRIES.replace(b"<", b"<a:").replace(b"<a:/", b"</a:")


@pytest.mark.parametrize(
    ("feed", "entries"),
    [
        pytest.param(b'<rss version="2.0"><channel><title>L</title>%s</channel></rss>',
                     many_items(5), id="RSS 2.0"),
        pytest.param(b'<?xml version="1.0"?><rdf:RDF xmlns="http://purl.org/rss/1.0/" xmlns:rdf='
                     b'"http://www.w3.org/1999/02/22-rdf-syntax-ns#"><channel><title>L</title>'
                     b"</channel>%s</rdf:RDF>", many_items(5), id="RSS 1.0"),
        pytest.param(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>L</title>%s</feed>',
                     ATOM_ENTRIES, id="Atom"),
        pytest.param(b'<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>L</a:title>%s'
                     b"</a:feed>", PREFIXED_ENTRIES, id="Atom, prefixed"),
        # not well-formed (a bare '&'): cut by pattern, read by feedparser's lenient parser
        pytest.param(b'<rss version="2.0"><channel><title>L & Co</title>%s</channel></rss>',
                     many_items(5), id="broken RSS"),
    ],
)
def test_every_kind_of_feed_is_cut_at_the_limit(
    monkeypatch: pytest.MonkeyPatch, feed: bytes, entries: bytes
) -> None:
    monkeypatch.setattr(feeds, "MAX_FEED_ENTRIES", 2)
    results = list(iter_feed(feed % entries, "f.xml"))
    assert [r.article.title for r in results if isinstance(r, Ingested)] == ["Storm 1", "Storm 2"]
    assert [r.message for r in results if isinstance(r, Failed)] == [
        "f.xml: 3 entries after the first 2 skipped (the limit for one feed is 2 entries)"]


def test_the_cut_closes_what_is_open() -> None:
    data = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>L</title>'
            + many_items(4) + b"<!-- end --></channel></rss>")
    kept, skipped = cut_entries(data, 2)
    assert skipped == 2
    assert kept.endswith(b"</description></item>\n</channel></rss>")
    assert b"Storm 3" not in kept


def test_entries_nested_elsewhere_are_not_counted() -> None:
    # an <item> inside an extension element is no entry of the feed
    data = (b'<rss version="2.0"><channel><x:list xmlns:x="urn:x"><x:item>a</x:item>'
            b"<x:item>b</x:item></x:list>" + many_items(2) + b"</channel></rss>")
    assert cut_entries(data, 2) == (data, 0)


def test_an_entry_over_the_byte_limit_is_refused_by_itself() -> None:
    big = b"<p>Two people were killed.</p>" * (MAX_ENTRY_BYTES // 30 + 1)
    data = (b'<rss version="2.0"><channel><item><title>Huge</title><description><![CDATA['
            + big + b"]]></description></item>" + many_items(1, start=2) + b"</channel></rss>")
    first, second = iter_feed(data, "f.xml")
    assert isinstance(first, Failed)
    assert first.message.startswith("f.xml entry 1: has ")
    assert first.message.endswith(f" bytes of text; the limit for one entry is {MAX_ENTRY_BYTES:,}")
    assert isinstance(second, Ingested) and second.article.title == "Storm 2"
