"""The typed records of REPORT-V1: what `newstally extract` returns and the store keeps.

The contract is `shared/schema/REPORT-V1.md`. These classes are plain data with validation and
no behaviour, so the JSON Schema that `newstally schema` prints is generated from them and can
never drift from the code. Offsets are 0-based indexes into `Article.text` (NFC-normalised).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_ID = "newstally/report@1"


class Record(BaseModel):
    """Base for every record: unknown fields are errors, so a typo in a gold file fails loudly."""

    model_config = ConfigDict(extra="forbid", use_enum_values=False)


class Span(Record):
    """A half-open character range [start, end) in the article text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before start {self.start}")
        return self


class Measure(StrEnum):
    """What a figure counts."""

    KILLED = "killed"
    INJURED = "injured"
    CASUALTIES = "casualties"
    MISSING = "missing"
    CAPTURED = "captured"
    HOSPITALIZED = "hospitalized"
    DEPLOYED = "deployed"
    DISPLACED = "displaced"
    DETAINED = "detained"
    EVACUATED = "evacuated"
    OTHER = "other"


class Role(StrEnum):
    """Who the counted people are, coarsely."""

    SOLDIERS = "soldiers"
    CIVILIANS = "civilians"
    PEOPLE = "people"
    CHILDREN = "children"
    OFFICIALS = "officials"
    OTHER = "other"


class SourceKind(StrEnum):
    """What kind of party makes a claim; `unattributed` when the article itself asserts it."""

    GOVERNMENT = "government"
    MILITARY = "military"
    OFFICIAL = "official"
    MEDIA = "media"
    NGO = "ngo"
    INTERNATIONAL = "international"
    PERSON = "person"
    UNATTRIBUTED = "unattributed"


class Status(StrEnum):
    """How firmly the source states a figure, read from the attribution verb."""

    CONFIRMED = "confirmed"
    CLAIMED = "claimed"
    ESTIMATED = "estimated"
    DENIED = "denied"
    DISPUTED = "disputed"


class Scope(StrEnum):
    """Whether a figure is a running total ('the toll rose to 112') or a count for a stretch
    of time ('another 12 overnight'). Tallies must not add increments into totals silently."""

    CUMULATIVE = "cumulative"
    INCREMENT = "increment"


class Count(Record):
    """A count of people as a range: exact '50' is 50..50, 'over 100' is 101..None."""

    low: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0)
    approximate: bool = False
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Count:
        if self.low is not None and self.high is not None and self.high < self.low:
            raise ValueError(f"count high {self.high} is below low {self.low}")
        return self


class Subject(Record):
    """Who is counted: 'North Korean soldiers' is group North Korea, role soldiers."""

    text: str | None = None
    group: str | None = None
    role: Role | None = None


class Place(Record):
    """Where the counted event happened; `country` is ISO 3166-1 alpha-2."""

    text: str
    country: str | None = None
    region: str | None = None


class Period(Record):
    """The time a count covers ('from Saturday to Monday'), not when it was said."""

    text: str
    start: dt.date | None = None
    end: dt.date | None = None


class Source(Record):
    """Who makes a claim: the words in the article and a normalised name."""

    text: str | None = None
    name: str | None = None
    kind: SourceKind = SourceKind.UNATTRIBUTED


class Relay(Record):
    """A party between the source and the article ('Reuters', citing officials)."""

    text: str
    kind: SourceKind


class Evidence(Span):
    """Where a figure's count words are, and the sentence around them."""

    sentence: Span


class Figure(Record):
    """One reported count of people, with everything needed to cite it."""

    id: str
    measure: Measure
    count: Count
    subject: Subject = Field(default_factory=Subject)
    place: Place | None = None
    period: Period | None = None
    reported: dt.date | None = None
    source: Source = Field(default_factory=Source)
    via: list[Relay] = Field(default_factory=list)
    cue: str | None = None
    status: Status = Status.CLAIMED
    hedges: list[str] = Field(default_factory=list)
    scope: Scope | None = None
    evidence: Evidence


class Quote(Record):
    """A quotation with its speaker; `text` excludes the quotation marks."""

    speaker: str | None = None
    speaker_description: str | None = None
    to: str | None = None
    text: str
    direct: bool = True
    evidence: Span


class Attribution(Record):
    """A statement the article attributes to a source (PolNeAR/PARC style)."""

    source: Source
    cue: str
    content: Span
    cue_span: Span | None = None
    source_span: Span | None = None


class Total(Record):
    """The article's best reading of one measure for its main event."""

    low: int = Field(ge=0)
    high: int | None = Field(default=None, ge=0)


class Article(Record):
    """The article as extracted text plus metadata. `id` is derived from the text."""

    id: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: dt.date | None = None
    language: Literal["en"] = "en"
    text: str


def article_id(text: str) -> str:
    """Content id: re-ingesting the same text gives the same id, so it is stored once."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class Report(Record):
    """One article's extraction: the REPORT-V1 object."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_id: Literal["newstally/report@1"] = Field(default="newstally/report@1", alias="schema")
    article: Article
    figures: list[Figure] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    totals: dict[Measure, Total] = Field(default_factory=dict)
    event_date: dt.date | None = None

    def to_json(self, indent: int | None = None) -> str:
        """Serialise with the contract's field names (`schema`, not `schema_id`)."""
        return self.model_dump_json(by_alias=True, indent=indent)


def report_json_schema() -> dict[str, object]:
    """The JSON Schema of REPORT-V1, generated from these models."""
    schema = Report.model_json_schema(by_alias=True, mode="serialization")
    schema["$id"] = SCHEMA_ID
    schema["title"] = "newstally report, version 1"
    return schema
