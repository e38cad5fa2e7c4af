"""How reports and stored figures are shown: Rich tables for people, JSON and CSV for tools."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text

from newstally.cli.common import OutputFormat, cell, console, write_rows
from newstally.model import Report

if TYPE_CHECKING:
    from newstally.store import StoredFigure
    from newstally.store.records import Cell


def figure_table(rows: Iterable[tuple[str, Any, Report | None]], title: str) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    for column in ("id", "measure", "count", "subject", "place", "source", "status", "when"):
        table.add_column(column, no_wrap=column in ("id", "measure", "status"))
    for label, figure, _ in rows:
        count = figure.count
        low = "?" if count.low is None else str(count.low)
        span = low if count.high == count.low else f"{low}..{count.high or ''}"
        source = figure.source.name or figure.source.text or "-"
        via = "".join(f" via {relay.text}" for relay in figure.via)
        when = figure.period.text if figure.period else ""
        if figure.reported:
            when = f"{when} (reported {figure.reported})" if when else f"reported {figure.reported}"
        place = figure.place.text if figure.place else ""
        if figure.place and figure.place.country:
            place = f"{place} ({figure.place.country})"
        table.add_row(
            cell(label),
            cell(figure.measure.value),
            cell(count.text if span == count.text.replace(",", "") else f"{count.text} ({span})"),
            cell(figure.subject.text),
            cell(place),
            cell(f"{source} [{figure.source.kind.value}]{via}"),
            cell(figure.status.value + (" (hedged)" if figure.hedges else "")),
            cell(when),
        )
    return table


def print_report_table(report: Report, name: str) -> None:
    article = report.article
    header = Text(f"{name}  ", style="bold")
    header.append(f"id {article.id}  published {article.published or '-'}", style="")
    if article.outlet:
        header.append(f"  outlet {article.outlet}")
    if article.authors:
        header.append(f"  by {', '.join(article.authors)}")
    console.print(header)
    if report.figures:
        rows = [(figure.id, figure, report) for figure in report.figures]
        console.print(figure_table(rows, f"{len(report.figures)} figures"))
    else:
        console.print("no figures")
    if report.quotes:
        table = Table(title=f"{len(report.quotes)} quotes", title_justify="left")
        table.add_column("speaker", overflow="fold")
        table.add_column("to", overflow="fold")
        table.add_column("quote", overflow="fold", ratio=1)
        for quote in report.quotes:
            speaker = quote.speaker or quote.speaker_description or "(unnamed)"
            text = quote.text if len(quote.text) <= 240 else quote.text[:237] + "..."
            shown = text if quote.direct else f"({text})"
            table.add_row(cell(speaker), cell(quote.to), cell(shown))
        console.print(table)
    if report.totals:
        totals = ", ".join(
            f"{measure.value} {total.low}"
            + ("" if total.high == total.low else f"..{total.high or ''}")
            for measure, total in report.totals.items()
        )
        console.print(Text(f"totals: {totals}"))


def report_rows(report: Report) -> Iterator[dict[str, Cell]]:
    from newstally.store.records import figure_columns

    article = report.article
    for figure in report.figures:
        yield {
            "article_id": article.id,
            "published": article.published.isoformat() if article.published else None,
            "outlet": article.outlet,
            "url": article.url,
            "title": article.title,
            **figure_columns(figure),
        }


def print_reports(reports: Iterable[tuple[Report, str]], output: OutputFormat) -> None:
    from newstally.store.records import ARTICLE_COLUMNS, FIGURE_COLUMNS

    if output is OutputFormat.CSV:
        write_rows(
            (row for report, _ in reports for row in report_rows(report)),
            ARTICLE_COLUMNS + FIGURE_COLUMNS,
        )
        return
    for report, name in reports:
        if output is OutputFormat.TABLE:
            print_report_table(report, name)
        elif output is OutputFormat.JSON:
            sys.stdout.write(report.to_json(indent=2) + "\n")
        else:
            sys.stdout.write(report.to_json() + "\n")
            sys.stdout.flush()


def print_stored_figures(figures: Sequence[StoredFigure], output: OutputFormat) -> None:
    from newstally.store.records import ARTICLE_COLUMNS, FIGURE_COLUMNS, stored_figure_row

    if output is OutputFormat.CSV:
        write_rows((stored_figure_row(f) for f in figures), ARTICLE_COLUMNS + FIGURE_COLUMNS)
    elif output is OutputFormat.JSON:
        payload = [f.model_dump(mode="json") for f in figures]
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    elif output is OutputFormat.JSONL:
        for stored in figures:
            sys.stdout.write(stored.model_dump_json() + "\n")
    else:
        rows = [(f"{s.published or '-'} {s.figure.id}", s.figure, None) for s in figures]
        console.print(figure_table(rows, f"{len(figures)} figures"))
