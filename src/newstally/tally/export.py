"""Export articles, figures, claims or series to CSV, JSON Lines or Parquet.

CSV and Parquet get flat rows (the same columns as `figures --format csv` and
`tally --format csv`); JSON Lines gets whole records, one per line. Articles are read in pages,
so exporting a large store does not hold every text in memory at once.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import IO

from newstally.errors import InputError
from newstally.store import Store
from newstally.store.records import ARTICLE_COLUMNS, FIGURE_COLUMNS, stored_figure_row
from newstally.tally.present import CLAIM_COLUMNS, SERIES_COLUMNS, Cell, claim_rows, series_rows
from newstally.tally.series import tally

ARTICLE_EXPORT_COLUMNS: tuple[str, ...] = (
    "id",
    "url",
    "title",
    "outlet",
    "authors",
    "published",
    "language",
    "text",
)
ARTICLE_PAGE = 500


class ExportFormat(StrEnum):
    CSV = "csv"
    JSONL = "jsonl"
    PARQUET = "parquet"


class ExportWhat(StrEnum):
    ARTICLES = "articles"
    FIGURES = "figures"
    CLAIMS = "claims"
    SERIES = "series"


def _article_records(store: Store) -> Iterator[tuple[dict[str, Cell], str]]:
    offset = 0
    while True:
        page = store.articles(limit=ARTICLE_PAGE, offset=offset)
        for article in page:
            row: dict[str, Cell] = {
                "id": article.id,
                "url": article.url,
                "title": article.title,
                "outlet": article.outlet,
                "authors": json.dumps(article.authors, ensure_ascii=False),
                "published": article.published.isoformat() if article.published else None,
                "language": article.language,
                "text": article.text,
            }
            yield row, article.model_dump_json()
        if len(page) < ARTICLE_PAGE:
            return
        offset += ARTICLE_PAGE


def records(
    store: Store, what: ExportWhat
) -> tuple[Sequence[str], Iterator[tuple[dict[str, Cell], str]]]:
    """Columns, and (flat row, JSON line) pairs for everything of one kind in the store."""
    if what is ExportWhat.ARTICLES:
        return ARTICLE_EXPORT_COLUMNS, _article_records(store)
    figures = store.figures()
    if what is ExportWhat.FIGURES:
        return ARTICLE_COLUMNS + FIGURE_COLUMNS, (
            (stored_figure_row(f), f.model_dump_json()) for f in figures
        )
    result = tally(figures)
    if what is ExportWhat.CLAIMS:
        claims = [c for s in result.series for c in s.claims]
        return CLAIM_COLUMNS, (
            (row, claim.model_dump_json())
            for row, claim in zip(claim_rows(result), claims, strict=True)
        )
    return SERIES_COLUMNS, (
        (row, series.model_dump_json())
        for row, series in zip(series_rows(result), result.series, strict=True)
    )


def export(store: Store, what: ExportWhat, output: ExportFormat, out: Path) -> int:
    """Write one kind of record to `out`; return how many were written."""
    columns, rows = records(store, what)
    try:
        if output is ExportFormat.PARQUET:
            return _parquet(columns, rows, out)
        with out.open("w", encoding="utf-8", newline="") as handle:
            return _text(columns, rows, output, handle)
    except OSError as exc:
        raise InputError(f"{out}: cannot write ({exc.strerror or exc})") from exc


def _text(
    columns: Sequence[str],
    rows: Iterator[tuple[dict[str, Cell], str]],
    output: ExportFormat,
    handle: IO[str],
) -> int:
    written = 0
    if output is ExportFormat.CSV:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        for row, _ in rows:
            writer.writerow(row)
            written += 1
    else:
        for _, line in rows:
            handle.write(line + "\n")
            written += 1
    return written


def _parquet(columns: Sequence[str], rows: Iterator[tuple[dict[str, Cell], str]], out: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    flat = [row for row, _ in rows]
    table = pa.Table.from_pydict({c: [row.get(c) for row in flat] for c in columns})
    pq.write_table(table, str(out))
    return len(flat)
