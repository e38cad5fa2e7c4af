"""Assemble a Report from an article's text: parse it, run the extraction steps (`steps`)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from newstally.errors import InputError
from newstally.extract.pipeline import load_pipeline
from newstally.extract.steps import STEPS, Steps
from newstally.model import Article, Report, article_id

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
) -> Report:
    """Extract figures, quotes and attributions from one article; `disable` names steps to
    switch off (see `steps`).

    >>> report = extract("Police said two people were killed.", published=dt.date(2024, 1, 2))
    """
    item = ArticleInput(normalise_text(text), published, url, title, outlet, tuple(authors))
    steps = STEPS.without(*disable)
    pipeline = nlp or load_pipeline()
    return build_report(pipeline(item.text), item, steps)


def extract_many(
    items: Iterable[ArticleInput],
    *,
    nlp: Language | None = None,
    batch_size: int = 32,
    fast: bool = False,
    n_process: int | None = None,
) -> Iterator[Report]:
    """Extract many articles with one pipeline and `nlp.pipe` batching, in input order.

    `fast` runs the pipeline and extraction in `n_process` worker processes (default: one per
    core), with the same reports (see `fastpath`)."""
    checked = (
        ArticleInput(normalise_text(i.text), i.published, i.url, i.title, i.outlet, i.authors)
        for i in items
    )
    if fast:
        from newstally.extract.fastpath import extract_parallel

        yield from extract_parallel(checked, nlp=nlp, n_process=n_process)
        return
    pipeline = nlp or load_pipeline()
    for doc, item in pipeline.pipe(
        ((i.text, i) for i in checked), as_tuples=True, batch_size=batch_size
    ):
        yield build_report(doc, item)


def build_report(doc: Doc, item: ArticleInput, steps: Steps = STEPS) -> Report:
    """Run the extraction steps over a parsed document and assemble their findings."""
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
