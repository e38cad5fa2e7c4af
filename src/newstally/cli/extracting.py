"""`newstally extract` (one article, or JSON Lines) and `newstally schema`."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from newstally.cli.app import app
from newstally.cli.common import (
    FastOption,
    FiguresOnlyOption,
    ModelOption,
    OutputFormat,
    PublishedOption,
    WorkersOption,
    fail,
    published_date,
    warn,
    worker_count,
)
from newstally.cli.tables import print_reports


@app.command("extract")
def extract_command(
    file: Annotated[
        str | None,
        typer.Argument(help="Article text file ('-' reads stdin).", show_default=False),
    ] = None,
    published: PublishedOption = None,
    output: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="Output format [default: table; jsonl with --jsonl].",
            show_default=False,
        ),
    ] = None,
    model: ModelOption = None,
    jsonl: Annotated[
        str | None,
        typer.Option(
            "--jsonl",
            help="Read JSON Lines ({'text', 'published', 'url', 'title', ...} per line, '-' for "
            "stdin) and write one report per line, in order.",
            show_default=False,
        ),
    ] = None,
    url: Annotated[str | None, typer.Option(help="The article's URL.", show_default=False)] = None,
    title: Annotated[
        str | None, typer.Option(help="The article's headline.", show_default=False)
    ] = None,
    workers: WorkersOption = None,
    fast: FastOption = False,
    figures_only: FiguresOnlyOption = False,
) -> None:
    """Extract the figures, quotes and attributions of one article.

    With --jsonl, extract every line of a JSON Lines file with one pipeline and write one
    REPORT-V1 object per line, in input order; bad lines are reported and skipped (exit 1).
    """
    import dataclasses

    from newstally import api

    when = published_date(published)
    if jsonl is not None:
        if file is not None:
            fail("give either FILE or --jsonl, not both", code=2)
        chosen = output or OutputFormat.JSONL
        if chosen not in (OutputFormat.JSONL, OutputFormat.CSV):
            fail(f"--jsonl writes jsonl or csv, not {chosen.value}", code=2)
        _extract_jsonl(jsonl, chosen, when, model, worker_count(workers), figures_only)
        return
    if fast:
        fail("--fast speeds up --jsonl; one article is extracted in this process", code=2)
    if file is None:
        fail("give an article FILE (or '-' for stdin, or --jsonl FILE)", code=2)
    article, name = api.read_article(file)
    article = dataclasses.replace(
        article,
        published=when or article.published,
        url=url or article.url,
        title=title or article.title,
    )
    report = api.extract_article(article, model=model, figures_only=figures_only)
    print_reports([(report, name)], output or OutputFormat.TABLE)


def _extract_jsonl(
    source: str,
    output: OutputFormat,
    published: dt.date | None,
    model: str | None,
    workers: int = 1,
    figures_only: bool = False,
) -> None:
    from newstally import api

    name = "<stdin>" if source == "-" else source
    failures: list[str] = []

    def failed(message: str) -> None:
        failures.append(message)
        warn(message)

    try:
        handle = sys.stdin.buffer if source == "-" else Path(source).open("rb")  # noqa: SIM115
    except OSError as exc:
        fail(f"{name}: cannot be read ({exc.strerror or exc})")
    with handle:
        reports = api.extract_lines(
            handle,
            name,
            published=published,
            model=model,
            workers=workers,
            on_failure=failed,
            figures_only=figures_only,
        )
        print_reports(((report, name) for report in reports), output)
    if failures:
        fail(f"{name}: {len(failures)} line(s) failed; the other lines were extracted")


# --- schema -----------------------------------------------------------------------------------


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of REPORT-V1, the shape of `extract --format json`."""
    from newstally.model import report_json_schema

    sys.stdout.write(json.dumps(report_json_schema(), indent=2) + "\n")
