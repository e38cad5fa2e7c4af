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
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
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
from newstally.tally.sources import normalise, source_table

SAME_CLAIM_RULE = (
    'Two sightings are one claim when they have the same measure and scope (cumulative or '
    'increment), subject groups and countries that agree where both are given, the same count '
    "(equal ends, or one an exact number and the other a round form of it: '10,100' and 'more "
    "than 10,000', never two different precise or bounded numbers), compatible periods (equal "
    'within a day, or one not given), reported days at most 1 day apart or one not given (a '
    'source restating the very same count later is still its first claim), the same kind of '
    'status (asserting, denying or disputing), and the same source: equal normalised names or '
    "names of one organisation (data/sources.toml: 'OCHA', 'the U.N. humanitarian office', or "
    "its parent 'the United Nations'), or two authorities (government, military, official, "
    'person) that do not name different countries, or, for an unattributed figure, the same '
    'story when the story was copied (near-duplicate articles), else the same outlet. An '
    'unattributed figure that restates a count its own article gives one source for (a '
    "headline, a lede) is that source's; so is one that restates a distinctive exact count "
    "(three or more significant digits: '44,218') that one source gives elsewhere for the same "
    'quantity within a day.'
)

# How far a round form may sit from the exact number it rounds: "more than 10,000" covers
# 10,100 but not 14,000, which a reporter would round to "nearly 15,000".
ROUNDING_REACH = 0.10
_BAND_STEP = math.log1p(ROUNDING_REACH)
DAY_TOLERANCE = 1
# Significant digits that make an exact count a statement's fingerprint: 44,218 or 312 is
# copied from someone, 12 or 3,000 may be anyone's (see `relayed`).
DISTINCTIVE_DIGITS = 3
# A figure whose period ended this long before it was reported is background (a 1999 quake's
# toll in a story about today's), not a statement about the current event.
BACKGROUND_DAYS = 60

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


# (measure, scope): sightings in different buckets are never one claim.
SeriesScope = tuple[Measure, Scope]


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
        """A coarse bucket of the count: a round form and what it rounds are in adjacent bands."""
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


def figure_scope(figure: Figure, day: dt.date | None = None) -> Scope:
    """Cumulative unless the extractor or a bounded period says otherwise.

    A count over a closed period ('from Saturday to Monday') is an increment; 'since February'
    (no end) and no period at all read as a total to date. A count for one day that is
    reported (`day`) more than DAY_TOLERANCE days later is the toll of that day's event so far
    ('killed by the earthquake of April 5', said on April 16), the same quantity as the toll
    'from the April 5 earthquake', not what April 5 added.
    """
    scope = figure.scope
    period = figure.period
    if scope is None:
        closed = period is not None and period.start is not None and period.end is not None
        scope = Scope.INCREMENT if closed else Scope.CUMULATIVE
    if scope is Scope.INCREMENT and _event_toll(period, day):
        return Scope.CUMULATIVE
    return scope


def _event_toll(period: Period | None, day: dt.date | None) -> bool:
    if period is None or period.start is None or day is None:
        return False
    if period.end is not None and period.end != period.start:
        return False
    return (day - period.start).days > DAY_TOLERANCE


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
    seen = restated(seen)
    copied = {s.story for s in seen if s.story != s.article_id}
    resolved: list[Resolved] = []
    for s, group, country in zip(seen, groups, countries, strict=True):
        day = s.figure.reported or s.published
        past = background_year(s.figure.period, day)
        resolved.append(
            Resolved(
                s,
                group if past is None else background_group(group, past),
                country,
                figure_scope(s.figure, day),
                day,
                own_voice(s, copied),
            )
        )
    return relayed(resolved)


def background_year(period: Period | None, day: dt.date | None) -> int | None:
    """The year of a past event a figure counts, when its period ended BACKGROUND_DAYS before
    it was reported: 'the 2015 quake killed about 9,000' beside today's toll."""
    if period is None or day is None:
        return None
    end = period.end or period.start
    if end is None or (day - end).days <= BACKGROUND_DAYS:
        return None
    return end.year


def background_group(group: str | None, year: int) -> str:
    """The group of a background figure, so it makes its own series: 'people (2015)'."""
    return f"{group or 'people'} ({year})"


@dataclass(frozen=True)
class _Restated:
    """A sighted figure shown with the source its own article gives the same count."""

    seen: SightedFigure
    figure: Figure

    @property
    def article_id(self) -> str:
        return self.seen.article_id

    @property
    def published(self) -> dt.date | None:
        return self.seen.published

    @property
    def outlet(self) -> str | None:
        return self.seen.outlet

    @property
    def url(self) -> str | None:
        return self.seen.url

    @property
    def title(self) -> str | None:
        return self.seen.title

    @property
    def story(self) -> str:
        return self.seen.story


def restated(seen: Sequence[SightedFigure]) -> list[SightedFigure]:
    """Unattributed figures that restate a sourced count of their own article, with its source.

    A headline ('Nepal quake toll rises to 44,218') or a lede states the count the body
    attributes ('..., the disaster authority said'): the article says whose count it is once,
    and every restatement in it is that source's claim. Only when one source in the article
    gives that measure and those numbers; otherwise the figure stays the article's own.
    """
    sources: dict[tuple[str, str, int | None, int | None], set[str]] = defaultdict(set)
    first: dict[tuple[str, str, int | None, int | None], Figure] = {}
    for s in seen:
        f = s.figure
        if f.source.kind != SourceKind.UNATTRIBUTED:
            key = (s.article_id, f.measure.value, f.count.low, f.count.high)
            sources[key].add(source_name(f.source.name or f.source.text))
            first.setdefault(key, f)
    out: list[SightedFigure] = []
    for s in seen:
        f = s.figure
        key = (s.article_id, f.measure.value, f.count.low, f.count.high)
        if f.source.kind == SourceKind.UNATTRIBUTED and len(sources.get(key, ())) == 1:
            given = first[key]
            update = {"source": given.source, "via": given.via}
            out.append(_Restated(s, f.model_copy(update=update)))
        else:
            out.append(s)
    return out


def relayed(resolved: Sequence[Resolved]) -> list[Resolved]:
    """Unattributed sightings of a distinctive count that a source gave elsewhere, as its.

    An outlet writing "the official toll stood at 44,218" without saying whose it is relays
    the disaster authority's 44,218 of that day: a number that precise is not arrived at
    twice. Only exact counts with at least DISTINCTIVE_DIGITS significant digits, for the same
    measure and scope, agreeing group and country, days at most DAY_TOLERANCE apart, and only
    when every source giving it is one source by `same_source`; round or small counts ("12",
    "3,000") stay the outlet's own.
    """
    keys = [_distinctive_key(r) for r in resolved]
    givers: dict[tuple[str, Scope, int], list[Resolved]] = defaultdict(list)
    for r, key in zip(resolved, keys, strict=True):
        if key is not None and r.figure.source.kind != SourceKind.UNATTRIBUTED:
            givers[key].append(r)
    out: list[Resolved] = []
    for r, key in zip(resolved, keys, strict=True):
        if key is not None and r.figure.source.kind == SourceKind.UNATTRIBUTED:
            found = sorted((g for g in givers.get(key, ()) if _same_quantity(g, r)),
                           key=Resolved.sort_key)  # fmt: skip
            if found and all(same_source(found[0], g) for g in found[1:]):
                given = found[0].figure
                update = {"source": given.source, "via": given.via}
                seen = _Restated(r.seen, r.figure.model_copy(update=update))
                r = replace(r, seen=seen, voice=None)
        out.append(r)
    return out


def _distinctive_key(r: Resolved) -> tuple[str, Scope, int] | None:
    """(measure, scope, value) of an exact count precise enough to identify a statement
    ('44,218'), else None."""
    count = r.figure.count
    value = count.low
    if value is None or value != count.high or count.approximate:
        return None
    if len(str(value).rstrip("0")) < DISTINCTIVE_DIGITS:
        return None
    return (r.figure.measure.value, r.scope, value)


def _same_quantity(a: Resolved, b: Resolved) -> bool:
    """Group and country agree where both are given; days at most DAY_TOLERANCE apart."""
    days_agree = a.day is None or b.day is None or _day_close(a.day, b.day)
    return _agree(a.group, b.group) and _agree(a.place, b.place) and days_agree


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

    Each sighting is compared with the first sighting of the candidate claims, never with
    later joiners, so a chain of near matches cannot drift ("more than 10,000" takes 10,100
    but not, through it, 10,400 from elsewhere).
    """
    buckets: dict[SeriesScope, list[Resolved]] = defaultdict(list)
    for r in resolved:
        buckets[(r.figure.measure, r.scope)].append(r)
    claims: list[Claim] = []
    for bucket in buckets.values():
        bucket.sort(key=Resolved.sort_key)
        open_claims: dict[int, list[list[Resolved]]] = defaultdict(list)
        for r in bucket:
            target = _find_claim(r, open_claims)
            if target is None:
                open_claims[r.band].append([r])
            else:
                target.append(r)
        for by_band in open_claims.values():
            claims.extend(_claim(members) for members in by_band)
    claims.sort(key=lambda c: (c.reported or dt.date.min, c.id))
    return claims


def _find_claim(r: Resolved, open_claims: dict[int, list[list[Resolved]]]) -> list[Resolved] | None:
    # Only claims in the same or an adjacent count band can match: looking up those few keeps
    # merging close to linear in the number of sightings.
    for band in (r.band - 1, r.band, r.band + 1):
        for members in open_claims.get(band, ()):
            if same_claim(members[0], r):
                return members
    return None


def same_claim(a: Resolved, b: Resolved) -> bool:
    """SAME_CLAIM_RULE for two resolved sightings."""
    fa, fb = a.figure, b.figure
    if (fa.measure, a.scope) != (fb.measure, b.scope):
        return False
    if not (_agree(a.group, b.group) and _agree(a.place, b.place)):
        return False
    if not (
        same_count(fa.count, fb.count)
        and _status_kind(fa.status) == _status_kind(fb.status)
        and _periods_compatible(fa.period, fb.period)
        and same_source(a, b)
    ):
        return False
    if a.day is None or b.day is None or abs((a.day - b.day).days) <= DAY_TOLERANCE:
        return True
    # Days apart: only the same source restating the very same count is still one claim.
    return _same_numbers(fa.count, fb.count) and a.source_words == b.source_words


def _agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def same_count(a: Count, b: Count) -> bool:
    """Equal ends, or one exact number and a round form of it ('10,100', 'more than 10,000').

    Two precise or bounded numbers that differ are two statements, however close: "more than
    3,800" and "at least 3,845" are different counts, not one count worded twice.
    """
    return _same_numbers(a, b) or rounds_to(a, b) or rounds_to(b, a)


def _same_numbers(a: Count, b: Count) -> bool:
    return (a.low, a.high) == (b.low, b.high)


def rounds_to(exact: Count, rounded: Count) -> bool:
    """Whether `rounded` ('more than 10,000', 'about 12,000') is a round form of `exact`."""
    if exact.approximate or exact.low is None or exact.low != exact.high:
        return False
    value = exact.low
    ends = [e for e in (rounded.low, rounded.high) if e is not None]
    if not ends or (rounded.low == rounded.high and not rounded.approximate):
        return False
    anchors = [_round_anchor(e) for e in ends]
    if rounded.low == rounded.high:
        inside = True  # "about 12,000": the reach below decides
    else:
        inside = (rounded.low is None or value >= rounded.low) and (
            rounded.high is None or value <= rounded.high
        )
    return inside and all(a is not None and abs(value - a) <= ROUNDING_REACH * a for a in anchors)


def _round_anchor(end: int) -> int | None:
    """The round number behind a range end: 'more than 10,000' is low 10,001, anchored at 10,000."""
    for value in (end, end - 1, end + 1):
        if value >= 10 and _is_round(value):
            return value
    return None


def _is_round(value: int) -> bool:
    # At most two significant digits and at least one trailing zero: 3,800, 10,000, 240.
    digits = str(value).rstrip("0")
    return len(digits) <= 2 and digits != str(value)


def same_source(a: Resolved, b: Resolved) -> bool:
    """Same normalised name, or two authorities not naming different countries, or same outlet."""
    sa, sb = a.figure.source, b.figure.source
    if sa.kind == SourceKind.UNATTRIBUTED or sb.kind == SourceKind.UNATTRIBUTED:
        # The article asserts it itself: its story or its outlet speaks (see `own_voice`).
        return sa.kind == sb.kind and a.voice is not None and a.voice == b.voice
    name_a, name_b = a.source_words, b.source_words
    if name_a and (name_a == name_b or source_table().same_body(name_a, name_b)):
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


@lru_cache(maxsize=65536)
def source_name(name: str | None) -> str:
    """A source name for comparison: 'The U.S. Officials' and 'US officials' are equal."""
    return normalise(name) if name else ""


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
    # The claim shows its most precise form: an exact number over a round one, a narrow range
    # over a wide one; a sighting that leaves group or country out takes the others'.
    precise = min(members, key=lambda r: _imprecision(r.figure.count))
    group = next((r.group for r in members if r.group is not None), None)
    place = next((r.place for r in members if r.place is not None), None)
    period = next((r.figure.period for r in members if r.figure.period is not None), None)
    # Every field comes from validated records, so the claim is built without re-validating:
    # a series of ten thousand sightings would otherwise spend most of its time here.
    return Claim.model_construct(
        id=claim_id(first),
        measure=figure.measure,
        group=group,
        place=place,
        scope=first.scope,
        source=figure.source,
        sources=sources,
        count=precise.figure.count,
        status=status,
        reported=min((r.day for r in members if r.day is not None), default=None),
        period=period,
        hedges=hedges,
        sightings=[_sighting(r) for r in members],
        stories=len({r.seen.story for r in members}),
    )


def _imprecision(count: Count) -> tuple[int, float]:
    if count.low is None or count.high is None:
        return (2, 0.0)
    return (1 if count.approximate else 0, float(count.high - count.low))


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
