"""The HTML reader: an invented news page with site furniture around the article."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstally.errors import InputError
from newstally.ingest.html import MAX_HTML_BYTES, html_to_text, outlet_from_url, read_html

ARTICLE = [
    "At least 12 people were killed and 40 injured when the Ostra river burst its banks on "
    "Monday, the regional governor said.",
    "Rescue teams were still searching for seven people reported missing, according to the "
    "civil protection agency of Valdoria.",
    '"We have never seen water this high," said Ilse Varga, a resident of the riverside town '
    "of Kesh, where hundreds of homes were flooded overnight.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Flood kills 12 in Valdoria | The Daily Lantern</title>
<meta property="og:title" content="Flood kills 12 in Valdoria">
<meta property="og:site_name" content="The Daily Lantern">
<meta name="author" content="Mara Quill; Tomas Reyne">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
<link rel="canonical" href="https://lantern.example/world/2024/03/05/flood">
<script>window.tracker = "SCRIPT-IN-HEAD";</script>
<style>.ad {{ color: red }} /* STYLE-TEXT */</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a>
  <a href="/weather">Weather</a> <a href="/subscribe">Subscribe</a></nav>
<div class="ad">ADVERT: Buy cheap watches now! Limited offer, click here!</div>
<main><article>
<h1>Flood kills 12 in Valdoria</h1>
<p>{ARTICLE[0]}</p>
<p>{ARTICLE[1]}<script>alert("SCRIPT-IN-BODY")</script></p>
<p>{ARTICLE[2]}<img src="x.png" onerror="alert('SCRIPT-IN-ATTRIBUTE')"></p>
</article></main>
<aside class="related"><h3>Most read</h3><ul><li><a href="/a">Celebrity weds</a></li>
  <li><a href="/b">Ten recipes for spring</a></li></ul></aside>
<footer>Copyright 2024 The Daily Lantern. All rights reserved. Privacy policy. Cookies.</footer>
<script src="/tracker.js"></script><noscript>NOSCRIPT-TEXT</noscript>
</body></html>"""


def test_article_text_without_furniture() -> None:
    article = read_html(PAGE, url="https://www.lantern.example/world/flood")
    assert article.text == "\n".join(ARTICLE)
    for furniture in ("Home", "ADVERT", "Most read", "Copyright", "Subscribe"):
        assert furniture not in article.text


def test_metadata_from_the_page() -> None:
    article = read_html(PAGE.encode(), url="https://www.lantern.example/world/flood")
    assert article.title == "Flood kills 12 in Valdoria"
    assert article.outlet == "The Daily Lantern"
    assert article.authors == ("Mara Quill", "Tomas Reyne")
    assert article.published == dt.date(2024, 3, 5)
    assert article.url == "https://www.lantern.example/world/flood"


def test_url_from_the_page_when_none_is_given() -> None:
    article = read_html(PAGE)
    assert article.url == "https://lantern.example/world/2024/03/05/flood"


def test_hostile_html_never_leaks_script_or_style() -> None:
    text = read_html(PAGE).text
    for marker in ("SCRIPT-IN-HEAD", "SCRIPT-IN-BODY", "SCRIPT-IN-ATTRIBUTE", "STYLE-TEXT",
                   "NOSCRIPT-TEXT", "alert", "<"):
        assert marker not in text


BARE = """<html><head><title>Bridge closed after crash</title></head><body>
<div><p>Three people were injured when a lorry struck the Kesh bridge on Tuesday morning,
police said. The bridge will stay closed while engineers inspect it.</p></div></body></html>"""


def test_missing_metadata_falls_back() -> None:
    article = read_html(BARE, url="https://www.kesh-courier.example/news/bridge")
    assert article.title == "Bridge closed after crash"
    assert article.outlet == "kesh-courier.example"
    assert article.published is None
    assert article.authors == ()
    assert article.text.startswith("Three people were injured")


def test_crawl_date_is_only_a_fallback() -> None:
    crawl = dt.date(2025, 1, 1)
    assert read_html(BARE, fallback_date=crawl).published == crawl
    assert read_html(PAGE, fallback_date=crawl).published == dt.date(2024, 3, 5)


def test_date_in_the_url() -> None:
    article = read_html(BARE, url="https://kesh-courier.example/2023/11/02/bridge-closed")
    assert article.published == dt.date(2023, 11, 2)


def test_charset_declared_in_the_page() -> None:
    page = BARE.replace("<head>", '<head><meta charset="windows-1252">').replace(
        "Three people", "Caf\u00e9 owner said three people"
    )
    article = read_html(page.encode("cp1252"))
    assert article.text.startswith("Caf\u00e9 owner said three people")


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (b"", "page.html: is empty"),
        (b"   \n ", "page.html: is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "page.html: looks like a binary file"),
        (b"<html><body><div id='app'></div><script>render()</script></body></html>",
         "page.html: no article text found"),
    ],
)
def test_unusable_pages_are_refused_by_name(page: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_html(page, name="page.html")


def test_size_cap() -> None:
    huge = b"<html><body><p>" + b"x" * MAX_HTML_BYTES + b"</p></body></html>"
    with pytest.raises(InputError, match=r"big.html: is [\d,]+ bytes; the limit"):
        read_html(huge, name="big.html")


def test_fragment_to_text() -> None:
    fragment = ('<p>Two people were <b>killed</b>.</p><script>alert("x")</script>'
                "<ul><li>Kesh</li><li>Ostra</li></ul>after &amp; more<style>p{}</style>")
    assert html_to_text(fragment) == "Two people were killed.\nKesh\nOstra\nafter & more"
    assert html_to_text("Fish &amp; chips") == "Fish & chips"


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.lantern.example/a", "lantern.example"),
        ("http://news.lantern.example:8080/a", "news.lantern.example"),
        (None, None),
        ("not a url", None),
    ],
)
def test_outlet_from_url(url: str | None, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["<p>", "</p>", "<script>", "</script>", "<div>", "<b>", "&amp;",
                         "<!--", "-->", "<style>", "killed ", "12 ", "\x00", "\u00e9", "<"])
        | st.text(max_size=20),
        max_size=40,
    )
)
def test_any_markup_gives_an_article_or_an_input_error(pieces: list[str]) -> None:
    page = "".join(pieces)
    try:
        article = read_html(page.encode("utf-8", "replace"), name="fuzz.html")
    except InputError as exc:
        assert str(exc).startswith("fuzz.html: ")
    else:
        assert article.text.strip()
    html_to_text(page)  # never raises
