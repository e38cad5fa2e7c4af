"""The store links near-duplicate articles as they are added: one wire story, many outlets."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest

from newstally.ingest import dedupe
from newstally.model import Article, Report, article_id
from newstally.store import Store, base, open_store
from wire_story import COPIES, OTHER_REPORT, UNRELATED, WIRE


def report_of(text: str, outlet: str, day: int) -> Report:
    """An article with no extractions: copies are found from the text alone."""
    return Report(
        article=Article(
            id=article_id(text),
            text=text,
            outlet=outlet,
            title=f"{outlet} story",
            published=dt.date(2025, 3, day),
        )
    )


def add_all(store: Store) -> dict[str, str]:
    """Store the wire story, its three copies and two other stories; return outlet -> id."""
    texts = {"wire": WIRE, **COPIES, "other": OTHER_REPORT, "bank": UNRELATED}
    ids = {}
    for day, (outlet, text) in enumerate(texts.items(), start=3):
        report = report_of(text, outlet, day)
        assert store.add(report)
        ids[outlet] = report.article.id
    return ids


def test_copies_point_at_the_first_stored_story(store: Store) -> None:
    ids = add_all(store)
    copies = {copy.article_id: copy for copy in store.copies()}
    assert set(copies) == {ids["courier"], ids["gazette"], ids["herald"]}
    assert {copy.copy_of for copy in copies.values()} == {ids["wire"]}
    assert all(0.5 <= copy.similarity <= 1.0 for copy in copies.values())
    assert copies[ids["gazette"]].outlet == "gazette"


def test_a_store_from_before_copies_were_tracked_is_indexed_on_request(store: Store) -> None:
    ids = add_all(store)
    expected = {(copy.article_id, copy.copy_of) for copy in store.copies()}
    # What a schema-1 store looks like after migrating: no signatures, no links.
    with store.backend.transaction():
        store.backend.execute("DELETE FROM article_buckets")
        store.backend.execute("DELETE FROM article_minhash")
        store.backend.execute("UPDATE articles SET copy_of = NULL, copy_similarity = NULL")
    assert store.copies() == []
    assert store.index_copies() == len(ids)
    assert {(copy.article_id, copy.copy_of) for copy in store.copies()} == expected
    assert store.index_copies() == 0


def test_deleting_the_canonical_article_unlinks_its_copies(store: Store) -> None:
    ids = add_all(store)
    with store.backend.transaction():
        store.backend.execute("DELETE FROM articles WHERE id = ?", (ids["wire"],))
    assert store.copies() == []
    assert store.counts()["articles"] == 5


def test_one_line_items_are_too_short_to_link(store: Store) -> None:
    assert store.add(report_of("At least 12 people killed", "one", 3))
    assert store.add(report_of("At least 12 people killed on Monday", "two", 4))
    assert store.copies() == []
    assert store.index_copies() == 0  # short texts are marked indexed, not pending forever


def test_two_writers_adding_copies_at_once_link_them(
    address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(address):
        pass  # create the schema before the writers race
    compare = dedupe.closest

    def slow_closest(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.5)  # the other writer runs its lookup meanwhile, unless it must wait
        return compare(*args, **kwargs)

    monkeypatch.setattr(dedupe, "closest", slow_closest)

    def add(text: str, outlet: str) -> None:
        with open_store(address) as store:
            store.add(report_of(text, outlet, 3))

    writers = [
        threading.Thread(target=add, args=(WIRE, "wire")),
        threading.Thread(target=add, args=(COPIES["courier"], "courier")),
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=30)
    with open_store(address) as store:
        assert len(store.copies()) == 1


def test_upgrading_a_store_from_before_copies_links_its_articles_oldest_first(
    address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first_only = base.migrations()[:1]
    with monkeypatch.context() as patch:
        patch.setattr(base, "migrations", lambda: first_only)
        with open_store(address) as old:
            assert old.schema_version == 1
            for outlet, day in (("herald", 9), ("wire", 3), ("courier", 5)):
                text = WIRE if outlet == "wire" else COPIES[outlet]
                old.backend.execute(
                    "INSERT INTO articles (id, outlet, authors, published, language, text,"
                    " report, ingested_at) VALUES (?, ?, '[]', ?, 'en', ?, ?, '')",
                    (
                        article_id(text),
                        outlet,
                        f"2025-03-0{day}",
                        text,
                        report_of(text, outlet, day).model_dump_json(by_alias=True),
                    ),
                )
    with open_store(address) as upgraded:
        assert upgraded.schema_version == len(base.migrations())
        copies = upgraded.copies()
    assert {c.outlet for c in copies} == {"courier", "herald"}
    assert {c.copy_of for c in copies} == {article_id(WIRE)}  # the oldest, not the first stored
