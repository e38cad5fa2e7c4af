"""An article as a caller hands it over, before extraction: `ArticleInput` and its text checks.

Readers (`newstally.ingest`) make these and the extractor (`newstally.extract`) consumes them;
both import this module, neither imports the other, so the record lives down here with the
other plain records (`newstally.model`).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from newstally.errors import InputError

# Articles are hostile input: bound their size. A long-form feature is ~100k characters;
# spaCy's own default limit is 1,000,000.
MAX_TEXT_CHARS = 1_000_000


@dataclass(frozen=True)
class ArticleInput:
    """What a caller knows about an article before extraction."""

    text: str
    published: dt.date | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()


def normalise_text(text: str, name: str = "text") -> str:
    """NFC-normalise and check an article's text; offsets in the report index the result."""
    if "\x00" in text:
        raise InputError(f"{name}: contains NUL bytes; this looks like a binary file, not text")
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise InputError(f"{name}: is empty")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"{name}: is {len(text):,} characters; the limit for one article is {MAX_TEXT_CHARS:,}"
        )
    return text
