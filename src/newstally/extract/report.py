"""Assemble a Report from an article's text: parse it, run the extraction steps (`steps`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from newstally import lexicon
from newstally.articles import MAX_TEXT_CHARS, ArticleInput, normalise_text
from newstally.extract.figures_only import mask_for_figures
from newstally.extract.parse import parse, parse_many
from newstally.extract.pipeline import load_pipeline
from newstally.extract.steps import STEPS, Steps
from newstally.model import Article, Report, article_id

__all__ = ["MAX_TEXT_CHARS", "ArticleInput", "build_report", "extract", "extract_batched"]


def extract(
    text: str,
    published: dt.date | None = None,
    *,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    authors: Iterable[str] = (),
    nlp: Language | None = None,
    disable: Iterable[str] = (),
    figures_only: bool = False,
) -> Report:
    """Extract figures, quotes and attributions from one article; `disable` names steps to
    switch off (see `steps`). `figures_only` parses only the sentences figures need
    (`figures_only.mask_for_figures`); the report's text is still the whole article.

    >>> report = extract("Police said two people were killed.", published=dt.date(2024, 1, 2))
    """
    item = ArticleInput(normalise_text(text), published, url, title, outlet, tuple(authors))
    steps = STEPS.without(*disable)
    pipeline = nlp or load_pipeline()
    parsed = mask_for_figures(item.text) if figures_only else item.text
    return build_report(parse(pipeline, parsed), item, steps)


def extract_batched(
    items: Iterable[ArticleInput],
    *,
    nlp: Language | None = None,
    batch_size: int = 32,
    figures_only: bool = False,
) -> Iterator[Report]:
    """Extract many articles in this process with one pipeline and `nlp.pipe` batching, in
    input order. (`newstally.extract.extract_many` chooses between this and worker processes.)
    """
    checked = (
        ArticleInput(normalise_text(i.text), i.published, i.url, i.title, i.outlet, i.authors)
        for i in items
    )
    pipeline = nlp or load_pipeline()
    texts = ((mask_for_figures(i.text) if figures_only else i.text, i) for i in checked)
    for doc, item in parse_many(pipeline, texts, batch_size):
        yield build_report(doc, item)


def build_report(doc: Doc, item: ArticleInput, steps: Steps = STEPS) -> Report:
    """Run the extraction steps over a parsed document and assemble their findings."""
    lexicon.check()
    found = steps.run(doc, item.text, item.published)
    article = Article(
        id=article_id(item.text),
        url=item.url,
        title=item.title,
        outlet=item.outlet or found.byline.outlet,
        authors=list(item.authors) or found.byline.authors,
        published=item.published,
        text=item.text,
    )
    return Report(
        article=article,
        figures=found.figures,
        quotes=[q.quote for q in found.quotes],
        attributions=found.attributions,
        totals=found.totals,
        event_date=found.event_date,
    )
