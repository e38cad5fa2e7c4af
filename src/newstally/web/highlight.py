"""An article's text with its figures, quotes and attributions marked, like displaCy's view.

Article text is hostile. The HTML is built by cutting the text at every annotation boundary,
escaping each piece on its own, and wrapping it in a span whose classes say which annotations
cover it; no piece of the article ever reaches the page unescaped, and overlapping
annotations (a figure inside a quote inside an attribution) need no nesting rules.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup, escape

from newstally.model import Figure, Report


@dataclass(frozen=True)
class Mark:
    """One annotation: a half-open span, a CSS class, a tooltip, and an anchor id if any."""

    start: int
    end: int
    kind: str
    label: str
    anchor: str | None = None
    figure: str | None = None


def figure_label(figure: Figure) -> str:
    """'killed: several hundred (300-900), SOF [military], claimed'."""
    count = figure.count
    low = "?" if count.low is None else str(count.low)
    high = "" if count.high is None else str(count.high)
    span = low if count.low == count.high else f"{low}-{high}"
    source = figure.source.name or figure.source.text or "unattributed"
    hedged = f"; hedged: {', '.join(figure.hedges)}" if figure.hedges else ""
    return (
        f"{figure.id} {figure.measure.value}: {count.text} ({span}), "
        f"{source} [{figure.source.kind.value}], {figure.status.value}{hedged}"
    )


def marks(report: Report) -> list[Mark]:
    """Every annotation of a report, clamped to the text; empty spans are dropped."""
    size = len(report.article.text)
    found: list[Mark] = []

    def add(
        start: int,
        end: int,
        kind: str,
        label: str,
        anchor: str | None = None,
        figure: str | None = None,
    ) -> None:
        start, end = max(0, min(start, size)), max(0, min(end, size))
        if end > start:
            found.append(Mark(start, end, kind, label, anchor, figure))

    for attribution in report.attributions:
        source = attribution.source.name or attribution.source.text or "unattributed"
        add(
            attribution.content.start,
            attribution.content.end,
            "attribution",
            f"said by {source} ({attribution.cue})",
        )
        if attribution.source_span is not None:
            add(
                attribution.source_span.start,
                attribution.source_span.end,
                "source",
                f"source: {source} [{attribution.source.kind.value}]",
            )
        if attribution.cue_span is not None:
            add(
                attribution.cue_span.start,
                attribution.cue_span.end,
                "cue",
                f"cue: {attribution.cue}",
            )
    for number, quote in enumerate(report.quotes, start=1):
        speaker = quote.speaker or quote.speaker_description or "unnamed speaker"
        add(
            quote.evidence.start,
            quote.evidence.end,
            "quote",
            f"quote {number}: {speaker}" + (f" to {quote.to}" if quote.to else ""),
            anchor=f"quote-{number}",
        )
    for figure in report.figures:
        add(
            figure.evidence.start,
            figure.evidence.end,
            "figure",
            figure_label(figure),
            anchor=f"fig-{figure.id}",
            figure=figure.id,
        )
    return found


def highlight(report: Report, target: str | None = None) -> Markup:
    """The article text as HTML; the figure whose id is `target` gets the class 'target'."""
    text = report.article.text
    annotations = marks(report)
    starts: dict[int, list[int]] = defaultdict(list)
    ends: dict[int, list[int]] = defaultdict(list)
    for index, mark in enumerate(annotations):
        starts[mark.start].append(index)
        ends[mark.end].append(index)
    cuts = sorted({0, len(text), *starts, *ends})
    active: set[int] = set()
    html: list[str] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        for index in ends.get(left, ()):
            active.discard(index)
        for index in starts.get(left, ()):
            active.add(index)
            anchor = annotations[index].anchor
            if anchor is not None:
                html.append(f'<span class="anchor" id="{escape(anchor)}"></span>')
        piece = escape(text[left:right])
        if not active:
            html.append(piece)
            continue
        covering = [annotations[i] for i in sorted(active)]
        kinds = sorted({mark.kind for mark in covering})
        if target is not None and any(mark.figure == target for mark in covering):
            kinds.append("target")
        title = " | ".join(mark.label for mark in covering)
        html.append(f'<span class="{" ".join(kinds)}" title="{escape(title)}">{piece}</span>')
    return Markup("".join(html))
