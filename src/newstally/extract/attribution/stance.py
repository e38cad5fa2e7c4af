"""Adjectives of stance: 'The farmers were worried that the quotas would end their season'.

The subject of the copula holds the view the adjective names; the status is estimated.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newstally.extract.attribution.frame import Frame
from newstally.extract.attribution.sources import _source_from_subject
from newstally.extract.doccache import sent_tokens
from newstally.model import Status

# Adjectives of stance and certainty after a copula: 'She was sure that ...', 'They are
# worried about ...', 'He is determined to ...'. Their clause or phrase is the content.
STANCE_ADJECTIVES = {"sure", "certain", "confident", "convinced", "worried", "concerned",
                     "frustrated", "afraid", "fearful", "hopeful", "optimistic", "pessimistic",
                     "skeptical", "sceptical", "critical", "opposed", "supportive", "eager",
                     "determined", "adamant", "willing", "unwilling", "reluctant", "wary",
                     "doubtful", "coy", "passionate", "furious", "angry", "upset",
                     "proud", "ready", "keen", "insistent", "unhappy", "disappointed",
                     "satisfied", "dissatisfied", "pleased"}  # fmt: skip
STANCE_COMPLEMENTS = {"ccomp", "xcomp", "prep"}


def _stance_frames(doc: Doc, sent: Span) -> list[Frame]:
    """'Protesters were frustrated that the video was cut': the subject of the copula holds
    the view its adjective names, about the adjective's clause or phrase."""
    frames = []
    for adj in sent_tokens(sent):
        if adj.lower_ not in STANCE_ADJECTIVES or adj.dep_ not in {"acomp", "oprd"}:
            continue
        parts = [c for c in adj.children if c.dep_ in STANCE_COMPLEMENTS]
        if not parts:
            continue
        subjects = [c for c in adj.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not subjects or subjects[0].lower_ in {"it", "this", "that", "there"}:
            continue
        tokens = [t for p in parts for t in p.subtree]
        frames.append(Frame(
            cue=adj.lower_, cue_start=adj.i, cue_end=adj.i + 1, status=Status.ESTIMATED,
            source=_source_from_subject(doc, subjects[0]),
            content_start=min(t.idx for t in tokens),
            content_end=max(t.idx + len(t.text) for t in tokens),
            sentence_start=sent.start_char, sentence_end=sent.end_char))
    return frames
