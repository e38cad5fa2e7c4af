"""Long articles are parsed in pieces cut at paragraph breaks, and give the same report."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from newstally.articles import ArticleInput
from newstally.extract import parse as parse_module
from newstally.extract.parse import parse, pieces
from newstally.extract.pipeline import load_pipeline
from newstally.extract.report import extract, extract_batched

PARAGRAPHS = [
    "KELMAR, March 3 — At least 14 people were killed and 30 injured when a bus overturned on a"
    " mountain road, the regional governor said on Sunday.",
    "Rescuers pulled two more bodies from the gorge overnight, according to the fire service,"
    " which said the toll could rise.",
    "\"We counted 16 dead by morning,\" a volunteer told reporters at the scene.",
    "Last year, a similar crash on the same road killed nine people, police said.",
]
TEXT = "\n\n".join(PARAGRAPHS * 3) + "\n"
PUBLISHED = dt.date(2026, 3, 3)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def test_pieces_join_back_into_the_text_and_end_at_paragraph_breaks() -> None:
    cut = pieces(TEXT, size=400)
    assert "".join(cut) == TEXT
    assert all(len(piece) <= 400 for piece in cut)
    assert all(piece.endswith("\n\n") for piece in cut[:-1])


def test_a_text_without_breaks_is_cut_at_spaces_then_anywhere() -> None:
    assert pieces("aaaa bbbb cccc", size=6) == ["aaaa ", "bbbb ", "cccc"]
    assert pieces("x" * 10, size=4) == ["xxxx", "xxxx", "xx"]


def test_a_doc_parsed_in_pieces_has_the_articles_text(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse_module, "PIECE_CHARS", 400)
    doc = parse(nlp, TEXT)
    assert doc.text == TEXT
    assert len(list(doc.sents)) >= len(PARAGRAPHS) * 3


def test_a_long_article_gives_the_report_a_whole_parse_gives(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = extract(TEXT, PUBLISHED, nlp=nlp)
    monkeypatch.setattr(parse_module, "PIECE_CHARS", 400)
    in_pieces = extract(TEXT, PUBLISHED, nlp=nlp)
    assert len(whole.figures) >= 8
    assert in_pieces.model_dump_json() == whole.model_dump_json()


def test_batches_keep_their_order_around_a_long_article(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    short = [ArticleInput(p, PUBLISHED) for p in PARAGRAPHS]
    items = [short[0], ArticleInput(TEXT, PUBLISHED), *short[1:]]
    monkeypatch.setattr(parse_module, "PIECE_CHARS", 400)
    reports = list(extract_batched(items, nlp=nlp, batch_size=2))
    assert [r.article.text for r in reports] == [i.text for i in items]
