"""The extraction steps, in order: the one place that knows what runs when and what each finds.

Each step reads the parsed document and what the steps before it found, and assigns the field
of `Findings` that bears its name; `report.build_report` runs them and assembles the Report.
A step is switched off or replaced by name. Switched off, its field keeps its empty value, and
the steps after it see that (with "frames" off, no figure takes its source from a frame):

    >>> extract("Police said two people were killed.", disable=["totals"]).totals
    {}
    >>> quiet = STEPS.replacing("byline", lambda doc, found: Byline())

The order is the order of STEPS; a step may read only the fields of steps before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from typing import Any

from spacy.tokens import Doc

from newstally.errors import InputError
from newstally.extract.attribution import Frame, find_frames, find_unsourced_frames
from newstally.extract.attribution.records import attributions_of
from newstally.extract.byline import Byline, find_byline
from newstally.extract.doccache import reading
from newstally.extract.event_date import find_event_date
from newstally.extract.figures import find_figures
from newstally.extract.quotes import FoundQuote, find_quotes
from newstally.extract.time import TimeExpression, find_time_expressions
from newstally.extract.totals import find_totals
from newstally.model import Attribution, Figure, Measure, Total


@dataclass
class Findings:
    """What the steps found in one article. `text` and `published` are the input; every other
    field is assigned by the step of the same name and keeps its empty value if that is off."""

    text: str
    published: dt.date | None
    byline: Byline = field(default_factory=Byline)
    frames: list[Frame] = field(default_factory=list)
    quotes: list[FoundQuote] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    unsourced: list[Frame] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    totals: dict[Measure, Total] = field(default_factory=dict)
    event_date: dt.date | None = None


# What a step is given: the parsed document and the findings so far; it returns its field.
StepFunction = Callable[[Doc, Findings], Any]
# Fields that are the input, not any step's output.
INPUT_FIELDS = frozenset({"text", "published"})
STEP_FIELDS = tuple(f.name for f in fields(Findings) if f.name not in INPUT_FIELDS)


class UnknownStepError(InputError):
    """A step name that is not one of the extraction steps ('quote' for 'quotes')."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        self.name = name
        self.known = tuple(known)
        super().__init__(
            f"no extraction step named {name!r}; the steps are: {', '.join(self.known)}"
        )


@dataclass(frozen=True)
class Step:
    """One extraction step: `run` returns the value of the `Findings` field named `name`."""

    name: str
    run: StepFunction


@dataclass(frozen=True)
class Steps:
    """The steps to run, in order. Each name is a `Findings` field, at most once."""

    steps: tuple[Step, ...]

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for step in self.steps:
            if step.name not in STEP_FIELDS:
                raise UnknownStepError(step.name, STEP_FIELDS)
            if step.name in seen:
                raise InputError(f"extraction step {step.name!r} is listed twice")
            seen.add(step.name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(step.name for step in self.steps)

    def _check(self, names: Iterable[str]) -> set[str]:
        wanted = set(names)
        for name in sorted(wanted - set(self.names)):
            raise UnknownStepError(name, self.names)
        return wanted

    def without(self, *names: str) -> Steps:
        """These steps, less the named ones: `STEPS.without("quotes", "totals")`."""
        off = self._check(names)
        return Steps(tuple(step for step in self.steps if step.name not in off))

    def replacing(self, name: str, run: StepFunction) -> Steps:
        """These steps, with the named one's function replaced, in the same place."""
        self._check([name])
        return Steps(tuple(Step(name, run) if s.name == name else s for s in self.steps))

    def run(self, doc: Doc, text: str, published: dt.date | None) -> Findings:
        """Run every step in order over one parsed article."""
        found = Findings(text=text, published=published)
        with reading(doc):
            for step in self.steps:
                setattr(found, step.name, step.run(doc, found))
        return found


# Module-level functions rather than lambdas, so that the steps can be pickled to workers.
def _byline(doc: Doc, found: Findings) -> Byline:
    return find_byline(found.text)


def _frames(doc: Doc, found: Findings) -> list[Frame]:
    return find_frames(doc)


def _quotes(doc: Doc, found: Findings) -> list[FoundQuote]:
    return find_quotes(doc)


def _times(doc: Doc, found: Findings) -> list[TimeExpression]:
    return find_time_expressions(doc, found.published)


def _figures(doc: Doc, found: Findings) -> list[Figure]:
    return find_figures(doc, found.frames, found.quotes, found.times)


def _unsourced(doc: Doc, found: Findings) -> list[Frame]:
    return find_unsourced_frames(doc)


def _attributions(doc: Doc, found: Findings) -> list[Attribution]:
    return attributions_of(doc, found.frames + found.unsourced, found.quotes)


def _totals(doc: Doc, found: Findings) -> dict[Measure, Total]:
    return find_totals(doc, found.figures)


def _event_date(doc: Doc, found: Findings) -> dt.date | None:
    return find_event_date(doc, found.times, found.published)


STEPS = Steps(
    (
        Step("byline", _byline),
        Step("frames", _frames),
        Step("quotes", _quotes),
        Step("times", _times),
        Step("figures", _figures),
        Step("unsourced", _unsourced),
        Step("attributions", _attributions),
        Step("totals", _totals),
        Step("event_date", _event_date),
    )
)
