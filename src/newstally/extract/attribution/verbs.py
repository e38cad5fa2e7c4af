"""Cue verbs: the main strategy, a verb of saying or holding a view with a source and content.

'Officials said that 12 people were killed' (subject and clause), 'the toll, confirmed by the
ministry' (passive agent), 'the museum, Mr. Bush said, celebrated ...' (the host clause), and
relays: 'Reuters reported, citing police' makes police the source and Reuters a relay.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newstally.extract.attribution.cues import (
    ATTITUDE_VERBS,
    CLAUSE_ONLY_CUES,
    RELAY_VERBS,
    _is_cue,
    _phrasal_cue,
    _shared_subject,
    _status,
    gives_a_value,
)
from newstally.extract.attribution.frame import Frame
from newstally.extract.attribution.sources import (
    SourceRef,
    _antecedent_body,
    _phrase,
    _source_from_subject,
    make_source,
)
from newstally.extract.doccache import sent_tokens
from newstally.model import SourceKind

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
CONTENT_DEPS = {"ccomp", "xcomp", "dobj", "attr", "oprd", "parataxis"}


# Verbs by which 'it' (a body named before) speaks: 'It said ...', 'it added that ...'.
SAYING_VERBS = {"say", "add", "report", "announce", "state", "tell", "confirm", "estimate"}
CALL_FOR = {"call", "ask", "push", "press", "argue", "plead", "appeal", "advocate", "lobby"}


def _content_range(verb: Token, skip: set[int]) -> tuple[int, int] | None:
    """Character range of what a cue verb attributes: its clause or object."""
    parts: list[Token] = []
    for child in verb.children:
        if child.i in skip:
            continue
        if (
            child.dep_ in CONTENT_DEPS
            or child.dep_ == "prep"
            and child.lower_ in {"as", "about", "of"}
            and child.i > verb.i
        ):
            parts.append(child)
        elif child.dep_ == "prep" and child.lower_ == "for" and verb.lemma_.lower() in CALL_FOR:
            parts.append(child)  # 'called for a ban'
        elif child.dep_ == "prep" and child.lower_ == "to" and verb.lemma_.lower() == "point":
            parts.append(child)  # 'pointed to the polls'
        elif _phrasal_cue(verb, child):
            parts.append(child)  # 'railed against the deal', 'spoke of his fears'
        elif child.dep_ == "prep" and child.lower_ == "at" and gives_a_value(verb):
            parts.append(child)  # 'put the death toll at 75'

    if gives_a_value(verb) and not any(p.lower_ == "at" for p in parts):
        # 'put the number of troops killed or wounded ... at 1,080' with 'at' misattached
        values = [t for t in verb.subtree if t.dep_ == "prep" and t.lower_ == "at" and t.i > verb.i]
        parts += values[:1]
    if not parts:
        return None
    for part in parts:
        skip = skip | _trailing_asides(part)
    tokens = [t for p in parts for t in p.subtree if t.i not in skip]
    if not tokens:
        return None
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


# Clause relations that can hang a separate statement on the end of what is attributed.
ASIDE_DEPS = {"advcl", "relcl", "acl", "conj"}
# Marks that set an aside off from the clause before it.
ASIDE_MARKS = {",", ";", "(", "—", "–", "--", "-"}


def _trailing_asides(part: Token) -> set[int]:
    """Tokens of statements set off at the end of a content clause, which are not what was said.

    'He said the plan was dead, citing the vote' or '..., although he refused to ...' or
    'endorsed Smith, who says he is honored': a clause after the comma that holds a cue of its
    own is a second statement, and leaving it in lets this content swallow that one. A clause
    joined by 'and' counts when its verb is itself a cue ('... and warned that ...'). An aside
    with no cue stays: 'killed two, raising the toll to 31' is all the speaker's.
    """
    dropped: set[int] = set()
    end = max(t.i for t in part.subtree)
    while True:
        cut = None
        for tok in part.subtree:
            if tok.i in dropped or tok.dep_ not in ASIDE_DEPS or tok.i == part.i:
                continue
            if tok.pos_ not in {"VERB", "AUX"}:
                continue
            sub = [t.i for t in tok.subtree]
            if max(sub) != end:
                continue
            first = min(sub)
            doc = tok.doc
            before = doc[first - 1] if first > part.left_edge.i else None
            if before is None:
                continue
            set_off = before.text in ASIDE_MARKS
            if tok.dep_ == "conj" and not set_off:
                set_off = before.dep_ == "cc" and _is_cue(tok)
            if not set_off or not any(_is_cue(t) for t in tok.subtree):
                continue
            if cut is None or first < min(t.i for t in cut.subtree):
                cut = tok
        if cut is None:
            return dropped
        first = min(t.i for t in cut.subtree)
        dropped.update(t.i for t in cut.subtree)
        k = first - 1
        while k > part.i and (cut.doc[k].is_punct or cut.doc[k].dep_ == "cc"):
            dropped.add(k)
            k -= 1
        end = k
        if end <= part.i:
            return dropped


def _relays(doc: Doc, verb: Token) -> list[Token]:
    """'citing X' under a cue verb: X, the party nearer the facts."""
    cited = []
    for child in verb.subtree:
        if (
            child.lemma_ in RELAY_VERBS
            and child.i != verb.i
            and child.dep_ in {"advcl", "xcomp", "acl", "relcl", "conj", "pcomp"}
        ):
            for obj in child.children:
                if obj.dep_ == "dobj":
                    cited.append(obj)
    return cited


def _cited_clause(verb: Token) -> tuple[Token, tuple[int, int]] | None:
    """'citing Xinhua, that the ministry said ...': the cited party and the clause after it.

    The parser hangs the 'that' clause on 'citing' (or on its object) rather than on the verb
    of saying before it, so the clause is what the cited party says. None when 'citing' only
    names its party ('..., citing the spy agency.').
    """
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return None
    cited = objects[0]
    clauses = [
        t for t in (*verb.children, *cited.children)
        if t.dep_ in {"ccomp", "acl", "relcl", "advcl"} and t.i > cited.i
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)
    ]  # fmt: skip
    if not clauses:
        return None
    tokens = [t for t in clauses[0].subtree if not t.is_punct or t.i > clauses[0].left_edge.i]
    return cited, (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))


def _it_speaks(doc: Doc, verb: Token, it: Token) -> bool:
    """'It said 38 bodies had washed ashore': 'it' is a source when it says a clause and
    stands for a body named just before; 'it shows that ...', 'it is said' are not."""
    # '..., it said, and 2 million were affected': set in the sentence it speaks, as an aside
    aside = verb.dep_ == "parataxis" and any(c.text == "," for c in verb.children)
    return (
        verb.lemma_.lower() in SAYING_VERBS
        and (aside or any(c.dep_ == "ccomp" for c in verb.children))
        and _antecedent_body(doc, it) is not None
    )


def _verb_frames(doc: Doc, sent: Span, taken: set[int]) -> list[Frame]:
    """'Police said two people died', 'the toll confirmed by officials': a cue verb, its subject
    or passive agent as the source, its clause or object as the content. Verbs in `taken`
    already made a colon frame ('The governor added: ...')."""
    frames: list[Frame] = []
    for verb in sent_tokens(sent):
        lemma = verb.lemma_.lower()
        if verb.i in taken:
            continue
        if not _is_cue(verb):
            continue
        source_tok: Token | None = None
        content: tuple[int, int] | None = None
        # the subject nearest the verb: the parser may hang a dateline on as a second one
        subjects = sorted(
            (c for c in verb.children if c.dep_ in SUBJECT_DEPS),
            key=lambda c: abs(verb.i - c.i),
        )
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children
                  if g.dep_ == "pobj"]  # fmt: skip
        recipient: SourceRef | None = None
        skip: set[int] = set()
        own_subject = any(c.dep_ == "nsubj" for c in verb.children)
        if (
            verb.dep_ in {"acl", "relcl"}
            and verb.head.pos_ in {"NOUN", "PROPN", "NUM"}
            and not own_subject
        ):
            noun = verb.head
            if agents:
                # 'the several dozens of casualties confirmed by U.S. officials': the content is
                # the whole noun phrase, from the count that 'of casualties' hangs on
                source_tok = agents[0]
                if noun.dep_ == "pobj" and noun.head.lower_ == "of":
                    noun = noun.head.head
                head_tokens = [t for t in noun.subtree if t.i < verb.i]
                content = (
                    min(t.idx for t in head_tokens),
                    max(t.idx + len(t.text) for t in head_tokens),
                )
            elif verb.dep_ == "acl" and verb.tag_ == "VBG":
                # 'reports on Tuesday revealing several hundred killed'
                source_tok = noun
                content = _content_range(verb, skip)
            else:
                continue
        else:
            if agents and verb.tag_ == "VBN":
                source_tok = agents[0]
                if subjects:
                    s = subjects[0]
                    content = (
                        min(t.idx for t in s.subtree),
                        max(t.idx + len(t.text) for t in s.subtree),
                    )
            elif subjects and subjects[0].dep_ != "nsubjpass":
                source_tok = subjects[0]
            elif not subjects:
                source_tok = _shared_subject(verb)
            if source_tok is None or source_tok.lower_ in {"this", "that", "there"}:
                continue
            if source_tok.lower_ == "it" and not _it_speaks(doc, verb, source_tok):
                continue
            for child in verb.children:
                if child.dep_ in {"dative"} or (
                    lemma == "tell"
                    and child.dep_ == "dobj"
                    and child.ent_type_ in {"ORG", "PERSON"}
                ):
                    rs, re_ = _phrase(child)
                    recipient = make_source(doc, rs, re_)
                    skip.update(t.i for t in child.subtree)
            if content is None:
                skip.update(t.i for t in source_tok.subtree)
                content = _content_range(verb, skip)
            if content is None and verb.dep_ in {"parataxis", "ccomp", "advcl"}:
                # 'The museum, Mr. Bush said, celebrated ...': the host clause is the content
                inner = {t.i for t in verb.subtree}
                host = [t for t in verb.head.subtree if t.i not in inner and not t.is_punct]
                if host:
                    content = (host[0].idx, host[-1].idx + len(host[-1].text))
        if content is None or source_tok is None:
            continue
        if (
            lemma in CLAUSE_ONLY_CUES
            and lemma not in ATTITUDE_VERBS
            and not any(c.dep_ in {"ccomp", "xcomp"} for c in verb.children)
            and not gives_a_value(verb)
        ):
            continue
        source = _source_from_subject(doc, source_tok)
        via: list[SourceRef] = []
        cited = _relays(doc, verb)
        cue = verb  # the frame's cue: this verb, or the verb of saying a 'citing' hangs on
        passed_on = _cited_clause(verb) if lemma in RELAY_VERBS else None
        if passed_on is not None:
            # 'Kazinform reports, citing Xinhua, that the ministry said ...': what follows the
            # cited party is theirs, passed on by the one citing them
            cited_tok, content = passed_on
            via = [source]
            source = make_source(doc, *_phrase(cited_tok))
            if _is_cue(verb.head):
                cue = verb.head  # 'said', 'reports'
        elif cited:
            via = [source]
            s2, e2 = _phrase(cited[0])
            source = make_source(doc, s2, e2)
        if recipient is not None and recipient.kind == SourceKind.MEDIA:
            via.append(recipient)
        frames.append(
            Frame(
                cue=cue.lemma_.lower(),
                cue_start=cue.i,
                cue_end=cue.i + 1,
                status=_status(cue.lemma_.lower(), cue),
                source=source,
                content_start=content[0],
                content_end=content[1],
                via=via,
                recipient=recipient,
                sentence_start=sent.start_char,
                sentence_end=sent.end_char,
            )
        )
    return frames
