"""Nominal cues: 'The mayor's claim that ...', 'her criticism of the plan'.

A noun is the cue, its owner or agent the source, its clause or topic the content.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newstally.extract.attribution.cues import CUE_STATUS
from newstally.extract.attribution.frame import Frame
from newstally.extract.attribution.sources import _source_from_subject, _speaker_like
from newstally.extract.doccache import sent_tokens
from newstally.model import Status

NOMINAL_CUES = {"claim", "statement", "assertion", "allegation", "argument", "suggestion",
                "warning", "belief", "view", "promise", "pledge", "remark", "comment",
                "accusation", "denial", "insistence", "fear", "hope", "call", "demand",
                "proposal", "plan", "vow", "threat", "prediction", "estimate", "assessment",
                "announcement", "admission", "contention", "charge", "complaint", "insinuation",
                "theory", "position", "idea", "notion", "pitch", "message", "decision",
                # nouns of judging and answering: 'her criticism of', 'his praise for'
                "criticism", "attack", "praise", "concern", "worry", "doubt", "skepticism",
                "scepticism", "opposition", "objection", "support", "endorsement", "rejection",
                "rhetoric", "opinion", "reaction", "response", "answer", "explanation",
                "account", "description", "testimony", "advice", "recommendation", "request",
                "appeal", "assurance", "admiration", "disdain", "contempt",
                "determination", "push", "defense", "defence", "campaign",
                "crusade"}  # fmt: skip


# Prepositions that give the topic of a nominal cue whose owner is named: 'her criticism of',
# 'his remarks about', 'their attacks on'.
NOMINAL_TOPIC_PREPS = {"of", "about", "on", "over", "against", "for", "toward", "towards"}


def _nominal_frames(doc: Doc, sent: Span) -> list[Frame]:
    """'The mayor's claim that there had been hundreds of complaints': a noun as the cue, its
    owner ('Trump's') or agent ('by the ministry') as the source, its clause as the content."""
    frames = []
    for noun in sent_tokens(sent):
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in NOMINAL_CUES:
            continue
        clauses = [c for c in noun.children if c.dep_ in {"acl", "ccomp", "relcl"}
                   and any(g.dep_ == "mark" or g.lower_ == "to" for g in c.children)]
        if not clauses:
            # 'his comments about the wall', "Trump's attacks on Machado": the topic
            clauses = [c for c in noun.children if c.dep_ == "prep"
                       and c.lower_ in NOMINAL_TOPIC_PREPS and c.i > noun.i
                       and not any(g.ent_type_ in {"DATE", "TIME"} for g in c.children)]
        if not clauses:
            continue
        owners = [c for c in noun.children if c.dep_ == "poss"]
        agents = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in {"by", "from"}
                  for g in c.children if g.dep_ == "pobj"]  # fmt: skip
        holder = owners[0] if owners else agents[0] if agents else None
        if holder is None or holder.lower_ in {"its", "their"} and not _speaker_like(holder):
            continue
        tokens = list(clauses[0].subtree)
        source = _source_from_subject(doc, holder)
        frames.append(Frame(
            cue=noun.lemma_.lower(), cue_start=noun.i, cue_end=noun.i + 1,
            status=CUE_STATUS.get(noun.lemma_.lower(), Status.CLAIMED), source=source,
            content_start=tokens[0].idx, content_end=tokens[-1].idx + len(tokens[-1].text),
            sentence_start=sent.start_char, sentence_end=sent.end_char))
    return frames
