"""The HTML pages: series list and detail (with the SVG chart), articles, one article with its
figures highlighted. Rendered on the server; the browser runs no script."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newstally.model import Measure, Report
from newstally.tally.queries import sentences
from newstally.tally.series import parse_series_key
from newstally.tally.timeline import TimelinePoint, timeline
from newstally.web import ledger as ask
from newstally.web.chart import MAX_BARS, source_colours, timeline_svg
from newstally.web.context import (
    CLAIMS_PER_PAGE,
    GroupQuery,
    LedgerDep,
    MeasureQuery,
    OffsetQuery,
    PlaceQuery,
    SinceQuery,
    article_url,
    page_error,
    series_url,
    templates,
)
from newstally.web.highlight import highlight

router = APIRouter()


@router.get("/", include_in_schema=False)
def home() -> Response:
    return RedirectResponse("/series", status_code=307)

@router.get("/series", response_class=HTMLResponse, include_in_schema=False)
def series_list_page(
    ledger: LedgerDep,
    request: Request,
    measure: MeasureQuery = None,
    group: GroupQuery = None,
    place: PlaceQuery = None,
    since: SinceQuery = None,
    offset: OffsetQuery = 0,
) -> Response:
    wanted = ask.filters(measure, group, place, since)
    with ledger.reading() as store:
        page = ask.series_page(store, wanted, 20, offset)
        counts = store.counts()
    form = {
        "measure": measure.value if measure else "",
        "group": group or "",
        "place": place or "",
        "since": since.isoformat() if since else "",
    }
    query = {k: v for k, v in form.items() if v}
    return templates(request).TemplateResponse(
        request,
        "series_list.html",
        {
            "page": page,
            "form": form,
            "measures": list(Measure),
            "counts": counts,
            "next_url": f"/series?{urlencode({**query, 'offset': page.next_offset})}"
            if page.next_offset is not None
            else None,
            "prev_url": f"/series?{urlencode({**query, 'offset': max(0, offset - 20)})}"
            if offset > 0
            else None,
        },
    )

@router.get("/series/{key:path}", response_class=HTMLResponse, include_in_schema=False)
def series_detail_page(
    ledger: LedgerDep,
    request: Request,
    key: str,
    since: SinceQuery = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    measure, group, place = parse_series_key(key)
    answer = ledger.series(measure, group, place, since)
    if answer is None:
        return page_error(request, 404, f"series {key!r} has no figures")
    with ledger.reading() as store:
        series = answer.series
        points = timeline(series)
        first = page_start = (page - 1) * CLAIMS_PER_PAGE
        shown = list(reversed(series.claims))[page_start : page_start + CLAIMS_PER_PAGE]
        drawn = [p for p in points.points if p.day is not None][-MAX_BARS:]
        wanted = {(p.article, p.figure) for p in drawn}
        wanted |= {(s.article, s.figure) for c in shown for s in c.sightings[:1]}
        texts = sentences(store, wanted)

    def link(point: TimelinePoint) -> str:
        return article_url(point.article, point.figure)

    by_id = {c.id: c for c in series.claims}
    total_pages = max(1, -(-len(series.claims) // CLAIMS_PER_PAGE))
    return templates(request).TemplateResponse(
        request,
        "series.html",
        {
            "series": series,
            "truncated": answer.truncated,
            "chart": timeline_svg(points, texts, link),
            "colours": source_colours(points),
            "labels": {p.claim: p.source for p in points.points},
            "claims": shown,
            "first": first,
            "texts": texts,
            "page": page,
            "total_pages": total_pages,
            "latest": [by_id[i] for i in series.latest],
            "disagreeing": {i for pair in series.disagreements for i in pair},
            "base_url": series_url(series.key),
        },
    )

@router.get("/articles", response_class=HTMLResponse, include_in_schema=False)
def articles_page(
    ledger: LedgerDep,
    request: Request,
    q: Annotated[str | None, Query(max_length=200)] = None,
    offset: OffsetQuery = 0,
) -> Response:
    with ledger.reading() as store:
        page = ask.article_page(store, q, 50, offset)
    query = {"q": q} if q else {}
    return templates(request).TemplateResponse(
        request,
        "articles.html",
        {
            "page": page,
            "q": q or "",
            "next_url": f"/articles?{urlencode({**query, 'offset': page.next_offset})}"
            if page.next_offset is not None
            else None,
            "prev_url": f"/articles?{urlencode({**query, 'offset': max(0, offset - 50)})}"
            if offset > 0
            else None,
        },
    )

@router.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
def article_page(
    ledger: LedgerDep,
    request: Request,
    article_id: str,
    figure: Annotated[str | None, Query(max_length=50)] = None,
) -> Response:
    with ledger.reading() as store:
        report = store.report(article_id)
    if report is None:
        return page_error(request, 404, f"article {article_id!r} is not stored")
    return templates(request).TemplateResponse(
        request,
        "article.html",
        {
            "report": report,
            "article": report.article,
            "target": figure,
            "text": highlight(report, figure),
            "series_of": _series_links(report),
        },
    )


def _series_links(report: Report) -> dict[str, str]:
    """Figure id -> its series key, resolved the way the tally resolves it."""
    from newstally.store.records import StoredFigure
    from newstally.tally.claims import resolve
    from newstally.tally.series import series_key

    article = report.article
    seen = [
        StoredFigure(
            article_id=article.id,
            published=article.published,
            outlet=article.outlet,
            url=article.url,
            title=article.title,
            figure=figure,
        )
        for figure in report.figures
    ]
    return {r.figure.id: series_key(r.figure.measure, r.group, r.place) for r in resolve(seen)}
