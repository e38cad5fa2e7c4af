"""`newstally ingest` (one worker per core by default, --workers N) and `newstally batch`
(on a Dask cluster). Both are thin: the loop is `newstally.api`, the cluster `newstally.batch`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newstally.cli.app import app
from newstally.cli.common import (
    DEFAULT_DB,
    DbOption,
    FastOption,
    FiguresOnlyOption,
    ModelOption,
    PublishedOption,
    WorkersOption,
    console,
    err_console,
    fail,
    open_db,
    published_date,
    warn,
    worker_count,
)
from newstally.errors import InputError


@app.command("ingest")
def ingest_command(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, folders (text, HTML, feeds, WARC/ARC crawls) or http(s) URLs.",
            show_default=False,
        ),
    ] = None,
    db: DbOption = DEFAULT_DB,
    published: PublishedOption = None,
    model: ModelOption = None,
    urls: Annotated[
        Path | None,
        typer.Option(
            "--urls", help="A file of URLs to fetch, one a line.", show_default=False
        ),
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="Also fetch from private, loopback and link-local addresses."
        ),
    ] = False,
    workers: WorkersOption = None,
    fast: FastOption = False,  # accepted for old scripts; no effect
    figures_only: FiguresOnlyOption = False,
) -> None:
    """Extract articles and store them in the database.

    Inputs are text files, web pages (.html), RSS/Atom feeds (.xml, .rss, .atom; one article
    per entry), WARC/ARC crawls (.warc.gz; one per HTML response), folders of these, and URLs.
    Each NAME.txt may have a NAME.meta.json sidecar holding published, url, title, outlet and
    authors; --published overrides the sidecar's date. Articles already stored (same text) are
    skipped. Failures are reported one line each; the exit code is 1 if any file failed.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from newstally import api

    when = published_date(published)
    if not inputs and urls is None:
        fail("nothing to ingest: give files, folders or URLs, or --urls FILE", 2)
    try:
        url_list = api.read_url_list(urls) if urls is not None else []
    except InputError as exc:
        fail(str(exc), 2)
    with (
        open_db(db) as store,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=err_console,
            transient=True,
            disable=not err_console.is_terminal,  # keep logs and pipes free of bar drawing
        ) as progress,
    ):
        task = progress.add_task("ingest", total=None)

        def started(name: str) -> None:
            progress.update(task, description=_short(name))
            progress.advance(task)

        done = api.ingest_inputs(
            inputs or [], store, urls=url_list, allow_private=allow_private, published=when,
            model=model, workers=worker_count(workers), on_item=started, on_failure=warn,
            figures_only=figures_only,
        )
    console.print(
        f"stored {done.stored}, already present {done.present}, failed {len(done.failed)}"
        f"  ({db}{', figures-only mode' if figures_only else ''})",
        markup=False,
    )
    if done.failed:
        raise typer.Exit(1)


def _short(name: str) -> str:
    """A file name for the progress bar; escaped, since names like '[/]' are Rich markup."""
    from rich.markup import escape

    return escape(name if len(name) <= 40 else "..." + name[-37:])


@app.command("batch")
def batch_command(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders or http(s) URLs, as for ingest.", show_default=False),
    ] = None,
    db: DbOption = DEFAULT_DB,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Worker processes of the local Dask cluster [default: one per"
                     " core].", show_default=False),
    ] = None,
    threads_per_worker: Annotated[int, typer.Option(min=1, help="Threads per worker.")] = 1,
    chunk_size: Annotated[int, typer.Option(min=1, help="Inputs per task and shard.")] = 20,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Use a running Dask scheduler (tcp://host:8786) instead.",
                     show_default=False),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(help="Folder for the Parquet shards [default: DB.batch/].",
                     show_default=False),
    ] = None,
    published: PublishedOption = None,
    model: ModelOption = None,
    urls: Annotated[
        Path | None,
        typer.Option("--urls", help="A file of URLs to fetch, one a line.", show_default=False),
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="Also fetch from private, loopback and link-local addresses."
        ),
    ] = False,
    figures_only: FiguresOnlyOption = False,
) -> None:
    """Extract on a Dask cluster into Parquet shards, then store them (see docs/batch.md).

    A run that is killed and started again with the same inputs skips the chunks it finished.
    Failures are reported one line each at the end; the exit code is 1 if any input failed.
    """
    from newstally import api

    when = published_date(published)
    if not inputs and urls is None:
        fail("nothing to extract: give files, folders or URLs, or --urls FILE", 2)
    try:
        url_list = api.read_url_list(urls) if urls is not None else []
    except InputError as exc:
        fail(str(exc), 2)
    result = api.batch(
        [*(inputs or []), *url_list], db, out=out, workers=worker_count(workers),
        threads_per_worker=threads_per_worker, chunk_size=chunk_size, scheduler=scheduler,
        model=model, published=when, allow_private=allow_private, figures_only=figures_only,
        console=err_console,
    )
    for message in result.failures:
        warn(message)
    console.print(
        f"chunks {result.chunks}: computed {result.computed}, skipped {result.skipped} (done "
        f"before); stored {result.stored}, already present {result.present}, failed "
        f"{len(result.failures)}  ({db}{', figures-only mode' if figures_only else ''})",
        markup=False,
        soft_wrap=True,
    )
    if result.failures:
        raise typer.Exit(1)
