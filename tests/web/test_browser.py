"""The UI in a real browser: Debian's chromium driven by Playwright against a real server.

Open the series page, see the chart, click a bar, land on the article with the evidence
highlighted. The series page screenshot goes to the test's output folder and to
docs/series-page.png, which the README shows.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_reports import KURSK, NK, figure, report

CHROMIUM = Path("/usr/bin/chromium")
DOCS_SHOT = Path(__file__).resolve().parents[2] / "docs" / "series-page.png"
MAX_SHOT_BYTES = 300_000

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
                       " (apt-get install chromium; scripts/test.sh installs it when missing)"),
]
playwright_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")


def later_reports() -> list:  # type: ignore[type-arg]
    """More of the same story, so the screenshot shows a timeline worth reading."""
    items = []
    for day, outlet, words, low, high, source, kind, status in [
        ("2024-12-18", "four.example", "about 100", 90, 110, "Special Operations Forces",
         "military", "claimed"),
        ("2024-12-21", "five.example", "at least 200", 200, None, "Ukrainian military intelligence",
         "military", "claimed"),
        ("2024-12-23", "six.example", "several hundred", 300, 900, "South Korean intelligence",
         "government", "estimated"),
        ("2024-12-27", "seven.example", "about 1,000", 900, 1100, "Pentagon", "government",
         "confirmed"),
    ]:
        text = (f"Update on North Korean losses in Kursk\n{source} said on "
                f"{dt.date.fromisoformat(day):%A} that {words} North Korean soldiers had been "
                "killed in Kursk since they entered combat.")
        count = {"low": low, "high": high, "text": words, "approximate": words.startswith("about")}
        items.append(report(text, day, outlet, [figure(
            text, words, "f1", reported=day, count=count, status=status,
            source={"text": source, "name": source, "kind": kind}, **NK, **KURSK,
        )]))
    return items


@pytest.fixture
def db(db: Path) -> Path:
    from newstally.store import open_store

    with open_store(db) as store:
        for item in later_reports():
            store.add(item)
    return db


@pytest.fixture
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"],
        )
        try:
            yield launched
        finally:
            launched.close()


def test_series_chart_bar_leads_to_the_highlighted_evidence(
    server: str, browser: object, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1150, "height": 900})  # type: ignore[attr-defined]
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto(f"{server}/series/killed/North%20Korea/RU")

    chart = page.locator("svg.timeline")
    chart.wait_for()
    bars = page.locator("svg.timeline rect.bar")
    assert bars.count() == 6
    tooltip = bars.first.locator("title").text_content()
    assert tooltip is not None and "Special Operations Forces" in tooltip
    assert "SOF says 50 North Korean soldiers killed" in tooltip

    shot = tmp_path / "series-page.png"
    page.screenshot(path=str(shot), full_page=False)
    print(f"screenshot: {shot}")
    assert 0 < shot.stat().st_size < MAX_SHOT_BYTES
    DOCS_SHOT.parent.mkdir(exist_ok=True)
    shutil.copyfile(shot, DOCS_SHOT)

    bars.first.click()
    page.wait_for_url("**/articles/**#fig-f1")
    target = page.locator(".article-text span.figure.target")
    assert target.count() == 1
    assert target.text_content() == "50"
    assert target.is_visible()
    page.screenshot(path=str(tmp_path / "article-page.png"))
    assert violations == []
