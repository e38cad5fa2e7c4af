"""Statements attributed to no one named: 'He is expected to win', 'it seems', 'allegedly'.

Kept apart from the sourced frames (`find_frames`), which give figures their sources.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newstally.extract.attribution.cues import CUE_STATUS
from newstally.extract.attribution.frame import Frame
from newstally.extract.doccache import sent_tokens
from newstally.model import Status

# Cues that attribute with no source named: 'He is expected to win', 'She was accused of
# fraud', 'Statements were rated false'; the passive hides who expects, accuses or rates.
# Not 'supposed to' (obligation), 'charged with' (a legal act) or 'seen', 'known', 'called'
# (too often plain description).
UNSOURCED_PASSIVE_CUES = {"expect", "accuse", "criticize", "criticise", "consider", "think",
                          "believe", "blame", "rate", "label", "dub", "report", "allege",
                          "suspect", "rumor", "rumour", "fear", "deem", "describe",
                          "estimate", "view", "regard", "brand", "define", "say",
                          "understand", "assume", "project", "predict", "presume", "debate",
                          "question", "dispute", "implicate"}  # fmt: skip
# Verbs of seeming: the writer's impression ('He seems confident'), attributed to no one.
SEEM_VERBS = {"seem", "appear"}
SEEM_COMPLEMENTS = {"xcomp", "ccomp", "acomp", "oprd", "attr", "prep"}
# Adverbs that attribute their clause to someone unnamed: 'he allegedly fired a pistol'.
HEARSAY_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly", "presumably",
                   "ostensibly"}  # fmt: skip


def _clause_range(head: Token) -> tuple[int, int]:
    """Character range of a clause: its head's subtree without the closing punctuation."""
    tokens = [t for t in head.subtree if not t.is_space]
    while len(tokens) > 1 and tokens[-1].is_punct and tokens[-1].text not in {'"', "”", "’"}:
        tokens.pop()
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _agentless_passive(tok: Token) -> bool:
    """'was accused of', 'is expected to': a passive cue verb with no 'by' agent."""
    return (
        tok.pos_ == "VERB"
        and tok.tag_ == "VBN"
        and tok.lemma_.lower() in UNSOURCED_PASSIVE_CUES
        and any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children)
        and not any(c.dep_ == "agent" for c in tok.children)
    )


def _seeming(tok: Token) -> bool:
    """'seems confident', 'appears to be', 'seems like': a verb of seeming with a complement."""
    return (
        tok.lemma_.lower() in SEEM_VERBS
        and tok.pos_ == "VERB"
        and any(c.dep_ in SEEM_COMPLEMENTS for c in tok.children)
    )


def _unsourced_clause_head(tok: Token) -> Token | None:
    """The head of the clause `tok` attributes to no one named, if it is such a cue."""
    if _agentless_passive(tok) or _seeming(tok):
        return tok
    if tok.lower_ in HEARSAY_ADVERBS and tok.head.pos_ in {"VERB", "AUX"}:
        return tok.head
    return None


def find_unsourced_frames(doc: Doc) -> list[Frame]:
    """Statements the article attributes without naming a source: agentless passives of cue
    verbs, verbs of seeming and hearsay adverbs. Kept apart from `find_frames`, whose frames
    give figures their sources, so that 'is believed killed' never hides 'police said'."""
    frames: list[Frame] = []
    for sent in doc.sents:
        for tok in sent_tokens(sent):
            lemma = tok.lemma_.lower()
            head = _unsourced_clause_head(tok)
            if head is None:
                continue
            start, end = _clause_range(head)
            frames.append(Frame(
                cue=lemma, cue_start=tok.i, cue_end=tok.i + 1,
                status=CUE_STATUS.get(lemma, Status.CLAIMED), source=None,
                content_start=start, content_end=end,
                sentence_start=sent.start_char, sentence_end=sent.end_char))
    return frames
