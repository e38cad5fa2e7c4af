"""The store links near-duplicate articles as they are added: one wire story, many outlets."""

from __future__ import annotations

import datetime as dt

from newstally.model import Article, Report, article_id
from newstally.store import Store
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
