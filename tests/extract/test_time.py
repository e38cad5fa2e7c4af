"""Time expressions read as days, relative to the publication date (invented examples)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from newstally.extract.pipeline import load_pipeline
from newstally.extract.time import find_time_expressions, holiday_day, is_coarse, resolve_day

SATURDAY = dt.date(2024, 3, 16)
JANUARY_3 = dt.date(2025, 1, 3)  # a Friday


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        ("late Friday", SATURDAY, dt.date(2024, 3, 15)),
        ("Sunday night", SATURDAY, dt.date(2024, 3, 10)),
        ("early Sunday", SATURDAY, dt.date(2024, 3, 10)),
        ("Saturday", SATURDAY, SATURDAY),
        ("next Monday", SATURDAY, dt.date(2024, 3, 18)),
        ("last Saturday", SATURDAY, dt.date(2024, 3, 9)),
        ("last Thursday", SATURDAY, dt.date(2024, 3, 14)),
        ("this morning", SATURDAY, SATURDAY),
        ("early this morning", SATURDAY, SATURDAY),
        ("late yesterday afternoon", SATURDAY, dt.date(2024, 3, 15)),
        ("yesterday morning", SATURDAY, dt.date(2024, 3, 15)),
        # no year: the year nearest the publication, on either side of New Year
        ("Dec. 30", JANUARY_3, dt.date(2024, 12, 30)),
        ("Jan. 2", JANUARY_3, dt.date(2025, 1, 2)),
        ("Feb. 6", JANUARY_3, dt.date(2025, 2, 6)),
        ("Jan. 2", dt.date(2024, 12, 28), dt.date(2025, 1, 2)),
        # a weekday beside the date picks the year it fits
        ("Monday, Dec. 30", JANUARY_3, dt.date(2024, 12, 30)),
        ("Dec. 30, 2023", JANUARY_3, dt.date(2023, 12, 30)),
    ],
)
def test_resolve_day(text: str, published: dt.date, day: dt.date) -> None:
    assert resolve_day(text, published, published) == day


def test_early_this_morning_names_the_publication_day(nlp: Language) -> None:
    doc = nlp("A man was wounded outside a bar early this morning, deputies said.")
    days = [t.first for t in find_time_expressions(doc, SATURDAY)]
    assert days == [SATURDAY]


def test_a_weekday_with_its_date_is_that_date(nlp: Language) -> None:
    doc = nlp("Police said the two men broke into the house at midnight Saturday, March 2.")
    days = [t.first for t in find_time_expressions(doc, SATURDAY)]
    assert days[0] == dt.date(2024, 3, 2)


@pytest.mark.parametrize(
    ("name", "published", "day"),
    [
        ("New Year's Day", dt.date(2024, 6, 8), dt.date(2024, 1, 1)),
        ("New Year’s Eve", JANUARY_3, dt.date(2024, 12, 31)),
        ("Christmas Eve", JANUARY_3, dt.date(2024, 12, 24)),
        ("Fourth of July", dt.date(2024, 7, 6), dt.date(2024, 7, 4)),
        ("Thanksgiving", dt.date(2024, 12, 2), dt.date(2024, 11, 28)),
        ("Memorial Day", dt.date(2024, 6, 1), dt.date(2024, 5, 27)),
        ("Labor Day", dt.date(2024, 9, 5), dt.date(2024, 9, 2)),
        ("Easter", dt.date(2024, 4, 2), dt.date(2024, 3, 31)),
    ],
)
def test_holiday_day(name: str, published: dt.date, day: dt.date) -> None:
    assert holiday_day(name, published) == day


def test_a_holiday_names_its_day(nlp: Language) -> None:
    doc = nlp("Two men were charged after officers shot three people early New Year’s Day.")
    days = [t.first for t in find_time_expressions(doc, JANUARY_3)]
    assert days == [dt.date(2025, 1, 1)]


def test_a_holiday_naming_another_event_is_no_day(nlp: Language) -> None:
    doc = nlp("Since the Christmas Eve mall shooting, several threats have been reported.")
    assert find_time_expressions(doc, JANUARY_3) == []


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("99999999 days ago", JANUARY_3),
        ("last Monday", dt.date(1, 1, 1)),
        ("a day earlier", dt.date(1, 1, 1)),
        ("next Monday", dt.date(9999, 12, 31)),
    ],
)
def test_a_day_outside_the_calendar_names_no_day(text: str, published: dt.date) -> None:
    assert resolve_day(text, published, published) is None


def test_a_holiday_next_to_the_calendar_edge_is_still_found() -> None:
    assert holiday_day("Christmas Day", dt.date(9999, 12, 30)) == dt.date(9999, 12, 25)


def test_periods_outside_the_calendar_are_left_out(nlp: Language) -> None:
    doc = nlp("The toll covered the past 99999999 days and ended on Monday.")
    found = find_time_expressions(doc, dt.date(2, 1, 1))
    assert [expr.is_range for expr in found] == [False]  # only "Monday"


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("The 2010 floods killed about 1,800 people.", ("2010-01-01", "2010-12-31")),
        ("It was the worst since 2015, when a quake killed 9,000.", ("2015-01-01", "2015-12-31")),
        ("Aid has flowed since 2015.", ("2015-01-01", "2026-04-06")),
    ],
)
def test_a_past_year_alone_is_the_period_it_names(
    nlp: Language, text: str, period: tuple[str, str]
) -> None:
    [expr] = find_time_expressions(nlp(text), dt.date(2026, 4, 6))
    assert expr.is_range
    assert (expr.first.isoformat(), expr.last.isoformat()) == period  # type: ignore[union-attr]


def test_the_publication_year_alone_names_no_period(nlp: Language) -> None:
    assert find_time_expressions(nlp("In 2026, 40 people died."), dt.date(2026, 4, 6)) == []


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Russia lost 33,000 troops in September.", ("2026-09-01", "2026-09-30")),
        ("At least 14,900 have died since February 2022.", ("2022-02-01", "2026-10-08")),
        ("In May, 40 people died.", ("2026-05-01", "2026-05-31")),
        ("More than 400 people have died this year.", ("2026-01-01", "2026-10-08")),
        ("Some 12 people have died in October.", ("2026-10-01", "2026-10-08")),
    ],
)
def test_a_month_or_this_year_is_the_span_it_names(
    nlp: Language, text: str, period: tuple[str, str]
) -> None:
    [expr] = find_time_expressions(nlp(text), dt.date(2026, 10, 8))
    assert expr.is_range
    assert (expr.first.isoformat(), expr.last.isoformat()) == period  # type: ignore[union-attr]


def test_a_weekday_is_no_month(nlp: Language) -> None:
    [expr] = find_time_expressions(nlp("Two men were shot on Sunday."), dt.date(2026, 10, 8))
    assert not expr.is_range and not is_coarse(expr)
