"""`newstally eval`: score the extraction against human-made gold."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newstally.cli.app import app
from newstally.cli.common import FormatOption, ModelOption, OutputFormat, cell, console, fail


@app.command("eval")
def eval_command(
    dataset: Annotated[
        Path,
        typer.Argument(
            help="JSON Lines gold set: counts (killed/injured/event_date) or attributions.",
            show_default=False,
        ),
    ],
    errors: Annotated[
        Path | None,
        typer.Option(help="Write every miss, with its sentences, as JSON Lines to this file.",
                     show_default=False),
    ] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Score the first N articles.", show_default=False)
    ] = None,
    output: FormatOption = OutputFormat.TABLE,
    model: ModelOption = None,
) -> None:
    """Score the extraction against human-made gold: accuracy, or P/R/F1, misses and speed."""
    from newstally import api
    from newstally.evaluate.harness import scores, summary_rows, write_errors

    if output not in (OutputFormat.TABLE, OutputFormat.JSON):
        fail(f"--format: eval prints table or json, not {output.value}", code=2)
    result = api.evaluate(dataset, limit=limit, model=model)
    if errors is not None:
        write_errors(result, errors)
    if output is OutputFormat.JSON:
        payload = {"scores": scores(result), **result.model_dump(mode="json")}
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        return
    table = Table(title=f"{result.dataset} ({result.kind.value})", title_justify="left")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for name, value in summary_rows(result):
        table.add_row(cell(name), cell(value))
    console.print(table)
    if errors is not None:
        console.print(f"{len(result.misses)} misses written to {errors}", markup=False)
