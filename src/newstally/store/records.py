"""What the store hands back besides REPORT-V1 records, and the flat rows it writes.

`figure_columns` is the one place that flattens a Figure into named columns; the `figures` table
and the CLI's CSV output both use it, so a column means the same thing everywhere.
"""

from __future__ import annotations

import datetime as dt
import json

from pydantic import BaseModel, ConfigDict

from newstally.model import Figure

Cell = str | int | bool | None


class StoredFigure(BaseModel):
    """A figure with the article it came from, as a query over many articles returns it."""

    model_config = ConfigDict(extra="forbid")

    article_id: str
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    #: The canonical article when this article is a near-duplicate of an earlier one.
    copy_of: str | None = None
    figure: Figure

    @property
    def story(self) -> str:
        """The story this figure was seen in: copies of one wire story share it."""
        return self.copy_of or self.article_id


class Copy(BaseModel):
    """An article stored as a near-duplicate of an earlier one (the same wire story)."""

    model_config = ConfigDict(extra="forbid")

    article_id: str
    copy_of: str
    similarity: float
    published: dt.date | None = None
    outlet: str | None = None
    title: str | None = None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def figure_columns(figure: Figure) -> dict[str, Cell]:
    """Flatten a figure: one scalar per column, lists as JSON text.

    >>> figure_columns(figure)["measure"]   # doctest: +SKIP
    'killed'
    """
    place, period = figure.place, figure.period
    scope = getattr(figure, "scope", None)
    return {
        "figure_id": figure.id,
        "measure": figure.measure.value,
        "low": figure.count.low,
        "high": figure.count.high,
        "approximate": figure.count.approximate,
        "count_text": figure.count.text,
        "subject_text": figure.subject.text,
        "subject_group": figure.subject.group,
        "subject_role": figure.subject.role.value if figure.subject.role else None,
        "place_text": place.text if place else None,
        "country": place.country if place else None,
        "region": place.region if place else None,
        "period_text": period.text if period else None,
        "period_start": _iso(period.start) if period else None,
        "period_end": _iso(period.end) if period else None,
        "reported": _iso(figure.reported),
        "source_text": figure.source.text,
        "source_name": figure.source.name,
        "source_kind": figure.source.kind.value,
        "via": json.dumps([relay.model_dump(mode="json") for relay in figure.via]),
        "cue": figure.cue,
        "status": figure.status.value,
        "hedges": json.dumps(figure.hedges),
        "evidence_start": figure.evidence.start,
        "evidence_end": figure.evidence.end,
        "sentence_start": figure.evidence.sentence.start,
        "sentence_end": figure.evidence.sentence.end,
        "scope": str(scope) if scope is not None else None,
    }


FIGURE_COLUMNS: tuple[str, ...] = (
    "figure_id",
    "measure",
    "low",
    "high",
    "approximate",
    "count_text",
    "subject_text",
    "subject_group",
    "subject_role",
    "place_text",
    "country",
    "region",
    "period_text",
    "period_start",
    "period_end",
    "reported",
    "source_text",
    "source_name",
    "source_kind",
    "via",
    "cue",
    "status",
    "hedges",
    "evidence_start",
    "evidence_end",
    "sentence_start",
    "sentence_end",
    "scope",
)

# The article columns that lead each row of a figure listing (CSV, tables).
ARTICLE_COLUMNS: tuple[str, ...] = ("article_id", "published", "outlet", "url", "title")


def stored_figure_row(stored: StoredFigure) -> dict[str, Cell]:
    """One flat row for a stored figure: article columns, then the figure's columns."""
    return {
        "article_id": stored.article_id,
        "published": _iso(stored.published),
        "outlet": stored.outlet,
        "url": stored.url,
        "title": stored.title,
        **figure_columns(stored.figure),
    }
