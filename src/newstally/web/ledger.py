"""What the web app asks of the store, as bounded, typed answers: one place for both API and pages.

Every answer is a page (limit and offset, capped) so no request can make the server read a
million rows into memory; a series is read through the indexed `tally_keys` table, so its page
costs the size of the series, not of the store.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from newstally.model import Article, Measure
from newstally.store import Store, StoredFigure, open_store
from newstally.tally.claims import Claim, Resolved, figure_scope
from newstally.tally.groups import country_code, normalise_group
from newstally.tally.queries import KeyedFigure, ensure_keys, keyed_figures, series_index
from newstally.tally.series import Series, build_series, series_key

# The most figures one series page reads; a larger series shows its latest figures and says so.
MAX_SERIES_FIGURES = 20_000
# How many built series the app keeps in memory.
SERIES_CACHE = 16
# The most figures a cross-series claims listing tallies.
MAX_CLAIM_FIGURES = 50_000


class Page(BaseModel):
    """Paging fields shared by every list answer."""

    model_config = ConfigDict(extra="forbid")

    limit: int
    offset: int
    next_offset: int | None = None


class ArticleSummary(BaseModel):
    """An article without its text, as lists show it."""

    id: str
    url: str | None
    title: str | None
    outlet: str | None
    authors: list[str]
    published: dt.date | None
    snippet: str


class ArticlePage(Page):
    articles: list[ArticleSummary]


class FigurePage(Page):
    figures: list[StoredFigure]


class ClaimPage(Page):
    claims: list[Claim]
    total: int
    truncated: bool


class SeriesListing(BaseModel):
    """A series as the index lists it, counted in SQL; its claims are at /api/series/{key}."""

    key: str
    measure: Measure
    group: str | None
    place: str | None
    figures: int
    articles: int
    first: dt.date | None
    last: dt.date | None


class SeriesPage(Page):
    series: list[SeriesListing]
    total: int


class SeriesAnswer(BaseModel):
    """One series and whether it was cut to its latest MAX_SERIES_FIGURES figures."""

    series: Series
    truncated: bool


class Filters(BaseModel):
    """Normalised filters: group canonical ('DPRK' -> 'North Korea'), place an ISO code."""

    measure: Measure | None = None
    group: str | None = None
    place: str | None = None
    since: dt.date | None = None


def filters(
    measure: Measure | None = None,
    group: str | None = None,
    place: str | None = None,
    since: dt.date | None = None,
) -> Filters:
    """Read user filters; an unknown place raises InputError naming it."""
    return Filters(
        measure=measure,
        group=normalise_group(group) if group and group.strip() else None,
        place=country_code(place) if place and place.strip() else None,
        since=since,
    )


class Ledger:
    """One store connection shared by the app's threads, used under a lock.

    SQLite connections are not safe to use from two threads at once, and the app is small:
    a lock is simpler than a pool. `ensure_keys` runs on each use, so articles ingested while
    the server runs appear on the next request.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._store = open_store(path)
        self._lock = threading.Lock()
        self._version = ensure_keys(self._store)
        self._series: OrderedDict[tuple[str, dt.date | None], SeriesAnswer | None] = OrderedDict()

    def close(self) -> None:
        with self._lock:
            self._store.close()

    @contextmanager
    def reading(self) -> Iterator[Store]:
        with self._lock:
            version = ensure_keys(self._store)
            if version != self._version:
                self._series.clear()
                self._version = version
            yield self._store

    def series(
        self, measure: Measure, group: str | None, place: str | None, since: dt.date | None
    ) -> SeriesAnswer | None:
        """`one_series`, remembered until the store changes: a large series costs seconds to
        build and the same few series are asked for again and again."""
        key = (series_key(measure, group, place), since)
        with self.reading() as store:
            if key in self._series:
                self._series.move_to_end(key)
                return self._series[key]
            answer = one_series(store, measure, group, place, since)
            self._series[key] = answer
            while len(self._series) > SERIES_CACHE:
                self._series.popitem(last=False)
            return answer


def snippet(article: Article, search: str | None, size: int = 240) -> str:
    """A bounded piece of the text: around the first match of `search`, else the start."""
    text = article.text
    at = text.casefold().find(search.casefold()) if search else -1
    start = max(0, at - size // 3) if at >= 0 else 0
    piece = " ".join(text[start : start + size].split())
    return ("..." if start else "") + piece + ("..." if start + size < len(text) else "")


def article_page(store: Store, search: str | None, limit: int, offset: int) -> ArticlePage:
    found = store.articles(search=search or None, limit=limit + 1, offset=offset)
    return ArticlePage(
        articles=[
            ArticleSummary(
                id=a.id,
                url=a.url,
                title=a.title,
                outlet=a.outlet,
                authors=a.authors,
                published=a.published,
                snippet=snippet(a, search),
            )
            for a in found[:limit]
        ],
        limit=limit,
        offset=offset,
        next_offset=offset + limit if len(found) > limit else None,
    )


def figure_page(store: Store, wanted: Filters, limit: int, offset: int) -> FigurePage:
    found = keyed_figures(
        store,
        measure=wanted.measure,
        group=wanted.group,
        place=wanted.place,
        since=wanted.since,
        limit=limit + 1,
        offset=offset,
    )
    return FigurePage(
        figures=[k.stored for k in found[:limit]],
        limit=limit,
        offset=offset,
        next_offset=offset + limit if len(found) > limit else None,
    )


def _resolved(found: list[KeyedFigure]) -> list[Resolved]:
    return [
        Resolved(k.stored, k.group, k.place, figure_scope(k.stored.figure, k.day), k.day)
        for k in found
    ]


def one_series(
    store: Store,
    measure: Measure,
    group: str | None,
    place: str | None,
    since: dt.date | None = None,
) -> SeriesAnswer | None:
    """The series with exactly these keys (None: unknown), or None if it has no figures."""
    found = keyed_figures(
        store,
        measure=measure,
        group=group,
        place=place,
        since=since,
        exact=True,
        limit=MAX_SERIES_FIGURES + 1,
    )
    if not found:
        return None
    built = build_series(_resolved(found[:MAX_SERIES_FIGURES]))
    key = series_key(measure, group, place)
    series = next((s for s in built if s.key == key), None)
    if series is None:
        return None
    return SeriesAnswer(series=series, truncated=len(found) > MAX_SERIES_FIGURES)


def series_page(store: Store, wanted: Filters, limit: int, offset: int) -> SeriesPage:
    """A page of series, most figures first, counted in SQL without building their claims:
    the index costs one indexed GROUP BY, however large the series in it are."""
    summaries, total = series_index(
        store,
        measure=wanted.measure,
        group=wanted.group,
        place=wanted.place,
        since=wanted.since,
        limit=limit,
        offset=offset,
    )
    return SeriesPage(
        series=[
            SeriesListing(
                key=series_key(s.measure, s.group, s.place),
                measure=s.measure,
                group=s.group,
                place=s.place,
                figures=s.figures,
                articles=s.articles,
                first=s.first,
                last=s.last,
            )
            for s in summaries
        ],
        total=total,
        limit=limit,
        offset=offset,
        next_offset=offset + limit if offset + limit < total else None,
    )


def claim_page(store: Store, wanted: Filters, limit: int, offset: int) -> ClaimPage:
    """Claims across the series that match, latest first."""
    found = keyed_figures(
        store,
        measure=wanted.measure,
        group=wanted.group,
        place=wanted.place,
        since=wanted.since,
        limit=MAX_CLAIM_FIGURES + 1,
    )
    claims = [c for s in build_series(_resolved(found[:MAX_CLAIM_FIGURES])) for c in s.claims]
    claims.sort(key=lambda c: (c.reported or dt.date.min, c.id), reverse=True)
    return ClaimPage(
        claims=claims[offset : offset + limit],
        total=len(claims),
        truncated=len(found) > MAX_CLAIM_FIGURES,
        limit=limit,
        offset=offset,
        next_offset=offset + limit if offset + limit < len(claims) else None,
    )
