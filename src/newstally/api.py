"""The application layer: what a user of newstally does, as functions over a store.

The CLI (`newstally.cli`), the web app (`newstally.web`) and Python users all come here to read
inputs, extract and store them, tally and export; they only parse arguments and present what
these return. Before this module the ingest loop (normalise, skip what is stored, extract,
store, count failures) was written out three times, and the three had begun to differ.

    >>> from newstally import api
    >>> with api.open_store("ledger.db") as store:           # doctest: +SKIP
    ...     done = api.ingest_inputs(["samples/"], store)
    >>> done.stored, done.present, done.failed               # doctest: +SKIP
    (15, 0, [])

The function is `ingest_inputs`, not `ingest`, because `newstally.ingest` is the package of
readers: a function of that name exported from `newstally` would be shadowed by the package as
soon as anything imported one of its modules.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from newstally.articles import ArticleInput, normalise_text
from newstally.errors import InputError
from newstally.model import Measure, Report, article_id
from newstally.store import Store, StoredFigure, open_store

if TYPE_CHECKING:
    from rich.console import Console

    from newstally.batch import BatchResult
    from newstally.evaluate.harness import EvalResult
    from newstally.evaluate.ledger import StoryScore
    from newstally.ingest.results import Failed, Ingested
    from newstally.tally import Tally

# spaCy, the web readers (trafilatura, httpx, warcio) and Dask are imported inside the
# functions that use them, so that `newstally figures` or `tally` starts without loading them.

__all__ = [
    "IngestSummary",
    "Store",
    "batch",
    "evaluate",
    "extract_article",
    "extract_lines",
    "ingest_inputs",
    "ingest_results",
    "open_store",
    "parse_date",
    "read_article",
    "read_text_folder",
    "read_url_list",
    "tally_store",
]

Notify = Callable[[str], None]
# Articles parsed together by `nlp.pipe` during an ingest. Measured on 120 crime-news articles
# (one process): 1 -> 21.2 s / 245 MB peak, 8 -> 20.2 s / 277 MB, 32 -> 18.7 s / 398 MB; 8 keeps
# most of the speed with memory near one article at a time (long articles make large Docs).
INGEST_BATCH = 8


@dataclass
class IngestSummary:
    """What one ingest did: articles stored, already present (same text), and one line for
    each input that failed, in the order they failed."""

    stored: int = 0
    present: int = 0
    failed: list[str] = field(default_factory=list)


def _ignore(_: str) -> None:
    return None


def ingest_inputs(
    inputs: Iterable[str | Path],
    store: Store,
    *,
    urls: Iterable[str] = (),
    allow_private: bool = False,
    published: dt.date | None = None,
    model: str | None = None,
    workers: int = 1,
    on_item: Notify = _ignore,
    on_failure: Notify = _ignore,
    figures_only: bool = False,
) -> IngestSummary:
    """Read files, folders and URLs (`read_inputs`), then extract and store each article.

    `published` overrides every article's own date; `workers` > 1 extracts in that many worker
    processes (the same reports; a script that does so needs an `if __name__ == "__main__":`
    guard, as every `spawn` pool does). A bad input never stops the rest: it is counted in
    `failed` and passed to `on_failure` as it happens; `on_item` hears each input's name
    (a progress bar). `figures_only` is the ledger mode (`extract.figures_only`): the reports
    leave out quotes and attributions outside the sentences the figures need.
    """
    from newstally.ingest.inputs import read_inputs

    results = read_inputs(inputs, urls=urls, allow_private=allow_private)
    return ingest_results(
        results, store, published=published, model=model, workers=workers,
        on_item=on_item, on_failure=on_failure, figures_only=figures_only,
    )


def ingest_results(
    results: Iterable[Ingested | Failed],
    store: Store,
    *,
    published: dt.date | None = None,
    model: str | None = None,
    workers: int = 1,
    on_item: Notify = _ignore,
    on_failure: Notify = _ignore,
    figures_only: bool = False,
) -> IngestSummary:
    """Extract and store what a reader yielded; the one ingest loop every caller shares.

    An article whose text is already stored (same content id) is skipped before extraction,
    unless this run is in full mode and the stored report was made in the ledger mode: the
    full report then replaces it.
    """
    from newstally.extract import extract_many
    from newstally.extract.pipeline import load_pipeline
    from newstally.ingest.results import Failed

    summary = IngestSummary()

    def failed(message: str) -> None:
        summary.failed.append(message)
        on_failure(message)

    def pending() -> Iterator[ArticleInput]:
        for result in results:
            on_item(result.name)
            try:
                if isinstance(result, Failed):
                    raise InputError(result.message)
                item = result.article
                text = normalise_text(item.text, result.name)
            except InputError as exc:
                failed(str(exc))
                continue
            # a full-mode run redoes what the ledger mode stored (`Store.add`)
            if store.has(article_id(text), full=not figures_only):
                summary.present += 1
                continue
            yield ArticleInput(
                text, published or item.published, item.url, item.title, item.outlet,
                item.authors,
            )

    nlp = load_pipeline(model)
    reports = extract_many(
        pending(), nlp=nlp, batch_size=INGEST_BATCH, fast=workers > 1, n_process=workers,
        figures_only=figures_only,
    )
    for report in reports:
        if store.add(report, figures_only=figures_only):
            summary.stored += 1
        else:
            summary.present += 1
    return summary


def read_text_folder(folder: Path) -> Iterator[Ingested | Failed]:
    """The plain-text articles under `folder` (NAME.txt with its NAME.meta.json sidecar), as
    a reader yields them; what the demo ingests."""
    from newstally.ingest.inputs import read_text_article
    from newstally.ingest.results import Failed, Ingested
    from newstally.ingest.text import Unreadable, text_file_paths

    for candidate in text_file_paths([folder]):
        if isinstance(candidate, Unreadable):
            yield Failed(str(candidate.path), candidate.message)
            continue
        try:
            yield Ingested(str(candidate), read_text_article(candidate))
        except InputError as exc:
            yield Failed(str(candidate), str(exc))


def extract_lines(
    handle: BinaryIO,
    name: str,
    *,
    published: dt.date | None = None,
    model: str | None = None,
    workers: int = 1,
    on_failure: Notify = _ignore,
    figures_only: bool = False,
) -> Iterator[Report]:
    """One report per good line of a JSON Lines file, in input order; a bad line is passed to
    `on_failure` and skipped. `figures_only` is the ledger mode (`extract.figures_only`)."""
    from newstally.extract import extract_many
    from newstally.extract.pipeline import load_pipeline
    from newstally.ingest.jsonl import read_article_lines

    def articles() -> Iterator[ArticleInput]:
        for item in read_article_lines(handle, name, published=published):
            if isinstance(item, InputError):
                on_failure(str(item))
            else:
                yield item

    yield from extract_many(
        articles(),
        nlp=load_pipeline(model),
        fast=workers > 1,
        n_process=workers,
        figures_only=figures_only,
    )


def tally_store(
    store: Store,
    *,
    measure: Measure | None = None,
    group: str | None = None,
    place: str | None = None,
    since: dt.date | None = None,
) -> Tally:
    """The ledger over a store's figures: claims, series, envelopes and disagreements."""
    from newstally.tally import tally

    figures: list[StoredFigure] = store.figures(measure=measure)
    return tally(figures, group=group, place=place, since=since)


def read_article(file: str) -> tuple[ArticleInput, str]:
    """One article file (or '-' for stdin, bounded like a file) with what its NAME.meta.json
    sidecar says, and the name to show for it."""
    from newstally.ingest.inputs import read_text_article
    from newstally.ingest.text import MAX_BYTES, decode_text

    if file == "-":
        text, _ = decode_text(sys.stdin.buffer.read(MAX_BYTES + 1), "<stdin>")
        return ArticleInput(text), "<stdin>"
    path = Path(file)
    return read_text_article(path), str(path)


def extract_article(
    item: ArticleInput, *, model: str | None = None, figures_only: bool = False
) -> Report:
    """The report for one article, in this process."""
    from newstally.extract import extract
    from newstally.extract.pipeline import load_pipeline

    return extract(
        item.text, item.published, url=item.url, title=item.title, outlet=item.outlet,
        authors=item.authors, nlp=load_pipeline(model), figures_only=figures_only,
    )


def read_url_list(path: Path) -> list[str]:
    """The URLs of a file of them, one a line (blank lines and # comments skipped)."""
    from newstally.ingest.inputs import read_url_list as read

    return read(path)


def parse_date(value: str, what: str) -> dt.date:
    """YYYY-MM-DD or a full ISO datetime; anything else is an InputError naming `what`."""
    from newstally.ingest.text import parse_date as parse

    return parse(value, what)


def batch(
    inputs: Iterable[str],
    db: str,
    *,
    out: Path | None = None,
    workers: int | None = None,
    threads_per_worker: int = 1,
    chunk_size: int | None = None,
    scheduler: str | None = None,
    model: str | None = None,
    published: dt.date | None = None,
    allow_private: bool = False,
    figures_only: bool = False,
    console: Console | None = None,
) -> BatchResult:
    """Extract on a Dask cluster into Parquet shards, then store them (`newstally.batch`);
    `figures_only` is the ledger mode, recorded with each stored report."""
    from newstally.batch import DEFAULT_CHUNK_SIZE, DEFAULT_WORKERS, Settings
    from newstally.batch import batch as run

    settings = Settings(
        model=model, published=published, allow_private=allow_private, figures_only=figures_only
    )
    return run(
        list(inputs), db=db, out=out, workers=workers or DEFAULT_WORKERS,
        threads_per_worker=threads_per_worker, chunk_size=chunk_size or DEFAULT_CHUNK_SIZE,
        scheduler=scheduler, settings=settings, console=console,
    )


def evaluate(
    dataset: Path,
    *,
    limit: int | None = None,
    model: str | None = None,
    figures_only: bool = False,
) -> EvalResult:
    """Score the extraction, or with `figures_only` the ledger mode, against a gold set
    (`newstally.evaluate.harness`)."""
    from newstally.evaluate.harness import evaluate as score
    from newstally.extract.pipeline import load_pipeline

    return score(dataset, limit=limit, nlp=load_pipeline(model), figures_only=figures_only)


def evaluate_stories(folders: Sequence[Path], *, model: str | None = None) -> list[StoryScore]:
    """Score the tally of each story folder's articles against its `ledger.gold.json`."""
    from newstally.evaluate.ledger import evaluate_stories as score

    return score(folders, model)

