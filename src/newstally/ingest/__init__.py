"""Bytes in, text out: text files (text.py), web pages, feeds, crawls and URLs (`read_inputs`).

Everything here refuses bad input with an `InputError` naming the input, so that a batch can
report it in one line and go on.
"""

from typing import TYPE_CHECKING, Any

from newstally.ingest.text import (
    MAX_BYTES,
    ArticleMeta,
    TextFile,
    Unreadable,
    decode_text,
    iter_text_files,
    parse_date,
    read_meta,
    read_text_file,
)

if TYPE_CHECKING:
    from newstally.ingest.inputs import read_inputs
    from newstally.ingest.results import Failed, Ingested


def __getattr__(name: str) -> Any:
    """Import the web readers (trafilatura, httpx, warcio) only when they are used."""
    if name == "read_inputs":
        from newstally.ingest.inputs import read_inputs

        return read_inputs
    if name in ("Failed", "Ingested"):
        from newstally.ingest import results

        return getattr(results, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Failed",
    "Ingested",
    "MAX_BYTES",
    "ArticleMeta",
    "TextFile",
    "Unreadable",
    "decode_text",
    "iter_text_files",
    "parse_date",
    "read_inputs",
    "read_meta",
    "read_text_file",
]
