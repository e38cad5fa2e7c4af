"""What only the PostgreSQL backend has: its version table, its refusals and its placeholders.
The behaviour it shares with SQLite is tested on both in test_store.py."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from newstally.errors import StoreError
from newstally.store import open_store
from newstally.store.base import migrations
from newstally.store.postgres import VERSION_TABLE, redact, to_format


def test_placeholders_become_psycopgs_and_quoted_text_is_left_alone() -> None:
    assert to_format("SELECT a FROM t WHERE b = ? AND c LIKE ?") == (
        "SELECT a FROM t WHERE b = %s AND c LIKE %s"
    )
    assert to_format("SELECT 'why?', \"odd?col\" FROM t WHERE x = ?") == (
        "SELECT 'why?', \"odd?col\" FROM t WHERE x = %s"
    )
    assert to_format("SELECT '50%' || 'it''s?' WHERE y LIKE ? ESCAPE '\\'") == (
        "SELECT '50%%' || 'it''s?' WHERE y LIKE %s ESCAPE '\\'"
    )


def test_passwords_never_reach_messages() -> None:
    assert redact("postgresql://ann:s3cret@db.example/news") == "postgresql://ann:***@db.example/news"
    assert redact("postgresql://ann@db.example/news") == "postgresql://ann@db.example/news"


def test_migrations_record_the_version_in_a_one_row_table(postgres_url: str) -> None:
    open_store(postgres_url).close()
    open_store(postgres_url).close()  # reopening migrates nothing and adds no row
    with psycopg.connect(postgres_url) as raw:
        assert raw.execute(f"SELECT version FROM {VERSION_TABLE}").fetchall() == [
            (len(migrations()),)
        ]
        tables = {
            row[0]
            for row in raw.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            )
        }
        indexes = {row[0] for row in raw.execute("SELECT indexname FROM pg_indexes")}
    assert {"articles", "figures", "quotes", "attributions", VERSION_TABLE} <= tables
    assert "figures_measure" in indexes


def test_a_newer_schema_version_is_refused(postgres_url: str) -> None:
    open_store(postgres_url).close()
    with psycopg.connect(postgres_url) as raw:
        raw.execute(f"UPDATE {VERSION_TABLE} SET version = 99")
    with pytest.raises(StoreError, match="schema version 99 is newer"):
        open_store(postgres_url)


def test_another_applications_database_is_refused(postgres_url: str) -> None:
    with psycopg.connect(postgres_url) as raw:
        raw.execute("CREATE TABLE customers (name TEXT)")
    with pytest.raises(StoreError, match="is not a newstally database") as caught:
        open_store(postgres_url)
    assert "\n" not in str(caught.value)


def test_a_schema_of_its_own_is_chosen_with_search_path(postgres_url: str) -> None:
    with psycopg.connect(postgres_url) as raw:
        raw.execute("CREATE TABLE customers (name TEXT)")
        raw.execute("CREATE SCHEMA news")
    join = "&" if "?" in postgres_url else "?"
    with open_store(f"{postgres_url}{join}options=-csearch_path%3Dnews") as store:
        assert store.counts()["articles"] == 0
    missing = f"{postgres_url}{join}options=-csearch_path%3Dnowhere"
    with pytest.raises(StoreError, match="no schema to create tables in"):
        open_store(missing)


def test_an_unreachable_server_is_one_line_without_the_password(tmp_path: Path) -> None:
    url = f"postgresql://ann:s3cret@/newstally?host={tmp_path}&connect_timeout=2"
    with pytest.raises(StoreError, match="cannot connect") as caught:
        open_store(url)
    message = str(caught.value)
    assert "\n" not in message and "s3cret" not in message and "ann:***@" in message


def test_a_missing_database_is_a_store_error(postgres_server: str) -> None:
    from urllib.parse import urlsplit, urlunsplit

    url = urlunsplit(urlsplit(postgres_server)._replace(path="/no_such_newstally_db"))
    with pytest.raises(StoreError, match='database "no_such_newstally_db" does not exist'):
        open_store(url)


def test_a_malformed_url_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="not a PostgreSQL URL"):
        open_store("postgresql://localhost/db?no_such_option=1")


def test_stores_opened_at_once_on_a_new_database_all_migrate_it(postgres_url: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def open_and_count(_: int) -> int:
        with open_store(postgres_url) as store:
            return store.counts()["articles"]

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(open_and_count, range(4))) == [0, 0, 0, 0]
