"""`newstally eval`: score the extraction against human-made gold.

Two kinds of gold: a JSON Lines set of articles (counts or attributions, `evaluate.harness`),
or story folders of articles with a `ledger.gold.json` (the tally, `evaluate.ledger`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

if TYPE_CHECKING:
    from newstally.evaluate.ledger import StoryScore

from newstally.cli.app import app
from newstally.cli.common import (
    FiguresOnlyOption,
    FormatOption,
    ModelOption,
    OutputFormat,
    cell,
    console,
    fail,
)


@app.command("eval")
def eval_command(
    datasets: Annotated[
        list[Path],
        typer.Argument(
            help="JSON Lines gold set: counts (killed/injured/event_date) or attributions;"
            " or story folders of articles with a ledger.gold.json.",
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
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Story folders: list every gold claim.")
    ] = False,
    figures_only: FiguresOnlyOption = False,
) -> None:
    """Score the extraction against human-made gold: accuracy, or P/R/F1, misses and speed.

    Given story folders (`newstally eval samples/stories/*/`), score the tally of each
    story's articles against its ledger gold instead.
    """
    from newstally import api
    from newstally.evaluate.harness import scores, summary_rows, write_errors

    if output not in (OutputFormat.TABLE, OutputFormat.JSON):
        fail(f"--format: eval prints table or json, not {output.value}", code=2)
    folders = [path for path in datasets if path.is_dir()]
    if folders:
        if len(folders) != len(datasets):
            fail("give either one JSON Lines gold set or story folders, not both", code=2)
        if errors is not None or limit is not None or figures_only:
            fail(
                "--errors, --limit and --figures-only score a JSON Lines gold set,"
                " not story folders",
                code=2,
            )
        _print_story_scores(api.evaluate_stories(folders, model=model), output, verbose)
        return
    if len(datasets) > 1:
        fail(f"give one JSON Lines gold set, not {len(datasets)} files", code=2)
    if verbose:
        fail("--verbose lists the claims of story folders, not of a JSON Lines set", code=2)
    dataset = datasets[0]
    result = api.evaluate(dataset, limit=limit, model=model, figures_only=figures_only)
    if errors is not None:
        write_errors(result, errors)
    if output is OutputFormat.JSON:
        payload = {"scores": scores(result), **result.model_dump(mode="json")}
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        return
    mode = ", figures-only mode" if result.figures_only else ""
    table = Table(title=f"{result.dataset} ({result.kind.value}{mode})", title_justify="left")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for name, value in summary_rows(result):
        table.add_row(cell(name), cell(value))
    console.print(table)
    if errors is not None:
        console.print(f"{len(result.misses)} misses written to {errors}", markup=False)


def _print_story_scores(
    story_scores: list[StoryScore], output: OutputFormat, verbose: bool
) -> None:
    from newstally.evaluate.ledger import format_table, scores_json

    if output is OutputFormat.JSON:
        sys.stdout.write(json.dumps(scores_json(story_scores), indent=2) + "\n")
    else:
        sys.stdout.write(format_table(story_scores, verbose=verbose))
