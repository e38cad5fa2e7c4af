"""PostgreSQL through psycopg 3: the store for many writers and more articles than one file holds.

The tables, migrations and queries are the SQLite store's (see base.py); what differs is kept
here. PostgreSQL has no `PRAGMA user_version`, so the schema version lives in a one-row table,
`newstally_schema`, whose presence also marks the database (or schema, via search_path) as
newstally's: a database that holds other tables but not that one is refused rather than written
into. The connection runs in autocommit and `transaction()` opens an explicit BEGIN/COMMIT, as
the SQLite backend does, so one article is one transaction.

Statements arrive with `?` placeholders; psycopg wants `%s` (and a literal `%` doubled), so
`to_format` rewrites them once per statement text. Values are always sent as parameters.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from functools import lru_cache

import psycopg
from psycopg import conninfo
from psycopg.rows import dict_row

from newstally.errors import StoreError
from newstally.store.base import Backend, Params, Row

# Seconds to wait for the server before saying it cannot be reached, unless the URL says.
CONNECT_TIMEOUT_S = 10

VERSION_TABLE = "newstally_schema"
# The advisory lock key held while migrating: 'NTLY' as an integer, like SQLite's application_id.
MIGRATION_LOCK = 0x4E544C59
# The advisory lock key held while a transaction looks up and indexes near-duplicates.
COPIES_LOCK = MIGRATION_LOCK + 1

_SCHEMES = re.compile(r"\A(postgres(?:ql)?)(?:\+[a-z0-9]+)?://", re.IGNORECASE)
_PASSWORD = re.compile(r"(://[^/@:?#]*):[^/@?#]*@")
# A single-quoted literal (with '' inside), a double-quoted name, or one placeholder/percent.
_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|[?%]")


def redact(url: str) -> str:
    """The URL as error messages show it: a password in it becomes ***."""
    return _PASSWORD.sub(r"\1:***@", url)


@lru_cache(maxsize=512)
def to_format(sql: str) -> str:
    """Rewrite `?` placeholders as psycopg's `%s`; double every literal `%`.

    >>> to_format("SELECT '?%' AS a WHERE b LIKE ? ESCAPE '\\\\'")
    "SELECT '?%%' AS a WHERE b LIKE %s ESCAPE '\\\\'"
    """

    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        return token.replace("%", "%%")

    return _TOKEN.sub(swap, sql)


def _one_line(exc: BaseException) -> str:
    diag = getattr(exc, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    return " ".join(str(primary or exc).split()) or type(exc).__name__


class PostgresBackend(Backend):
    """One connection to a PostgreSQL database, named by a postgresql:// URL."""

    def __init__(self, url: str) -> None:
        self.name = redact(url)
        self.lock = threading.RLock()
        address = _SCHEMES.sub(lambda m: f"{m.group(1).lower()}://", url, count=1)
        try:
            if "connect_timeout" not in conninfo.conninfo_to_dict(address):
                address = conninfo.make_conninfo(address, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as exc:
            raise StoreError(f"{self.name}: not a PostgreSQL URL ({_one_line(exc)})") from exc
        try:
            self.connection: psycopg.Connection[dict[str, object]] = psycopg.connect(
                address, autocommit=True, row_factory=dict_row
            )
        except psycopg.Error as exc:
            raise StoreError(f"{self.name}: cannot connect ({_one_line(exc)})") from exc

    def _wrap(self, exc: psycopg.Error) -> StoreError:
        return StoreError(f"{self.name}: {_one_line(exc)}")

    def execute(self, sql: str, params: Params = ()) -> int:
        try:
            with self.lock:
                return self.connection.execute(to_format(sql), tuple(params)).rowcount
        except psycopg.Error as exc:
            raise self._wrap(exc) from exc

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        if not rows:
            return
        try:
            with self.lock, self.connection.cursor() as cursor:
                cursor.executemany(to_format(sql), [tuple(row) for row in rows])
        except psycopg.Error as exc:
            raise self._wrap(exc) from exc

    def query(self, sql: str, params: Params = ()) -> Iterator[Row]:
        try:
            with self.lock:
                rows = self.connection.execute(to_format(sql), tuple(params)).fetchall()
        except psycopg.Error as exc:
            raise self._wrap(exc) from exc
        return iter(rows)

    def transaction(self) -> AbstractContextManager[None]:
        return self._transaction()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        # psycopg's transaction() rolls back when the block raises and commits otherwise;
        # a failed BEGIN or COMMIT (a lost server, a deferred constraint) is a StoreError.
        with self.lock:
            try:
                with self.connection.transaction():
                    yield
            except psycopg.Error as exc:
                raise self._wrap(exc) from exc

    def migration_lock(self) -> AbstractContextManager[None]:
        return self._migration_lock()

    @contextmanager
    def _migration_lock(self) -> Iterator[None]:
        # A session advisory lock: a second process opening a new database waits here, then
        # finds the schema made. It is released even when migrating fails.
        self.execute("SELECT pg_advisory_lock(?)", (MIGRATION_LOCK,))
        try:
            yield
        finally:
            # A lost connection has lost its lock too; its error is the one worth reporting.
            with suppress(StoreError):
                self.execute("SELECT pg_advisory_unlock(?)", (MIGRATION_LOCK,))

    def lock_copies(self) -> None:
        # Released by COMMIT or ROLLBACK: two writers index copies one after the other.
        self.execute("SELECT pg_advisory_xact_lock(?)", (COPIES_LOCK,))

    def _value(self, sql: str, params: Params = ()) -> object:
        for row in self.query(sql, params):
            return next(iter(row.values()))
        return None

    def _has_version_table(self) -> bool:
        return bool(
            self._value(
                "SELECT count(*) AS n FROM information_schema.tables"
                " WHERE table_schema = current_schema() AND table_name = ?",
                (VERSION_TABLE,),
            )
        )

    def schema_version(self) -> int:
        if not self._has_version_table():
            return 0
        version = self._value(f"SELECT version FROM {VERSION_TABLE}")
        return int(version) if isinstance(version, int) else 0

    def set_schema_version(self, version: int) -> None:
        self.execute(
            f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} ("
            " one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one), version INTEGER NOT NULL)"
        )
        self.execute(
            f"INSERT INTO {VERSION_TABLE} (one, version) VALUES (TRUE, ?)"
            " ON CONFLICT (one) DO UPDATE SET version = excluded.version",
            (int(version),),
        )

    def check_is_ours(self) -> None:
        schema = self._value("SELECT current_schema() AS s")
        if schema is None:
            raise StoreError(
                f"{self.name}: no schema to create tables in (the search_path names none"
                " that exists)"
            )
        if self._has_version_table():
            return
        tables = self._value(
            "SELECT count(*) AS n FROM information_schema.tables"
            " WHERE table_schema = current_schema()"
        )
        if tables:
            raise StoreError(
                f"{self.name}: is not a newstally database (schema {schema} holds other"
                " tables; give newstally its own database or schema)"
            )

    def contains(self, column: str) -> str:
        # lower() follows the database's locale; the pattern was case-folded in Python.
        return f"lower({column}) LIKE ? ESCAPE '\\'"

    def close(self) -> None:
        with self.lock:
            self.connection.close()
