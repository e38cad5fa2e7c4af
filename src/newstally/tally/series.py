"""Series: the claims about one (measure, subject group, country) over time, and what they allow.

"How many North Korean soldiers have been killed in Russia, according to whom?" is one series,
`killed/North Korea/RU`. Per series this module keeps the latest claim of each source, flags
sources that disagree, and draws an envelope around the claims with its rule written beside
it, so a reader sees how the numbers were read and not just a number.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable

from pydantic import Field

from newstally.errors import InputError
from newstally.model import Count, Measure, Scope, Status
from newstally.tally.claims import (
    ASSERTING,
    Claim,
    Resolved,
    SightedFigure,
    TallyRecord,
    merge_claims,
    resolve,
    source_name,
)
from newstally.tally.groups import country_code, normalise_group

ENVELOPE_RULE = (
    "low = the highest low that a confirming source gives (a confirmed increment counts: a "
    "total is at least any part of it); high = the highest high any source gives for a total "
    "to date (an open 'over 100' gives its low); best = the latest confirmed total to date, "
    "else the latest claimed or estimated one, so a series with a total always has a best. "
    "Denied and disputed claims are left out, and increments are never added together."
)
DISAGREEMENT_RULE = (
    "Two claims from different sources disagree when their ranges do not overlap (approximate "
    "counts widened by 10%) and they cover the same time: two totals as of days at most 1 day "
    "apart, two increments over the same period, or a total as of a day after an increment's "
    "period that is below the increment; or when one source denies or disputes a count that "
    "another asserts (ranges overlapping, the denial at most 1 day before the claim or any "
    "time after). Not computed when both the group and the country are unknown: such a "
    "series mixes unrelated events."
)
APPROXIMATE_SLACK = 0.10
# The disagreeing pairs a series lists (its flag counts them all); a long series of many
# sources can have thousands, and a reader needs examples, not all of them.
MAX_PAIRS = 200
NO_VALUE = "-"


class Envelope(TallyRecord):
    """The range the claims of a series allow, and the rule that drew it."""

    low: int | None
    best: Count | None
    high: int | None
    rule: str = ENVELOPE_RULE
    best_claim: str | None = None


class Series(TallyRecord):
    """One (measure, group, country) with its claims in reported order."""

    key: str
    measure: Measure
    group: str | None
    place: str | None
    claims: list[Claim]
    latest: list[str] = Field(default_factory=list)
    envelope: Envelope
    disagreement: bool
    disagreements: list[tuple[str, str]] = Field(default_factory=list)


class Tally(TallyRecord):
    """Every series that the figures make; `model_dump_json()` is the CLI's `--format json`."""

    series: list[Series]

    def claims(self) -> list[Claim]:
        """All claims of all series, in series order."""
        return [claim for series in self.series for claim in series.claims]


def series_key(measure: Measure | str, group: str | None, place: str | None) -> str:
    """'killed/North Korea/RU'; '-' stands for an unknown group or country."""
    return f"{Measure(measure).value}/{group or NO_VALUE}/{place or NO_VALUE}"


def parse_series_key(key: str) -> tuple[Measure, str | None, str | None]:
    """Read 'killed/North Korea/RU' back; a group may itself contain '/'.

    Raises InputError naming the key when it is not measure/group/place.
    """
    head, sep, rest = key.partition("/")
    group_text, sep2, place = rest.rpartition("/")
    if not sep or not sep2:
        raise InputError(
            f"series {key!r}: expected MEASURE/GROUP/PLACE, e.g. killed/North Korea/RU"
        )
    try:
        measure = Measure(head.strip().lower())
    except ValueError:
        known = ", ".join(m.value for m in Measure)
        raise InputError(f"series {key!r}: unknown measure {head!r}; one of {known}") from None
    group = group_text.strip()
    country = place.strip()
    return (
        measure,
        None if group in ("", NO_VALUE) else group,
        None if country in ("", NO_VALUE) else country.upper(),
    )


def tally(
    figures: Iterable[SightedFigure],
    measure: Measure | str | None = None,
    group: str | None = None,
    place: str | None = None,
    since: dt.date | None = None,
) -> Tally:
    """Merge figures into claims and claims into series, filtered as asked.

    `group` is normalised like subjects are ('DPRK' finds North Korea), `place` may be a name
    or ISO code, `since` keeps claims reported on or after that day.

    >>> tally(store.figures(), measure="killed").series[0].key   # doctest: +SKIP
    'killed/North Korea/RU'
    """
    wanted_measure = _measure(measure)
    wanted_group = normalise_group(group) if group and group != NO_VALUE else None
    wanted_place = country_code(place) if place and place != NO_VALUE else None
    resolved = [
        r
        for r in resolve(figures)
        if (wanted_measure is None or r.figure.measure == wanted_measure)
        and (group is None or r.group == wanted_group)
        and (place is None or r.place == wanted_place)
        and (since is None or (r.day is not None and r.day >= since))
    ]
    return Tally(series=build_series(resolved))


def build_series(resolved: Iterable[Resolved]) -> list[Series]:
    """Series from resolved sightings, in key order."""
    by_key: dict[str, list[Claim]] = defaultdict(list)
    for claim in merge_claims(resolved):
        by_key[series_key(claim.measure, claim.group, claim.place)].append(claim)
    return [make_series(key, claims) for key, claims in sorted(by_key.items())]


def make_series(key: str, claims: list[Claim]) -> Series:
    """One series from its claims (all with the same measure, group and place)."""
    ordered = sorted(claims, key=_claim_order)
    first = ordered[0]
    known = first.group is not None or first.place is not None
    pairs = disagreements(ordered) if known else []
    return Series(
        key=key,
        measure=first.measure,
        group=first.group,
        place=first.place,
        claims=ordered,
        latest=latest_per_source(ordered),
        envelope=envelope(ordered),
        disagreement=bool(pairs),
        disagreements=pairs,
    )


def source_key(claim: Claim) -> str:
    """Who a claim belongs to, for 'latest per source' and 'different sources'."""
    name = source_name(claim.source.name or claim.source.text)
    if claim.source.kind.value == "unattributed" or not name:
        outlet = claim.sightings[0].outlet if claim.sightings else None
        return f"{claim.source.kind.value}:{source_name(outlet)}"
    return name


def latest_per_source(claims: list[Claim]) -> list[str]:
    """Ids of each source's latest claim, per scope: a later total replaces an earlier one."""
    latest: dict[tuple[str, Scope], Claim] = {}
    for claim in sorted(claims, key=_claim_order):
        latest[(source_key(claim), claim.scope)] = claim
    return [claim.id for claim in sorted(latest.values(), key=_claim_order)]


def envelope(claims: list[Claim]) -> Envelope:
    """ENVELOPE_RULE over the asserting claims of a series."""
    asserting = [c for c in claims if c.status in ASSERTING]
    confirmed = [c for c in asserting if c.status == Status.CONFIRMED]
    totals = [c for c in asserting if c.scope == Scope.CUMULATIVE]
    lows = [c.count.low for c in confirmed if c.count.low is not None]
    highs = [
        c.count.high if c.count.high is not None else c.count.low
        for c in totals
        if c.count.high is not None or c.count.low is not None
    ]
    confirmed_totals = [c for c in confirmed if c.scope == Scope.CUMULATIVE]
    best_of = confirmed_totals or totals
    best = max(best_of, key=_claim_order) if best_of else None
    return Envelope(
        low=max(lows) if lows else None,
        best=best.count if best else None,
        high=max(h for h in highs if h is not None) if highs else None,
        best_claim=best.id if best else None,
    )


def disagreements(claims: list[Claim]) -> list[tuple[str, str]]:
    """Pairs of claim ids that disagree by DISAGREEMENT_RULE.

    Claims are bucketed by day, so a long series costs about linear time, not quadratic.
    """
    asserting = [c for c in claims if c.status in ASSERTING]
    totals = [c for c in asserting if c.scope == Scope.CUMULATIVE]
    increments = [c for c in asserting if c.scope == Scope.INCREMENT]
    pairs: set[tuple[str, str]] = set()
    ranges = {c.id: _range(c) for c in asserting}
    owner = {c.id: source_key(c) for c in asserting}

    def _conflict(a: Claim, b: Claim) -> bool:
        low_a, high_a = ranges[a.id]
        low_b, high_b = ranges[b.id]
        return (high_a < low_b or high_b < low_a) and owner[a.id] != owner[b.id]

    by_day: dict[dt.date | None, list[Claim]] = defaultdict(list)
    for claim in totals:
        by_day[_as_of(claim)].append(claim)
    for day, today in by_day.items():
        later = by_day.get(day + dt.timedelta(days=1), []) if day is not None else []
        for i, a in enumerate(today):
            for b in today[i + 1 :] + later:
                if _conflict(a, b):
                    pairs.add(_pair(a, b))

    by_period: dict[tuple[dt.date | None, dt.date | None], list[Claim]] = defaultdict(list)
    for claim in increments:
        period = claim.period
        by_period[(period.start, period.end) if period else (None, None)].append(claim)
    for (start, end), same in by_period.items():
        near = [
            c
            for (s, e), bucket in by_period.items()
            if (s, e) != (start, end) and _near(s, start) and _near(e, end)
            for c in bucket
        ]
        for i, a in enumerate(same):
            for b in same[i + 1 :] + near:
                if _conflict(a, b):
                    pairs.add(_pair(a, b))

    for part in increments:
        end = part.period.end if part.period else None
        if end is None or part.count.low is None:
            continue
        for total in totals:
            as_of = _as_of(total)
            high = total.count.high
            if (
                as_of is not None
                and as_of >= end
                and high is not None
                and _widen_high(total, high) < _widen_low(part, part.count.low)
                and owner[total.id] != owner[part.id]
            ):
                pairs.add(_pair(total, part))
    pairs.update(_denials(claims, asserting, ranges, owner))
    return sorted(pairs)[:MAX_PAIRS]


def _denials(
    claims: list[Claim],
    asserting: list[Claim],
    ranges: dict[str, tuple[float, float]],
    owner: dict[str, str],
) -> set[tuple[str, str]]:
    """A denial or dispute against another source's claim of an overlapping count."""
    pairs: set[tuple[str, str]] = set()
    for denial in claims:
        if denial.status not in (Status.DENIED, Status.DISPUTED):
            continue
        low_d, high_d = _range(denial)
        who = source_key(denial)
        for claim in asserting:
            low_c, high_c = ranges[claim.id]
            before = (
                denial.reported is not None
                and claim.reported is not None
                and (claim.reported - denial.reported).days > 1
            )
            if owner[claim.id] != who and not before and low_c <= high_d and low_d <= high_c:
                pairs.add(_pair(denial, claim))
    return pairs


def _pair(a: Claim, b: Claim) -> tuple[str, str]:
    return (a.id, b.id) if a.id < b.id else (b.id, a.id)


def _measure(measure: Measure | str | None) -> Measure | None:
    if measure is None or isinstance(measure, Measure):
        return measure
    try:
        return Measure(measure.strip().lower())
    except ValueError:
        known = ", ".join(m.value for m in Measure)
        raise InputError(f"measure {measure!r}: unknown; one of {known}") from None


def _claim_order(claim: Claim) -> tuple[dt.date, dt.date, str]:
    published = min(
        (s.published for s in claim.sightings if s.published is not None), default=dt.date.min
    )
    return (claim.reported or dt.date.min, published, claim.id)


def _as_of(claim: Claim) -> dt.date | None:
    if claim.period is not None and claim.period.end is not None:
        return claim.period.end
    return claim.reported


def _near(a: dt.date | None, b: dt.date | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs((a - b).days) <= 1


def _widen_low(claim: Claim, low: int) -> float:
    return low * (1 - APPROXIMATE_SLACK) if claim.count.approximate else float(low)


def _widen_high(claim: Claim, high: int) -> float:
    return high * (1 + APPROXIMATE_SLACK) if claim.count.approximate else float(high)


def _range(claim: Claim) -> tuple[float, float]:
    low = claim.count.low
    high = claim.count.high
    return (
        _widen_low(claim, low) if low is not None else 0.0,
        _widen_high(claim, high) if high is not None else math.inf,
    )
