"""The frame: one attribution as token and character ranges, before it becomes a record.

'Police said two people died' is the cue 'say' (token 1), the source 'Police' and the content
'two people died'; figures take their source and status from the innermost frame around them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newstally.extract.attribution.sources import SourceRef
from newstally.model import Status


@dataclass
class Frame:
    """One attribution: cue, source, content and relays, as token and character ranges."""

    cue: str
    cue_start: int
    cue_end: int
    status: Status
    source: SourceRef | None
    content_start: int  # char offset
    content_end: int  # char offset
    via: list[SourceRef] = field(default_factory=list)
    recipient: SourceRef | None = None
    sentence_start: int = 0
    sentence_end: int = 0

    def covers(self, start: int, end: int) -> bool:
        return self.content_start <= start and end <= self.content_end


def innermost_frame(frames: list[Frame], start: int, end: int) -> Frame | None:
    """The attribution whose content holds [start, end) most tightly."""
    holding = [f for f in frames if f.covers(start, end)]
    if not holding:
        return None
    return min(holding, key=lambda f: f.content_end - f.content_start)
