"""The feed reader: an invented RSS feed and an invented Atom feed."""

from __future__ import annotations

import datetime as dt

import pytest

from newstally.errors import InputError
from newstally.ingest.feeds import MAX_FEED_BYTES, iter_feed, looks_like_feed
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
