"""The store on both backends (a SQLite file in tmp_path, a fresh PostgreSQL database; see
conftest.py): what goes in comes back out, once. Tests named for one backend use only that one."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from newstally.errors import InputError, StoreError
from newstally.model import (
    Article,
    Attribution,
    Count,
    Evidence,
    Figure,
    Measure,
    Period,
    Place,
    Quote,
    Relay,
    Report,
    Source,
    SourceKind,
    Span,
    Status,
    Subject,
    Total,
    article_id,
)
from newstally.store import Store, StoredFigure, open_store
from newstally.store.base import migrations

TEXT = (
    "Ukraine's military said on Monday that several hundred North Korean soldiers were killed "
    'in Kursk from Saturday to Monday. "We saw them fall," Mykhailo Makaruk told Radio Free '
    "Asia. The claim has not been independently verified."
)


def hand_built_report(text: str = TEXT, published: dt.date = dt.date(2024, 12, 18)) -> Report:
    """A report with one of everything, built without spaCy."""
    start = text.index("several hundred")
    quote = text.find('"') + 1
    return Report(
        article=Article(
            id=article_id(text),
            url="https://example.org/kursk",
            title="Kursk losses",
            outlet="example.org",
            authors=["Seo Ji-eun"],
            published=published,
            text=text,
        ),
        figures=[
            Figure(
                id="f1",
                measure=Measure.KILLED,
                count=Count(low=300, high=900, approximate=True, text="several hundred"),
                subject=Subject(text="North Korean soldiers", group="North Korea", role="soldiers"),
                place=Place(text="Kursk", country="RU", region="Kursk Oblast"),
                period=Period(
                    text="from Saturday to Monday",
                    start=dt.date(2024, 12, 14),
                    end=dt.date(2024, 12, 16),
                ),
                reported=dt.date(2024, 12, 16),
                source=Source(
                    text="Ukraine's military", name="Ukrainian military", kind=SourceKind.MILITARY
                ),
                via=[Relay(text="Radio Free Asia", kind=SourceKind.MEDIA)],
                cue="say",
                status=Status.CLAIMED,
                hedges=["has not been independently verified"],
                evidence=Evidence(
                    start=start,
                    end=start + len("several hundred"),
                    sentence=Span(start=0, end=text.index(".") + 1),
                ),
            )
        ],
        quotes=[
            Quote(
                speaker="Mykhailo Makaruk",
                to="Radio Free Asia",
                text="We saw them fall,",
                evidence=Span(start=quote, end=quote + len("We saw them fall,")),
            )
        ],
        attributions=[
            Attribution(
                source=Source(text="Ukraine's military", kind=SourceKind.MILITARY),
                cue="say",
                content=Span(start=30, end=120),
                cue_span=Span(start=19, end=23),
            )
        ],
        totals={Measure.KILLED: Total(low=300, high=900)},
        event_date=dt.date(2024, 12, 16),
    )


def test_a_report_comes_back_equal_to_what_was_added(store: Store) -> None:
    report = hand_built_report()
    assert store.add(report) is True
    assert store.has(report.article.id)
    assert store.report(report.article.id) == report
    assert store.counts() == {"articles": 1, "figures": 1, "quotes": 1, "attributions": 1}


def test_adding_the_same_article_again_is_a_no_op(store: Store) -> None:
    report = hand_built_report()
    assert store.add(report) is True
    assert store.add(report) is False
    assert store.counts()["figures"] == 1


def test_an_unknown_article_is_none(store: Store) -> None:
    assert store.report("0000000000000000") is None
    assert not store.has("0000000000000000")


def test_the_store_survives_reopening(address: str) -> None:
    with open_store(address) as first:
        first.add(hand_built_report())
        version = first.schema_version
    with open_store(address) as second:
        assert second.schema_version == version == len(migrations())
        assert [r.article.id for r in second.reports()] == [article_id(TEXT)]


def test_a_sqlite_url_names_the_same_file(tmp_path: Path) -> None:
    path = tmp_path / "newstally.db"
    with open_store(path) as first:
        first.add(hand_built_report())
    with open_store(f"sqlite:///{path}") as second:
        assert [r.article.id for r in second.reports()] == [article_id(TEXT)]


def test_sqlite_migrations_set_user_version_wal_and_application_id(tmp_path: Path) -> None:
    path = tmp_path / "newstally.db"
    open_store(path).close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == len(migrations()) >= 1
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
    assert {"articles", "figures", "quotes", "attributions", "figures_measure"} <= tables


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(StoreError, match="(?i)foreign key"):
        store.backend.execute(
            "INSERT INTO quotes (article_id, position, text, direct, evidence_start,"
            " evidence_end) VALUES ('nope', 0, 'x', TRUE, 0, 1)"
        )


def test_figures_filter_by_measure_group_place_and_date(store: Store) -> None:
    store.add(hand_built_report())
    later = hand_built_report(TEXT + " Update.", published=dt.date(2025, 1, 5))
    store.add(later)

    found = store.figures(measure="killed")
    assert [type(f) for f in found] == [StoredFigure, StoredFigure]
    assert [f.published for f in found] == [dt.date(2024, 12, 18), dt.date(2025, 1, 5)]
    assert found[0].figure == hand_built_report().figures[0]
    assert found[0].outlet == "example.org"

    assert store.figures(measure=Measure.INJURED) == []
    assert len(store.figures(group="north korea")) == 2
    assert len(store.figures(place="ru")) == 2
    assert len(store.figures(place="kursk oblast")) == 2
    assert store.figures(place="Ukraine") == []
    assert len(store.figures(since=dt.date(2024, 12, 16))) == 2
    assert store.figures(since=dt.date(2024, 12, 17)) == []
    assert len(store.figures(article_id=later.article.id)) == 1
    assert len(store.figures(limit=1)) == 1


def test_articles_are_searched_case_insensitively(store: Store) -> None:
    store.add(hand_built_report())
    assert [a.title for a in store.articles(search="MAKARUK")] == ["Kursk losses"]
    assert [a.title for a in store.articles(search="kursk losses")] == ["Kursk losses"]
    assert store.articles(search="Pyongyang") == []
    assert store.articles(offset=1) == []


def test_sql_looking_text_is_stored_and_searched_literally(store: Store) -> None:
    hostile = "Robert'); DROP TABLE articles;-- said 50% of 12_000 people were killed."
    store.add(hand_built_report(hostile.replace("50%", "several hundred"), dt.date(2024, 1, 1)))
    store.add(hand_built_report(hostile + " several hundred.", dt.date(2024, 1, 2)))
    assert store.counts()["articles"] == 2
    assert [a.published for a in store.articles(search="50%")] == [dt.date(2024, 1, 2)]
    assert len(store.articles(search="'); DROP TABLE articles;--")) == 2
    assert store.articles(search="12%000") == []
    assert len(store.articles(search="12_000")) == 2
    assert store.figures(group="' OR 1=1 --") == []


def test_non_ascii_search_ignores_case(store: Store) -> None:
    store.add(hand_built_report("ÉLYSÉE officials said several hundred people died."))
    assert len(store.articles(search="élysée")) == 1


def test_a_garbage_sqlite_file_is_refused_with_one_line(tmp_path: Path) -> None:
    garbage = tmp_path / "notes.db"
    garbage.write_bytes(b"this is not a database\n" * 100)
    with pytest.raises(StoreError) as caught:
        open_store(garbage)
    assert "notes.db" in str(caught.value) and "\n" not in str(caught.value)


def test_another_applications_sqlite_file_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as raw:
        raw.execute("CREATE TABLE customers (name TEXT)")
    with pytest.raises(StoreError, match="not a newstally database"):
        open_store(other)


def test_a_newer_sqlite_schema_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newstally.db"
    open_store(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="schema version 99 is newer"):
        open_store(path)


def test_unusable_sqlite_addresses_are_store_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store backend for mysql://"):
        open_store("mysql://localhost/db")
    with pytest.raises(StoreError, match="cannot open"):
        open_store(tmp_path / "missing-dir" / "newstally.db")
    with pytest.raises(StoreError):
        open_store(tmp_path)  # a directory


# A trigger that fails every insert into figures, in each backend's own dialect.
FAILING_TRIGGER = {
    "sqlite": [
        "CREATE TRIGGER no_figures BEFORE INSERT ON figures BEGIN SELECT RAISE(ABORT, 'disk on"
        " fire'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION no_figures() RETURNS trigger LANGUAGE plpgsql AS"
        " 'BEGIN RAISE EXCEPTION ''disk on fire''; END'",
        "CREATE TRIGGER no_figures BEFORE INSERT ON figures FOR EACH ROW"
        " EXECUTE FUNCTION no_figures()",
    ],
}


def test_a_failed_add_leaves_nothing_behind(store: Store, address: str) -> None:
    # Make the figures insert fail inside the database, after the article row is written.
    dialect = "postgresql" if address.startswith("postgresql://") else "sqlite"
    for statement in FAILING_TRIGGER[dialect]:
        store.backend.execute(statement)
    report = hand_built_report()
    with pytest.raises(StoreError, match="disk on fire"):
        store.add(report)
    assert not store.has(report.article.id)
    assert store.counts() == {"articles": 0, "figures": 0, "quotes": 0, "attributions": 0}


def test_a_report_from_extract_round_trips(store: Store) -> None:
    from newstally import extract

    report = extract(
        "Police said two people were killed and 14 were injured in Lagos on Monday.",
        published=dt.date(2024, 6, 4),
        title="Lagos",
    )
    assert store.add(report)
    assert store.report(report.article.id) == report
    assert store.counts()["figures"] == len(report.figures)


def test_an_unknown_measure_is_an_input_error(store: Store) -> None:
    with pytest.raises(InputError, match="'kiled' is not a measure"):
        store.figures(measure="kiled")


def test_threads_can_share_one_store(store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    reports = [hand_built_report(f"{TEXT} Update {n}.") for n in range(8)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        added = list(pool.map(store.add, reports))
        found = list(pool.map(lambda r: store.report(r.article.id), reports))
    assert added == [True] * 8
    assert found == reports
