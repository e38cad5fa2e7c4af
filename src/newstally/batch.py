"""Extraction on a Dask cluster: inputs in chunks, one Parquet shard per chunk, then the store.

Why this shape: extraction (spaCy) is the slow step and parallelises by article, while the store
is one database that wants one writer. So workers only read inputs, extract and write shards; the
client that started the run is the single writer, adding each shard's reports as it lands.

Restarting is free of bookkeeping: a chunk's id is a hash of its inputs (path, size and mtime, or
URL) and the settings that shape its reports, and a chunk is done when its marker
`shards/<id>.done` exists. The shard is written to a temporary name and renamed, then the marker
is written the same way, so a run killed at any moment leaves either a finished chunk or nothing.
A restarted run skips finished chunks, loads every shard again (articles already stored are
skipped by content id) and computes the rest.

Workers read the inputs themselves, so a remote cluster must see the same paths (a shared
filesystem) and have newstally installed; `--out` must be shared too.

>>> plan = plan_chunks(["samples"], chunk_size=20)   # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newstally.errors import InputError, NewstallyError

if TYPE_CHECKING:
    from distributed import Client
    from rich.console import Console

    from newstally.articles import ArticleInput
    from newstally.model import Report
    from newstally.store import Store

SHARD_COLUMNS = ("article_id", "report", "source", "error")
DEFAULT_CHUNK_SIZE = 20
DEFAULT_WORKERS = 2
# Bumped when a shard's columns or meaning change, so old shards are not mistaken for new ones.
SHARD_VERSION = 1


@dataclass(frozen=True)
class Settings:
    """What every chunk is extracted with; part of each chunk's id, since it shapes the reports."""

    model: str | None = None
    published: dt.date | None = None
    allow_private: bool = False
    # the ledger mode (`extract.figures_only`)
    figures_only: bool = False

    def fingerprint(self) -> str:
        published = self.published.isoformat() if self.published else ""
        # the mode is appended only when set, so full-mode chunk ids (and finished shards)
        # stay those of earlier versions
        mode = "|figures-only" if self.figures_only else ""
        return f"v{SHARD_VERSION}|{self.model or ''}|{published}|{self.allow_private}{mode}"


@dataclass(frozen=True)
class Chunk:
    """A few inputs extracted by one task. `inputs` are absolute paths or URLs."""

    id: str
    inputs: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """The chunks of a run, and the inputs that could not even be listed (one line each)."""

    chunks: tuple[Chunk, ...]
    failures: tuple[str, ...] = ()


@dataclass(frozen=True)
class ShardRow:
    """One row of a shard: a report (as REPORT-V1 JSON) or the one-line error of an input."""

    source: str
    article_id: str | None = None
    report: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class ChunkDone:
    """What a worker sends back: small, since the reports travel through the shard."""

    chunk_id: str
    articles: int
    errors: int
    seconds: float


@dataclass
class BatchResult:
    """Counts for the summary line, and every failure (one line each) for stderr."""

    chunks: int = 0
    computed: int = 0
    skipped: int = 0
    stored: int = 0
    present: int = 0
    failures: list[str] = field(default_factory=list)


# --- planning (client) ---------------------------------------------------------------------


def plan_chunks(
    inputs: Iterable[str | Path],
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    settings: Settings | None = None,
) -> Plan:
    """Expand folders into files and cut the list into chunks of `chunk_size` inputs, in order.

    The same inputs (unchanged on disk) and settings give the same chunk ids, which is what lets
    a restarted run find its finished chunks."""
    from newstally.ingest.inputs import expand, is_url
    from newstally.ingest.results import Failed

    if chunk_size < 1:
        raise InputError(f"--chunk-size must be at least 1, not {chunk_size}")
    chosen = settings or Settings()
    keyed: list[tuple[str, str]] = []
    failures: list[str] = []
    for value in inputs:
        if is_url(value):
            keyed.append((str(value), str(value)))
            continue
        for path in expand(Path(value)):
            if isinstance(path, Failed):
                failures.append(path.message)
                continue
            absolute = os.path.abspath(path)
            keyed.append((absolute, _file_key(absolute)))
    chunks: dict[str, Chunk] = {}  # the same inputs given twice are one chunk
    for start in range(0, len(keyed), chunk_size):
        part = keyed[start : start + chunk_size]
        digest = hashlib.sha256(chosen.fingerprint().encode("utf-8"))
        for _, key in part:
            digest.update(b"\0" + key.encode("utf-8", "surrogateescape"))
        chunk_id = digest.hexdigest()[:20]
        chunks.setdefault(chunk_id, Chunk(chunk_id, tuple(name for name, _ in part)))
    return Plan(tuple(chunks.values()), tuple(failures))


def _file_key(path: str) -> str:
    """A changed file (size or mtime) is a new chunk: its old shard would be stale."""
    try:
        info = os.stat(path)
    except OSError:
        return path  # the worker reports it by name
    return f"{path}|{info.st_size}|{info.st_mtime_ns}"


# --- one chunk (worker) --------------------------------------------------------------------


def shard_path(out: Path, chunk_id: str) -> Path:
    return out / "shards" / f"{chunk_id}.parquet"


def marker_path(out: Path, chunk_id: str) -> Path:
    return out / "shards" / f"{chunk_id}.done"


def is_done(out: Path, chunk: Chunk) -> bool:
    return marker_path(out, chunk.id).exists() and shard_path(out, chunk.id).exists()


def run_chunk(chunk: Chunk, out: str, settings: Settings) -> ChunkDone:
    """The Dask task: read a chunk's inputs, extract them, write its shard, then its marker.

    The spaCy pipeline comes from `load_pipeline`, which caches it per process: a worker loads
    it for its first chunk and reuses it for every later one."""
    started = time.perf_counter()
    rows = extract_chunk(chunk, settings)
    folder = Path(out)
    write_shard(shard_path(folder, chunk.id), rows)
    done = ChunkDone(
        chunk_id=chunk.id,
        articles=sum(1 for row in rows if row.error is None),
        errors=sum(1 for row in rows if row.error is not None),
        seconds=round(time.perf_counter() - started, 3),
    )
    marker = {**dataclasses.asdict(done), "inputs": list(chunk.inputs)}
    _write_atomically(marker_path(folder, chunk.id), json.dumps(marker, indent=1).encode())
    return done


def extract_chunk(chunk: Chunk, settings: Settings) -> list[ShardRow]:
    """Every article of a chunk's inputs as a row, in input order; a bad input or article is
    an error row naming it and never stops the others."""
    from newstally.articles import normalise_text
    from newstally.extract.pipeline import load_pipeline
    from newstally.ingest.inputs import read_inputs
    from newstally.ingest.results import Failed

    slots: list[ShardRow | None] = []
    pending: list[tuple[int, str, ArticleInput]] = []
    for result in read_inputs(chunk.inputs, allow_private=settings.allow_private):
        if isinstance(result, Failed):
            slots.append(ShardRow(source=result.name, error=_one_line(result.message)))
            continue
        try:
            text = normalise_text(result.article.text, result.name)
        except InputError as exc:
            slots.append(ShardRow(source=result.name, error=_one_line(str(exc))))
            continue
        item = dataclasses.replace(
            result.article, text=text, published=settings.published or result.article.published
        )
        pending.append((len(slots), result.name, item))
        slots.append(None)
    if pending:
        nlp = load_pipeline(settings.model)
        items = [item for _, _, item in pending]
        outcomes = extract_each(items, nlp, figures_only=settings.figures_only)
        for (slot, name, _), outcome in zip(pending, outcomes, strict=True):
            if isinstance(outcome, str):
                slots[slot] = ShardRow(source=name, error=f"{name}: {outcome}")
            else:
                report_id = outcome.article.id
                slots[slot] = ShardRow(source=name, article_id=report_id, report=outcome.to_json())
    return [row for row in slots if row is not None]


def extract_each(
    items: Sequence[ArticleInput], nlp: Any, *, figures_only: bool = False
) -> Iterator[Report | str]:
    """`extract_many` over all items, batched; when it raises, the article at fault is found by
    extracting the next one alone, so one bad article costs one error, not the chunk."""
    from newstally.extract import extract_many

    done = 0
    while done < len(items):
        try:
            for report in extract_many(items[done:], nlp=nlp, figures_only=figures_only):
                done += 1
                yield report
        except Exception:
            # Batching means the failure may belong to any article of the batch: retry the
            # first one not yet done on its own; the batch resumes after it either way.
            try:
                (report,) = extract_many([items[done]], nlp=nlp, figures_only=figures_only)
            except Exception as exc:
                yield f"extraction failed ({type(exc).__name__}: {_one_line(str(exc))})"
            else:
                yield report
            done += 1


def write_shard(path: Path, rows: Sequence[ShardRow]) -> None:
    """Write rows as Parquet under a temporary name, then rename: readers never see half."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = {name: [getattr(row, name) for row in rows] for name in SHARD_COLUMNS}
    table = pa.table({name: pa.array(values, pa.string()) for name, values in columns.items()})
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(table, temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def read_shard(path: Path) -> list[ShardRow]:
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path, columns=list(SHARD_COLUMNS))
    except (OSError, ValueError) as exc:
        raise NewstallyError(f"{path}: shard cannot be read ({_one_line(str(exc))})") from exc
    return [ShardRow(**row) for row in table.to_pylist()]


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _one_line(message: str) -> str:
    return " ".join(message.split())


# --- loading (client) ----------------------------------------------------------------------


def load_shard(
    store: Store, path: Path, result: BatchResult, *, figures_only: bool = False
) -> None:
    """Add a shard's reports to the store; articles already there are skipped before parsing,
    so loading the shards of a restarted run again costs one lookup per article. A full-mode
    shard replaces what the ledger mode (`figures_only`) stored, as `ingest` does."""
    from newstally.model import Report

    for row in read_shard(path):
        if row.error is not None or row.report is None or row.article_id is None:
            result.failures.append(row.error or f"{row.source}: shard row without a report")
            continue
        if store.has(row.article_id, full=not figures_only):
            result.present += 1
            continue
        report = Report.model_validate_json(row.report)
        if store.add(report, figures_only=figures_only):
            result.stored += 1
        else:
            result.present += 1


def run_batch(
    plan: Plan,
    *,
    client: Client | None,
    store: Store,
    out: Path,
    settings: Settings | None = None,
    console: Console | None = None,
) -> BatchResult:
    """Skip finished chunks, compute the rest on `client`'s cluster, and load every shard into
    `store` in input order as its chunk is done (the client is the store's only writer).
    `client` may be None when every chunk is done."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    chosen = settings or Settings()
    result = BatchResult(chunks=len(plan.chunks), failures=list(plan.failures))
    todo = [chunk for chunk in plan.chunks if not is_done(out, chunk)]
    result.skipped = len(plan.chunks) - len(todo)
    (out / "shards").mkdir(parents=True, exist_ok=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("stored {task.fields[stored]}"),
        console=console,
        transient=True,
        disable=console is None or not console.is_terminal,
    ) as progress:
        bar = progress.add_task("chunks", total=len(plan.chunks), stored=0)
        if todo and client is None:
            raise NewstallyError(f"{len(todo)} chunks to compute and no Dask client")
        futures: dict[str, Any] = {}
        if todo and client is not None:
            mapped = client.map(
                run_chunk,
                todo,
                out=str(out),
                settings=chosen,
                key=[f"newstally-chunk-{chunk.id}" for chunk in todo],
                retries=1,
            )
            futures = {chunk.id: future for chunk, future in zip(todo, mapped, strict=True)}
        # Shards are stored in the plan's (input) order, whatever order they finish in, so the
        # first copy of a story in the input is the canonical one, as with `ingest`.
        for chunk in plan.chunks:
            future = futures.pop(chunk.id, None)
            if future is None:
                load_shard(
                    store, shard_path(out, chunk.id), result, figures_only=chosen.figures_only
                )
            else:
                try:
                    future.result()
                except Exception as exc:
                    first = chunk.inputs[0] if chunk.inputs else chunk.id
                    more = f" and {len(chunk.inputs) - 1} more" if len(chunk.inputs) > 1 else ""
                    result.failures.append(
                        f"{first}{more}: chunk {chunk.id} failed "
                        f"({type(exc).__name__}: {_one_line(str(exc))})"
                    )
                else:
                    result.computed += 1
                    load_shard(
                        store, shard_path(out, chunk.id), result, figures_only=chosen.figures_only
                    )
                finally:
                    future.release()
            progress.update(bar, advance=1, stored=result.stored)
    return result


def default_out(db: str) -> Path:
    """Shards live beside the database: `news.db` -> `news.db.batch/`."""
    if "://" in db and not db.startswith("sqlite:///"):
        raise InputError(f"--db {db}: give --out DIR for the shards of a database URL")
    return Path(db.removeprefix("sqlite:///") + ".batch")


def batch(
    inputs: Sequence[str],
    *,
    db: str,
    out: Path | None = None,
    workers: int = DEFAULT_WORKERS,
    threads_per_worker: int = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    scheduler: str | None = None,
    settings: Settings | None = None,
    console: Console | None = None,
) -> BatchResult:
    """Plan, start (or connect to) a cluster, run and load: what `newstally batch` does."""
    import logging

    from distributed import Client, LocalCluster

    from newstally.store import open_store

    chosen = settings or Settings()
    folder = out or default_out(db)
    plan = plan_chunks(inputs, chunk_size=chunk_size, settings=chosen)
    with open_store(db) as store:
        if not any(not is_done(folder, chunk) for chunk in plan.chunks):
            # everything was done before: load the shards without starting a cluster
            return run_batch(
                plan, client=None, store=store, out=folder, settings=chosen, console=console
            )
        if scheduler is not None:
            try:
                client = Client(scheduler, timeout=10)  # type: ignore[no-untyped-call]
            except (OSError, TimeoutError) as exc:
                raise InputError(f"--scheduler {scheduler}: cannot connect ({exc})") from exc
            with client:
                return run_batch(
                    plan, client=client, store=store, out=folder, settings=chosen, console=console
                )
        with (
            LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=workers,
                threads_per_worker=threads_per_worker,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,  # type: ignore[no-untyped-call]
        ):
            return run_batch(
                plan, client=client, store=store, out=folder, settings=chosen, console=console
            )
