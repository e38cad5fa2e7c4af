"""Frames and quotes as Attribution records: every attributed statement, each once.

A quote whose speech verb made a frame is that frame's content; a frame whose cue lies inside a
quote is part of the quoted words; of two statements one inside the other, the outer stands
('Smith said Jones thinks ...' is Smith's). Not exported from the package: it reads quotes,
and `quotes` imports the package.
"""

from __future__ import annotations

import sys
from bisect import bisect_left, bisect_right, insort

from spacy.tokens import Doc

from newstally.extract.attribution.frame import Frame
from newstally.extract.quotes import FoundQuote
from newstally.model import Attribution, Source, Span


def attributions_of(doc: Doc, frames: list[Frame], quotes: list[FoundQuote]) -> list[Attribution]:
    """Every attributed statement: the frames, and the quotes not already inside one."""
    out: list[Attribution] = []
    seen: set[tuple[int, int]] = set()
    quoted = [(q.quote.evidence.start, q.quote.evidence.end) for q in quotes]
    for frame in frames:
        cue_char = doc[frame.cue_start].idx
        if any(s <= cue_char < e for s, e in quoted):
            # 'I think ...' inside a quote is part of the quoted words (PARC), whether or not
            # the quote's speaker was found
            continue
        key = (frame.content_start, frame.content_end)
        seen.add(key)
        cue_tok = doc[frame.cue_start : frame.cue_end]
        ref = frame.source
        out.append(
            Attribution(
                # a frame with no source ('he is expected to win') is unattributed
                source=Source(text=ref.text, name=ref.name, kind=ref.kind)
                if ref is not None
                else Source(),
                cue=frame.cue,
                content=Span(start=frame.content_start, end=frame.content_end),
                cue_span=Span(start=cue_tok.start_char, end=cue_tok.end_char),
                source_span=Span(
                    start=doc[ref.start].idx,
                    end=doc[ref.end - 1].idx + len(doc[ref.end - 1].text),
                )
                if ref is not None and ref.end > ref.start
                else None,
            )
        )
    frame_cues = {frame.cue_start for frame in frames}
    for found in quotes:
        ev = found.quote.evidence
        # a quote whose speech verb already made a frame is that frame's content
        if found.speaker is None or found.cue_start in frame_cues:
            continue
        if any(s <= ev.start and ev.end <= e for s, e in seen):
            continue
        ref = found.speaker
        out.append(
            Attribution(
                source=Source(text=ref.text, name=ref.name, kind=ref.kind),
                cue=found.cue or "say",
                content=Span(start=ev.start, end=ev.end),
                cue_span=Span(
                    start=doc[found.cue_start].idx,
                    end=doc[found.cue_start].idx + len(doc[found.cue_start].text),
                )
                if found.cue_start is not None
                else None,
                source_span=Span(
                    start=doc[ref.start].idx, end=doc[ref.end - 1].idx + len(doc[ref.end - 1].text)
                )
                if ref.end > ref.start
                else None,
            )
        )
    out = outermost(out)
    out.sort(key=lambda a: (a.content.start, a.content.end))
    return out


def outermost(attributions: list[Attribution]) -> list[Attribution]:
    """Drop an attribution whose cue lies inside the content of another: 'Smith said Jones
    thinks the plan will fail' is one statement of Smith's, and what Jones thinks is part of
    it (PolNeAR annotates the outer one only). The widest contents are kept first, so of two
    that hold each other's cues the wider stands."""
    kept: list[Attribution] = []
    # kept contents by start; the first kept is the widest, so no kept content that starts
    # more than its width before a cue can hold it (a long article keeps thousands)
    spans: list[tuple[int, int]] = []
    for candidate in sorted(attributions, key=lambda a: a.content.start - a.content.end):
        cue = candidate.cue_span
        if cue is not None and kept:
            reach = kept[0].content.end - kept[0].content.start
            lo = bisect_left(spans, (cue.start - reach, -1))
            hi = bisect_right(spans, (cue.start, sys.maxsize))
            if any(start <= cue.start < end for start, end in spans[lo:hi]):
                continue
        kept.append(candidate)
        insort(spans, (candidate.content.start, candidate.content.end))
    return kept
