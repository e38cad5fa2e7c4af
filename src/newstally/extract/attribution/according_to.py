"""'According to X, ...': the phrase names the source and the rest of the sentence is the content.

'According to the ministry, which cited local officials, 40 people died' makes the officials the
source and the ministry a relay.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newstally.extract.attribution.cues import RELAY_VERBS
from newstally.extract.attribution.frame import Frame
from newstally.extract.attribution.sources import SourceRef, _phrase, _trim, make_source
from newstally.extract.doccache import sent_tokens
from newstally.model import Status


def _according_to(doc: Doc, sent: Span) -> list[Frame]:
    frames = []
    for tok in sent_tokens(sent):
        if tok.lower_ != "according" or tok.i + 1 >= sent.end or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            continue
        obj = objs[0]
        start, end = _phrase(obj)
        source = make_source(doc, start, end)
        phrase_end = max(t.i for t in obj.subtree) + 1
        # content: the sentence without the 'according to' phrase
        if tok.i <= sent.start + 1:
            c_start_tok = phrase_end
            while c_start_tok < sent.end and doc[c_start_tok].is_punct:
                c_start_tok += 1
            c_end_tok = sent.end
        else:
            c_start_tok = sent.start
            c_end_tok = tok.i
        while c_end_tok > c_start_tok and (
            doc[c_end_tok - 1].is_punct or doc[c_end_tok - 1].is_space
        ):
            c_end_tok -= 1
        if c_end_tok <= c_start_tok:
            continue
        cited = [c for c in obj.subtree if c.lemma_ in RELAY_VERBS]
        via: list[SourceRef] = []
        if cited:
            for c in cited:
                dobj = [g for g in c.children if g.dep_ == "dobj"]
                if dobj:
                    via = [
                        SourceRef(source.start, source.end, source.text, source.name, source.kind)
                    ]
                    s2, e2 = _phrase(dobj[0])
                    source = make_source(doc, s2, e2)
                    # the relay phrase ends before ", which cited"
                    first_rel = min(t.i for t in c.subtree)
                    rs, re_ = _trim(doc, via[0].start, min(via[0].end, first_rel))
                    via = [make_source(doc, rs, re_)]
        frames.append(
            Frame(
                cue="according to",
                cue_start=tok.i,
                cue_end=tok.i + 2,
                status=Status.CLAIMED,
                source=source,
                content_start=doc[c_start_tok].idx,
                content_end=doc[c_end_tok - 1].idx + len(doc[c_end_tok - 1].text),
                via=via,
                sentence_start=sent.start_char,
                sentence_end=sent.end_char,
            )
        )
    return frames
