"""Every frame with a source: each strategy over each sentence, in the order that settles ties.

Frames are sorted by where their content starts, so of two with the same start and cue the earlier
strategy's comes first: according to, nominal, colon, source phrase, stance, then cue verbs
(which skip a verb a colon frame already took).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newstally.extract.attribution.according_to import _according_to
from newstally.extract.attribution.colon import _colon_frames
from newstally.extract.attribution.frame import Frame
from newstally.extract.attribution.nominal import _nominal_frames
from newstally.extract.attribution.source_phrases import _source_phrase_frames
from newstally.extract.attribution.sources import SourceRef
from newstally.extract.attribution.stance import _stance_frames
from newstally.extract.attribution.verbs import _verb_frames

# Definite descriptions that refer back to a named source: 'the office', 'the agency'.
ANAPHORIC_HEADS = {"office", "agency", "ministry", "council", "group", "organisation",
                   "organization", "department", "committee", "commission", "force", "forces",
                   "army", "military", "government", "charity", "outlet", "newspaper", "site",
                   "service", "authority", "authorities", "mission", "monitor", "observatory"}


def find_frames(doc: Doc) -> list[Frame]:
    """Every attribution frame in the document, in text order."""
    frames: list[Frame] = []
    for sent in doc.sents:
        frames.extend(_frames_in_sentence(doc, sent))
    frames.sort(key=lambda f: (f.content_start, f.cue_start))
    _resolve_definite_sources(doc, frames)
    return frames


def _frames_in_sentence(doc: Doc, sent: Span) -> list[Frame]:
    colon = _colon_frames(doc, sent)
    taken = {f.cue_start for f in colon}
    frames = _according_to(doc, sent) + _nominal_frames(doc, sent) + colon
    frames += _source_phrase_frames(doc, sent) + _stance_frames(doc, sent)
    return frames + _verb_frames(doc, sent, taken)


def _resolve_definite_sources(doc: Doc, frames: list[Frame]) -> None:
    """'The office said ...' after 'the UN human rights office said ...': the same source.

    A source written as 'the' + one head noun takes the name and kind of the nearest earlier
    source whose words contain that noun; `text` stays the words in the sentence.
    """
    named: list[SourceRef] = []
    for frame in sorted(frames, key=lambda f: f.cue_start):
        ref = frame.source
        if ref is None:
            continue
        words = ref.text.lower().split()
        head = words[-1] if words else ""
        before = doc[ref.start - 1] if ref.start > 0 else None
        definite = before is not None and before.lower_ == "the"
        if definite and len(words) == 1 and head in ANAPHORIC_HEADS:
            for earlier in reversed(named):
                if head in earlier.text.lower().split() and earlier.text.lower() != head:
                    ref.name, ref.kind = earlier.name, earlier.kind
                    break
        else:
            named.append(ref)
