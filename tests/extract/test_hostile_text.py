"""`extract` on generated hostile text: it returns a valid report or raises the project's own
error, whatever the words, numbers and dates. The example budget is fixed and derandomised so the
test takes the same few seconds on every run."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstally import extract
from newstally.errors import NewstallyError
from newstally.model import report_json_schema

# Pieces of news copy, and the edges that broke extraction before: reversed ranges, numbers of
# hundreds of digits, days outside the calendar.
PIECES = [
    "At least", "between 50 and 10", "more than", "nearly", "9" * 400, "1e308", "3 000",
    "half a million", "killed", "injured", "people", "soldiers", "said on Monday", "police said",
    "99999999 days ago", "the past 99999999 days", "on December 31, 9999", "January 1, 0001",
    "from Saturday to Monday", "since Friday", "a day earlier", "yesterday", "several hundred",
    "dozens", ".", ",", '"', "\u2018", "\u2014", "according to officials", "\n", "Christmas Day",
    "the first Monday of December 9999", "1,000,000,000,000,000,000,000 people were killed",
]
PUBLISHED = st.sampled_from([None, dt.date(1, 1, 3), dt.date(2025, 3, 1), dt.date(9999, 12, 30)])
TEXTS = st.lists(st.sampled_from(PIECES) | st.text(max_size=12), min_size=1, max_size=30).map(
    " ".join
)
SCHEMA = report_json_schema()


@settings(max_examples=120, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, published=PUBLISHED)
def test_extract_survives_hostile_text(text: str, published: dt.date | None) -> None:
    try:
        report = extract(text, published=published)
    except NewstallyError:
        return
    jsonschema.validate(json.loads(report.to_json()), SCHEMA)
    for figure in report.figures:
        assert 0 <= figure.evidence.start <= figure.evidence.end <= len(report.article.text)
        if figure.count.low is not None and figure.count.high is not None:
            assert figure.count.low <= figure.count.high
