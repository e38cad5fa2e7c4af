"""The application layer as a Python user meets it: open a store, ingest, tally."""

import datetime as dt
from pathlib import Path

import newstally
from newstally import api


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_ingest_stores_each_article_once_and_reports_the_bad_one(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    _write(news, "a.txt", "Police said three people were killed in the blast on Monday.")
    _write(news, "b.txt", "Officials said 12 people were injured when the bridge collapsed.")
    _write(news, "c.txt", "")  # empty: fails by name, the rest goes on
    heard: list[str] = []
    with newstally.open_store(tmp_path / "ledger.db") as store:
        first = newstally.ingest_inputs([news], store, published=dt.date(2025, 3, 4),
                                        on_failure=heard.append)
        again = newstally.ingest_inputs([news], store)
        measures = sorted(f.figure.measure.value for f in store.figures())
    assert (first.stored, first.present) == (2, 0)
    assert len(first.failed) == 1 and "c.txt" in first.failed[0] and "empty" in first.failed[0]
    assert heard == first.failed
    assert (again.stored, again.present, len(again.failed)) == (0, 2, 1)
    assert measures == ["injured", "killed"]


def test_ingest_in_two_workers_stores_the_same_reports(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    for n in range(3):
        _write(news, f"{n}.txt", f"Rescuers said {n + 2} people were killed in the flood.")
    with api.open_store(tmp_path / "one.db") as one, api.open_store(tmp_path / "many.db") as many:
        api.ingest_inputs([news], one)
        api.ingest_inputs([news], many, workers=2)
        assert [r.to_json() for r in map(one.report, _ids(one))] == [
            r.to_json() for r in map(many.report, _ids(many))
        ]


def _ids(store: api.Store) -> list[str]:
    return sorted({f.article_id for f in store.figures()})


def test_tally_of_a_store_is_the_ledger_of_its_figures(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    _write(news, "a.txt", "The health ministry said 40 people were killed on Monday.")
    with api.open_store(tmp_path / "ledger.db") as store:
        api.ingest_inputs([news], store, published=dt.date(2025, 3, 4))
        ledger = api.tally_store(store)
    assert [claim.count.low for series in ledger.series for claim in series.claims] == [40]
