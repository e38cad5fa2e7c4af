"""The frame: one attribution as token and character ranges, before it becomes a record.

'Police said two people died' is the cue 'say' (token 1), the source 'Police' and the content
'two people died'; figures take their source and status from the innermost frame around them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
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


class FrameIndex:
    """The frames of one article, found by position: `holding` looks only at frames that start
    close enough before a position to reach it, so a long article's thousands of figures do
    not each scan its thousands of frames. Gives what `innermost_frame` gives."""

    def __init__(self, frames: list[Frame]) -> None:
        # (start, order in `frames`): ties go to the earlier frame, as in `innermost_frame`
        self.order = sorted(range(len(frames)), key=lambda k: (frames[k].content_start, k))
        self.frames = frames
        self.starts = [frames[k].content_start for k in self.order]
        self.reach = max((f.content_end - f.content_start for f in frames), default=0)

    def _holding(self, start: int, end: int) -> list[int]:
        lo = bisect_left(self.starts, start - self.reach)
        hi = bisect_right(self.starts, start)
        return sorted(k for k in self.order[lo:hi] if self.frames[k].covers(start, end))

    def holding(self, start: int, end: int) -> list[Frame]:
        """Every frame whose content holds [start, end), in the order they were found."""
        return [self.frames[k] for k in self._holding(start, end)]

    def innermost(self, start: int, end: int) -> Frame | None:
        """The frame whose content holds [start, end) most tightly."""
        holding = self.holding(start, end)
        if not holding:
            return None
        return min(holding, key=lambda f: f.content_end - f.content_start)
