"""The store records which mode made each report, and a full reading replaces a ledger-mode one.

The ledger mode (`--figures-only`) leaves out quotes and attributions outside the sentences the
figures need. Its reports must not block a later full ingest of the same article, and a full
report must never be downgraded by a later ledger-mode one.
"""

from __future__ import annotations

import pytest

from newstally.extract import extract
from newstally.extract.pipeline import load_pipeline
from newstally.model import Report
from newstally.store import Store, base, open_store
from newstally.store.base import FIGURES_ONLY_MODE, FULL_MODE

FLOOD = (
    "Floods in the valley\n"
    "Officials said 12 people were killed and 30 injured on Monday.\n"
    '"We will rebuild every house," the mayor told reporters.\n'
)


def reports() -> tuple[Report, Report]:
    """The flood article read in full and in the ledger mode."""
    nlp = load_pipeline()
    return extract(FLOOD, nlp=nlp), extract(FLOOD, nlp=nlp, figures_only=True)


def test_a_full_report_replaces_the_ledger_mode_one(store: Store) -> None:
    full, ledger = reports()
    assert ledger.quotes == [] and full.quotes, "the example needs a quote only full mode finds"

    assert store.add(ledger, figures_only=True)
    assert store.mode(full.article.id) == FIGURES_ONLY_MODE
    assert store.has(full.article.id) and not store.has(full.article.id, full=True)

    assert store.add(full)
    assert store.mode(full.article.id) == FULL_MODE
    assert store.report(full.article.id) == full
    assert store.counts()["articles"] == 1
    assert store.counts()["quotes"] == len(full.quotes)
    assert len(store.figures()) == len(full.figures)


def test_a_ledger_mode_report_never_replaces_a_full_one(store: Store) -> None:
    full, ledger = reports()
    assert store.add(full)
    assert not store.add(ledger, figures_only=True)
    assert not store.add(full)
    assert store.mode(full.article.id) == FULL_MODE
    assert store.report(full.article.id) == full


def test_reports_stored_before_modes_were_recorded_count_as_full(
    address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    full, _ = reports()
    before = [m for m in base.migrations() if m[0] < 3]
    with monkeypatch.context() as patch:
        patch.setattr(base, "migrations", lambda: before)
        with open_store(address) as old:
            assert old.schema_version == 2
            old.backend.execute(
                "INSERT INTO articles (id, authors, language, text, report, ingested_at)"
                " VALUES (?, '[]', 'en', ?, ?, '')",
                (full.article.id, FLOOD, full.model_dump_json(by_alias=True)),
            )
    with open_store(address) as upgraded:
        assert upgraded.schema_version == len(base.migrations())
        assert upgraded.mode(full.article.id) == FULL_MODE
        assert upgraded.has(full.article.id, full=True)


def test_the_mode_of_an_absent_article_is_none(store: Store) -> None:
    assert store.mode("0" * 16) is None
