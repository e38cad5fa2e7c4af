"""The web UI and REST API over a store: `create_app(path)` gives a FastAPI app.

Pages are rendered on the server with Jinja2 (autoescape on) and the chart is SVG drawn in
Python, so the browser runs no script at all and the Content-Security-Policy can forbid every
inline script and style. The API publishes its OpenAPI document at /openapi.json; FastAPI's
interactive docs are off because they load scripts from a CDN.

The routes live in `api_routes` (JSON) and `page_routes` (HTML); this module only wires them to
one store, with the security headers and the one-line errors every response shares.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from newstally.errors import NewstallyError, StoreError
from newstally.web import api_routes, page_routes
from newstally.web import ledger as ask
from newstally.web.context import SECURITY_HEADERS, make_templates, templates

__all__ = ["create_app"]


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
    app.state.ledger = ledger
    app.state.templates = make_templates()
    app.mount("/static", StaticFiles(packages=[("newstally.web", "static")]), name="static")
    app.middleware("http")(_security_headers)
    app.exception_handler(NewstallyError)(_user_error)
    app.include_router(api_routes.router)
    app.include_router(page_routes.router)
    return app


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    response.headers.update(SECURITY_HEADERS)
    return response


async def _user_error(request: Request, exc: Exception) -> Response:
    """The project's own errors are the caller's: 400, in one line."""
    message = " ".join(str(exc).split())
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": message}, status_code=400)
    return templates(request).TemplateResponse(
        request, "error.html", {"status": 400, "message": message}, status_code=400
    )
