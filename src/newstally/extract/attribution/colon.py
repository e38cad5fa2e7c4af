"""Colons that stand for speech: 'The governor added: ...', 'SMITH: Well, ...', 'Poll: ...'.

The content runs to the end of the paragraph; a label ('Correction:') or a kicker over a story
('FLOODS:') names no speaker.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newstally.extract.attribution.cues import CUE_STATUS
from newstally.extract.attribution.frame import Frame
from newstally.extract.attribution.sources import _source_from_subject, _speaker_like, make_source
from newstally.extract.doccache import sent_tokens
from newstally.extract.time import MONTHS
from newstally.model import Status

# Words that label a passage rather than name a speaker: 'Correction: ...', 'Source: ...'.
COLON_LABELS = {"correction", "clarification", "source", "sources", "update",
                "updated", "note", "editor", "photo", "video", "related", "read", "watch",
                "see", "listen", "credit", "contact", "disclosure", "warning"}  # fmt: skip
# The most words a bare name before a colon may have: 'SMITH:', 'Senator Jane Doe:', 'Poll:'.
COLON_NAME_TOKENS = 5


def _line_end(doc: Doc, start: int) -> int:
    """Index of the token that ends the paragraph holding token `start` (exclusive)."""
    k = start
    while k < len(doc) and "\n" not in doc[k].text:
        if doc[k].whitespace_ == "" and k + 1 < len(doc) and "\n" in doc[k + 1].text:
            return k + 1
        k += 1
    return k


def _is_dateline(lead: list[Token]) -> bool:
    """'KHARTOUM, March 3:', 'Mali, Sept 19:': a place and a day that open a story. What
    stands before a speaker's colon never ends with a day."""
    words = [t for t in lead if not t.is_punct]
    if not words:
        return False
    if words[-1].ent_type_ == "DATE":
        return True
    # the parser does not always see 'Oct 2' as a date: a month word and a day number
    return (
        len(words) >= 2
        and words[-1].like_num
        and words[-2].lower_.rstrip(".")[:3] in MONTHS
        and words[-2].is_title
    )


def _is_transcript(doc: Doc) -> bool:
    """Whether two or more lines open with an all-caps word and a colon ('HARPER: ...'): a
    transcript, whose labels name speakers. One such line is a kicker over a story."""
    labels = 0
    for tok in doc[:-1]:
        line_start = tok.i == 0 or "\n" in doc[tok.i - 1].text_with_ws
        if line_start and tok.is_upper and len(tok.text) > 1 and doc[tok.i + 1].text == ":":
            labels += 1
            if labels >= 2:
                return True
    return False


def _colon_frames(doc: Doc, sent: Span) -> list[Frame]:
    """'The governor added: ...', 'SMITH: Well, ...', 'Poll: Smith leads': a colon that stands
    for a speech verb, or follows one that has no clause of its own. The content runs from the
    colon to the end of the paragraph (the next one when the colon ends its line), since a
    transcript turn or a quoted passage after a colon is often several sentences long."""
    frames = []
    for colon in sent_tokens(sent):
        if colon.text != ":" or colon.i + 1 >= len(doc):
            continue
        lead = [t for t in doc[sent.start : colon.i] if not t.is_space]
        if not lead:
            continue
        verbs = [t for t in lead if t.pos_ in {"VERB", "AUX"}]
        source_tok: Token | None = None
        cue = ":"
        cue_tok = colon
        if verbs:
            verb = verbs[-1]
            lemma = verb.lemma_.lower()
            if lemma not in CUE_STATUS and lemma not in SPEECH_AFTER_COLON:
                continue
            if any(c.dep_ in {"ccomp", "xcomp"} and c.i < colon.i for c in verb.children):
                continue  # the verb has its own clause before the colon
            subjects = [c for c in verb.children if c.dep_ in {"nsubj"}]
            if not subjects:
                continue
            source_tok, cue, cue_tok = subjects[0], lemma, verb
        elif len(lead) <= COLON_NAME_TOKENS:
            # the word the name hangs from: its head lies outside the name
            heads = [t for t in lead if not lead[0].i <= t.head.i < colon.i or t.dep_ == "ROOT"]
            head = heads[0] if heads else lead[-1]
            shouted = head.is_upper and len(head.text) > 1  # 'SMITH:', but also 'FLOODS:'
            named = head.ent_type_ in {"PERSON", "ORG"} or (
                head.pos_ == "PROPN" and not shouted
            )
            if shouted and not named and len(lead) == 1 and not _is_transcript(doc):
                continue  # a kicker over a story ('FLOODS: ...', 'BREAKING: ...')
            if not (named or shouted or _speaker_like(head)):
                continue
            if any(t.lower_ in COLON_LABELS for t in lead) or _is_dateline(lead):
                continue
            source_tok = head
        else:
            continue
        first = colon.i + 1
        while first < len(doc) and (doc[first].is_space or doc[first].text in {'"', "“"}):
            first += 1
        if first >= len(doc):
            continue
        last = _line_end(doc, first)
        while last > first and (doc[last - 1].is_space or doc[last - 1].text in {'"', "”"}):
            last -= 1
        if last <= first:
            continue
        if verbs:
            source = _source_from_subject(doc, source_tok)
        else:
            source = make_source(doc, lead[0].i, lead[-1].i + 1)
        frames.append(Frame(
            cue=cue, cue_start=cue_tok.i, cue_end=cue_tok.i + 1,
            status=CUE_STATUS.get(cue, Status.CLAIMED), source=source,
            content_start=doc[first].idx, content_end=doc[last - 1].idx + len(doc[last - 1].text),
            sentence_start=sent.start_char, sentence_end=sent.end_char))
    return frames


# Verbs that introduce speech after a colon besides the cue table: 'He continued: ...'.
SPEECH_AFTER_COLON = {"continue", "comment", "respond", "reply", "write", "tweet", "conclude",
                      "begin", "start", "explain", "put"}  # fmt: skip
