"""The series timeline as an SVG drawn on the server: no chart library, no script, no build step.

Each claim is a bar from its low to its high at the day it was reported, coloured by source.
A bar is a link to the article at the claim's evidence, and its <title> (the browser's
tooltip) is the sentence the figure came from. Every piece of text is escaped.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Mapping

from markupsafe import Markup, escape

from newstally.tally.timeline import Timeline, TimelinePoint

# Colour-blind-safe (Okabe-Ito, then Tableau); sources beyond these repeat the cycle.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
    "#4E79A7",
    "#F28E2B",
    "#59A14F",
    "#B07AA1",
)
WIDTH, HEIGHT = 900, 360
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 50
# A chart with more bars than this shows the latest ones; the table below lists them all.
MAX_BARS = 600


def source_colours(timeline: Timeline) -> dict[str, str]:
    """Source label -> colour, in order of first appearance."""
    return {source: PALETTE[i % len(PALETTE)] for i, source in enumerate(timeline.sources)}


def nice_ticks(top: float, count: int = 5) -> list[int]:
    """Round tick values from 0 to at least `top`: 0, 20, 40, ... or 0, 250, 500, ..."""
    if top <= 0:
        return [0, 1]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step))
    return [step * i for i in range(math.ceil(top / step) + 1)]


def timeline_svg(
    timeline: Timeline,
    sentences: Mapping[tuple[str, str], str],
    link: Callable[[TimelinePoint], str],
) -> Markup:
    """The chart. `sentences` maps (article, figure) to its sentence; `link` gives a bar's URL."""
    points = [p for p in timeline.points if p.day is not None][-MAX_BARS:]
    if not points:
        return Markup('<p class="empty">No dated claims to draw.</p>')
    colours = source_colours(timeline)
    days = [p.day for p in points if p.day is not None]
    first, last = min(days) - dt.timedelta(days=1), max(days) + dt.timedelta(days=1)
    span_days = (last - first).days
    values = [v for p in points for v in (p.low, p.high) if v is not None]
    ticks = nice_ticks(max(values) * 1.1 if values else 1)
    top = ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(day: dt.date) -> float:
        return LEFT + plot_w * (day - first).days / span_days

    def y_of(value: float) -> float:
        return TOP + plot_h * (1 - value / top)

    parts: list[str] = [
        f'<svg class="timeline" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(timeline.series)}: claims by reported day</title>",
    ]
    for tick in ticks:
        y = y_of(tick)
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{tick:,}</text>'
        )
    label_every = max(1, math.ceil(span_days / 8))
    for offset in range(1, span_days, label_every):
        day = first + dt.timedelta(days=offset)
        x = x_of(day)
        parts.append(
            f'<text class="tick" x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}" '
            f'text-anchor="middle">{day.isoformat()}</text>'
        )
    parts.append(
        f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" '
        f'y2="{TOP + plot_h}"/>'
    )
    by_day: dict[dt.date, list[TimelinePoint]] = defaultdict(list)
    for point in points:
        if point.day is not None:
            by_day[point.day].append(point)
    slot = plot_w / span_days
    for day, today in sorted(by_day.items()):
        width = max(3.0, min(24.0, slot * 0.8 / len(today)))
        left = x_of(day) - width * len(today) / 2
        for i, point in enumerate(today):
            low = point.low or 0
            high = point.high if point.high is not None else top
            y_top, y_bottom = y_of(high), y_of(low)
            if y_bottom - y_top < 3:
                y_top = y_bottom - 3
            sentence = sentences.get((point.article, point.figure), "")
            tooltip = (
                f"{point.source}, {point.status.value}: {point.text} "
                f"({'?' if point.low is None else point.low}-"
                f"{'open' if point.high is None else point.high}), {point.day}"
                f"{' [increment]' if point.scope.value == 'increment' else ''}"
                f"{f'; {point.sightings} sightings' if point.sightings > 1 else ''}"
                f"\n{sentence}"
            )
            classes = ["bar", point.scope.value, point.status.value]
            if point.high is None:
                classes.append("open")
            parts.append(
                f'<a class="bar-link" href="{escape(link(point))}">'
                f'<rect class="{" ".join(classes)}" data-claim="{escape(point.claim)}" '
                f'x="{left + i * width:.1f}" y="{y_top:.1f}" width="{width - 1:.1f}" '
                f'height="{y_bottom - y_top:.1f}" fill="{colours[point.source]}">'
                f"<title>{escape(tooltip)}</title></rect></a>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))
