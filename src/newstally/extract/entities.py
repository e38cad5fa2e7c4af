"""The named entity around a token, read from the IOB tags of the tokens next to it.

Looking it up in `Doc.ents` (even cached, `doccache.doc_ents`) scans every entity of the
article for each figure, which makes a long article quadratic; the tags next to the token say
the same: `entity_around(doc[3])` of 'Police said North Korean troops ...' is 'North Korean'.
"""

from __future__ import annotations

from spacy.tokens import Span, Token


def entity_around(tok: Token) -> Span | None:
    """The named entity holding `tok` ('North Korean' for 'North'), or None."""
    if tok.ent_iob_ not in {"B", "I"}:
        return None
    doc = tok.doc
    start = tok.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[start].ent_type_)
