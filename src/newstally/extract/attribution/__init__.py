"""Sources, cues, relay chains and status: who says what, through whom, how firmly.

An attribution frame is a cue ('said', 'confirmed', 'according to'), a source (its subject, or
the agent of a passive: 'confirmed by U.S. officials') and a content span (what is attributed).
Relays come from 'citing X' and 'X told Y': the source is the party nearest the facts, and the
relays run from it towards the article. The cue verb sets the status (CUE_STATUS) and the words
of the source set its kind (SOURCE_KINDS); both tables are data.

One module per strategy: `verbs` (cue verbs), `according_to`, `nominal` ('her claim that'),
`colon` ('SMITH: ...'), `source_phrases` ('In a poll, ...'), `stance` ('were worried that'),
and `unsourced` ('is expected to'); `sourced` runs the sourced ones over each sentence, `cues`
holds the cue table and `sources` names and kinds sources.
"""

from newstally.extract.attribution.cues import CUE_STATUS
from newstally.extract.attribution.frame import Frame, FrameIndex, innermost_frame
from newstally.extract.attribution.sourced import find_frames
from newstally.extract.attribution.sources import (
    PRONOUNS,
    SourceRef,
    _phrase,
    _resolve_pronoun,
    make_source,
    source_kind,
)
from newstally.extract.attribution.unsourced import find_unsourced_frames

__all__ = [
    "CUE_STATUS",
    "PRONOUNS",
    "Frame",
    "SourceRef",
    "_phrase",
    "_resolve_pronoun",
    "find_frames",
    "find_unsourced_frames",
    "innermost_frame",
    "FrameIndex",
    "make_source",
    "source_kind",
]
