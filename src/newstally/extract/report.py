"""Assemble a Report from an article's text: the one place that calls every extraction step."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from newstally.errors import InputError
from newstally.extract.attribution import Frame, find_frames, find_unsourced_frames
from newstally.extract.byline import find_byline
from newstally.extract.event_date import find_event_date
from newstally.extract.figures import find_figures
from newstally.extract.pipeline import load_pipeline
from newstally.extract.quotes import FoundQuote, find_quotes
from newstally.extract.time import find_time_expressions
from newstally.extract.totals import find_totals
from newstally.model import Article, Attribution, Report, Source, Span, article_id

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
) -> Report:
    """Extract figures, quotes and attributions from one article.

    >>> report = extract("Police said two people were killed.", published=dt.date(2024, 1, 2))
    """
    item = ArticleInput(normalise_text(text), published, url, title, outlet, tuple(authors))
    pipeline = nlp or load_pipeline()
    return build_report(pipeline(item.text), item)


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


def build_report(doc: Doc, item: ArticleInput) -> Report:
    """Run every extraction step over a parsed document."""
    byline = find_byline(item.text)
    article = Article(
        id=article_id(item.text),
        url=item.url,
        title=item.title,
        outlet=item.outlet or byline.outlet,
        authors=list(item.authors) or byline.authors,
        published=item.published,
        text=item.text,
    )
    frames = find_frames(doc)
    quotes = find_quotes(doc)
    times = find_time_expressions(doc, item.published)
    figures = find_figures(doc, frames, quotes, times)
    return Report(
        article=article,
        figures=figures,
        quotes=[q.quote for q in quotes],
        attributions=attributions_of(doc, frames + find_unsourced_frames(doc), quotes),
        totals=find_totals(doc, figures),
        event_date=find_event_date(doc, times, item.published),
    )


def attributions_of(doc: Doc, frames: list[Frame], quotes: list[FoundQuote]) -> list[Attribution]:
    """Every attributed statement: the frames, and the quotes not already inside one."""
    out: list[Attribution] = []
    seen: set[tuple[int, int]] = set()
    quoted = [(q.quote.evidence.start, q.quote.evidence.end) for q in quotes]
    for frame in frames:
        cue_char = doc[frame.cue_start].idx
        if any(s <= cue_char < e for s, e in quoted):
            # 'I think ...' inside a quote is part of the quoted words (PARC), whether or not
            # the quote's speaker was found
            continue
        key = (frame.content_start, frame.content_end)
        seen.add(key)
        cue_tok = doc[frame.cue_start : frame.cue_end]
        ref = frame.source
        out.append(
            Attribution(
                # a frame with no source ('he is expected to win') is unattributed
                source=Source(text=ref.text, name=ref.name, kind=ref.kind)
                if ref is not None
                else Source(),
                cue=frame.cue,
                content=Span(start=frame.content_start, end=frame.content_end),
                cue_span=Span(start=cue_tok.start_char, end=cue_tok.end_char),
                source_span=Span(
                    start=doc[ref.start].idx,
                    end=doc[ref.end - 1].idx + len(doc[ref.end - 1].text),
                )
                if ref is not None and ref.end > ref.start
                else None,
            )
        )
    frame_cues = {frame.cue_start for frame in frames}
    for found in quotes:
        ev = found.quote.evidence
        # a quote whose speech verb already made a frame is that frame's content
        if found.speaker is None or found.cue_start in frame_cues:
            continue
        if any(s <= ev.start and ev.end <= e for s, e in seen):
            continue
        ref = found.speaker
        out.append(
            Attribution(
                source=Source(text=ref.text, name=ref.name, kind=ref.kind),
                cue=found.cue or "say",
                content=Span(start=ev.start, end=ev.end),
                cue_span=Span(
                    start=doc[found.cue_start].idx,
                    end=doc[found.cue_start].idx + len(doc[found.cue_start].text),
                )
                if found.cue_start is not None
                else None,
                source_span=Span(
                    start=doc[ref.start].idx, end=doc[ref.end - 1].idx + len(doc[ref.end - 1].text)
                )
                if ref.end > ref.start
                else None,
            )
        )
    out = outermost(out)
    out.sort(key=lambda a: (a.content.start, a.content.end))
    return out


def outermost(attributions: list[Attribution]) -> list[Attribution]:
    """Drop an attribution whose cue lies inside the content of another: 'Smith said Jones
    thinks the plan will fail' is one statement of Smith's, and what Jones thinks is part of
    it (PolNeAR annotates the outer one only). The widest contents are kept first, so of two
    that hold each other's cues the wider stands."""
    kept: list[Attribution] = []
    for candidate in sorted(attributions, key=lambda a: a.content.start - a.content.end):
        cue = candidate.cue_span
        if cue is not None and any(
            k.content.start <= cue.start < k.content.end for k in kept
        ):
            continue
        kept.append(candidate)
    return kept
