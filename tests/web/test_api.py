"""The REST API through FastAPI's client, over a real SQLite store; one test over real HTTP."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient

from newstally.model import Article, Figure, Report, article_id
from newstally.store import open_store

SERIES = "killed/North Korea/RU"


def test_series_merges_the_relayed_claim_and_keeps_every_sighting(client: TestClient) -> None:
    series = client.get(f"/api/series/{SERIES}").json()
    assert (series["measure"], series["group"], series["place"]) == ("killed", "North Korea", "RU")
    sof, pentagon = series["claims"]
    assert sof["source"]["name"] == "Special Operations Forces"
    assert sof["count"]["text"] == "50"
    assert len(sof["sightings"]) == 2  # two outlets, one claim
    assert sof["period"]["start"] == "2024-12-14"
    assert sof["hedges"] == ["has not been independently verified"]
    assert pentagon["status"] == "confirmed"
    assert series["envelope"]["low"] == 300
    assert series["envelope"]["high"] == 900
    assert series["envelope"]["best"]["text"] == "several hundred"
    assert "highest low" in series["envelope"]["rule"]
    assert series["disagreement"] is False


def test_series_key_accepts_unknown_parts_and_404s_when_empty(client: TestClient) -> None:
    assert client.get("/api/series/killed/Nowhere/-").status_code == 404
    response = client.get("/api/series/slain/North Korea/RU")
    assert response.status_code == 400
    assert "slain" in response.json()["detail"]


def test_timeline_json_has_one_point_per_claim(client: TestClient) -> None:
    timeline = client.get(f"/api/series/{SERIES}/timeline").json()
    assert timeline["sources"] == ["Special Operations Forces", "Pentagon"]
    assert [
        (p["day"], p["low"], p["high"], p["scope"], p["sightings"]) for p in timeline["points"]
    ] == [
        ("2024-12-16", 50, 50, "increment", 2),
        ("2024-12-19", 300, 900, "cumulative", 1),
    ]


def test_series_list_is_paged_and_filtered_with_aliases(client: TestClient) -> None:
    page = client.get("/api/series", params={"group": "DPRK", "place": "Russia"}).json()
    assert [s["key"] for s in page["series"]] == [SERIES]
    assert page["total"] == 1
    assert page["series"][0]["figures"] == 3 and page["series"][0]["articles"] == 3
    everything = client.get("/api/series", params={"limit": 1}).json()
    assert everything["total"] == 2 and len(everything["series"]) == 1
    assert everything["next_offset"] == 1


def test_claims_and_figures(client: TestClient) -> None:
    claims = client.get("/api/claims", params={"measure": "killed", "group": "North Korea"})
    assert [c["count"]["text"] for c in claims.json()["claims"]] == ["several hundred", "50"]
    figures = client.get("/api/figures", params={"place": "GN"}).json()["figures"]
    assert [f["figure"]["count"]["text"] for f in figures] == ["17"]
    since = client.get("/api/figures", params={"since": "2024-12-18"}).json()["figures"]
    assert sorted(f["figure"]["count"]["text"] for f in since) == ["17", "several hundred"]


def test_article_search_and_one_article(client: TestClient) -> None:
    found = client.get("/api/articles", params={"q": "pentagon"}).json()["articles"]
    assert [a["outlet"] for a in found] == ["three.example"]
    assert "text" not in found[0] and len(found[0]["snippet"]) < 300
    report = client.get(f"/api/articles/{found[0]['id']}").json()
    assert report["schema"] == "newstally/report@1"
    assert report["figures"][0]["count"]["text"] == "several hundred"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/articles/0000000000000000", 404),
        ("/api/figures?limit=0", 422),
        ("/api/figures?limit=1000000", 422),
        ("/api/figures?since=yesterday", 422),
        ("/api/figures?measure=slain", 422),
        ("/api/figures?place=Atlantis", 400),
        ("/api/series?offset=-1", 422),
        ("/api/articles?q=" + "x" * 500, 422),
        ("/api/series/killed", 400),
    ],
)
def test_bad_requests_get_4xx_with_a_json_detail(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["detail"]


def test_openapi_is_published_and_interactive_docs_are_off(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/figures",
        "/api/claims",
        "/api/series",
        "/api/series/{key}",
    } <= set(spec["paths"])
    assert client.get("/docs").status_code == 404  # it would load scripts from a CDN


@pytest.mark.parametrize(
    "url",
    [
        "/series",
        f"/series/{SERIES}",
        "/articles",
        "/articles?q=kursk",
        "/api/series",
        "/openapi.json",
        "/static/style.css",
        "/api/articles/nope",
        "/articles/nope",
        "/api/figures?limit=0",
        "/no/such/page",
    ],
)
def test_every_response_sends_csp_and_nosniff(client: TestClient, url: str) -> None:
    headers = client.get(url).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert headers["x-content-type-options"] == "nosniff"


def test_over_real_http_on_loopback(server: str) -> None:
    response = httpx.get(f"{server}/api/series/{SERIES}", timeout=10)
    assert response.status_code == 200
    assert response.json()["claims"][0]["source"]["name"] == "Special Operations Forces"
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_articles_stored_while_serving_join_their_series(client: TestClient, db) -> None:
    text = "Nine North Korean soldiers were captured in Kursk, officials said."
    start = text.index("Nine")
    captured = Figure.model_validate(
        {
            "id": "f1",
            "measure": "captured",
            "count": {"low": 9, "high": 9, "text": "Nine"},
            "subject": {"group": "North Korea"},
            "place": {"text": "Kursk", "country": "RU"},
            "evidence": {
                "start": start,
                "end": start + 4,
                "sentence": {"start": 0, "end": len(text)},
            },
        }
    )
    assert client.get("/api/series/captured/North Korea/RU").status_code == 404
    with open_store(db) as store:
        store.add(Report(article=Article(id=article_id(text), text=text), figures=[captured]))
    series = client.get("/api/series/captured/North Korea/RU").json()
    assert series["claims"][0]["count"]["text"] == "Nine"
