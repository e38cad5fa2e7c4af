"""Hand-made sighted figures for the tally tests: one helper builds a figure in one line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstally.model import Article, Evidence, Figure, Report, article_id
from newstally.store import open_store


@dataclass(frozen=True)
class Seen:
    """A figure as the store returns it, without the store."""

    article_id: str
    published: dt.date | None
    outlet: str | None
    url: str | None
    title: str | None
    figure: Figure
    copy_of: str | None = None

    @property
    def story(self) -> str:
        return self.copy_of or self.article_id


def make_seen(
    low: int | None,
    high: int | None,
    *,
    text: str | None = None,
    measure: str = "killed",
    group: str | None = "North Korea",
    subject: str | None = None,
    country: str | None = "RU",
    reported: str | None = "2024-12-16",
    published: str = "2024-12-18",
    source: str | None = "Special Operations Forces",
    kind: str = "military",
    status: str = "claimed",
    period: tuple[str, str] | None = None,
    scope: str | None = None,
    article: str = "a1",
    outlet: str = "example.com",
    fid: str = "f1",
    start: int = 0,
    approximate: bool = False,
    hedges: list[str] | None = None,
    copy_of: str | None = None,
) -> Seen:
    """One sighting: `seen(50, 50, source="SOF")` is '50 killed, SOF claimed'."""
    words = text if text is not None else str(low if low is not None else high)
    record: dict[str, Any] = {
        "id": fid,
        "measure": measure,
        "count": {"low": low, "high": high, "text": words, "approximate": approximate},
        "subject": {"text": subject, "group": group, "role": "soldiers"},
        "place": {"text": country, "country": country} if country else None,
        "period": ({"text": "period", "start": period[0], "end": period[1]} if period else None),
        "reported": reported,
        "source": {"text": source, "name": source, "kind": kind},
        "status": status,
        "hedges": hedges or [],
        "scope": scope,
        "evidence": {
            "start": start,
            "end": start + len(words),
            "sentence": {"start": 0, "end": start + len(words) + 1},
        },
    }
    return Seen(
        article_id=article,
        published=dt.date.fromisoformat(published),
        outlet=outlet,
        url=f"https://{outlet}/{article}",
        title=f"Article {article}",
        figure=Figure.model_validate(record),
        copy_of=copy_of,
    )


def store_seen(path: Path, figures: list[Seen]) -> Path:
    """Store hand-made sightings as real reports: each article's text is its figures' sentences,
    and each figure's evidence is moved onto its words there."""
    by_article: dict[str, list[Seen]] = {}
    for item in figures:
        by_article.setdefault(item.article_id, []).append(item)
    with open_store(path) as store:
        for name, items in by_article.items():
            text, placed = f"Story {name}\n", []
            for item in items:
                start = len(text)
                words = item.figure.count.text
                sentence = f"{words} people were killed, {item.figure.source.name or 'it'} said. "
                text += sentence
                evidence = {
                    "start": start,
                    "end": start + len(words),
                    "sentence": {"start": start, "end": start + len(sentence) - 1},
                }
                placed.append(
                    item.figure.model_copy(update={"evidence": Evidence.model_validate(evidence)})
                )
            first = items[0]
            article = Article(
                id=article_id(text),
                text=text,
                published=first.published,
                outlet=first.outlet,
                url=first.url,
                title=first.title,
            )
            store.add(Report(article=article, figures=placed))
    return path
