"""A series as points in time: what the terminal chart, the PNG and the web chart all draw.

One point per claim, at the day it was reported, spanning its range. A claim is drawn once
however many articles repeat it; the point links to its first sighting, where a reader can
check the words.
"""

from __future__ import annotations

import datetime as dt

from newstally.model import Evidence, Period, Scope, Status
from newstally.tally.claims import Claim, TallyRecord
from newstally.tally.series import Series, source_key


class TimelinePoint(TallyRecord):
    """One claim on the chart: a bar from `low` to `high` (None: open-ended) at `day`."""

    claim: str
    source: str
    source_key: str
    day: dt.date | None
    low: int | None
    high: int | None
    text: str
    status: Status
    scope: Scope
    period: Period | None
    sightings: int
    article: str
    figure: str
    evidence: Evidence


class Timeline(TallyRecord):
    """The points of one series, oldest first, and the sources in order of first appearance."""

    series: str
    sources: list[str]
    points: list[TimelinePoint]


def source_label(claim: Claim) -> str:
    """How a claim's source is named on a chart: 'U.S. officials', or 'outlet (itself)'."""
    source = claim.source
    if source.kind.value == "unattributed":
        outlet = claim.sightings[0].outlet if claim.sightings else None
        return f"{outlet} (itself)" if outlet else "unattributed"
    return source.name or source.text or source.kind.value


def timeline(series: Series) -> Timeline:
    """The series' claims as chart points (claims without any day are left out)."""
    points: list[TimelinePoint] = []
    sources: list[str] = []
    for claim in series.claims:
        first = claim.sightings[0]
        label = source_label(claim)
        if label not in sources:
            sources.append(label)
        points.append(
            TimelinePoint(
                claim=claim.id,
                source=label,
                source_key=source_key(claim),
                day=claim.reported,
                low=claim.count.low,
                high=claim.count.high,
                text=claim.count.text,
                status=claim.status,
                scope=claim.scope,
                period=claim.period,
                sightings=len(claim.sightings),
                article=first.article,
                figure=first.figure,
                evidence=first.evidence,
            )
        )
    return Timeline(series=series.key, sources=sources, points=points)
