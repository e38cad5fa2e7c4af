"""The per-document values the rules share are exactly spaCy's own, inside a reading and out."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from newstally.extract.doccache import (
    doc_ents,
    doc_text,
    doc_tokens,
    first_token_from,
    last_token_before,
    reading,
    sent_tokens,
    span_ents,
    token_lowers,
)
from newstally.extract.pipeline import load_pipeline

TEXT = (
    "KYIV — Ukrainian officials said on Monday that 12 people were killed in Kharkiv.\n\n"
    '"We are still counting," Mayor Ihor Terekhov told Reuters. The United Nations said '
    "about 300 civilians had fled to Poland since Friday."
)


@pytest.fixture(scope="module")
def doc() -> Doc:
    return load_pipeline()(TEXT)


def test_inside_a_reading_the_values_are_spacys(doc: Doc) -> None:
    with reading(doc):
        assert doc_text(doc) == doc.text
        assert doc_ents(doc) == doc.ents
        assert token_lowers(doc) == [t.lower_ for t in doc]
        for start in range(len(doc)):
            for end in range(start, len(doc) + 1):
                assert span_ents(doc[start:end]) == list(doc[start:end].ents)
        assert doc_tokens(doc) == list(doc)
        for sent in doc.sents:
            assert span_ents(sent) == list(sent.ents)
            assert sent_tokens(sent) == list(sent)


def test_outside_a_reading_nothing_is_kept(doc: Doc) -> None:
    with reading(doc):
        doc_text(doc)
    assert doc_text(doc) == doc.text
    assert span_ents(doc[0:20]) == list(doc[0:20].ents)
    assert "newstally" not in str(doc.user_data)


def test_token_windows_match_a_scan(doc: Doc) -> None:
    with reading(doc):
        for char in range(len(TEXT) + 2):
            after = next((t.i for t in doc if t.idx >= char), len(doc))
            before = max((t.i for t in doc if t.idx + len(t.text) <= char), default=-1)
            assert first_token_from(doc, char) == after
            assert last_token_before(doc, char) == before
