"""'In a new poll, ...', 'By one estimate, ...': a prepositional phrase that names the source.

The preposition stands in for a cue verb; its object (a poll, a view, an estimate) is the source.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newstally.extract.attribution.cues import _is_cue
from newstally.extract.attribution.frame import Frame
from newstally.extract.attribution.sources import _phrase, make_source
from newstally.extract.doccache import sent_tokens
from newstally.model import Status

# 'In a new poll, ...', 'In his view, ...', 'By one estimate, ...': a preposition whose object
# names where a statement comes from, standing in for a cue verb.
SOURCE_PREPOSITIONS = {"in", "by"}
SOURCE_NOUNS = {"poll", "survey", "study", "view", "eyes", "opinion", "estimate", "account",
                "analysis", "assessment", "judgment", "judgement", "telling", "reckoning",
                "count", "calculation", "tally", "mind", "words"}  # fmt: skip


def _source_phrase_frames(doc: Doc, sent: Span) -> list[Frame]:
    """'In a poll released Monday, Smith led by 5 points': the sentence without the phrase is
    the content and the phrase's object the source. Skipped when the phrase hangs on a cue verb
    ('said in an interview'), whose own frame already holds the statement."""
    frames = []
    for prep in sent_tokens(sent):
        if prep.lower_ not in SOURCE_PREPOSITIONS or prep.dep_ != "prep":
            continue
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        if not objs or objs[0].lemma_.lower() not in SOURCE_NOUNS:
            continue
        if prep.head.pos_ in {"VERB", "AUX"} and _is_cue(prep.head):
            continue
        obj = objs[0]
        phrase = [t.i for t in prep.subtree]
        first, last = min(phrase), max(phrase) + 1
        if first <= sent.start + 1:
            c_start = last
            while c_start < sent.end and (doc[c_start].is_punct or doc[c_start].is_space):
                c_start += 1
            c_end = sent.end
        else:
            c_start, c_end = sent.start, first
        while c_end > c_start and (doc[c_end - 1].is_punct or doc[c_end - 1].is_space):
            c_end -= 1
        if c_end <= c_start:
            continue
        start, end = _phrase(obj)
        frames.append(Frame(
            cue=prep.lower_, cue_start=prep.i, cue_end=prep.i + 1, status=Status.CLAIMED,
            source=make_source(doc, start, end), content_start=doc[c_start].idx,
            content_end=doc[c_end - 1].idx + len(doc[c_end - 1].text),
            sentence_start=sent.start_char, sentence_end=sent.end_char))
    return frames
