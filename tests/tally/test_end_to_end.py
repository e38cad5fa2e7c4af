"""End to end: real extraction of the samples that tell one story days apart, stored in SQLite,
tallied, charted and served; the seed's two 'several dozens' sightings become one claim."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newstally import tally
from newstally.cli import app
from newstally.model import article_id
from newstally.store import StoredFigure, open_store
from newstally.web import create_app
from newstally.web.demo import find_samples, ingest_folder

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
QUAKE = ["10-philippines-quake-day1", "11-philippines-quake-day3", "12-philippines-quake-day7"]
SEED = ROOT.parent / "shared" / "fixtures" / "seed-report.txt"
runner = CliRunner()


@pytest.fixture(scope="module")
def quake_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("quake")
    for name in QUAKE:
        for suffix in (".txt", ".meta.json"):
            shutil.copy(SAMPLES / f"{name}{suffix}", folder / f"{name}{suffix}")
    db = str(folder / "quake.db")
    result = ingest_folder(folder, db)
    assert (result.stored, result.failed) == (3, [])
    return db


def test_one_story_days_apart_forms_a_series_over_time(quake_db: str) -> None:
    doc = json.loads(runner.invoke(app, ["tally", "--db", quake_db, "--measure", "killed",
                                         "--format", "json"]).stdout)
    # The series of the quake's dead: the one drawing on the most of the three articles.
    series = max(doc["series"], key=lambda s: len({x["article"] for c in s["claims"]
                                                   for x in c["sightings"]}))
    articles = {x["article"] for c in series["claims"] for x in c["sightings"]}
    days = [c["reported"] for c in series["claims"]]
    assert len(articles) >= 2
    assert series["place"] == "PH"
    assert days == sorted(days) and len(set(days)) >= 2
    # "The death toll ... rose to 112" is a total to date, not an increment.
    toll = next(c for c in series["claims"] if c["count"]["text"] == "112")
    assert toll["scope"] == "cumulative"
    assert series["envelope"]["high"] >= 112

    timeline = json.loads(runner.invoke(app, ["timeline", series["key"], "--db", quake_db,
                                              "--format", "json"]).stdout)
    assert timeline["series"] == series["key"]
    assert [p["claim"] for p in timeline["points"]] == [c["id"] for c in series["claims"]]
    assert [p["day"] for p in timeline["points"]] == days


def test_every_sighting_points_at_its_count_words(quake_db: str) -> None:
    with open_store(quake_db) as store:
        result = tally(store.figures())
        texts = {a.id: a.text for a in store.articles(limit=10)}
    for claim in result.claims():
        for sighting in claim.sightings:
            words = texts[sighting.article][sighting.evidence.start : sighting.evidence.end]
            assert words.casefold() in {s.casefold() for s in [claim.count.text, words]}
            assert sighting.evidence.sentence.start <= sighting.evidence.start


def test_series_page_and_api_over_the_ingested_story(quake_db: str) -> None:
    with TestClient(create_app(quake_db)) as client:
        listing = client.get("/api/series", params={"measure": "killed", "place": "PH"}).json()
        key = listing["series"][0]["key"]
        claims = client.get(f"/api/series/{key}").json()["claims"]
        assert listing["series"][0]["figures"] == sum(len(c["sightings"]) for c in claims)
        page = client.get(f"/series/{key}")
        assert page.status_code == 200 and '<svg class="timeline"' in page.text
        assert page.text.count('<rect class="bar') == len(claims)


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/fixtures (the seed report)")
def test_seed_officials_and_kirby_several_dozens_are_one_claim() -> None:
    from newstally import extract

    report = extract(SEED.read_text(encoding="utf-8"), dt.date(2024, 12, 18),
                     outlet="joongang.co.kr")
    seen = [StoredFigure(article_id=report.article.id, published=report.article.published,
                         outlet="joongang.co.kr", figure=f) for f in report.figures]
    claims = [c for c in tally(seen, measure="casualties").claims()
              if c.count.text.casefold() == "several dozens"]
    assert len(claims) == 1
    assert len(claims[0].sightings) == 2
    assert claims[0].status.value == "confirmed"
    assert str(claims[0].reported) == "2024-12-16"


def test_demo_ingests_the_samples_and_serves_hostile_text_escaped(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = runner.invoke(app, ["demo", "--no-serve", "--db", str(db),
                                 "--samples", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8000/series" in result.stdout
    hostile = (SAMPLES / "14-hostile-stampede.txt").read_text(encoding="utf-8")
    long_line = max(hostile.splitlines(), key=len)
    assert len(long_line) >= 10_000
    with TestClient(create_app(db)) as client:
        page = client.get(f"/articles/{article_id(hostile)}")
        assert page.status_code == 200
        assert "<script>alert(1)" not in page.text and "<img src=x" not in page.text
        block = page.text.split('<div class="article-text">', 1)[1].split("</div>", 1)[0]
        shown = html.unescape(re.sub(r"<[^>]+>", "", block))
        assert shown == client.get(f"/api/articles/{article_id(hostile)}").json()["article"]["text"]
        assert long_line in shown
        assert "script-src 'self'" in page.headers["content-security-policy"]
        for url in ("/series", "/articles"):
            assert "<script>alert" not in client.get(url).text


def test_demo_finds_the_samples_from_anywhere(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert find_samples() == SAMPLES
    missing = runner.invoke(app, ["demo", "--no-serve", "--samples", str(tmp_path / "nope")])
    assert missing.exit_code == 1 and "no such folder" in missing.output
