"""What a count counts: killed, injured, deployed ... and whether it counts people at all.

A count of people is a count whose noun is a people noun ('50 soldiers', 'dozens of
civilians', '12 Israelis'), a measure noun ('casualties', 'deaths'), or a count with no noun
that a measure word governs ('killed 50', '47 were wounded', '40 dead', 'the toll rose to 112').
'40 tanks' and '12 drones' are counts of equipment, not figures.

The measure is read from the words around the count, nearest first: the noun itself, its
modifiers ('soldiers killed in action', 'wounded civilians', 'with injuries'), then the verbs
above it in the parse ('claimed to have killed 50').
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from spacy.tokens import Doc, Span, Token

from newstally.extract.numbers import CountMention, count_head_index, next_content_index
from newstally.lexicon import in_use
from newstally.model import Measure, Role

_WORDS = in_use().measures  # the vocabulary lives in newstally/data/measures.toml
# People named for what they did, neither soldiers nor bystanders: 'killed 14 kidnappers'.
ACTOR_NOUNS = _WORDS.actor_nouns
# People nouns (lemmas) and the role of the people they name; actor nouns are role 'other'.
PEOPLE_NOUNS: dict[str, Role] = {**_WORDS.people_nouns, **dict.fromkeys(ACTOR_NOUNS, Role.OTHER)}
# 'others' counts whatever the count before it in the sentence counted ('killed 26 raiders and
# captured nine others'); it is a people noun only when that noun is.
OTHERS = "others"
# 'head' names a person when a noun says of what: 'village heads', 'department head'.
HEAD_NOUN = "head"
# Nouns that name what is counted rather than who (their role comes from context).
MEASURE_NOUNS = _WORDS.measure_nouns
ROLELESS_NOUNS = _WORDS.roleless_nouns
MEASURE_VERBS = _WORDS.measure_verbs
MEASURE_ADJECTIVES = _WORDS.measure_adjectives
# Words that make a count of people a count of the fallen ("she lost a son", "lost their
# lives"): killed; but an army's losses ("the brigade lost 300 men", "lost 50 soldiers") are
# the killed and the wounded together, casualties, as militaries count them.
LOSS_VERBS = _WORDS.loss_verbs
MILITARY_LOSERS = _WORDS.military_losers
# Killed and injured said of one count ('killed or wounded 30', 'dead or injured'): casualties.
HARM_PAIR = frozenset({Measure.KILLED, Measure.INJURED})
HOSPITAL_WORDS = _WORDS.hospital_words
# What people are found 'with' or treated 'for' when hurt: 'three men with gunshot wounds'.
# Lemmas; totals/harm.py keeps its own list of surface forms (its own WOUND_NOUNS).
WOUND_NOUNS = _WORDS.wound_lemmas
# Where the displaced stay: 'remained in evacuation centres', 'slept in tents'.
SHELTER_NOUNS = _WORDS.shelter_nouns
STAY_VERBS = _WORDS.stay_verbs
MOVING_VERBS = _WORDS.moving_verbs
# Verbs that end a captivity: their captives are counted as freed, not captured.
FREEING_VERBS = _WORDS.freeing_verbs  # not swaps of prisoners of war: their own count
# 'bringing the total to 71': a running total names its measure elsewhere.
TOTAL_NOUNS = _WORDS.total_nouns
TOTAL_VERBS = _WORDS.total_verbs
# 'put the death toll at 75', 'pegged the number of injured at 6,400': a count given as the
# value of a noun; the noun (or what it is the number of) names the measure. A running total's
# noun is a value noun too ('put the number at 40'), so the data file lists only the others.
VALUING_VERBS = _WORDS.valuing_verbs
VALUE_NOUNS = TOTAL_NOUNS | _WORDS.value_nouns
# "claim" kills only with a non-agent object: "the blast claimed 12 lives".
CLAIM_VERB = "claim"
MAX_CLIMB = 4
# Verbs whose active subject is the one who harms, not the harmed.
AGENT_VERBS = _WORDS.agent_verbs


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def others_antecedent(tok: Token) -> Token | None:
    """The counted noun 'others' stands for: the nearest earlier noun in its sentence that
    carries a count of its own ('26 raiders ... nine others' -> raiders)."""
    if tok.lower_ != OTHERS:
        return None
    for prev in reversed(list(tok.doc[tok.sent.start : tok.i])):
        if prev.pos_ in {"NOUN", "PROPN"} and prev.lower_ != OTHERS and any(
            c.dep_ == "nummod" for c in prev.children
        ):
            return prev
    return None


def _is_titled_head(tok: Token) -> bool:
    """'village heads', 'two department heads': a head of something is a person, while a bare
    'head' (or '50 head of cattle') is not."""
    return _lemma(tok) == HEAD_NOUN and any(
        c.dep_ == "compound" and c.pos_ == "NOUN" for c in tok.children
    )


def _compound_role(tok: Token) -> Role | None:
    """The role of a two-word entry ('gang member', 'police officer', 'aid worker'): the
    compound before the noun decides over the noun alone ('member', 'officer')."""
    for child in tok.lefts:
        if child.dep_ == "compound":
            role = PEOPLE_NOUNS.get(f"{child.lower_} {_lemma(tok)}")
            if role is not None:
                return role
    return None


def people_role(tok: Token) -> Role | None:
    """The role of a people noun from the lexicon, 'others' or 'X heads'; None otherwise."""
    role = _compound_role(tok) or PEOPLE_NOUNS.get(_lemma(tok)) or PEOPLE_NOUNS.get(tok.lower_)
    if role is not None:
        return role
    if _is_titled_head(tok):
        return Role.OFFICIALS
    antecedent = others_antecedent(tok)
    if antecedent is not None and antecedent.lower_ != OTHERS:
        return people_role(antecedent)
    return None


def is_people_noun(tok: Token) -> bool:
    """A noun naming people: lexicon, or a nationality ('12 Israelis')."""
    if people_role(tok) is not None:
        return True
    antecedent = others_antecedent(tok)
    if antecedent is not None and is_people_noun(antecedent):
        return True
    return tok.ent_type_ == "NORP" and tok.pos_ in {"NOUN", "PROPN"} and tok.text.endswith("s")


def _possessed(noun: Token) -> Token:
    """'two children's play centres' counts centres, not children: a counted possessor before
    a plural noun of things hands the count on to it ('the two soldiers' bodies' keeps it)."""
    head = noun.head
    if noun.dep_ == "poss" and head.tag_ == "NNS" and not is_people_noun(head) and (
        _measure_of_noun(head) is None
    ):
        return head
    return noun


def find_head_noun(doc: Doc, mention: CountMention) -> Token | None:
    """The noun the count quantifies: '50 soldiers' -> soldiers, 'dozens of casualties' ->
    casualties; None for a bare count ('killed 50', '47 more')."""
    after = next_content_index(doc, mention.end)
    if after < len(doc) and doc[after].lower_ == "of":
        for child in doc[after].children:
            if child.dep_ == "pobj" and child.pos_ in {"NOUN", "PROPN", "ADJ"}:
                return child
        nxt = next_content_index(doc, after + 1)
        # "of the wounded": skip determiners and adjectives up to the noun
        while nxt < len(doc) and doc[nxt].pos_ in {"DET", "ADJ", "PROPN"} and nxt - after < 5:
            if doc[nxt].pos_ == "PROPN" and doc[nxt].ent_type_ not in {"NORP", "GPE"}:
                break
            nxt += 1
        if nxt < len(doc) and doc[nxt].pos_ == "NOUN":
            return doc[nxt]
    head_i = count_head_index(doc, mention)
    tok = doc[head_i]
    if tok.dep_ in {"nummod", "quantmod", "amod", "compound", "nmod", "det"}:
        head = tok.head
        if head.pos_ in {"NOUN", "PROPN"} and not (mention.start <= head.i < mention.end):
            return _possessed(head)
    # the parser sometimes hangs the noun under the number: '12,000 troops' (troops<-12,000)
    if after < len(doc) and doc[after].pos_ in {"NOUN", "PROPN"} and doc[after].head.i == head_i:
        return doc[after]
    # an adjective-modified noun right after the count: '50 North Korean soldiers'
    k = after
    while k < len(doc) and k - after < 4 and doc[k].pos_ in {"ADJ", "PROPN"}:
        k += 1
    if k < len(doc) and k > after and doc[k].pos_ == "NOUN" and is_people_noun(doc[k]):
        return doc[k]
    return None


def combined_harm(word: Token, found: Measure | None) -> Measure | None:
    """'killed or wounded at least 30', '30 were killed and wounded', 'dead or injured': when
    the word that gave a killed (injured) count is joined to an injured (killed) word that has
    no count of its own, the one count is of both, casualties. 'Three were killed and 14 others
    wounded' and 'killed three and wounded five' keep their two measures: each word has its
    own count (an object, or a subject of the joined word)."""
    if found not in HARM_PAIR:
        return found
    partners: list[tuple[Token, set[str]]] = []
    if word.dep_ == "conj":
        # a shared subject hangs on the first word: an agent's ('Gunmen killed or wounded
        # 30') is not a count, the subject of 'died' or 'were killed' is ('two died and ...')
        shared = {"dobj", "nsubjpass"} | (set() if _lemma(word.head) in AGENT_VERBS else {"nsubj"})
        partners.append((word.head, shared))
    partners += [(c, {"dobj", "nsubj", "nsubjpass"}) for c in word.children if c.dep_ == "conj"]
    for partner, own in partners:
        other = MEASURE_ADJECTIVES.get(partner.lower_) or MEASURE_VERBS.get(_lemma(partner))
        if other in HARM_PAIR and other != found and not any(
            c.dep_ in own for c in partner.children
        ):
            return Measure.CASUALTIES
    return found


def _measure_of_noun(tok: Token) -> Measure | None:
    lemma = _lemma(tok)
    if tok.lower_ in {"casualties"}:
        return Measure.CASUALTIES
    return MEASURE_NOUNS.get(lemma) or MEASURE_NOUNS.get(tok.lower_)


def _fatal_shooting(verb: Token) -> bool:
    """'shot dead', 'shot to death', 'fatally shot', 'shot and killed'."""
    for child in verb.children:
        if child.lower_ in {"fatally", "mortally", "dead"}:
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and any(
            g.lower_ == "death" for g in child.children
        ):
            return True
        if child.dep_ == "conj" and child.lemma_.lower() in {"kill", "die"}:
            return True
    return False


PARTITIVE_LEAD_TOKENS = 4  # 'Of the dead,' / 'Of those injured,'


def _partitive_lead(sent: Span, anchor: Token) -> Measure | None:
    """'Of the dead, 812 were in Kermanshah province, 536 in Ilam and 295 in Lorestan': a
    sentence that opens by naming the counted people measures the bare counts after it."""
    lead = list(sent[: PARTITIVE_LEAD_TOKENS + 1])
    if not lead or lead[0].lower_ != "of" or anchor.i <= lead[0].i:
        return None
    comma = next((t.i for t in lead if t.text == ","), None)
    if comma is None or anchor.i < comma:
        return None
    for tok in lead[1:]:
        if tok.i >= comma:
            break
        if tok.lower_ in MEASURE_ADJECTIVES:
            return MEASURE_ADJECTIVES[tok.lower_]
    return None


def _headline_verb(tok: Token) -> bool:
    """'Mudflow kills at least 23', 'Quake injures 40': headline English drops the article, and
    the tagger then reads the present-tense verb as a plural noun; with a count for its object
    it is the verb."""
    return (
        tok.tag_ == "NNS"
        and tok.lower_.endswith("s")
        and tok.lower_[:-1] in MEASURE_VERBS
        and any(c.dep_ == "dobj" and (c.like_num or c.pos_ == "NUM") for c in tok.children)
    )


def _measure_of_verb(tok: Token, anchor: Token) -> Measure | None:
    """The measure a verb implies for a count it governs (e.g. 'killed 50')."""
    lemma = _lemma(tok)
    if _headline_verb(tok):
        return MEASURE_VERBS.get(tok.lower_[:-1])  # 'Mudflow kills at least 23'
    if tok.pos_ not in {"VERB", "AUX"} and not (tok.pos_ == "ADJ" and tok.tag_ == "VBN"):
        return None
    if lemma == CLAIM_VERB:
        # 'claimed 12 lives' kills; 'claimed to have killed' is an attribution cue
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        if objects and _lemma(objects[0]) in {"life", "live"}:
            return Measure.KILLED
        return None
    if lemma in LOSS_VERBS:
        return _loss_measure(tok)
    if lemma in {"receive", "admit", "treat", "take"}:
        subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
        preps = [
            g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
        ]
        if any(_lemma(t) in HOSPITAL_WORDS or t.lower_ in HOSPITAL_WORDS
               for t in subjects + preps):  # fmt: skip
            return Measure.HOSPITALIZED
        if lemma == "treat" and _has_pobj(tok, {"for"}, WOUND_NOUNS):
            return Measure.INJURED  # 'being treated for burns'
        return None
    if tok.lower_ in MEASURE_ADJECTIVES and tok.tag_ in {"VBG", "VBN"} and lemma not in (
        MEASURE_VERBS
    ):
        return MEASURE_ADJECTIVES[tok.lower_]  # '12 were still missing' (tagged a verb)
    if (lemma in STAY_VERBS or lemma in MOVING_VERBS) and _in_shelter(tok):
        # soldiers moved to a camp are deployed, not displaced
        return None if people_role(anchor) == Role.SOLDIERS else Measure.DISPLACED
    if lemma == "send" or lemma in {"deploy", "dispatch", "station"}:
        return Measure.DEPLOYED
    if lemma in {"shoot", "gun"} and _fatal_shooting(tok):
        return Measure.KILLED
    if lemma == "round":  # "rounded up 30 protesters"
        if any(c.lower_ == "up" for c in tok.children):
            return Measure.DETAINED
        return None
    return MEASURE_VERBS.get(lemma)


def _loss_measure(verb: Token) -> Measure:
    """'lost a son', 'lose their lives': killed; 'the brigade lost 300 men', 'lost 50
    soldiers', 'Russia lost 33,000 troops': military losses, casualties."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if any(_lemma(o) in {"life", "live"} for o in objects):
        return Measure.KILLED
    if any(people_role(o) == Role.SOLDIERS for o in objects):
        return Measure.CASUALTIES
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ in {"conj", "xcomp"}:
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    military = any(
        _lemma(s) in MILITARY_LOSERS or s.ent_type_ in {"GPE", "NORP"}
        for s in subjects
    )
    return Measure.CASUALTIES if military else Measure.KILLED


def _has_pobj(verb: Token, preps: AbstractSet[str], lemmas: AbstractSet[str]) -> bool:
    """Whether the verb has a prepositional object of one of the lemmas ('treated for burns')."""
    return any(
        _lemma(g) in lemmas
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in preps
        for g in c.children
        if g.dep_ == "pobj"
    )


def _in_shelter(verb: Token) -> bool:
    """'remained in evacuation centres', 'spent the night in tents', 'moved to camps': staying
    (or being moved to) where the displaced stay. A bare 'centre' must be an evacuation or
    relief centre."""
    places = {"in", "at"} | ({"to", "into"} if _lemma(verb) in MOVING_VERBS else set())
    for c in verb.children:
        if c.dep_ != "prep" or c.lower_ not in places:
            continue
        for g in c.children:
            if g.dep_ != "pobj" or _lemma(g) not in SHELTER_NOUNS:
                continue
            if _lemma(g) not in {"centre", "center"} or any(
                m.lower_ in {"evacuation", "relief"} for m in g.children
            ):
                return True
    return False


def _running_total_measure(verb: Token) -> Measure | None:
    """'..., bringing the total to 71': the total counts what the clause it follows counted
    ('found 9 more bodies', 'twelve more died'), unless it says itself ('the total killed')."""
    if _lemma(verb) not in TOTAL_VERBS:
        return None
    totals = [c for c in verb.children if c.dep_ == "dobj" and _lemma(c) in TOTAL_NOUNS]
    if not totals:
        return None
    found = _measure_from_modifiers(totals[0])
    if found or verb.dep_ not in {"advcl", "conj"}:
        return found
    main = verb.head
    found = _measure_of_verb(main, main)
    if found:
        return found
    for c in main.children:
        if c.dep_ in {"dobj", "nsubj", "nsubjpass"}:
            found = _measure_of_noun(c) or (_measure_from_modifiers(c) if is_people_noun(c)
                                            else None)  # fmt: skip
            if found:
                return found
    return None


def _valued_measure(verb: Token, tok: Token) -> Measure | None:
    """'put the death toll at 75', 'pegged the toll at 958', 'put the number of injured in
    Kermanshah at 6,400', 'put the figure of missing people at 10,000': the count is the value
    ('at N') that a valuing verb gives its object, so the object says what is counted."""
    if _lemma(verb) not in VALUING_VERBS or tok.dep_ != "prep" or tok.lower_ != "at":
        return None
    for noun in (c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}):
        found = _measure_of_noun(noun)
        if found or _lemma(noun) not in VALUE_NOUNS:
            return found
        for word in noun.subtree:
            if word.i == noun.i:
                continue
            found = _measure_of_noun(word) or (
                _measure_from_modifiers(word) if is_people_noun(word) else None
            )
            if found:
                return found
    return None


def _measure_from_modifiers(noun: Token) -> Measure | None:
    """'soldiers killed in action', 'wounded civilians', 'soldiers with various injuries'."""
    for child in noun.children:
        if child.dep_ in {"acl", "relcl", "amod"}:
            lemma = _lemma(child)
            if child.lower_ in MEASURE_ADJECTIVES:
                return combined_harm(child, MEASURE_ADJECTIVES[child.lower_])
            if child.pos_ in {"VERB", "ADJ"} and lemma in MEASURE_VERBS and lemma != CLAIM_VERB:
                return combined_harm(child, MEASURE_VERBS[lemma])
            # "people who were killed": relative clause verb
            if child.dep_ == "relcl":
                for grand in child.subtree:
                    found = _measure_of_verb(grand, noun) if grand.pos_ == "VERB" else None
                    if found:
                        return found
        if child.dep_ == "prep" and child.lower_ in {"with", "among"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = _measure_of_noun(pobj)
                    if found:
                        return found
                    if child.lower_ == "with" and _lemma(pobj) in WOUND_NOUNS:
                        # found with wounds: hit, dead or alive not yet told
                        return Measure.CASUALTIES
    return None


def _freed(doc: Doc, mention: CountMention) -> bool:
    """'rescued 42 of the hostages', 'freed 12 prisoners': captives counted as they are let go
    are no longer captured; the count is of people freed."""
    tok = doc[count_head_index(doc, mention)]
    for _ in range(MAX_CLIMB):
        if tok.pos_ in {"VERB", "AUX"}:
            return _lemma(tok) in FREEING_VERBS
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _among_measure(verb: Token) -> Measure | None:
    """'Among the dead were four miners': the 'among' phrase of the clause names the measure."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "among":
            for g in c.children:
                if g.dep_ == "pobj":
                    found = _measure_of_noun(g) or MEASURE_ADJECTIVES.get(g.lower_)
                    if found:
                        return found
    return None


def _elided_passive(verb: Token) -> bool:
    """'three were killed and 14 others wounded': a bare participle joined to a passive, with
    no object and no 'have', is a passive whose 'were' was left out; its subject is harmed."""
    if verb.tag_ not in {"VBN", "VBD"} or verb.dep_ != "conj":
        return False
    if any(c.dep_ in {"dobj", "aux"} for c in verb.children):
        return False
    return any(c.dep_ == "auxpass" for c in verb.head.children)


def find_measure(doc: Doc, mention: CountMention, noun: Token | None) -> Measure | None:
    """The measure of a count, or None when it does not count people."""
    if noun is not None:
        found = _measure_of_noun(noun)
        if found == Measure.CAPTURED and _freed(doc, mention):
            return Measure.OTHER
        if found:
            return found
        if not is_people_noun(noun):
            return None
        found = _measure_from_modifiers(noun)
        if found:
            return found
        anchor = noun
    else:
        anchor = doc[count_head_index(doc, mention)]
        # '40 dead', '12 wounded', '5 missing', "47 more" hangs off its verb
        after = next_content_index(doc, mention.end)
        if after < len(doc) and doc[after].lower_ in MEASURE_ADJECTIVES:
            return combined_harm(doc[after], MEASURE_ADJECTIVES[doc[after].lower_])
        # 'two men were shot, one fatally'
        if after < len(doc) and doc[after].lower_ in {"fatally", "mortally"}:
            return Measure.KILLED
        lead = _partitive_lead(anchor.sent, anchor)
        if lead is not None:
            return lead
    # climb the parse: the count or its noun as object/subject of a measure verb
    tok = anchor
    # 'Two men ... shot a man': a count that does the harm is not the harm's count
    if tok.dep_ == "nsubj" and _lemma(tok.head) in AGENT_VERBS and not _elided_passive(tok.head):
        return None if noun is None or not is_people_noun(noun) else Measure.OTHER
    for _ in range(MAX_CLIMB):
        if tok.dep_ in {"ROOT"} and tok.head == tok:
            found = combined_harm(tok, _measure_of_verb(tok, anchor))
            if found:
                return found
            break
        head = tok.head
        found = combined_harm(head, _measure_of_verb(head, anchor)) or _running_total_measure(head)
        if found:
            return found
        found = _among_measure(head) or _valued_measure(head, tok)
        if found:
            return found
        # 'the toll rose to 112', 'the number of dead stood at 40'
        if head.pos_ in {"VERB", "AUX"}:
            for child in head.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child.i != tok.i:
                    measure = _measure_of_noun(child)
                    if measure is None:
                        for grand in child.subtree:
                            measure = _measure_of_noun(grand)
                            if measure:
                                break
                    if measure:
                        return measure
            # the count is itself a subject: '47 were wounded'
        if tok.dep_ in {"nsubj", "nsubjpass"} and head.pos_ in {"VERB", "ADJ", "AUX"}:
            found = combined_harm(head, _measure_of_verb(head, anchor))
            if found:
                return found
            for child in head.children:
                if child.dep_ in {"acomp", "attr", "oprd"} and child.lower_ in MEASURE_ADJECTIVES:
                    return MEASURE_ADJECTIVES[child.lower_]
        # stop at clause boundaries that belong to another statement
        if head.dep_ in {"ccomp"} and tok.dep_ not in {"dobj", "nsubj", "nsubjpass", "pobj"}:
            break
        tok = head
    if noun is not None:
        role = people_role(noun)
        if role == Role.SOLDIERS and _lemma(noun) in {"troop", "soldier", "personnel"}:
            return Measure.DEPLOYED
        return Measure.OTHER
    return None
