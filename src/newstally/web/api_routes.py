"""The REST API under /api/: articles, figures, claims and series as JSON (OpenAPI at
/openapi.json). Each route reads the ledger through `context.LedgerDep`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from newstally.model import Report
from newstally.tally.series import Series, parse_series_key
from newstally.tally.timeline import Timeline, timeline
from newstally.web import ledger as ask
from newstally.web.context import (
    GroupQuery,
    LedgerDep,
    MeasureQuery,
    OffsetQuery,
    PlaceQuery,
    SinceQuery,
)

router = APIRouter()


@router.get("/api/articles", response_model=ask.ArticlePage, tags=["articles"])
def api_articles(
    ledger: LedgerDep,
    q: Annotated[str | None, Query(max_length=200, description="Text to search for.")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: OffsetQuery = 0,
) -> ask.ArticlePage:
    """Stored articles, newest first; `q` searches title and text (literally)."""
    with ledger.reading() as store:
        return ask.article_page(store, q, limit, offset)

@router.get("/api/articles/{article_id}", response_model=Report, tags=["articles"])
def api_article(ledger: LedgerDep, article_id: str) -> Response:
    """One article's REPORT-V1 object: text, figures, quotes and attributions."""
    with ledger.reading() as store:
        report = store.report(article_id)
    if report is None:
        raise HTTPException(status_code=404, detail=f"article {article_id!r} is not stored")
    return Response(report.to_json(), media_type="application/json")

@router.get("/api/figures", response_model=ask.FigurePage, tags=["figures"])
def api_figures(
    ledger: LedgerDep,
    measure: MeasureQuery = None,
    group: GroupQuery = None,
    place: PlaceQuery = None,
    since: SinceQuery = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: OffsetQuery = 0,
) -> ask.FigurePage:
    """Stored figures, latest reported first, with the article each came from."""
    wanted = ask.filters(measure, group, place, since)
    with ledger.reading() as store:
        return ask.figure_page(store, wanted, limit, offset)

@router.get("/api/claims", response_model=ask.ClaimPage, tags=["tally"])
def api_claims(
    ledger: LedgerDep,
    measure: MeasureQuery = None,
    group: GroupQuery = None,
    place: PlaceQuery = None,
    since: SinceQuery = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: OffsetQuery = 0,
) -> ask.ClaimPage:
    """Claims (a source's statement with all its sightings), latest first."""
    wanted = ask.filters(measure, group, place, since)
    with ledger.reading() as store:
        return ask.claim_page(store, wanted, limit, offset)

@router.get("/api/series", response_model=ask.SeriesPage, tags=["tally"])
def api_series(
    ledger: LedgerDep,
    measure: MeasureQuery = None,
    group: GroupQuery = None,
    place: PlaceQuery = None,
    since: SinceQuery = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: OffsetQuery = 0,
) -> ask.SeriesPage:
    """Series (measure, group, country) with how many figures and articles each holds, most
    figures first; a series' claims, envelope and disagreement are at /api/series/{key}."""
    wanted = ask.filters(measure, group, place, since)
    with ledger.reading() as store:
        return ask.series_page(store, wanted, limit, offset)

def read_series(
    ledger: ask.Ledger, key: str, since: dt.date | None = None
) -> ask.SeriesAnswer | None:
    measure, group, place = parse_series_key(key)
    return ledger.series(measure, group, place, since)

@router.get("/api/series/{key:path}/timeline", response_model=Timeline, tags=["tally"])
def api_timeline(ledger: LedgerDep, key: str, since: SinceQuery = None) -> Timeline:
    """The series' claims as chart points: what the series page draws."""
    answer = read_series(ledger, key, since)
    if answer is None:
        raise HTTPException(status_code=404, detail=f"series {key!r} has no figures")
    return timeline(answer.series)

@router.get("/api/series/{key:path}", response_model=Series, tags=["tally"])
def api_one_series(ledger: LedgerDep, key: str, since: SinceQuery = None) -> Series:
    """One series, e.g. `killed/North Korea/RU` ('-' for an unknown group or country)."""
    answer = read_series(ledger, key, since)
    if answer is None:
        raise HTTPException(status_code=404, detail=f"series {key!r} has no figures")
    return answer.series
