"""Cues: the words that attribute a statement, and the status each gives it.

'confirmed' makes a figure confirmed, 'said' claimed, 'estimated' estimated, 'denied' denied
(CUE_STATUS); a verb outside the table is a cue when it takes a clause (a verb of stance, an
object too) from a subject that can hold a view (`_is_cue`: 'The union endorsed Smith').
"""

from __future__ import annotations

from spacy.tokens import Token

from newstally.extract.attribution.sources import _speaker_like
from newstally.extract.measures import VALUE_NOUNS, VALUING_VERBS
from newstally.lexicon import in_use
from newstally.model import Status

_WORDS = in_use().cues  # the vocabulary lives in newstally/data/cues.toml
CUE_STATUS = _WORDS.status
# Cues that only attribute with a clause or object of speech, never with a bare noun object.
# ('agree with', 'complained about', 'understood the past' attribute without a clause.)
CLAUSE_ONLY_CUES = _WORDS.clause_only


def gives_a_value(verb: Token) -> bool:
    """'The ministry put the death toll at 75', 'pegged the number of injured at 6,400': a
    verb of valuing says what a count is; with a value noun for object and an 'at' for the
    value it attributes (the value is its content), with no clause of its own."""
    if verb.lemma_.lower() not in VALUING_VERBS:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects or objects[0].lemma_.lower() not in VALUE_NOUNS:
        return False
    # the parser may hang 'at 1,080' on a word inside a long object ('put the number of troops
    # killed or wounded over the previous 24 hours at 1,080'): any 'at' with a number after it
    return any(
        c.dep_ == "prep" and c.lower_ == "at" and c.i > objects[0].i
        and any(g.dep_ == "pobj" and (g.like_num or g.pos_ == "NUM") for g in c.children)
        for c in verb.subtree
    ) or any(c.dep_ == "prep" and c.lower_ == "at" for c in verb.children)  # fmt: skip


NEGATIONS = _WORDS.negations
# 'X reported, citing / quoting Y': Y is the source, X a relay.
RELAY_VERBS = _WORDS.relay_verbs


# Verbs that voice a view through a preposition: its object is what the view is about.
PHRASAL_CUES = _WORDS.phrasal


def _phrasal_cue(verb: Token, child: Token) -> bool:
    """'railed against the deal': a verb of voicing a view and its preposition."""
    preps = PHRASAL_CUES.get(verb.lemma_.lower())
    return (
        preps is not None
        and child.dep_ == "prep"
        and child.lower_ in preps
        and child.i > verb.i
    )


def _status(lemma: str, verb: Token) -> Status:
    status = CUE_STATUS.get(lemma, Status.CLAIMED)
    negated = any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in verb.children)
    if negated and status in {Status.CONFIRMED, Status.CLAIMED}:
        return Status.DISPUTED if status == Status.CONFIRMED else Status.DENIED
    return status


# Verbs of intent and stance: PARC counts 'Republicans want lower taxes' as attributed too.
ATTITUDE_VERBS = _WORDS.attitude_verbs


# Verbs that take a clause or object without reporting anyone's words or views: 'the rule
# allows banks to ...', 'the plan needs votes', 'the war cost jobs', 'it means that ...'.
NOT_CUE_VERBS = _WORDS.not_cue_verbs


# Links from a verb with no subject of its own to the verb whose subject it shares: 'criticized
# X and praised Y' (conj), 'refused to answer' (xcomp), 'responded, saying ...' (advcl),
# 'by saying that ...' (pcomp under a preposition).
SHARED_SUBJECT_DEPS = {"conj", "xcomp", "advcl", "pcomp"}
SHARED_SUBJECT_HOPS = 3


def _shared_subject(verb: Token) -> Token | None:
    """The subject a verb without one takes from the verb it hangs on, up a few links."""
    tok = verb
    for _ in range(SHARED_SUBJECT_HOPS):
        if tok.dep_ not in SHARED_SUBJECT_DEPS:
            return None
        head = tok.head
        if tok.dep_ == "pcomp" and head.pos_ == "ADP":
            head = head.head
        if head is tok or head.pos_ not in {"VERB", "AUX"}:
            return None
        if tok.dep_ == "conj" and not any(c.dep_ == "cc" and c.i < tok.i for c in head.children):
            return None  # a conjunct with no 'and' is more often a misparsed noun: ', figures'
        subjects = [c for c in head.children if c.dep_ == "nsubj"]
        if subjects:
            # the nearest: the parser may hang a dateline on as a second subject
            # ('ASTANA, May 5 (Kazinform) - Kazinform reports, citing ...')
            return min(subjects, key=lambda c: abs(head.i - c.i))
        if any(c.dep_ == "nsubjpass" for c in head.children):
            return None
        tok = head
    return None


RELATIVE_PRONOUNS = _WORDS.relative_pronouns
# Verbs that cast a view with 'as': 'critics see the law as a loophole', 'portrayed him as'.
REGARD_AS_VERBS = _WORDS.regard_as_verbs


def _regards_as(verb: Token) -> bool:
    """'see X as Y' with a subject: a view of X, whoever holds it."""
    return (
        verb.lemma_.lower() in REGARD_AS_VERBS
        and verb.pos_ == "VERB"
        and any(c.dep_ == "dobj" for c in verb.children)
        # 'as' hangs on the verb or, as the parser often has it, on the object
        and any(
            c.dep_ == "prep" and c.lower_ == "as"
            for t in [verb, *(o for o in verb.children if o.dep_ == "dobj")]
            for c in t.children
        )
        and (any(c.dep_ == "nsubj" for c in verb.children) or _shared_subject(verb) is not None)
    )


def _is_cue(verb: Token) -> bool:
    """A cue verb: from the table, or any verb that takes a clause from a speaker-like subject
    ('Trump wants the wall built', 'officials believe that ...'), as PARC annotates them."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    if verb.lemma_.lower() in CUE_STATUS:
        return True
    if _regards_as(verb):
        return True
    if verb.lemma_.lower() in {"be", "have", "do", "make", "let", "help", "see", "get"}:
        return False
    deps = {"ccomp", "xcomp", "dobj"} if verb.lemma_.lower() in ATTITUDE_VERBS else {"ccomp"}
    clause = any(c.dep_ in deps or _phrasal_cue(verb, c) for c in verb.children)
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and (shared := _shared_subject(verb)) is not None:
        subjects = [shared]
    if not clause or not subjects:
        return False
    subject = subjects[0]
    if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        subject = verb.head  # 'the union, which endorsed ...': the union holds the view
    if _speaker_like(subject):
        return True
    # 'The union endorsed Smith', 'The court ruled that ...': a named or common noun can hold a
    # view when the verb is one of stance or takes a clause; verbs of having and causing cannot.
    return subject.pos_ in {"NOUN", "PROPN"} and verb.lemma_.lower() not in NOT_CUE_VERBS
