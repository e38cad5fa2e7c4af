"""What every route shares: the query types, URLs of pages, templates, and the ledger a
request reads, found on the app's state (set by `create_app`) so routes are plain functions."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import quote, urlencode

import jinja2
from fastapi import Depends, HTTPException, Query, Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from newstally.model import Measure
from newstally.tally.series import ENVELOPE_RULE
from newstally.web import ledger as ask
from newstally.web.highlight import figure_label

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


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newstally.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals.update(series_url=series_url, article_url=article_url, rule=ENVELOPE_RULE)
    env.filters["label"] = figure_label
    return Jinja2Templates(env=env)


def ledger_of(request: Request) -> ask.Ledger:
    """The ledger of the app serving this request."""
    ledger: ask.Ledger = request.app.state.ledger
    return ledger


LedgerDep = Annotated[ask.Ledger, Depends(ledger_of)]


def templates(request: Request) -> Jinja2Templates:
    """The app's templates (autoescape on, undefined names are errors)."""
    found: Jinja2Templates = request.app.state.templates
    return found


def page_error(request: Request, status: int, message: str) -> Response:
    """An error as the caller expects it: JSON under /api/, else the error page."""
    if request.url.path.startswith("/api/"):
        raise HTTPException(status_code=status, detail=message)
    return templates(request).TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    )
