"""The HTML pages: the series page's chart and claims, the article view's highlights, and
hostile article text rendered escaped and whole."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient
from markupsafe import escape
from web_reports import HOSTILE_LINE, HOSTILE_TEXT, hostile_report, story_reports

from newstally.model import article_id
from newstally.web.highlight import highlight

SERIES = "killed/North Korea/RU"


def test_series_page_draws_one_bar_per_claim_linking_to_the_evidence(client: TestClient) -> None:
    page = client.get(f"/series/{SERIES}").text
    bars = re.findall(r'<a class="bar-link" href="([^"]+)"><rect class="bar ([^"]+)"', page)
    first = story_reports()[0].article.id
    assert bars[0] == (f"/articles/{first}?figure=f1#fig-f1", "increment claimed")
    assert bars[1][1] == "cumulative confirmed"
    # The tooltip is the sentence the figure came from.
    assert "SOF says 50 North Korean soldiers killed</title>" in page
    assert "has not been independently verified" in page  # hedges in the claims table
    assert "highest low" in page  # the envelope's rule


def test_series_list_links_to_series(client: TestClient) -> None:
    page = client.get("/series", params={"group": "DPRK"}).text
    assert 'href="/series/killed/North%20Korea/RU"' in page
    assert "Guinea" not in page


def test_article_page_marks_the_target_figure(client: TestClient) -> None:
    story = story_reports()[1]
    page = client.get(f"/articles/{story.article.id}", params={"figure": "f1"}).text
    assert '<span class="anchor" id="fig-f1"></span>' in page
    assert re.search(r'<span class="figure target" title="f1 killed: 50[^"]*">50</span>', page)
    assert 'href="/series/killed/North%20Korea/RU"' in page


def test_unknown_article_is_a_404_page(client: TestClient) -> None:
    response = client.get("/articles/0123456789abcdef")
    assert response.status_code == 404
    assert "is not stored" in response.text


def test_hostile_text_renders_escaped_and_intact(client: TestClient) -> None:
    hostile = article_id(HOSTILE_TEXT)
    page = client.get(f"/articles/{hostile}", params={"figure": "f1"}).text
    assert "<script>alert" not in page
    assert "<img src=x" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    # Every character of the 10,000-character line is there, escaped once.
    assert str(escape(HOSTILE_LINE)) in page
    # The only script-capable tags on the page are none at all.
    assert not re.search(r"<script", page, re.I)
    # Un-escaping the article block gives back the article text exactly.
    block = page.split('<div class="article-text">', 1)[1].split("</div>", 1)[0]
    assert html.unescape(re.sub(r"<[^>]+>", "", block)) == HOSTILE_TEXT


def test_hostile_source_names_are_escaped_on_series_pages(client: TestClient) -> None:
    page = client.get("/series/killed/Guinea/GN").text
    assert "Officials<script>" not in page
    assert "Officials&lt;script&gt;" in page


def test_hostile_search_words_are_escaped(client: TestClient) -> None:
    page = client.get("/articles", params={"q": '"><script>x</script>'}).text
    assert "<script>x" not in page


def test_highlight_handles_overlapping_annotations() -> None:
    text = highlight(hostile_report(), target="f1")
    # The figure sits inside an attribution: one span carries both classes.
    assert re.search(r'<span class="attribution figure target" title="[^"]*">17</span>', text)
    assert '<span class="anchor" id="quote-1"></span>' in text
