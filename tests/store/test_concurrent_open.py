"""Two processes opening one new store at the same moment: one creates the schema, the other
finds it made. Threads stand in for the processes; a barrier makes both look at the schema
version before either migrates, which two processes started together do by chance (seen in
tests/reliability/test_concurrent.py as 'table articles already exists')."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import pytest

from newstally.store import BACKENDS, Store
from newstally.store.base import Backend, migrations


def backend_for(address: str) -> Backend:
    scheme = address.split("://", 1)[0] if "://" in address else "sqlite"
    return BACKENDS[scheme](address)


def test_two_openers_of_a_new_store_create_it_once(
    address: str, request: pytest.FixtureRequest
) -> None:
    if "://" not in address:
        request.applymarker(pytest.mark.xfail(strict=True, reason=(
            "store/sqlite.py: migrate() reads PRAGMA user_version before taking the write lock "
            "(Backend.migration_lock is a no-op for SQLite), so two processes creating one "
            "SQLite store at once both run migration 1: 'table articles already exists'. "
            "src/newstally/store is not this branch's to change.")))
    barrier = threading.Barrier(2, timeout=3)
    errors: list[BaseException] = []

    def opener() -> None:
        backend = backend_for(address)
        plain = backend.transaction

        @contextmanager
        def first_waits() -> Iterator[None]:
            # Both openers reach their first transaction before either begins it. With the
            # version read under a lock, the second one is held before it gets here, and the
            # barrier gives up waiting for it.
            with suppress(threading.BrokenBarrierError):
                barrier.wait()
            with plain():
                yield

        backend.transaction = lambda: first_waits()  # type: ignore[method-assign]
        try:
            Store(backend)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            backend.close()

    threads = [threading.Thread(target=opener) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [str(error) for error in errors] == []
    check = backend_for(address)
    try:
        assert check.schema_version() == migrations()[-1][0]
    finally:
        check.close()

