"""Bytes in, text out: read articles from files (text.py); HTML, feeds and fetching come later.

Everything here refuses bad input with an `InputError` naming the input, so that a batch can
report it in one line and go on.
"""

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

__all__ = [
    "MAX_BYTES",
    "ArticleMeta",
    "TextFile",
    "Unreadable",
    "decode_text",
    "iter_text_files",
    "parse_date",
    "read_meta",
    "read_text_file",
]
