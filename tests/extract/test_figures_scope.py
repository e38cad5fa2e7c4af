"""Scope: a count up to a deadline ('by Wednesday evening') is a running total."""

from __future__ import annotations

from newstally.extract.report import extract


def scopes(text: str) -> dict[str, str | None]:
    return {
        f.count.text: (f.scope.value if f.scope else None) for f in extract(text, None).figures
    }


def test_a_count_up_to_a_deadline_is_cumulative() -> None:
    found = scopes("A clinic in the town had treated 64 injured people by Wednesday evening.")
    assert found["64"] == "cumulative"


def test_by_a_day_s_event_names_a_cause_not_a_deadline() -> None:
    assert scopes("Twelve people were killed by Tuesday's blast.")["Twelve"] != "cumulative"


def test_another_stays_an_increment_before_a_deadline() -> None:
    assert scopes("Another 12 people died by Sunday.")["12"] == "increment"
