"""Parse an article's text, a long one piece by piece, so memory stays bounded.

spaCy's parser holds the activations of a whole text at once: one article of 1,000,000
characters took 3.3 GB and nearly five minutes. A news report is rarely over 20,000
characters, but a live blog or a pasted transcript can be much longer, and the article limit is
`MAX_TEXT_CHARS`. So a text longer than `PIECE_CHARS` is cut into pieces at paragraph breaks
(failing that at line breaks, sentence ends, then any space), each piece parsed on its own, and
the parsed pieces joined into one `Doc` whose text is the article's text exactly, so every
offset the steps report still points into the article. Nothing spans a paragraph break that the
steps read across pieces (a sentence, an entity, a quote's clause), so a cut changes nothing a
whole parse would have found there; texts under the limit are parsed in one go, as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

PIECE_CHARS = 50_000
T = TypeVar("T")
# Where a piece may end, best first: after a blank line, a line break, a sentence end, a space.
CUTS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'”’)]?\s+"),
        re.compile(r"\s+"))  # fmt: skip


def pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """`text` cut into consecutive pieces of at most `size` characters that join back into it.

    >>> pieces("One.\\n\\nTwo.\\n\\nThree.", size=8)
    ['One.\\n\\n', 'Two.\\n\\n', 'Three.']
    """
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        end = _cut(window)
        out.append(text[start : start + end])
        start += end
    out.append(text[start:])
    return out


def _cut(window: str) -> int:
    """Where to end a piece inside `window`: after the last break of the best kind it holds,
    if that leaves the piece at least half full; else a hard cut at the window's end."""
    for pattern in CUTS:
        ends = [m.end() for m in pattern.finditer(window) if m.end() < len(window)]
        if ends and ends[-1] >= len(window) // 2:
            return ends[-1]
    return len(window)


def parse(nlp: Language, text: str) -> Doc:
    """One article's text parsed, in pieces if it is long (see the module docstring)."""
    if len(text) <= PIECE_CHARS:
        return nlp(text)
    # one piece at a time: `nlp.pipe` would batch them all, which is the whole text again
    return _joined([nlp(piece) for piece in pieces(text)], text)


def parse_many(
    nlp: Language, items: Iterable[tuple[str, T]], batch_size: int
) -> Iterator[tuple[Doc, T]]:
    """Each (text, context) parsed, in input order and lazily: short texts batched through
    `nlp.pipe`, long ones in pieces."""
    pending: list[tuple[str, T]] = []
    for text, context in items:
        if len(text) > PIECE_CHARS:
            yield from nlp.pipe(pending, as_tuples=True, batch_size=batch_size)
            pending = []
            yield parse(nlp, text), context
            continue
        pending.append((text, context))
        if len(pending) >= batch_size:
            yield from nlp.pipe(pending, as_tuples=True, batch_size=batch_size)
            pending = []
    yield from nlp.pipe(pending, as_tuples=True, batch_size=batch_size)


def _joined(docs: list[Doc], text: str) -> Doc:
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:  # pieces are cut at character offsets, so this would be a bug here
        raise AssertionError("joined pieces do not give back the article's text")
    return doc
