"""Read an evaluation set: JSON Lines of articles, each with the gold answer a human gave.

One line is `{"id", "text", "published", "gold": {...}}`. Two kinds of gold exist, told apart by
the keys of `gold`: counts (`killed`, `injured`, `event_date`: the Gun Violence Archive's record of
a shooting) and attributions (`attributions`: PolNeAR's source / cue / content spans). A file holds
one kind; the harness scores each kind its own way.

Gold offsets are moved onto the NFC-normalised text, because that is what every report offset
indexes (`extract.report.normalise_text`); for text that is already NFC they do not change.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from newstally.errors import InputError

# A dev set is a few megabytes; refuse a line that could not be one article with its gold.
MAX_LINE_CHARS = 5_000_000


class DatasetKind(StrEnum):
    """Which gold a dataset carries, and so which scorer reads it."""

    COUNTS = "counts"
    ATTRIBUTIONS = "attributions"


class GoldRecord(BaseModel):
    """Base for gold records: unknown fields are errors, so a misspelt key fails loudly."""

    model_config = ConfigDict(extra="forbid")


class CountsGold(GoldRecord):
    """How many people the article's incident killed and injured, and when it happened.

    A field left out is not scored for that article (accuracy is over the articles that have it).
    """

    killed: int | None = Field(default=None, ge=0)
    injured: int | None = Field(default=None, ge=0)
    event_date: dt.date | None = None


class GoldSpan(GoldRecord):
    """A span of the article text with the words it covers, as the annotator marked it."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> GoldSpan:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before start {self.start}")
        return self


class GoldAttribution(GoldRecord):
    """One attribution as PolNeAR annotates it; a few have no source, one has no cue."""

    source: GoldSpan | None
    cue: GoldSpan | None
    content: GoldSpan


class AttributionsGold(GoldRecord):
    """Every attribution in one article.

    An entry with no content span is dropped on reading: there is nothing a prediction could
    match (polnear-dev has one, with no source and no cue either).
    """

    attributions: list[GoldAttribution]

    @model_validator(mode="before")
    @classmethod
    def _drop_empty(cls, raw: Any) -> Any:
        if isinstance(raw, dict) and isinstance(raw.get("attributions"), list):
            entries = raw["attributions"]
            kept = [a for a in entries if not (isinstance(a, dict) and a.get("content") is None)]
            return {**raw, "attributions": kept}
        return raw


class Example(BaseModel):
    """One article of an evaluation set with its gold answer; `text` is NFC-normalised.

    Other keys on the line (`url`, `title`) are ignored: only text, date and gold are scored.
    """

    model_config = ConfigDict(extra="ignore")

    id: str
    text: str
    published: dt.date | None = None
    gold: CountsGold | AttributionsGold
    line: int

    @property
    def kind(self) -> DatasetKind:
        """The kind of gold this example carries."""
        if isinstance(self.gold, AttributionsGold):
            return DatasetKind.ATTRIBUTIONS
        return DatasetKind.COUNTS


COUNT_KEYS = frozenset({"killed", "injured", "event_date"})


def gold_kind(gold: dict[str, Any]) -> DatasetKind | None:
    """Tell the kind of a line's gold from its keys: `attributions`, else any count key."""
    if "attributions" in gold:
        return DatasetKind.ATTRIBUTIONS
    if COUNT_KEYS & gold.keys():
        return DatasetKind.COUNTS
    return None


def read_dataset(path: Path, *, limit: int | None = None) -> tuple[DatasetKind, list[Example]]:
    """Read a whole evaluation set and its kind; every line must carry the same kind of gold.

    >>> kind, examples = read_dataset(Path("../shared/eval/gva-dev.jsonl"), limit=5)
    """
    examples = list(iter_examples(path, limit=limit))
    if not examples:
        raise InputError(f"{path}: holds no examples")
    kind = examples[0].kind
    for example in examples:
        if example.kind is not kind:
            raise InputError(
                f"{path}:{example.line}: gold is {example.kind} but the file began with {kind}"
            )
    return kind, examples


def iter_examples(path: Path, *, limit: int | None = None) -> Iterator[Example]:
    """Yield the examples of a JSON Lines file in order, skipping blank lines."""
    if limit is not None and limit < 1:
        raise InputError(f"--limit must be at least 1, not {limit}")
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    count = 0
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                yield parse_line(line, path=path, number=number)
                count += 1
                if limit is not None and count >= limit:
                    return
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: is not UTF-8 text ({exc.reason})") from exc


def parse_line(line: str, *, path: Path, number: int) -> Example:
    """Parse one line into an Example; any problem is an InputError naming file and line."""
    where = f"{path}:{number}"
    if len(line) > MAX_LINE_CHARS:
        raise InputError(f"{where}: line is {len(line):,} characters; limit {MAX_LINE_CHARS:,}")
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(raw, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(raw).__name__}")
    gold = raw.get("gold")
    if not isinstance(gold, dict):
        raise InputError(f"{where}: needs a \"gold\" object")
    kind = gold_kind(gold)
    if kind is None:
        raise InputError(
            f"{where}: gold has neither \"attributions\" nor any of killed/injured/event_date"
        )
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: needs a non-empty \"text\" string")
    model = AttributionsGold if kind is DatasetKind.ATTRIBUTIONS else CountsGold
    try:
        parsed_gold = model.model_validate(gold)
    except ValidationError as exc:
        raise InputError(f"{where}: gold.{first_problem(exc)}") from exc
    try:
        if isinstance(parsed_gold, AttributionsGold):
            check_spans(parsed_gold, text)
            text, parsed_gold = to_nfc(text, parsed_gold)
        else:
            text = unicodedata.normalize("NFC", text)
        return Example.model_validate({**raw, "text": text, "gold": parsed_gold, "line": number})
    except ValidationError as exc:
        raise InputError(f"{where}: {first_problem(exc)}") from exc
    except ValueError as exc:
        raise InputError(f"{where}: {exc}") from exc


def check_spans(gold: AttributionsGold, text: str) -> None:
    """Gold spans must lie inside the text and cover the words they quote."""
    for index, attribution in enumerate(gold.attributions):
        for role in ("source", "cue", "content"):
            span: GoldSpan | None = getattr(attribution, role)
            if span is None:
                continue
            if span.end > len(text) or text[span.start : span.end] != span.text:
                raise ValueError(
                    f"attribution {index} {role} span {span.start}..{span.end} does not cover "
                    f"its text {span.text[:40]!r}"
                )


def to_nfc(text: str, gold: AttributionsGold) -> tuple[str, AttributionsGold]:
    """Normalise the text to NFC and move the gold offsets with it.

    NFC only merges characters, so an offset moves to the length of the normalised prefix.
    """
    normal = unicodedata.normalize("NFC", text)
    if normal == text:
        return text, gold

    def move(span: GoldSpan | None) -> GoldSpan | None:
        if span is None:
            return None
        start = len(unicodedata.normalize("NFC", text[: span.start]))
        end = len(unicodedata.normalize("NFC", text[: span.end]))
        return GoldSpan(start=start, end=end, text=normal[start:end])

    moved = [
        GoldAttribution(
            source=move(a.source), cue=move(a.cue), content=move(a.content) or a.content
        )
        for a in gold.attributions
    ]
    return normal, AttributionsGold(attributions=moved)


def first_problem(exc: ValidationError) -> str:
    """One line from a pydantic error: the field path and what is wrong with it."""
    error = exc.errors()[0]
    location = ".".join(str(part) for part in error["loc"]) or "line"
    return f"{location}: {error['msg']}"
