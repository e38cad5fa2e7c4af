"""Score article totals and event dates against count gold (the Gun Violence Archive's records).

The rules, as the README's accuracy section states them:

- A count is right when the gold number lies in the report's `[low, high]` for that measure;
  `high` None means no upper bound. A measure absent from `report.totals` reads as 0..0, because
  an article that mentions nobody killed says, in effect, that nobody was.
- `event_date` is right only on an exact match; a missing date is wrong.
- Accuracy of a field = right / articles whose gold has that field.

Every wrong answer becomes a `CountMiss` with the sentences of the figures that drove it, so the
errors file can be read without opening the article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from enum import StrEnum

from pydantic import BaseModel, Field

from newstally.evaluate.datasets import CountsGold, Example
from newstally.model import Measure, Report, Total


class CountField(StrEnum):
    """The three answers scored per article."""

    KILLED = "killed"
    INJURED = "injured"
    EVENT_DATE = "event_date"


class CountMissKind(StrEnum):
    """How a count or date answer went wrong; the first thing to group errors by."""

    OVER = "over"  # the predicted range lies wholly above the gold number
    UNDER = "under"  # the measure is in totals but its range lies wholly below gold
    ABSENT = "absent"  # the measure is not in totals (read as 0) and gold is above 0
    MISSING_DATE = "missing-date"  # no event_date predicted
    WRONG_DATE = "wrong-date"  # a date predicted, not the gold one


# Figures of these measures bear on each scored count (casualties mixes killed and injured).
DRIVING_MEASURES: dict[CountField, tuple[Measure, ...]] = {
    CountField.KILLED: (Measure.KILLED, Measure.CASUALTIES),
    CountField.INJURED: (Measure.INJURED, Measure.HOSPITALIZED, Measure.CASUALTIES),
    CountField.EVENT_DATE: (Measure.KILLED, Measure.INJURED, Measure.CASUALTIES),
}

# When the report has no figure for a miss, sentences with these words are shown instead, as a
# reading aid only: they are not scored and do not claim to be what the extraction saw.
HINT_WORDS: dict[CountField, re.Pattern[str]] = {
    CountField.KILLED: re.compile(r"\b(kill|dead|death|died|dies|fatal|homicide|slain)", re.I),
    CountField.INJURED: re.compile(r"\b(injur|wound|hurt|hospital|grazed|shot\b)", re.I),
    CountField.EVENT_DATE: re.compile(
        r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
        r"last night|this morning|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d)",
        re.I,
    ),
}
MAX_HINTS = 3
SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[\"“A-Z0-9])")
# A full stop after these does not end a sentence: "Saturday, Jan. 25", "Sgt. Smith".
ABBREVIATIONS = frozenset(
    {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
     "mr", "mrs", "ms", "dr", "st", "lt", "sgt", "capt", "det", "ofc", "gov", "sen", "rep",
     "no", "ave", "blvd", "jr", "sr", "a.m", "p.m", "u.s"}
)


class FigureSentence(BaseModel):
    """A figure the report found, with the sentence it came from."""

    id: str
    measure: Measure
    count: str
    low: int | None
    high: int | None
    sentence: str


class CountMiss(BaseModel):
    """One wrong answer for one article, with what is needed to see why."""

    task: str = "counts"
    article: str
    line: int
    field: CountField
    kind: CountMissKind
    gold: int | dt.date
    predicted: Total | dt.date | None
    published: dt.date | None
    days_off: int | None = None  # predicted minus gold, for wrong dates
    figures: list[FigureSentence] = Field(default_factory=list)
    hints: list[str] = Field(default_factory=list)


class CountsOutcome(BaseModel):
    """One article's result: which fields were right, and the misses."""

    right: dict[CountField, bool]
    misses: list[CountMiss]


class FieldScore(BaseModel):
    """Accuracy of one field over the articles whose gold has it."""

    right: int
    scored: int
    accuracy: float


class CountsScore(BaseModel):
    """Accuracy per field and how many misses of each kind, per field."""

    articles: int
    fields: dict[CountField, FieldScore]
    misses: dict[str, int]  # "killed/under": 12


def predicted_total(report: Report, measure: Measure) -> Total:
    """The report's total for a measure; absent means the article reports none: 0..0."""
    return report.totals.get(measure) or Total(low=0, high=0)


def count_right(total: Total, gold: int) -> bool:
    """Right when gold lies in [low, high]; high None is unbounded."""
    return total.low <= gold and (total.high is None or gold <= total.high)


def count_miss_kind(report: Report, measure: Measure, gold: int) -> CountMissKind | None:
    """None when right; otherwise over, under, or absent (nothing predicted, gold above 0)."""
    total = predicted_total(report, measure)
    if count_right(total, gold):
        return None
    if total.low > gold:
        return CountMissKind.OVER
    if measure not in report.totals:
        return CountMissKind.ABSENT
    return CountMissKind.UNDER


def date_miss_kind(predicted: dt.date | None, gold: dt.date) -> CountMissKind | None:
    """None on an exact match; otherwise missing-date or wrong-date."""
    if predicted is None:
        return CountMissKind.MISSING_DATE
    return None if predicted == gold else CountMissKind.WRONG_DATE


def score_article(example: Example, report: Report) -> CountsOutcome:
    """Score one report against one article's count gold."""
    gold = example.gold
    if not isinstance(gold, CountsGold):
        raise TypeError(f"{example.id}: not count gold")
    right: dict[CountField, bool] = {}
    misses: list[CountMiss] = []
    for field, measure, gold_count in (
        (CountField.KILLED, Measure.KILLED, gold.killed),
        (CountField.INJURED, Measure.INJURED, gold.injured),
    ):
        if gold_count is None:
            continue
        kind = count_miss_kind(report, measure, gold_count)
        right[field] = kind is None
        if kind is not None:
            predicted = report.totals.get(measure)
            misses.append(miss(example, report, field, kind, gold_count, predicted))
    if gold.event_date is not None:
        date_kind = date_miss_kind(report.event_date, gold.event_date)
        right[CountField.EVENT_DATE] = date_kind is None
        if date_kind is not None:
            date_miss = miss(
                example, report, CountField.EVENT_DATE, date_kind, gold.event_date,
                report.event_date,
            )
            if report.event_date is not None:
                date_miss.days_off = (report.event_date - gold.event_date).days
            misses.append(date_miss)
    return CountsOutcome(right=right, misses=misses)


def miss(
    example: Example,
    report: Report,
    field: CountField,
    kind: CountMissKind,
    gold: int | dt.date,
    predicted: Total | dt.date | None,
) -> CountMiss:
    """Build a miss with the figures behind it, and hint sentences when they cannot show why.

    No figure carries the event date, so a date miss always gets the sentences with time words.
    """
    figures = driving_figures(report, field)
    show_hints = field is CountField.EVENT_DATE or not figures
    hints = hint_sentences(report.article.text, field) if show_hints else []
    return CountMiss(
        article=example.id,
        line=example.line,
        field=field,
        kind=kind,
        gold=gold,
        predicted=predicted,
        published=example.published,
        figures=figures,
        hints=hints,
    )


def driving_figures(report: Report, field: CountField) -> list[FigureSentence]:
    """The report's figures that bear on a field, each with its sentence text."""
    text = report.article.text
    return [
        FigureSentence(
            id=figure.id,
            measure=figure.measure,
            count=figure.count.text,
            low=figure.count.low,
            high=figure.count.high,
            sentence=text[figure.evidence.sentence.start : figure.evidence.sentence.end],
        )
        for figure in report.figures
        if figure.measure in DRIVING_MEASURES[field]
    ]


def hint_sentences(text: str, field: CountField) -> list[str]:
    """Up to MAX_HINTS sentences with words that usually carry the answer."""
    pattern = HINT_WORDS[field]
    return [s for s in rough_sentences(text) if pattern.search(s)][:MAX_HINTS]


def rough_sentences(text: str) -> list[str]:
    """Split at end punctuation before a capital or digit, except after ABBREVIATIONS.

    Rough on purpose: hints must not need the spaCy pipeline, and a reader forgives a bad split.
    """
    sentences: list[str] = []
    for piece in SENTENCE_BREAK.split(text):
        words = sentences[-1].rstrip(".").rsplit(maxsplit=1) if sentences else []
        if words and words[-1].casefold() in ABBREVIATIONS:
            sentences[-1] = f"{sentences[-1]} {piece.strip()}"
        else:
            sentences.append(piece.strip())
    return [s for s in sentences if s]


def summarise(outcomes: Sequence[CountsOutcome]) -> CountsScore:
    """Accuracy per field over the articles that have it, and miss counts by field and kind."""
    fields: dict[CountField, FieldScore] = {}
    for field in CountField:
        results = [o.right[field] for o in outcomes if field in o.right]
        right = sum(results)
        fields[field] = FieldScore(
            right=right, scored=len(results), accuracy=ratio(right, len(results))
        )
    kinds = Counter(f"{m.field}/{m.kind}" for m in all_misses(outcomes))
    return CountsScore(articles=len(outcomes), fields=fields, misses=dict(sorted(kinds.items())))


def all_misses(outcomes: Iterable[CountsOutcome]) -> list[CountMiss]:
    """Every miss of every article, in article order."""
    return [m for o in outcomes for m in o.misses]


def ratio(part: int, whole: int) -> float:
    """part / whole rounded to 4 places; 0.0 when there is nothing to divide."""
    return round(part / whole, 4) if whole else 0.0
