"""The extraction steps by name: switched off, replaced, and refused when misspelt."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newstally.articles import ArticleInput
from newstally.extract.pipeline import load_pipeline
from newstally.extract.report import build_report, extract
from newstally.extract.steps import STEPS, Findings, UnknownStepError
from newstally.model import Report

PUBLISHED = dt.date(2024, 3, 12)
# Every step finds something here: a byline, a quote with a speaker, a sourced figure, an
# unsourced statement, a total and an event date.
TEXT = (
    "By Lena Marsh\n\n"
    "Two people were killed and three were injured when a bus overturned on Monday near the "
    "river crossing, police said. The driver is believed to have fallen asleep.\n\n"
    '"The road was wet and the bus was going too fast," a witness said.'
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="module")
def full(nlp: Language) -> Report:
    return extract(TEXT, PUBLISHED, nlp=nlp)


def without(report: Report, *fields: str) -> dict[str, Any]:
    return report.model_dump(exclude=set(fields))


def test_every_step_finds_something_in_the_example(full: Report) -> None:
    assert full.article.authors == ["Lena Marsh"]
    assert [q.speaker for q in full.quotes] == ["witness"]
    assert [(f.count.low, f.source.text) for f in full.figures] == [(2, "police"), (3, "police")]
    assert any(a.source.text is None for a in full.attributions)
    assert {m.value: t.low for m, t in full.totals.items()} == {"killed": 2, "injured": 3}
    assert full.event_date == dt.date(2024, 3, 11)


@pytest.mark.parametrize(
    ("step", "field", "empty"),
    [("totals", "totals", {}), ("event_date", "event_date", None)],
)
def test_switching_off_a_step_removes_only_its_output(
    nlp: Language, full: Report, step: str, field: str, empty: Any
) -> None:
    report = extract(TEXT, PUBLISHED, nlp=nlp, disable=[step])
    assert getattr(report, field) == empty != getattr(full, field)
    assert without(report, field) == without(full, field)


def test_switching_off_the_byline_leaves_the_authors_to_the_caller(
    nlp: Language, full: Report
) -> None:
    report = extract(TEXT, PUBLISHED, nlp=nlp, disable=["byline"])
    assert report.article.authors == []
    assert without(report, "article") == without(full, "article")


def test_switching_off_unsourced_removes_only_the_unsourced_statements(
    nlp: Language, full: Report
) -> None:
    report = extract(TEXT, PUBLISHED, nlp=nlp, disable=["unsourced"])
    assert report.attributions == [a for a in full.attributions if a.source.text is not None]
    assert without(report, "attributions") == without(full, "attributions")


def test_a_step_replaced_by_name_runs_in_its_place(nlp: Language, full: Report) -> None:
    def first_of_the_month(doc: Doc, found: Findings) -> dt.date | None:
        return found.published.replace(day=1) if found.published else None

    steps = STEPS.replacing("event_date", first_of_the_month)
    assert steps.names == STEPS.names
    report = build_report(nlp(TEXT), ArticleInput(TEXT, PUBLISHED), steps)
    assert report.event_date == dt.date(2024, 3, 1)
    assert without(report, "event_date") == without(full, "event_date")


def test_a_misspelt_step_is_an_error_naming_the_steps() -> None:
    with pytest.raises(UnknownStepError) as caught:
        STEPS.without("quote")
    assert caught.value.name == "quote"
    assert "quotes" in caught.value.known
