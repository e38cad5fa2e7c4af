"""The web UI and REST API over a store: `create_app(path)` gives a FastAPI app.

Pages are rendered on the server with Jinja2 (autoescape on) and the chart is SVG drawn in
Python, so the browser runs no script at all and the Content-Security-Policy can forbid every
inline script and style. The API publishes its OpenAPI document at /openapi.json; FastAPI's
interactive docs are off because they load scripts from a CDN.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated
from urllib.parse import quote, urlencode

import jinja2
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from newstally.errors import NewstallyError, StoreError
from newstally.model import Measure, Report
from newstally.store.tally_queries import sentences
from newstally.tally.series import ENVELOPE_RULE, Series, parse_series_key
from newstally.tally.timeline import Timeline, TimelinePoint, timeline
from newstally.web import ledger as ask
from newstally.web.chart import MAX_BARS, source_colours, timeline_svg
from newstally.web.highlight import figure_label, highlight

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
CLAIMS_PER_PAGE = 50

MeasureQuery = Annotated[Measure | None, Query(description="killed, injured, casualties, ...")]
GroupQuery = Annotated[
    str | None, Query(max_length=200, description="Subject group; aliases work ('DPRK').")
]
PlaceQuery = Annotated[
    str | None, Query(max_length=100, description="Country name or ISO 3166-1 code.")
]
SinceQuery = Annotated[dt.date | None, Query(description="Reported on or after (YYYY-MM-DD).")]
OffsetQuery = Annotated[int, Query(ge=0, le=10_000_000)]


def series_url(key: str) -> str:
    return "/series/" + quote(key, safe="/")


def article_url(article: str, figure: str | None = None) -> str:
    url = "/articles/" + quote(article, safe="")
    if figure is None:
        return url
    return f"{url}?{urlencode({'figure': figure})}#fig-{quote(figure, safe='')}"


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newstally.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals.update(series_url=series_url, article_url=article_url, rule=ENVELOPE_RULE)
    env.filters["label"] = figure_label
    return Jinja2Templates(env=env)


def create_app(store_path: str | Path) -> FastAPI:
    """The app over the store at `store_path` (which must exist: the app never creates one)."""
    if not str(store_path).startswith(("sqlite:", "postgres")) and not Path(store_path).exists():
        raise StoreError(f"{store_path}: no such database (run `newstally ingest` first)")
    ledger = ask.Ledger(store_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        ledger.close()

    app = FastAPI(
        title="newstally",
        summary="Figures reported in the news: articles, figures, claims and series.",
        version="1",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    templates = _templates()
    app.mount("/static", StaticFiles(packages=[("newstally.web", "static")]), name="static")

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(NewstallyError)
    async def user_error(request: Request, exc: NewstallyError) -> Response:
        message = " ".join(str(exc).split())
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": message}, status_code=400)
        return templates.TemplateResponse(
            request, "error.html", {"status": 400, "message": message}, status_code=400
        )

    def not_found(request: Request, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            raise HTTPException(status_code=404, detail=message)
        return templates.TemplateResponse(
            request, "error.html", {"status": 404, "message": message}, status_code=404
        )

    # -- API ------------------------------------------------------------------------------

    @app.get("/api/articles", response_model=ask.ArticlePage, tags=["articles"])
    def api_articles(
        q: Annotated[str | None, Query(max_length=200, description="Text to search for.")] = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50,
        offset: OffsetQuery = 0,
    ) -> ask.ArticlePage:
        """Stored articles, newest first; `q` searches title and text (literally)."""
        with ledger.reading() as store:
            return ask.article_page(store, q, limit, offset)

    @app.get("/api/articles/{article_id}", response_model=Report, tags=["articles"])
    def api_article(article_id: str) -> Response:
        """One article's REPORT-V1 object: text, figures, quotes and attributions."""
        with ledger.reading() as store:
            report = store.report(article_id)
        if report is None:
            raise HTTPException(status_code=404, detail=f"article {article_id!r} is not stored")
        return Response(report.to_json(), media_type="application/json")

    @app.get("/api/figures", response_model=ask.FigurePage, tags=["figures"])
    def api_figures(
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

    @app.get("/api/claims", response_model=ask.ClaimPage, tags=["tally"])
    def api_claims(
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

    @app.get("/api/series", response_model=ask.SeriesPage, tags=["tally"])
    def api_series(
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

    def read_series(key: str, since: dt.date | None = None) -> ask.SeriesAnswer | None:
        measure, group, place = parse_series_key(key)
        return ledger.series(measure, group, place, since)

    @app.get("/api/series/{key:path}/timeline", response_model=Timeline, tags=["tally"])
    def api_timeline(key: str, since: SinceQuery = None) -> Timeline:
        """The series' claims as chart points: what the series page draws."""
        answer = read_series(key, since)
        if answer is None:
            raise HTTPException(status_code=404, detail=f"series {key!r} has no figures")
        return timeline(answer.series)

    @app.get("/api/series/{key:path}", response_model=Series, tags=["tally"])
    def api_one_series(key: str, since: SinceQuery = None) -> Series:
        """One series, e.g. `killed/North Korea/RU` ('-' for an unknown group or country)."""
        answer = read_series(key, since)
        if answer is None:
            raise HTTPException(status_code=404, detail=f"series {key!r} has no figures")
        return answer.series

    # -- pages ----------------------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def home() -> Response:
        return RedirectResponse("/series", status_code=307)

    @app.get("/series", response_class=HTMLResponse, include_in_schema=False)
    def series_list_page(
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
        return templates.TemplateResponse(
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

    @app.get("/series/{key:path}", response_class=HTMLResponse, include_in_schema=False)
    def series_detail_page(
        request: Request,
        key: str,
        since: SinceQuery = None,
        page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    ) -> Response:
        measure, group, place = parse_series_key(key)
        answer = ledger.series(measure, group, place, since)
        if answer is None:
            return not_found(request, f"series {key!r} has no figures")
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
        return templates.TemplateResponse(
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

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(
        request: Request,
        q: Annotated[str | None, Query(max_length=200)] = None,
        offset: OffsetQuery = 0,
    ) -> Response:
        with ledger.reading() as store:
            page = ask.article_page(store, q, 50, offset)
        query = {"q": q} if q else {}
        return templates.TemplateResponse(
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

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(
        request: Request,
        article_id: str,
        figure: Annotated[str | None, Query(max_length=50)] = None,
    ) -> Response:
        with ledger.reading() as store:
            report = store.report(article_id)
        if report is None:
            return not_found(request, f"article {article_id!r} is not stored")
        return templates.TemplateResponse(
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

    return app


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
