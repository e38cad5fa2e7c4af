"""The samples through the CLI into PostgreSQL and into SQLite: the same figures, the same tally,
and the web app reading the PostgreSQL store. Real extraction, so the samples are ingested once
per backend for the whole module."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newstally.cli import app
from newstally.web import create_app

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
runner = CliRunner()


def newstally(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def stores(module_postgres_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Both stores filled from samples/ by `newstally ingest`."""
    sqlite = str(tmp_path_factory.mktemp("sqlite") / "newstally.db")
    for db in (sqlite, module_postgres_url):
        newstally("ingest", str(SAMPLES), "--db", db)
    return {"sqlite": sqlite, "postgresql": module_postgres_url}


def test_figures_from_postgresql_are_the_rows_sqlite_gives(stores: dict[str, str]) -> None:
    rows = {name: newstally("figures", "--db", db, "-f", "csv") for name, db in stores.items()}
    assert rows["postgresql"] == rows["sqlite"]
    assert len(rows["sqlite"].splitlines()) > 20  # a header and many figures, not two empties
    killed = {
        name: newstally("figures", "--db", db, "--measure", "killed", "--place", "ph",
                        "--format", "csv")
        for name, db in stores.items()
    }
    assert killed["postgresql"] == killed["sqlite"]
    assert len(killed["sqlite"].splitlines()) > 1


def test_ingesting_again_into_postgresql_stores_nothing_new(stores: dict[str, str]) -> None:
    out = newstally("ingest", str(SAMPLES), "--db", stores["postgresql"])
    assert "stored 0," in out


def test_the_tally_of_a_postgresql_store_is_sqlites(stores: dict[str, str]) -> None:
    tallies = {
        name: json.loads(newstally("tally", "--db", db, "--format", "json"))
        for name, db in stores.items()
    }
    assert tallies["postgresql"] == tallies["sqlite"]
    assert tallies["sqlite"]["series"]


def test_the_web_app_reads_a_postgresql_store(stores: dict[str, str]) -> None:
    answers = {}
    for name, db in stores.items():
        with TestClient(create_app(db)) as client:
            series = client.get("/api/series")
            assert series.status_code == 200
            key = series.json()["series"][0]["key"]
            one = client.get(f"/api/series/{key}")
            index, page = client.get("/series"), client.get(f"/series/{key}")
            assert (one.status_code, index.status_code, page.status_code) == (200, 200, 200)
            articles = client.get("/api/articles", params={"search": "killed"})
            answers[name] = (series.json(), one.json(), articles.json(), page.text)
    assert answers["postgresql"] == answers["sqlite"]
    assert answers["sqlite"][2]["articles"]  # the search found something on both
