"""Harm events: each place the text says someone was shot, killed or hurt, and who.

Verbs ('was shot', 'killing one man'), wounds ('suffered a gunshot wound'), states ('was
pronounced dead'), causes ('a shooting left a man in critical condition') and conditions; a
harm only meant or tried ('charged with trying to shoot') happens to no one.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newstally.extract.doccache import doc_tokens
from newstally.extract.measures import is_people_noun
from newstally.extract.totals.people import REFLEXIVES, _antecedent, _is_person, _subject

KILL_VERBS = {"kill", "murder", "slay", "die", "execute"}
HARM_VERBS = {"shoot", "wound", "injure", "hurt", "hit", "strike", "graze", "gun", "stab"}
FATAL_MARKERS = {"fatally", "dead", "death", "killed", "kill", "died", "die", "deadly",
                 "mortally", "lifeless"}  # fmt: skip
DEATH_PHRASES = ("pronounced dead", "found dead", "declared dead", "shot dead", "shot to death",
                 "died at", "died from", "died of", "later died", "succumbed", "was killed",
                 "were killed", "died")  # fmt: skip


WEAPON_HARM = {"shoot", "hit", "strike", "graze", "wound"}


SHOT_AT_TARGETS = {"car", "vehicle", "truck", "officers", "police", "deputies", "crowd",
                   "them", "him", "her", "suv", "van"}  # fmt: skip


def _is_harm(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if lemma not in KILL_VERBS | HARM_VERBS:
        return False
    # 'shot at officers', 'shot at a car': no one hit; 'shot at a residence' is a place
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "at":
            targets = [g for g in prep.children if g.dep_ == "pobj"]
            if any(g.lower_ in SHOT_AT_TARGETS or is_people_noun(g) or g.pos_ == "PRON"
                   for g in targets):  # fmt: skip
                return False
    return True


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


# 'tried to shoot a man', 'attempting to kill', 'would want to hurt': intended, not done
INTENT_VERBS = {"try", "attempt", "want", "threaten", "plan", "intend", "seek", "vow", "plot",
                "conspire", "order", "hire", "offer"}  # fmt: skip
INTENT_NOUNS = {"attempt", "plot", "threat", "plan", "order", "conspiracy", "effort"}


def _intended(tok: Token) -> bool:
    """A harm someone meant or tried to do: 'charged with trying to shoot a man' hit no one."""
    head = tok.head
    if tok.dep_ == "xcomp" and head.lemma_.lower() in INTENT_VERBS:
        return True
    # 'an attempt to kill him': the infinitive modifies the noun
    if tok.dep_ == "acl" and head.lemma_.lower() in INTENT_NOUNS:
        return True
    return any(c.dep_ == "amod" and c.lower_ == "attempted" for c in tok.children)


def _fatal(tok: Token) -> bool:
    """Whether a harm verb kills: 'killed', 'fatally shot', 'shot to death', 'shot and killed'."""
    lemma = tok.lemma_.lower()
    if lemma in KILL_VERBS:
        return True
    window = tok.doc[max(tok.i - 2, 0) : min(tok.i + 5, len(tok.doc))]
    if any(t.lower_ in FATAL_MARKERS for t in window if t.i != tok.i and t.sent == tok.sent):
        return True
    return any(c.lemma_.lower() in KILL_VERBS for c in tok.children if c.dep_ == "conj")


def _victim_of(tok: Token) -> Token | None:
    """The person a harm verb happens to: passive subject, object, or subject of 'die'."""
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ == "nsubjpass":
            return child
        if lemma == "die" and child.dep_ == "nsubj":
            return child
    for child in tok.children:
        if child.dep_ == "dobj":
            return child
    # 'a man found shot': participle modifying the noun
    if tok.dep_ in {"acl", "amod"} and tok.head.pos_ in {"NOUN", "PROPN"}:
        return tok.head
    # 'was slain' parsed as 'was' with an adjective complement: the subject of 'was'
    if tok.dep_ == "acomp" and tok.head.lemma_ == "be":
        return next((c for c in tok.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    # 'was found shot to death': the harm verb is a complement of find; 'is alleged to have
    # shot' is an infinitive, active, and its subject up there is the shooter
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return None
    if tok.dep_ in {"xcomp", "oprd", "ccomp", "conj"}:
        return _victim_of(tok.head) if tok.head.i != tok.i else None
    return None


WOUNDING_VERBS = {"wound", "injure", "hurt"}
WOUND_NOUNS = {"wound", "wounds", "injury", "injuries", "gunshot"}
WOUND_VERBS = {"suffer", "sustain", "have", "receive", "treat", "find", "leave", "take"}
DEAD_STATES = {"dead", "deceased"}


GUN_WORDS = {"gunshot", "gunshots", "shot", "shots", "bullet", "bullets", "shooting", "gunfire"}
# a gun fired, not merely carried: 'armed with a handgun' wounds no one
FIRING_VERBS = {"fire", "discharge"}
# a sentence about wounds belongs to the shooting when it or the two before it mention one
GUN_CONTEXT_SENTENCES = 2


# 'a stab wound', 'knife wounds': the wound names a weapon that is not a gun
NON_GUN_WOUNDS = {"stab", "knife", "puncture", "slash", "bite", "burn", "blunt"}


def _gun_context(tok: Token) -> bool:
    """Whether wounds near this token come from gunfire, not a fall or a crash."""
    if any(c.lower_ in {"gunshot", "bullet"} for c in tok.subtree):
        return True
    sentence = tok.sent
    for _ in range(GUN_CONTEXT_SENTENCES + 1):
        if any(t.lower_ in GUN_WORDS or (t.pos_ == "VERB" and t.lemma_ in FIRING_VERBS)
               for t in sentence):  # fmt: skip
            return True
        if sentence.start == 0:
            return False
        sentence = sentence.doc[sentence.start - 1].sent
    return False


def _wound_events(tok: Token) -> list[tuple[Token, Token, bool]]:
    """Who has a wound: 'found a man with gunshot wounds', 'he suffered critical injuries'."""
    fatal = any(c.lower_ in {"fatal", "deadly", "mortal"} for c in tok.children)
    if any(c.lower_ in NON_GUN_WOUNDS for c in tok.children) or not _gun_context(tok):
        return []
    head = tok.head
    if head.dep_ == "prep" and head.lower_ == "with":
        holder = head.head
        if holder.pos_ in {"NOUN", "PROPN", "PRON"}:
            return [(tok, holder, fatal)]
        if holder.pos_ == "VERB":
            # 'found a man with wounds'; 'the victim walked in with wounds' has only a subject
            holders = [c for c in holder.children if c.dep_ in {"dobj", "nsubjpass"}] or [
                c for c in holder.children if c.dep_ == "nsubj"
            ]
            return [(tok, h, fatal) for h in holders]
        return []
    # 'his injuries were not life-threatening': the possessor holds the wounds
    owners = [c for c in tok.children if c.dep_ == "poss" and c.lower_ in {"his", "her"}]
    if owners and tok.dep_ in {"nsubj", "nsubjpass"}:
        return [(tok, owners[0], fatal)]
    if tok.dep_ == "dobj" and head.lemma_.lower() in WOUND_VERBS:
        return [(tok, c, fatal) for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if head.dep_ == "prep" and head.lower_ in {"from", "of"}:
        # 'suffering from gunshot wounds', 'died of his injuries'
        verb = head.head
        holders = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not holders and verb.dep_ in {"acl", "advcl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
            holders = [verb.head]
        fatal = fatal or verb.lemma_.lower() == "die"
        return [(tok, h, fatal) for h in holders]
    return []


# 'a shooting that left a man in critical condition', '... put a woman in the hospital'
CAUSE_VERBS = {"leave", "put", "send"}
SHOOTING_NOUNS = {"shooting", "gunfire", "bullet", "shot"}


def _caused_events(tok: Token) -> list[tuple[Token, Token, bool]]:
    """People a shooting left hurt: the shooting is the subject, the person the object."""
    verb = tok
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    while not subjects and verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not any(_antecedent(s).lemma_.lower() in SHOOTING_NOUNS for s in subjects):
        return []
    # 'left him dead' is a death state, counted there
    if any(c.dep_ in {"oprd", "ccomp", "xcomp"} and c.lower_ in DEAD_STATES for c in tok.children):
        return []
    return [(tok, c, False) for c in tok.children if c.dep_ == "dobj"]


def _condition_events(tok: Token) -> list[tuple[Token, Token, bool]]:
    """'One person is in stable condition after a shooting': a condition is reported for the
    living hurt. The subject of the verb the condition hangs on, where gunfire is near."""
    verb = tok.head.head
    if verb.pos_ not in {"VERB", "AUX"} or not _gun_context(tok):
        return []
    return [(tok, c, False) for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]


def _harm_events(doc: Doc) -> list[tuple[Token, Token, bool]]:
    """(event token, victim token, fatal) for each harm the text reports.

    Verbs ('was shot', 'killing one man'), wounds ('suffered a gunshot wound', 'found a man
    with gunshot wounds') and states ('was pronounced dead', 'is dead').
    """
    events: list[tuple[Token, Token, bool]] = []
    for tok in doc_tokens(doc):
        if tok.pos_ in {"VERB", "AUX", "ADJ"} and _is_harm(tok) and not _intended(tok):
            victim = _victim_of(tok)
            if victim is not None and victim.lower_ in REFLEXIVES and _subject(tok) is None:
                victim = None
            if victim is not None:
                events.append((tok, victim, _fatal(tok)))
        elif tok.lower_ in DEAD_STATES and tok.dep_ == "amod" and _is_person(tok.head):
            # 'found a person dead', 'the dead man'
            events.append((tok, tok.head, True))
        elif tok.lemma_.lower() == "body" and tok.pos_ == "NOUN":
            # 'the bodies of two men were found': whoever the body was is dead
            events.extend((tok, g, True) for c in tok.children if c.dep_ == "prep"
                          and c.lower_ == "of" for g in c.children if g.dep_ == "pobj")  # fmt: skip
        elif tok.lower_ in DEAD_STATES and tok.dep_ in {"oprd", "acomp", "xcomp", "ccomp", "advcl"}:
            # 'found the mother dead': the object is dead, not the one who found her
            verb = tok.head
            # 'saw him dead' may give 'dead' a subject of its own
            holders = [c for c in tok.children if c.dep_ == "nsubj"] or [
                c for c in verb.children if c.dep_ == "dobj"
            ] or [c for c in verb.children if c.dep_ in {"nsubjpass", "nsubj"}]
            events.extend((tok, holder, True) for holder in holders)
        elif tok.lemma_.lower() in {"wound", "injury"} and tok.pos_ == "NOUN":
            events.extend(_wound_events(tok))
        elif tok.lemma_.lower() in CAUSE_VERBS:
            events.extend(_caused_events(tok))
        elif tok.lower_ == "condition" and tok.dep_ == "pobj" and tok.head.lower_ == "in":
            events.extend(_condition_events(tok))
    return events
