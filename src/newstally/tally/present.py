"""The tally as rows, tables, a terminal chart and a picture: what the CLI prints and exports.

Flat rows (`claim_rows`, `series_rows`) are the one flattening of claims and series: CSV,
Parquet and the `tally --format csv` output all use them, so a column means the same thing in
each. Article text is hostile: everything reaches Rich as `Text`, never as markup.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

from rich.console import Group
from rich.table import Table
from rich.text import Text

from newstally.errors import InputError
from newstally.tally.claims import Claim
from newstally.tally.series import Series, Tally
from newstally.tally.timeline import Timeline, source_label

Cell = str | int | bool | None

CLAIM_COLUMNS: tuple[str, ...] = (
    "series",
    "claim_id",
    "measure",
    "group",
    "place",
    "scope",
    "reported",
    "source_text",
    "source_name",
    "source_kind",
    "other_sources",
    "count_text",
    "low",
    "high",
    "approximate",
    "status",
    "period_text",
    "period_start",
    "period_end",
    "hedges",
    "sightings",
    "articles",
    "stories",
)
SERIES_COLUMNS: tuple[str, ...] = (
    "series",
    "measure",
    "group",
    "place",
    "claims",
    "sightings",
    "first_reported",
    "last_reported",
    "envelope_low",
    "envelope_best",
    "envelope_high",
    "disagreement",
    "latest",
    "rule",
)
# Colours for sources in the terminal and PNG charts, as in the web chart.
COLOURS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#4E79A7",
    "#F28E2B",
    "#59A14F",
    "#B07AA1",
    "#000000",
)
# The widest chart the terminal or PNG draws; older claims are left out beyond it.
MAX_POINTS = 400


def _iso(value: object) -> str | None:
    return None if value is None else str(value)


def claim_row(series: Series, claim: Claim) -> dict[str, Cell]:
    """One claim as flat columns; lists are JSON text."""
    period = claim.period
    return {
        "series": series.key,
        "claim_id": claim.id,
        "measure": claim.measure.value,
        "group": claim.group,
        "place": claim.place,
        "scope": claim.scope.value,
        "reported": _iso(claim.reported),
        "source_text": claim.source.text,
        "source_name": claim.source.name,
        "source_kind": claim.source.kind.value,
        "other_sources": json.dumps(
            [s.name or s.text for s in claim.sources[1:]], ensure_ascii=False
        ),
        "count_text": claim.count.text,
        "low": claim.count.low,
        "high": claim.count.high,
        "approximate": claim.count.approximate,
        "status": claim.status.value,
        "period_text": period.text if period else None,
        "period_start": _iso(period.start) if period else None,
        "period_end": _iso(period.end) if period else None,
        "hedges": json.dumps(claim.hedges, ensure_ascii=False),
        "sightings": len(claim.sightings),
        "articles": json.dumps(sorted({s.article for s in claim.sightings})),
        "stories": claim.stories,
    }


def claim_rows(tally: Tally) -> Iterator[dict[str, Cell]]:
    for series in tally.series:
        for claim in series.claims:
            yield claim_row(series, claim)


def series_row(series: Series) -> dict[str, Cell]:
    """One series as flat columns: its size, envelope and disagreement flag."""
    days = [c.reported for c in series.claims if c.reported is not None]
    envelope = series.envelope
    return {
        "series": series.key,
        "measure": series.measure.value,
        "group": series.group,
        "place": series.place,
        "claims": len(series.claims),
        "sightings": sum(len(c.sightings) for c in series.claims),
        "first_reported": _iso(min(days)) if days else None,
        "last_reported": _iso(max(days)) if days else None,
        "envelope_low": envelope.low,
        "envelope_best": envelope.best.text if envelope.best else None,
        "envelope_high": envelope.high,
        "disagreement": series.disagreement,
        "latest": json.dumps(series.latest),
        "rule": envelope.rule,
    }


def series_rows(tally: Tally) -> Iterator[dict[str, Cell]]:
    for series in tally.series:
        yield series_row(series)


def _span(low: int | None, high: int | None) -> str:
    if low == high:
        return "?" if low is None else f"{low:,}"
    return f"{'?' if low is None else f'{low:,}'}–{'open' if high is None else f'{high:,}'}"


def tally_tables(tally: Tally) -> Group:
    """One Rich table per series, with its envelope and disagreement under the title."""
    tables: list[Table | Text] = []
    for series in tally.series:
        envelope = series.envelope
        caption = (
            f"envelope: low {envelope.low if envelope.low is not None else '–'}, "
            f"best {envelope.best.text if envelope.best else '–'}, "
            f"high {envelope.high if envelope.high is not None else '–'}"
            + ("   SOURCES DISAGREE" if series.disagreement else "")
        )
        table = Table(
            title=Text(series.key, style="bold"),
            title_justify="left",
            caption=Text(caption),
            caption_justify="left",
        )
        for column in ("reported", "source", "count", "status", "scope", "sightings", "hedges"):
            table.add_column(column, overflow="fold")
        latest = set(series.latest)
        for claim in series.claims:
            table.add_row(
                Text(_iso(claim.reported) or "-"),
                Text(source_label(claim) + f" [{claim.source.kind.value}]"),
                Text(f"{claim.count.text} = {_span(claim.count.low, claim.count.high)}"),
                Text(claim.status.value),
                Text(claim.scope.value + (" (latest)" if claim.id in latest else "")),
                Text(_sightings_label(claim)),
                Text("; ".join(claim.hedges)),
            )
        tables.append(table)
    if not tables:
        tables.append(Text("no series match"))
    return Group(*tables)


def _sightings_label(claim: Claim) -> str:
    """'3' or, when some articles are copies of another, '3 in 4 articles (1 story)'."""
    seen = len(claim.sightings)
    if not any(s.copy_of for s in claim.sightings):
        return str(seen)
    articles = len({s.article for s in claim.sightings})
    where = f" in {articles} articles" if articles != seen else ""
    return f"{seen}{where} ({claim.stories} {'story' if claim.stories == 1 else 'stories'})"


def timeline_text(timeline: Timeline, width: int = 30) -> Text:
    """A terminal chart: one row per claim, a bar from low to high on a shared scale."""
    points = [p for p in timeline.points if p.day is not None][-MAX_POINTS:]
    text = Text(f"{timeline.series}\n", style="bold")
    if not points:
        return text + Text("no dated claims")
    top = max((v for p in points for v in (p.low, p.high) if v is not None), default=1) or 1
    colours = {s: COLOURS[i % len(COLOURS)] for i, s in enumerate(timeline.sources)}
    name_width = min(20, max(len(p.source) for p in points))
    for point in points:
        low = point.low or 0
        high = point.high if point.high is not None else top
        start = round(width * low / top)
        end = max(start + 1, round(width * high / top))
        bar = " " * start + ("▒" if point.scope.value == "increment" else "█") * (end - start)
        text.append(f"{point.day}  ")
        text.append(f"{point.source[:name_width]:<{name_width}} ", style=colours[point.source])
        text.append(f"{bar:<{width}}", style=colours[point.source])
        text.append(
            f" {point.text} ({_span(point.low, point.high)}) {point.status.value}"
            + (" increment" if point.scope.value == "increment" else "")
            + "\n"
        )
    text.append(f"scale 0 … {top:,}; █ total to date, ▒ increment (never added to totals)")
    return text


def write_png(timeline: Timeline, path: Path) -> None:
    """The chart as a PNG (matplotlib, no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    points = [p for p in timeline.points if p.day is not None][-MAX_POINTS:]
    if not points:
        raise InputError(f"series {timeline.series!r}: no dated claims to draw")
    top = max((v for p in points for v in (p.low, p.high) if v is not None), default=1) or 1
    colours = {s: COLOURS[i % len(COLOURS)] for i, s in enumerate(timeline.sources)}
    figure, axes = plt.subplots(figsize=(9, 4), dpi=100)
    drawn: set[str] = set()
    for point in points:
        low = point.low or 0
        high = point.high if point.high is not None else top * 1.05
        axes.bar(
            float(point.day.toordinal()) if point.day else 0.0,
            max(high - low, top * 0.005),
            bottom=low,
            width=0.6,
            color=colours[point.source],
            alpha=0.5 if point.scope.value == "increment" else 0.9,
            edgecolor="#1d232a",
            linewidth=0.5,
            label=None if point.source in drawn else point.source,
        )
        drawn.add(point.source)
    axes.xaxis.set_major_formatter(
        FuncFormatter(lambda x, _: dt.date.fromordinal(max(1, int(x))).isoformat())
    )
    axes.set_title(timeline.series)
    axes.set_ylabel("count (range)")
    axes.legend(loc="upper left", fontsize="small")
    figure.autofmt_xdate()
    figure.tight_layout()
    try:
        figure.savefig(path)
    except OSError as exc:
        raise InputError(f"{path}: cannot write the picture ({exc.strerror or exc})") from exc
    finally:
        plt.close(figure)
