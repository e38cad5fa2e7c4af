"""What a reader yields for each article it finds: the article, or one line saying why not.

A feed, a crawl or a list of URLs holds many articles; one bad entry must not stop the batch,
so multi-article readers yield `Ingested | Failed` instead of raising.
"""

from __future__ import annotations

from dataclasses import dataclass

from newstally.articles import ArticleInput


@dataclass(frozen=True)
class Ingested:
    """An article ready for extraction, and where it came from ('feed.xml entry 3', a URL)."""

    name: str
    article: ArticleInput


@dataclass(frozen=True)
class Failed:
    """An input, or one record of it, that gave no article; `message` is one line naming it."""

    name: str
    message: str


IngestResult = Ingested | Failed
