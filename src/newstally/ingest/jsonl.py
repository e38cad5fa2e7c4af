"""Read articles from JSON Lines: one `{"text": ..., "published": ...}` object per line.

A batch file is hostile input like any other: a bad line yields an `InputError` naming the line
(`articles.jsonl:7: ...`) in place of an article, so the caller reports it and goes on. Lines are
read with a size bound, so one enormous line cannot exhaust memory.

>>> import io
>>> [a.text for a in read_article_lines(io.BytesIO(b'{"text": "Two died."}\\n'), "a.jsonl")]
['Two died.']
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import BinaryIO

from newstally.articles import MAX_TEXT_CHARS, ArticleInput, normalise_text
from newstally.errors import InputError
from newstally.ingest.text import parse_date

# A line holds one article: its text (at most MAX_TEXT_CHARS characters, up to 4 bytes each once
# escaped as UTF-8) and a few fields.
MAX_LINE_BYTES = MAX_TEXT_CHARS * 4 + 64 * 1024

KNOWN_KEYS = frozenset({"text", "published", "id", "url", "title", "outlet", "authors"})


def _bounded_lines(handle: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """Yield each line, or None for a line longer than `limit` (skipped without keeping it)."""
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:
                rest = handle.readline(1024 * 1024)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
        else:
            yield line


def article_from_json(
    line: bytes | str, name: str, published: dt.date | None = None
) -> ArticleInput:
    """Read one line. `text` is required; `published` (YYYY-MM-DD), `url`, `title`, `outlet`
    and `authors` are optional; `id` is accepted and ignored (output keeps input order, and an
    article's id is derived from its text). `published` given here wins over the line's."""
    try:
        raw = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{name}: is not valid JSON ({exc})") from exc
    if not isinstance(raw, dict):
        raise InputError(f"{name}: must be a JSON object with a 'text' field")
    unknown = sorted(set(raw) - KNOWN_KEYS)
    if unknown:
        known = ", ".join(sorted(KNOWN_KEYS))
        raise InputError(f"{name}: unknown key {unknown[0]!r} (known: {known})")
    text = raw.get("text")
    if not isinstance(text, str):
        raise InputError(f"{name}: needs a 'text' string")
    fields: dict[str, str | None] = {}
    for key in ("url", "title", "outlet"):
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{name}: {key!r} must be a string")
        fields[key] = value
    authors = raw.get("authors") or []
    if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
        raise InputError(f"{name}: 'authors' must be a list of names")
    when = published
    if when is None and raw.get("published") is not None:
        when = parse_date(raw["published"], f"{name}: published")
    return ArticleInput(
        text=normalise_text(text, name),
        published=when,
        url=fields["url"],
        title=fields["title"],
        outlet=fields["outlet"],
        authors=tuple(authors),
    )


def read_article_lines(
    handle: BinaryIO, name: str, *, published: dt.date | None = None
) -> Iterator[ArticleInput | InputError]:
    """Yield an article, or the error for its line, for every non-blank line of `handle`."""
    for number, line in enumerate(_bounded_lines(handle, MAX_LINE_BYTES), start=1):
        where = f"{name}:{number}"
        if line is None:
            yield InputError(f"{where}: is longer than {MAX_LINE_BYTES:,} bytes")
            continue
        if not line.strip():
            continue
        try:
            yield article_from_json(line, where, published)
        except InputError as exc:
            yield exc
