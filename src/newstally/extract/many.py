"""Many articles at once: in this process (`report.extract_batched`) or in worker processes
(`fastpath`). Only this module knows both, so the two never import each other."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from newstally.articles import ArticleInput, normalise_text
from newstally.extract.report import extract_batched
from newstally.model import Report


def extract_many(
    items: Iterable[ArticleInput],
    *,
    nlp: Language | None = None,
    batch_size: int = 32,
    fast: bool = False,
    n_process: int | None = None,
    figures_only: bool = False,
) -> Iterator[Report]:
    """Extract many articles with one pipeline and `nlp.pipe` batching, in input order.

    `fast` runs the pipeline and extraction in `n_process` worker processes (default: one per
    core), with the same reports (see `fastpath`); `figures_only` (the ledger mode) goes to the
    workers with every chunk."""
    if not fast:
        yield from extract_batched(items, nlp=nlp, batch_size=batch_size, figures_only=figures_only)
        return
    from newstally.extract.fastpath import extract_parallel

    checked = (
        ArticleInput(normalise_text(i.text), i.published, i.url, i.title, i.outlet, i.authors)
        for i in items
    )
    yield from extract_parallel(
        checked, nlp=nlp, n_process=n_process, figures_only=figures_only
    )
