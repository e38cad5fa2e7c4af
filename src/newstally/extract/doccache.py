"""What the rules read from a parsed document again and again, built once per document.

spaCy builds `Doc.text` (a join over every token), `Doc.ents` (a new `Span` per entity) and
`Span.ents` (a filter over a freshly built `Doc.ents`) anew on every access, and the steps read
them per figure, per quote and per source: on the dev sets that was about half of the rules'
time. Iterating a document or a sentence makes a new `Token` object for every token each time,
and seven attribution finders walk every sentence: `sent_tokens` walks one list made once.
`Steps.run` reads one article inside `reading(doc)`; within it the functions here return values
computed once for that document, and outside it (a step called on its own, a test) they return
spaCy's attribute as it is. The values live only while the steps run, so a document
changed afterwards never sees a stale one, and nothing is left in `Doc.user_data`. A parsed
document is not changed by the steps, so inside a reading each function gives exactly what the
spaCy attribute it stands for gives:

    >>> with reading(doc):
    ...     doc_text(doc) == doc.text and span_ents(doc[0:5]) == doc[0:5].ents
    True
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token


@dataclass
class _Reading:
    """One document's values, each built on first use."""

    doc: Doc
    text: str | None = None
    ents: tuple[Span, ...] | None = None
    ent_starts: list[int] = field(default_factory=list)
    token_starts: list[int] | None = None
    token_ends: list[int] | None = None
    lowers: list[str] | None = None
    tokens: list[Token] | None = None


_CURRENT: ContextVar[_Reading | None] = ContextVar("newstally_reading", default=None)


@contextmanager
def reading(doc: Doc) -> Iterator[None]:
    """Keep `doc`'s text, entities and token offsets once while the block runs."""
    token = _CURRENT.set(_Reading(doc))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def _current(doc: Doc) -> _Reading | None:
    found = _CURRENT.get()
    return found if found is not None and found.doc is doc else None


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per reading."""
    found = _current(doc)
    if found is None:
        return doc.text
    if found.text is None:
        found.text = doc.text
    return found.text


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, built once per reading."""
    found = _current(doc)
    if found is None:
        return tuple(doc.ents)
    if found.ents is None:
        found.ents = tuple(doc.ents)
        found.ent_starts = [ent.start for ent in found.ents]
    return found.ents


def span_ents(span: Span) -> list[Span]:
    """`span.ents`, by spaCy's own rule: from the first entity starting inside the span, the
    entities that end inside it, up to the first that runs past its end."""
    doc = span.doc
    if _current(doc) is None:
        return list(span.ents)
    ents = doc_ents(doc)
    found = _current(doc)
    assert found is not None
    out: list[Span] = []
    end = span.end
    for k in range(bisect_left(found.ent_starts, span.start), len(ents)):
        ent = ents[k]
        if ent.end > end:
            break
        out.append(ent)
    return out


def _offsets(doc: Doc) -> tuple[list[int], list[int]]:
    found = _current(doc)
    if found is not None and found.token_starts is not None and found.token_ends is not None:
        return found.token_starts, found.token_ends
    tokens = doc_tokens(doc)
    starts = [tok.idx for tok in tokens]
    ends = [tok.idx + len(tok.text) for tok in tokens]
    if found is not None:
        found.token_starts, found.token_ends = starts, ends
    return starts, ends


def first_token_from(doc: Doc, char: int) -> int:
    """The index of the first token starting at or after character `char` (len(doc) if none):
    tokens are in text order, so their starts are sorted."""
    return bisect_left(_offsets(doc)[0], char)


def last_token_before(doc: Doc, char: int) -> int:
    """The index of the last token ending at or before character `char` (-1 if none)."""
    return bisect_right(_offsets(doc)[1], char) - 1


def token_lowers(doc: Doc) -> list[str]:
    """Every token's `lower_`, in order, read once per reading."""
    found = _current(doc)
    if found is not None and found.lowers is not None:
        return found.lowers
    lowers = [tok.lower_ for tok in doc_tokens(doc)]
    if found is not None:
        found.lowers = lowers
    return lowers


def doc_tokens(doc: Doc) -> list[Token]:
    """`list(doc)`, made once per reading. A Token is a view (document, index), so one object
    per token serves every step; nothing compares tokens by identity."""
    found = _current(doc)
    if found is None:
        return list(doc)
    if found.tokens is None:
        found.tokens = list(doc)
    return found.tokens


def sent_tokens(sent: Span) -> list[Token]:
    """`list(sent)`, sliced from `doc_tokens`."""
    return doc_tokens(sent.doc)[sent.start : sent.end]
