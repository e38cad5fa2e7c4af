"""Claims: one source's statement of one figure, however many articles repeat it.

Articles relay each other, so the same statement shows up many times: "U.S. officials ...
confirmed several dozens" and "Kirby officially acknowledged several dozens" in one article,
or a wire story in ten outlets. Counting each sighting would make one statement look like
ten. `merge_claims` folds sightings into claims by `SAME_CLAIM_RULE`, and keeps every
sighting (article, evidence span) behind the claim so each can still be cited.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field

from newstally.model import (
    Count,
    Evidence,
    Figure,
    Measure,
    Period,
    Scope,
    Source,
    SourceKind,
    Status,
)
from newstally.tally.groups import normalise_group, subject_group

SAME_CLAIM_RULE = (
    "Two sightings are one claim when they have the same measure, subject group and country, "
    "the same scope (cumulative or increment), the same count (both ends within 5%), "
    "compatible periods (equal within a day, or one not given), reported days at "
    "most 1 day apart, the same kind of status (asserting, denying or disputing), and the same "
    "source: equal normalised names, or two authorities (government, military, official, "
    "person) that do not name different countries, or, for an unattributed figure, the same "
    "story when the story was copied (near-duplicate articles), else the same outlet."
)

COUNT_TOLERANCE = 0.05
_BAND_STEP = math.log1p(COUNT_TOLERANCE)
DAY_TOLERANCE = 1

# A named spokesperson ("John Kirby") and "U.S. officials" speak for the same authority often
# enough that a matching count on a matching day is one statement; media, NGOs and
# international bodies each speak for themselves, so their names must match.
AUTHORITIES = frozenset(
    {SourceKind.GOVERNMENT, SourceKind.MILITARY, SourceKind.OFFICIAL, SourceKind.PERSON}
)
ASSERTING = frozenset({Status.CONFIRMED, Status.CLAIMED, Status.ESTIMATED})
# When sightings of one claim differ in status, the claim takes the firmest.
STATUS_STRENGTH = {
    Status.CONFIRMED: 3,
    Status.CLAIMED: 2,
    Status.ESTIMATED: 1,
    Status.DISPUTED: 0,
    Status.DENIED: 0,
}


# (measure, group, country, scope): sightings in different buckets are never one claim.
SeriesScope = tuple[Measure, str | None, str | None, Scope]


class SightedFigure(Protocol):
    """A figure with the article it was seen in (the store's StoredFigure is one)."""

    @property
    def article_id(self) -> str: ...
    @property
    def published(self) -> dt.date | None: ...
    @property
    def outlet(self) -> str | None: ...
    @property
    def url(self) -> str | None: ...
    @property
    def title(self) -> str | None: ...
    @property
    def story(self) -> str: ...
    @property
    def figure(self) -> Figure: ...


class TallyRecord(BaseModel):
    """Base for the tally's output records: plain data, JSON as the issue spells it."""

    model_config = ConfigDict(extra="forbid")


class Sighting(TallyRecord):
    """Where a claim was seen: the article and the span of the count's words."""

    article: str
    evidence: Evidence
    figure: str
    published: dt.date | None = None
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    #: The article this one copies (same wire story), when it is a near-duplicate.
    copy_of: str | None = None
    source: Source
    cue: str | None = None
    status: Status


class Claim(TallyRecord):
    """One source's statement of one figure, with every sighting of it."""

    id: str
    measure: Measure
    group: str | None
    place: str | None
    scope: Scope
    source: Source
    sources: list[Source] = Field(default_factory=list)
    count: Count
    status: Status
    reported: dt.date | None
    period: Period | None
    hedges: list[str] = Field(default_factory=list)
    sightings: list[Sighting]
    #: How many distinct stories the sightings come from: copies of one story count once.
    stories: int = 1


@dataclass(frozen=True)
class Resolved:
    """A sighted figure with its tally keys worked out (group, country, scope, day)."""

    seen: SightedFigure
    group: str | None
    place: str | None
    scope: Scope
    day: dt.date | None
    # Who asserts an unattributed figure: its story when the story was copied, else its outlet
    # (see `own_voice`); None when neither is known.
    voice: str | None = None

    @property
    def figure(self) -> Figure:
        return self.seen.figure

    @cached_property
    def band(self) -> int:
        """A coarse bucket of the count: claims within COUNT_TOLERANCE are in adjacent bands."""
        count = self.figure.count
        value = count.low if count.low is not None else count.high
        return -1 if value is None else int(math.log1p(value) / _BAND_STEP)

    @cached_property
    def source_words(self) -> str:
        source = self.figure.source
        return source_name(source.name or source.text)

    def sort_key(self) -> tuple[dt.date, dt.date, str, int]:
        return (
            self.day or dt.date.min,
            self.seen.published or dt.date.min,
            self.seen.article_id,
            self.figure.evidence.start,
        )


def figure_scope(figure: Figure) -> Scope:
    """Cumulative unless the extractor or a bounded period says otherwise.

    A count over a closed period ('from Saturday to Monday') is an increment; 'since February'
    (no end) and no period at all read as a total to date.
    """
    if figure.scope is not None:
        return figure.scope
    period = figure.period
    if period is not None and period.start is not None and period.end is not None:
        return Scope.INCREMENT
    return Scope.CUMULATIVE


def resolve(figures: Iterable[SightedFigure]) -> list[Resolved]:
    """Work out each figure's group, country (see `inherit_countries`), scope and reported day."""
    seen = list(figures)
    groups = [subject_group(s.figure.subject) for s in seen]
    countries = inherit_countries(
        [
            (
                s.article_id,
                s.figure.measure.value,
                group,
                s.figure.place.country if s.figure.place is not None else None,
            )
            for s, group in zip(seen, groups, strict=True)
        ]
    )
    copied = {s.story for s in seen if s.story != s.article_id}
    return [
        Resolved(
            s,
            group,
            country,
            figure_scope(s.figure),
            s.figure.reported or s.published,
            own_voice(s, copied),
        )
        for s, group, country in zip(seen, groups, countries, strict=True)
    ]


def own_voice(seen: SightedFigure, copied: set[str]) -> str | None:
    """Who speaks when an article states a figure without a source.

    A story that other outlets copied speaks in all its copies, whichever outlet runs it;
    otherwise the outlet speaks for its own articles. One key per figure keeps the rule an
    equivalence, so merging does not depend on the order sightings come in.
    """
    if seen.story in copied:
        return "story:" + seen.story
    if seen.outlet is None:
        return None
    return "outlet:" + source_name(seen.outlet)


def inherit_countries(
    figures: Sequence[tuple[str, str, str | None, str | None]],
) -> list[str | None]:
    """Countries for (article id, measure, group, country) rows, missing ones filled in.

    A figure without a country takes the one its own article gives for the same measure and
    group, when the article gives exactly one: the seed's "several hundred" killed joins the
    special forces' 50 killed in Kursk, while its "several dozens" casualties (no casualty
    figure there has a place) stay without one.
    """
    known: dict[tuple[str, str, str | None], set[str]] = defaultdict(set)
    for article, measure, group, country in figures:
        if country:
            known[(article, measure, group)].add(country.upper())
    result: list[str | None] = []
    for article, measure, group, country in figures:
        if country:
            result.append(country.upper())
        else:
            found = known.get((article, measure, group), set())
            result.append(next(iter(found)) if len(found) == 1 else None)
    return result


def merge_claims(resolved: Iterable[Resolved]) -> list[Claim]:
    """Fold sightings into claims by SAME_CLAIM_RULE, in reported-day order.

    Each sighting is compared with the first sighting of the candidate claims reported within
    DAY_TOLERANCE days, never with later joiners, so a chain of near matches cannot drift.
    """
    buckets: dict[SeriesScope, list[Resolved]] = defaultdict(list)
    for r in resolved:
        buckets[(r.figure.measure, r.group, r.place, r.scope)].append(r)
    claims: list[Claim] = []
    for bucket in buckets.values():
        bucket.sort(key=Resolved.sort_key)
        open_claims: dict[tuple[dt.date | None, int], list[list[Resolved]]] = defaultdict(list)
        for r in bucket:
            target = _find_claim(r, open_claims)
            if target is None:
                open_claims[(r.day, r.band)].append([r])
            else:
                target.append(r)
        for by_day in open_claims.values():
            claims.extend(_claim(members) for members in by_day)
    claims.sort(key=lambda c: (c.reported or dt.date.min, c.id))
    return claims


def _find_claim(
    r: Resolved, open_claims: dict[tuple[dt.date | None, int], list[list[Resolved]]]
) -> list[Resolved] | None:
    # Only claims reported within DAY_TOLERANCE days, in the same or an adjacent count band,
    # can match: looking up those few keeps merging linear in the number of sightings.
    if r.day is None:
        days: Sequence[dt.date | None] = [None]
    else:
        days = [r.day + dt.timedelta(days=d) for d in range(-DAY_TOLERANCE, DAY_TOLERANCE + 1)]
    for day in days:
        for band in (r.band - 1, r.band, r.band + 1):
            for members in open_claims.get((day, band), ()):
                if same_claim(members[0], r):
                    return members
    return None


def same_claim(a: Resolved, b: Resolved) -> bool:
    """SAME_CLAIM_RULE for two resolved sightings."""
    fa, fb = a.figure, b.figure
    if (fa.measure, a.group, a.place, a.scope) != (fb.measure, b.group, b.place, b.scope):
        return False
    if a.day is None or b.day is None:
        if a.day != b.day:
            return False
    elif abs((a.day - b.day).days) > DAY_TOLERANCE:
        return False
    return (
        same_count(fa.count, fb.count)
        and _status_kind(fa.status) == _status_kind(fb.status)
        and _periods_compatible(fa.period, fb.period)
        and same_source(a, b)
    )


def same_count(a: Count, b: Count) -> bool:
    """Both ends within COUNT_TOLERANCE ('12,000' and 'about 12,200'); equal count words always
    read as equal numbers, so the numbers decide."""
    return _close(a.low, b.low) and _close(a.high, b.high)


def same_source(a: Resolved, b: Resolved) -> bool:
    """Same normalised name, or two authorities not naming different countries, or same outlet."""
    sa, sb = a.figure.source, b.figure.source
    if sa.kind == SourceKind.UNATTRIBUTED or sb.kind == SourceKind.UNATTRIBUTED:
        # The article asserts it itself: its story or its outlet speaks (see `own_voice`).
        return sa.kind == sb.kind and a.voice is not None and a.voice == b.voice
    name_a, name_b = a.source_words, b.source_words
    if name_a and name_a == name_b:
        return True
    if sa.kind in AUTHORITIES and sb.kind in AUTHORITIES:
        country_a = subject_group_of_name(sa)
        country_b = subject_group_of_name(sb)
        return country_a is None or country_b is None or country_a == country_b
    return False


def subject_group_of_name(source: Source) -> str | None:
    """The country a source's words name, if any: 'U.S. officials' -> United States."""
    words = source.text or source.name
    if not words:
        return None
    group = normalise_group(words)
    return group if group != " ".join(words.split()) else None


_NAME_NOISE = re.compile(r"[^\w\s]")


@lru_cache(maxsize=65536)
def source_name(name: str | None) -> str:
    """A source name for comparison: 'The U.S. Officials' and 'US officials' are equal."""
    if not name:
        return ""
    words = _NAME_NOISE.sub("", name.casefold()).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _close(a: int | None, b: int | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= COUNT_TOLERANCE * max(a, b)


def _status_kind(status: Status) -> str:
    return "asserting" if status in ASSERTING else status.value


def _periods_compatible(a: Period | None, b: Period | None) -> bool:
    if a is None or b is None:
        return True
    return _day_close(a.start, b.start) and _day_close(a.end, b.end)


def _day_close(a: dt.date | None, b: dt.date | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs((a - b).days) <= DAY_TOLERANCE


def _claim(members: list[Resolved]) -> Claim:
    first = members[0]
    figure = first.figure
    sources: list[Source] = []
    named: set[tuple[str | None, str | None, SourceKind]] = set()
    hedges: list[str] = []
    for r in members:
        source = r.figure.source
        if (source.text, source.name, source.kind) not in named:
            named.add((source.text, source.name, source.kind))
            sources.append(source)
        hedges.extend(h for h in r.figure.hedges if h not in hedges)
    status = max((r.figure.status for r in members), key=STATUS_STRENGTH.__getitem__)
    period = next((r.figure.period for r in members if r.figure.period is not None), None)
    # Every field comes from validated records, so the claim is built without re-validating:
    # a series of ten thousand sightings would otherwise spend most of its time here.
    return Claim.model_construct(
        id=claim_id(first),
        measure=figure.measure,
        group=first.group,
        place=first.place,
        scope=first.scope,
        source=figure.source,
        sources=sources,
        count=figure.count,
        status=status,
        reported=min((r.day for r in members if r.day is not None), default=None),
        period=period,
        hedges=hedges,
        sightings=[_sighting(r) for r in members],
        stories=len({r.seen.story for r in members}),
    )


def claim_id(first: Resolved) -> str:
    """Stable id from the first sighting: the same database gives the same ids every time."""
    key = f"{first.seen.article_id}:{first.figure.id}"
    return "c" + hashlib.sha256(key.encode()).hexdigest()[:12]


def _sighting(r: Resolved) -> Sighting:
    s = r.seen
    return Sighting.model_construct(
        article=s.article_id,
        evidence=r.figure.evidence,
        figure=r.figure.id,
        published=s.published,
        outlet=s.outlet,
        title=s.title,
        url=s.url,
        copy_of=s.story if s.story != s.article_id else None,
        source=r.figure.source,
        cue=r.figure.cue,
        status=r.figure.status,
    )
