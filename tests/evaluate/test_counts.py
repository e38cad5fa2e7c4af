"""Scoring article totals and event dates against count gold, on hand-made reports."""

from __future__ import annotations

import datetime as dt

import pytest

from newstally.evaluate.counts import (
    CountField,
    CountMissKind,
    count_right,
    rough_sentences,
    score_article,
    summarise,
)
from newstally.evaluate.datasets import CountsGold, Example
from newstally.model import (
    Article,
    Count,
    Evidence,
    Figure,
    Measure,
    Report,
    Span,
    Total,
    article_id,
)

TEXT = (
    "A man was shot and killed on Friday night. Police said two other people were wounded. "
    "The city council met on Tuesday."
)
PUBLISHED = dt.date(2024, 3, 2)


def report(
    totals: dict[Measure, Total] | None = None,
    event_date: dt.date | None = None,
    figures: list[Figure] | None = None,
) -> Report:
    return Report(
        article=Article(id=article_id(TEXT), text=TEXT, published=PUBLISHED),
        totals=totals or {},
        event_date=event_date,
        figures=figures or [],
    )


def example(
    killed: int | None = 1, injured: int | None = 2, event_date: dt.date | None = None
) -> Example:
    gold = CountsGold(killed=killed, injured=injured, event_date=event_date)
    return Example(id="a1", text=TEXT, published=PUBLISHED, gold=gold, line=1)


def figure(measure: Measure, words: str, low: int, high: int | None) -> Figure:
    start = TEXT.index(words)
    sentence_start = TEXT.rfind(". ", 0, start) + 2 if ". " in TEXT[:start] else 0
    sentence_end = TEXT.index(".", start) + 1
    return Figure(
        id="f1",
        measure=measure,
        count=Count(low=low, high=high, text=words),
        evidence=Evidence(
            start=start,
            end=start + len(words),
            sentence=Span(start=sentence_start, end=sentence_end),
        ),
    )


@pytest.mark.parametrize(
    ("low", "high", "gold", "right"),
    [
        (2, 2, 2, True),  # exact "two"
        (1, 3, 2, True),  # a range that holds the gold number
        (1, 3, 4, False),
        (3, None, 40, True),  # "at least three": high None is unbounded
        (3, None, 2, False),
        (0, 0, 0, True),
        (0, 0, 1, False),
    ],
)
def test_a_count_is_right_when_gold_lies_in_low_high(
    low: int, high: int | None, gold: int, right: bool
) -> None:
    assert count_right(Total(low=low, high=high), gold) is right


def test_an_absent_measure_reads_as_zero() -> None:
    outcome = score_article(example(killed=0, injured=2), report())

    assert outcome.right[CountField.KILLED] is True  # no killed total, gold 0: right
    assert outcome.right[CountField.INJURED] is False
    [miss] = [m for m in outcome.misses if m.field is CountField.INJURED]
    assert miss.kind is CountMissKind.ABSENT
    assert miss.predicted is None
    assert miss.gold == 2


def test_over_and_under_are_told_apart() -> None:
    totals = {Measure.KILLED: Total(low=3, high=3), Measure.INJURED: Total(low=1, high=1)}

    outcome = score_article(example(killed=1, injured=2), report(totals))

    kinds = {m.field: m.kind for m in outcome.misses}
    assert kinds == {CountField.KILLED: CountMissKind.OVER, CountField.INJURED: CountMissKind.UNDER}


def test_a_present_zero_that_should_be_more_is_under_not_absent() -> None:
    zero = {Measure.KILLED: Total(low=0, high=0)}

    outcome = score_article(example(killed=1, injured=None), report(zero))

    assert [m.kind for m in outcome.misses] == [CountMissKind.UNDER]


def test_event_date_must_match_exactly() -> None:
    gold_day = dt.date(2024, 3, 1)

    right = score_article(example(event_date=gold_day), report(event_date=gold_day))
    wrong = score_article(example(event_date=gold_day), report(event_date=PUBLISHED))
    missing = score_article(example(event_date=gold_day), report())

    assert right.right[CountField.EVENT_DATE] is True
    [wrong_miss] = [m for m in wrong.misses if m.field is CountField.EVENT_DATE]
    assert wrong_miss.kind is CountMissKind.WRONG_DATE
    assert wrong_miss.days_off == 1  # predicted the day of publication, one day late
    [missing_miss] = [m for m in missing.misses if m.field is CountField.EVENT_DATE]
    assert missing_miss.kind is CountMissKind.MISSING_DATE


def test_a_miss_carries_the_sentences_of_the_figures_behind_it() -> None:
    wounded = figure(Measure.INJURED, "two other people", 2, 2)
    totals = {Measure.INJURED: Total(low=2, high=2)}

    outcome = score_article(example(killed=None, injured=3), report(totals, figures=[wounded]))

    [miss] = outcome.misses
    assert miss.predicted == Total(low=2, high=2)
    assert [f.sentence for f in miss.figures] == ["Police said two other people were wounded."]
    assert miss.figures[0].count == "two other people"
    assert miss.hints == []


def test_a_miss_with_no_figures_shows_hint_sentences_instead() -> None:
    outcome = score_article(example(killed=1, injured=None), report())

    [miss] = outcome.misses
    assert miss.figures == []
    assert miss.hints == ["A man was shot and killed on Friday night."]


def test_accuracy_counts_only_articles_whose_gold_has_the_field() -> None:
    outcomes = [
        score_article(example(killed=0, injured=None), report()),
        score_article(example(killed=1, injured=0), report()),
    ]

    score = summarise(outcomes)

    assert score.articles == 2
    assert score.fields[CountField.KILLED].accuracy == 0.5
    assert score.fields[CountField.INJURED].scored == 1
    assert score.fields[CountField.INJURED].accuracy == 1.0
    assert score.fields[CountField.EVENT_DATE].scored == 0
    assert score.misses == {"killed/absent": 1}


def test_a_miss_reads_as_one_json_line() -> None:
    outcome = score_article(example(killed=1, injured=2, event_date=dt.date(2024, 3, 1)), report())

    lines = [m.model_dump_json() for m in outcome.misses]

    assert all("\n" not in line for line in lines)
    assert '"field":"event_date"' in lines[-1]
    assert '"gold":"2024-03-01"' in lines[-1]


def test_a_date_miss_always_shows_the_sentences_with_time_words() -> None:
    killed = figure(Measure.KILLED, "A man", 1, 1)
    outcome = score_article(
        example(killed=None, injured=None, event_date=dt.date(2024, 3, 1)),
        report({Measure.KILLED: Total(low=1, high=1)}, event_date=dt.date(2024, 2, 27),
               figures=[killed]),
    )

    [miss] = outcome.misses
    assert [f.sentence for f in miss.figures] == ["A man was shot and killed on Friday night."]
    assert miss.hints == [
        "A man was shot and killed on Friday night.",
        "The city council met on Tuesday.",
    ]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Shot at midnight Saturday, Jan. 25. Police said.",
         ["Shot at midnight Saturday, Jan. 25.", "Police said."]),
        ("Sgt. Ann Lee said two died. “He ran.” 3 were hurt.",
         ["Sgt. Ann Lee said two died.", "“He ran.”", "3 were hurt."]),
    ],
)
def test_hint_sentences_split_roughly_but_not_after_abbreviations(
    text: str, sentences: list[str]
) -> None:
    assert rough_sentences(text) == sentences
