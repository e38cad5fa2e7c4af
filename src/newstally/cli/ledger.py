"""The ledger's commands: `figures` and `copies` (what is stored), `tally` and `timeline` (claims
and series across articles), `export`. The logic is in newstally.tally and newstally.store.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from newstally.cli.app import app
from newstally.cli.common import (
    DEFAULT_DB,
    CountryOption,
    DbOption,
    FormatOption,
    GroupOption,
    MeasureOption,
    OutputFormat,
    PlaceOption,
    SinceOption,
    console,
    err_console,
    existing_db,
    fail,
    open_db,
    parse_measure,
    published_date,
    write_rows,
)
from newstally.cli.tables import print_stored_figures


@app.command("figures")
def figures_command(
    db: DbOption = DEFAULT_DB,
    measure: MeasureOption = None,
    group: GroupOption = None,
    place: PlaceOption = None,
    since: SinceOption = None,
    article: Annotated[
        str | None, typer.Option("--article", help="One article's id.", show_default=False)
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, show_default=False)] = None,
    output: FormatOption = OutputFormat.TABLE,
) -> None:
    """List stored figures, oldest article first."""
    chosen = parse_measure(measure)
    after = published_date(since, "--since")
    if group:
        from newstally.tally.groups import normalise_group

        group = normalise_group(group)  # any alias: 'DPRK' finds North Korea's figures
    with open_db(existing_db(db)) as store:
        figures = store.figures(
            measure=chosen, group=group, place=place, since=after, article_id=article, limit=limit
        )
    print_stored_figures(figures, output)


@app.command("copies")
def copies_command(db: DbOption = DEFAULT_DB, output: FormatOption = OutputFormat.TABLE) -> None:
    """List near-duplicate articles (one wire story in many outlets) and what each copies.

    Articles are linked as they are stored, each to the earliest stored copy; a store made
    by an older newstally is indexed once when it is first opened.
    """
    from newstally.store.records import Copy

    with open_db(existing_db(db)) as store:
        copies = store.copies()
    rows = [copy.model_dump(mode="json") for copy in copies]
    if output is OutputFormat.JSON:
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    elif output is OutputFormat.JSONL:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif output is OutputFormat.CSV:
        write_rows(rows, list(Copy.model_fields))
    else:
        stories = len({c.copy_of for c in copies})
        table = Table(
            title=f"{len(copies)} copies of {stories} {'story' if stories == 1 else 'stories'}"
        )
        for column in ("copy of", "article", "similarity", "published", "outlet", "title"):
            table.add_column(column, overflow="fold")
        for copy in copies:
            table.add_row(
                Text(copy.copy_of[:12]),
                Text(copy.article_id[:12]),
                Text(f"{copy.similarity:.2f}"),
                Text(str(copy.published or "-")),
                Text(copy.outlet or "-"),
                Text(copy.title or "-"),
            )
        console.print(table)




class TallyFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


@app.command("tally")
def tally_command(
    db: DbOption = DEFAULT_DB,
    measure: MeasureOption = None,
    group: GroupOption = None,
    place: CountryOption = None,
    since: SinceOption = None,
    output: Annotated[
        TallyFormat, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
    ] = TallyFormat.TABLE,
) -> None:
    """Series of claims across articles: merged relays, envelopes and disagreements."""
    from newstally import api
    from newstally.tally.present import CLAIM_COLUMNS, claim_rows, tally_tables

    chosen = parse_measure(measure)
    after = published_date(since, "--since")
    with open_db(existing_db(db)) as store:
        result = api.tally_store(store, measure=chosen, group=group, place=place, since=after)
    if output is TallyFormat.JSON:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
    elif output is TallyFormat.CSV:
        write_rows(claim_rows(result), CLAIM_COLUMNS)
    else:
        console.print(tally_tables(result))


@app.command("timeline")
def timeline_command(
    series: Annotated[
        str, typer.Argument(help="MEASURE/GROUP/PLACE: 'killed/North Korea/RU' ('-': unknown).")
    ],
    db: DbOption = DEFAULT_DB,
    png: Annotated[
        Path | None, typer.Option("--png", help="Also write the chart as a PNG file.")
    ] = None,
    output: Annotated[
        TallyFormat, typer.Option("--format", "-f", case_sensitive=False, help="table or json.")
    ] = TallyFormat.TABLE,
) -> None:
    """One series over time: a chart in the terminal (or its points as JSON)."""
    from newstally.tally import parse_series_key, series_key, tally
    from newstally.tally.present import timeline_text, write_png
    from newstally.tally.timeline import timeline

    measure, group, place = parse_series_key(series)
    with open_db(existing_db(db)) as store:
        result = tally(store.figures(measure=measure))
    wanted = series_key(measure, group, place).casefold()
    found = next((s for s in result.series if s.key.casefold() == wanted), None)
    if found is None:
        known = ", ".join(s.key for s in result.series[:5]) or "none"
        fail(f"series {series!r} has no figures (series of {measure.value}: {known})")
    points = timeline(found)
    if png is not None:
        write_png(points, png)
    if output is TallyFormat.JSON:
        sys.stdout.write(points.model_dump_json(indent=2) + "\n")
    elif output is TallyFormat.CSV:
        fail("timeline writes table or json", code=2)
    else:
        console.print(timeline_text(points, width=max(12, console.width - 70)))
    if png is not None:
        err_console.print(f"wrote {png}", markup=False)


@app.command("export")
def export_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write.")],
    db: DbOption = DEFAULT_DB,
    what: Annotated[
        str, typer.Option("--what", help="articles, figures, claims or series.")
    ] = "figures",
    output: Annotated[
        str, typer.Option("--format", "-f", help="csv, jsonl or parquet.")
    ] = "csv",
) -> None:
    """Export articles, figures, claims or series to CSV, JSON Lines or Parquet."""
    from newstally.tally.export import ExportFormat, ExportWhat, export

    try:
        kind, fmt = ExportWhat(what.lower()), ExportFormat(output.lower())
    except ValueError:
        fail(f"--what {what!r} / --format {output!r}: use articles|figures|claims|series "
             "and csv|jsonl|parquet", code=2)
    with open_db(existing_db(db)) as store:
        written = export(store, kind, fmt, out)
    err_console.print(f"wrote {written} {kind.value} to {out}", markup=False)
