"""The store: articles and their extractions in a database. The only package that speaks SQL.

>>> with open_store("newstally.db") as store:   # doctest: +SKIP
...     store.add(report)
...     store.figures(measure="killed", place="RU")

`open_store` picks a backend from the address: a path or `sqlite:///path` opens SQLite,
`postgresql://user@host/db` (or `postgres://`) opens PostgreSQL (see postgres.py). A new
backend is a `Backend` subclass (see base.py) registered in `BACKENDS` under its URL scheme.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from newstally.errors import StoreError
from newstally.store.base import Backend, Store
from newstally.store.records import StoredFigure
from newstally.store.sqlite import SqliteBackend


def _sqlite(address: str) -> Backend:
    path = address.removeprefix("sqlite:///") if address.startswith("sqlite:///") else address
    if path.startswith("sqlite:"):
        raise StoreError(f"{address}: write sqlite:///relative/path or sqlite:////absolute/path")
    return SqliteBackend(path)


def _postgres(address: str) -> Backend:
    # Imported on use: SQLite users never load the PostgreSQL driver.
    from newstally.store.postgres import PostgresBackend

    return PostgresBackend(address)


# URL scheme -> backend factory. A plain path (no "scheme://") is SQLite.
BACKENDS: dict[str, Callable[[str], Backend]] = {
    "sqlite": _sqlite,
    "postgresql": _postgres,
    "postgres": _postgres,
}


def open_store(address: str | Path) -> Store:
    """Open (creating and migrating if needed) the store at a path or URL."""
    text = str(address)
    if not text.strip():
        raise StoreError("the database path is empty")
    scheme = text.split("://", 1)[0].split("+", 1)[0].lower() if "://" in text else "sqlite"
    factory = BACKENDS.get(scheme)
    if factory is None:
        known = ", ".join(f"{name}://" for name in sorted(BACKENDS))
        raise StoreError(f"{text}: no store backend for {scheme}:// (use a path or {known})")
    backend = factory(text)
    try:
        return Store(backend)
    except BaseException:
        backend.close()
        raise


__all__ = ["BACKENDS", "Backend", "Store", "StoreError", "StoredFigure", "open_store"]
