"""`newstally serve` (the web UI over a database) and `newstally demo` (samples in a new one)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newstally.cli.app import app
from newstally.cli.common import (
    DEFAULT_DB,
    DbOption,
    HostOption,
    ModelOption,
    PortOption,
    console,
    existing_db,
    warn,
)


@app.command("serve")
def serve_command(db: DbOption = DEFAULT_DB, host: HostOption = "127.0.0.1",
                  port: PortOption = 8000) -> None:
    """Serve the web UI and REST API (OpenAPI at /openapi.json) over a database."""
    from newstally.web.demo import serve, url_for

    existing_db(db)
    console.print(f"newstally UI at {url_for(host, port)}  (Ctrl-C stops)", markup=False)
    serve(db, host, port)


@app.command("demo")
def demo_command(
    db: Annotated[
        str | None,
        typer.Option("--db", help="Database to fill (default: a new one in a temporary folder).",
                     show_default=False),
    ] = None,
    samples: Annotated[
        Path | None,
        typer.Option(help="Folder of sample articles (default: ./samples or the repository's).",
                     show_default=False),
    ] = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Only ingest, and print the URL it would serve.")
    ] = False,
    model: ModelOption = None,
) -> None:
    """Ingest the sample articles into a fresh database and serve the UI."""
    from newstally.web.demo import demo_db_path, find_samples, ingest_folder, serve, url_for

    folder = find_samples(samples)
    path = demo_db_path(db)
    result = ingest_folder(folder, path, model)
    for message in result.failed:
        warn(message)
    console.print(
        f"stored {result.stored}, already present {result.present}, failed "
        f"{len(result.failed)}  ({path})", markup=False,
    )
    console.print(f"newstally UI at {url_for(host, port)}", markup=False)
    if no_serve:
        console.print(f"serve it with: newstally serve --db {path}", markup=False)
        return
    serve(path, host, port)
