"""SQLite, through the standard library: the default store, one file beside the user's articles.

WAL mode lets a reader (the web UI) work while an ingest writes; foreign keys are switched on
per connection because SQLite leaves them off; the schema version is `PRAGMA user_version` and
`PRAGMA application_id` marks the file as a newstally store, so a stranger's database is refused
instead of being written into.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from newstally.errors import StoreError
from newstally.store.base import Backend, Params, Row

# 'NTLY' as a 32-bit integer: SQLite's way to say which application owns a file.
APPLICATION_ID = 0x4E544C59

# How long a writer waits for another writer before giving up, in milliseconds.
BUSY_TIMEOUT_MS = 10_000


def _fold(value: object) -> str | None:
    """Unicode-aware lower case for searches; SQLite's own lower() only knows ASCII."""
    return value.casefold() if isinstance(value, str) else None


class SqliteBackend(Backend):
    """A connection to one SQLite file (or ':memory:')."""

    def __init__(self, path: str | Path) -> None:
        self.name = str(path)
        # One connection may serve several threads (a web server's workers); a re-entrant lock
        # keeps a transaction's statements together and away from other threads' statements.
        self.lock = threading.RLock()
        try:
            self.connection = sqlite3.connect(
                self.name, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StoreError(f"{self.name}: cannot open the database ({exc})") from exc
        try:
            self.connection.create_function("newstally_fold", 1, _fold, deterministic=True)
            self._pragma(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._pragma("PRAGMA foreign_keys = ON")
            self._pragma("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as exc:
            self.connection.close()
            raise StoreError(
                f"{self.name}: is not a newstally database (SQLite says: {exc})"
            ) from exc

    def _pragma(self, sql: str) -> int:
        row = self.connection.execute(sql).fetchone()
        return int(row[0]) if row and isinstance(row[0], int) else 0

    def _wrap(self, exc: sqlite3.Error) -> StoreError:
        return StoreError(f"{self.name}: {exc}")

    def execute(self, sql: str, params: Params = ()) -> int:
        try:
            with self.lock:
                return self.connection.execute(sql, tuple(params)).rowcount
        except sqlite3.Error as exc:
            raise self._wrap(exc) from exc

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        if not rows:
            return
        try:
            with self.lock:
                self.connection.executemany(sql, [tuple(row) for row in rows])
        except sqlite3.Error as exc:
            raise self._wrap(exc) from exc

    def query(self, sql: str, params: Params = ()) -> Iterator[Row]:
        try:
            with self.lock:
                cursor = self.connection.execute(sql, tuple(params))
                names = [column[0] for column in cursor.description]
                rows = cursor.fetchall()
        except sqlite3.Error as exc:
            raise self._wrap(exc) from exc
        return (dict(zip(names, row, strict=True)) for row in rows)

    def transaction(self) -> AbstractContextManager[None]:
        return self._transaction()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock at once, so two ingests queue instead of deadlocking.
        with self.lock:
            try:
                self.connection.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._wrap(exc) from exc
            try:
                yield
            except BaseException:
                self.connection.rollback()
                raise
            try:
                self.connection.execute("COMMIT")
            except sqlite3.Error as exc:
                self.connection.rollback()
                raise self._wrap(exc) from exc

    def schema_version(self) -> int:
        return self._pragma("PRAGMA user_version")

    def set_schema_version(self, version: int) -> None:
        # PRAGMA takes no parameters; `version` is an int from the migration file name.
        self.connection.execute(f"PRAGMA user_version = {int(version)}")
        self.connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def check_is_ours(self) -> None:
        try:
            owner = self._pragma("PRAGMA application_id")
            version = self.schema_version()
            tables = self.connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.name}: is not a newstally database ({exc})") from exc
        if owner == APPLICATION_ID or (owner == 0 and version == 0 and tables == 0):
            return
        raise StoreError(
            f"{self.name}: is not a newstally database (it is another application's SQLite file)"
        )

    def contains(self, column: str) -> str:
        return f"newstally_fold({column}) LIKE ? ESCAPE '\\'"

    def close(self) -> None:
        with self.lock:
            self.connection.close()
