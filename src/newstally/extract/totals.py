"""Article totals: the article's best reading of how many its main event killed and hurt.

Local news rarely states a count for one victim: 'a man was found shot to death' is one killed,
'the victim ... he was pronounced dead' is still one. So besides the stated figures, this module
follows victims through the text: an indefinite mention ('a 20-year-old woman') introduces one,
a definite one ('the victim', 'she', a name) refers back, and what happens to each (shot, killed,
wounded) sets its state. A stated figure wins over the sum of victims; a later update in the
article wins over an earlier count; shooting counts ('three people were shot, one fatally') are
split into killed and injured.

Reference is read the way news writes it: a pronoun is the victim mentioned last, an age or a
name picks out a victim, 'a man and his wife' are two, 'both' and 'the couple' are groups of
two, and a shooter who turns the gun on himself is a victim too. Sentences that tell of other
events (a repeated lead, 'Last August, ...', a 'More: ...' link) add no one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newstally.extract.measures import ACTOR_NOUNS, PEOPLE_NOUNS, is_people_noun
from newstally.extract.numbers import read_number
from newstally.model import Figure, Measure, Total

KILL_VERBS = {"kill", "murder", "slay", "die", "execute"}
HARM_VERBS = {"shoot", "wound", "injure", "hurt", "hit", "strike", "graze", "gun", "stab"}
FATAL_MARKERS = {"fatally", "dead", "death", "killed", "kill", "died", "die", "deadly",
                 "mortally", "lifeless"}  # fmt: skip
DEATH_PHRASES = ("pronounced dead", "found dead", "declared dead", "shot dead", "shot to death",
                 "died at", "died from", "died of", "later died", "succumbed", "was killed",
                 "were killed", "died")  # fmt: skip
NO_ONE = {"no one", "nobody", "none", "no other", "no one else", "no officers", "no injuries",
          "neither"}
WEAPON_HARM = {"shoot", "hit", "strike", "graze", "wound"}
REFERRING = {"he", "she", "him", "her", "victim", "the victim"}
# 'another man', 'a second man' are new victims; 'the other man' is one already in the story.
ORDINAL_NEW = {"another", "second", "third"}
# 'a second man' is the second victim: new while the story has fewer, the same one after.
ORDINAL_PLACE = {"second": 2, "third": 3}
INDEFINITE = {"a", "an", "one"}
MIN_REPEAT_CHARS = 40
# nouns and pronouns that tell a victim's sex; only 'man'/'woman'/'boy'/'girl' (the words an
# indefinite first mention uses) look back through them
FEMALE = {"she", "woman", "girl", "wife", "girlfriend", "mother", "daughter", "sister", "aunt",
          "niece", "grandmother", "granddaughter", "fiancee", "female", "lady", "mom"}
MALE = {"he", "man", "boy", "husband", "boyfriend", "father", "son", "brother", "uncle",
        "nephew", "grandfather", "grandson", "fiance", "male", "dad"}
SEXES = {**dict.fromkeys(FEMALE, "female"), **dict.fromkeys(MALE, "male")}
# 'a man' after 'the boy' is someone else: adult and child words do not meet
SEXES_BY_AGE = {"female": {"girl"}, "male": {"boy"}}
LOOKBACK_NOUNS = {"man", "woman", "boy", "girl", "male", "female"}
GENERIC_NOUNS = {"victim", "person", "individual", "someone", "somebody"}


SHOT_AT_TARGETS = {"car", "vehicle", "truck", "officers", "police", "deputies", "crowd",
                   "them", "him", "her", "suv", "van"}  # fmt: skip


@dataclass
class Victim:
    noun: str
    name: str | None
    killed: bool
    age: str | None = None


AGE_SUFFIX = re.compile(r"^(\d{1,3})-year-old$")


def _age(victim: Token) -> str | None:
    """The age a mention gives: 'a 52-year-old man', 'the 52-year-old' (split or whole)."""
    for tok in victim.doc[victim.left_edge.i : victim.i + 1]:
        whole = AGE_SUFFIX.match(tok.text)
        if whole:
            return whole.group(1)
        if tok.like_num and tok.i + 2 < len(tok.doc) and tok.nbor(2).lower_ == "year":
            return tok.text
    return None


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


RELATIVE_PRONOUNS = {"who", "whom", "that"}


def _antecedent(victim: Token) -> Token:
    """The noun a relative pronoun stands for: 'a man who was shot' is about the man."""
    clause = victim.head
    if victim.lower_ in RELATIVE_PRONOUNS and clause.dep_ == "relcl":
        return clause.head
    return victim


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


VICTIM_DEPS = {"nsubj", "nsubjpass", "dobj", "conj"}
# people local news names by relation or role, beyond the counted nouns of measures.py
VICTIM_NOUNS = {"girlfriend", "boyfriend", "fiance", "fiancee", "male", "female", "youth",
                "deputy", "trooper", "friend", "pedestrian", "bicyclist", "cyclist",
                "motorist", "clerk", "cashier", "owner", "tenant", "roommate", "cousin", "uncle",
                "aunt", "nephew", "niece", "grandmother", "grandfather", "grandson",
                "granddaughter", "dad", "mom", "stepfather", "stepson", "classmate", "coworker",
                "acquaintance", "juvenile", "teenager", "infant"}  # fmt: skip


def _is_person(tok: Token) -> bool:
    if tok.lower_ in {"he", "she"} or (tok.lower_ in {"his", "her"} and tok.dep_ == "poss"):
        return True
    if tok.ent_type_ == "PERSON":
        return True
    if tok.text.endswith("-year-old") or (tok.lower_ == "old" and tok.pos_ == "NOUN"):
        return True
    # 'the 68-year-old was pronounced dead': 'old' heads the subject though tagged an adjective
    if tok.lower_ == "old" and tok.dep_ in VICTIM_DEPS and tok.i > 0 and tok.nbor(-1).text == "-":
        return True
    # 'killing one man and injuring another': the pronoun stands for a second person
    if tok.lower_ in ORDINAL_NEW and tok.dep_ in VICTIM_DEPS:
        return True
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in VICTIM_NOUNS:
        return True
    # 'victim shot attacker' above 'he shot Lee': a doer named by what he did is someone the
    # story names elsewhere, and a description cannot be linked to a name, so he is not a new
    # victim of his own
    if tok.lemma_.lower() in ACTOR_NOUNS:
        return False
    return is_people_noun(tok) or tok.lemma_.lower() in PEOPLE_NOUNS


def _plural(tok: Token) -> bool:
    return tok.tag_ in {"NNS", "NNPS"} or tok.lower_ in {"they", "them", "people"}


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
    for tok in doc:
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


REFLEXIVES = {"himself", "herself"}


def _subject(verb: Token) -> Token | None:
    """Who does the harm: the active subject, through 'and then' conjoined verbs."""
    while True:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None or verb.dep_ != "conj" or verb.head.i == verb.i:
            return _antecedent(subject) if subject is not None else None
        verb = verb.head


def _mentions(victim: Token, verb: Token) -> list[tuple[Token, bool]]:
    """Each person a harm happens to, and whether the mention is a later conjunct.

    'A man and his wife were wounded' names two people: the wife is not the man again, whatever
    her determiner. 'a man who was shot' is about the man; 'shot his wife and then himself'
    names the shooter last.
    """
    head = _antecedent(victim)
    mentions = [(head, False)] + [(c, True) for c in head.conjuncts]
    trailing = _trailing_reflexive(verb)
    if trailing is not None and head.lower_ not in REFLEXIVES:
        mentions.append((trailing, True))
    return [(_subject(verb) or m, conjunct) if m.lower_ in REFLEXIVES else (m, conjunct)
            for m, conjunct in mentions]  # fmt: skip


def _self_harm(mention: Token, victim: Token, shooter: Token | None) -> bool:
    """'he killed himself', 'shot his wife and then himself': the shooter is the victim."""
    return shooter is not None and victim.i == shooter.i and (
        mention.lower_ in REFLEXIVES
        or any(c.lower_ in REFLEXIVES for c in mention.conjuncts)
        or _trailing_reflexive(mention.head) is not None
    )


SEQUENCE_WORDS = {"then", "later"}


def _trailing_reflexive(verb: Token) -> Token | None:
    """'shot his wife and then himself': a reflexive right after the object and 'and (then)'.

    Read from the words, not the parse, which hangs the reflexive on whatever verb is near.
    """
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return None
    doc = verb.doc
    i = objects[0].right_edge.i + 1
    if i >= len(doc) or doc[i].lower_ != "and":
        return None
    i += 1
    if i < len(doc) and doc[i].lower_ in SEQUENCE_WORDS:
        i += 1
    return doc[i] if i < len(doc) and doc[i].lower_ in REFLEXIVES else None


def _repeated(sentence: Span, text: str) -> bool:
    """A sentence that already stood earlier in the text: a scraped page repeats its lead.

    `text` is the document's text, passed in because `Doc.text` is rebuilt on every call."""
    words = sentence.text.strip()
    return len(words) > MIN_REPEAT_CHARS and text.find(words) < sentence.start_char


# 'Last August, an officer shot and killed a man': a sentence that opens on another time
EARLIER_OPENING = re.compile(
    r"^\W*(?:back )?(?:in |last )(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|"
    r"summer|fall|autumn|winter|year|(?:19|20)\d\d)",
    re.IGNORECASE,
)


def _earlier_incident(sentence: Span) -> bool:
    """A sentence about an earlier incident, told as background to this one."""
    return bool(EARLIER_OPENING.match(sentence.text))


def _aside(sentence: Span, text: str) -> bool:
    """A sentence that adds no victim: a repeat, an earlier incident, a link to another story."""
    return _repeated(sentence, text) or _earlier_incident(sentence) or _link_line(sentence.text)


def _full_name(victim: Token) -> str | None:
    """The whole name a person mention carries: 'Ana Lind', or just 'Lind'."""
    if victim.ent_type_ != "PERSON":
        return None
    span = next((e for e in victim.doc.ents if e.start <= victim.i < e.end), None)
    return span.text if span is not None else victim.text


def _same_name(known: str, name: str) -> bool:
    """'Lind' is 'Ola Lind'; 'Ana Lind' is not: a spouse shares the surname."""
    known_words, words = known.split(), name.split()
    if known_words[-1] != words[-1]:
        return False
    return len(known_words) == 1 or len(words) == 1 or known_words[0] == words[0]


def _known_age(victims: list[Victim], victim: Token) -> tuple[bool, Victim | None, str | None]:
    """Whether the mention's age settles who it is, the victim it settles on, and the age.

    'the 52-year-old' is the victim of that age; an age no one has may still be a known
    victim's first stated age, but not one of a victim whose age differs."""
    age = _age(victim)
    if age is None or all(v.age is None for v in victims):
        return False, None, None
    same_age = next((v for v in victims if v.age == age), None)
    settled = same_age is not None or all(v.age is not None for v in victims)
    return settled, same_age, age


def _by_name(victims: list[Victim], name: str, conjunct: bool, fatal: bool,
             age: str | None) -> Victim | None:  # fmt: skip
    """The victim a name refers to: the same name, else the one unnamed victim it can be."""
    target = next((v for v in victims if v.name and _same_name(v.name, name)), None)
    if target is not None or conjunct:
        return target
    unnamed = [v for v in victims if v.name is None]
    if unnamed and len(victims) == 1:
        return unnamed[-1]
    # 'Police found John Smith dead': the one unnamed victim who died
    dead = [v for v in unnamed if v.killed]
    if fatal and len(dead) == 1:
        return dead[0]
    # 'Jane Roe, 71,': the one unnamed victim of no other age
    ageless = [v for v in unnamed if v.age is None]
    return ageless[0] if age is not None and len(ageless) == 1 else None


def _by_description(victims: list[Victim], last: Victim, victim: Token) -> Victim | None:
    """The victim an indefinite description ('a man', 'a victim') refers back to, if any.

    'a man was shot ... police found a victim': a role noun names no one new by itself;
    'she was shot ... a 17-year-old girl was shot': the same sex names the same one."""
    noun = victim.lemma_.lower()
    same = next((v for v in victims if v.noun == noun), None)
    if same is None and noun in LOOKBACK_NOUNS:
        same = next((v for v in victims if SEXES.get(v.noun) == SEXES[noun]
                     and v.noun not in SEXES_BY_AGE[SEXES[noun]]), None)  # fmt: skip
    if same is None and (noun in GENERIC_NOUNS or last.noun in GENERIC_NOUNS):
        return last
    # 'Jon Roe, 22, shot himself ... A man who was running from deputies shot himself':
    # a story that named its one victim first describes him again, unless it says 'also'
    also = any(t.lower_ == "also" for t in victim.head.children)
    if same is None and len(victims) == 1 and victims[0].name and not also:
        return victims[0]
    return same


def _same_victim(victims: list[Victim], last: Victim | None, victim: Token,
                 conjunct: bool, fatal: bool) -> Victim | None:  # fmt: skip
    """The victim already in the story that a mention refers back to; None for a new one.

    A pronoun or 'the victim' refers to the victim mentioned last, not the one found last.
    """
    if not victims or last is None:
        return None
    determiners = {c.lower_ for c in victim.children if c.dep_ in {"det", "amod", "nummod"}}
    if victim.lower_ == "another" or "another" in determiners:
        return None
    settled, same_age, age = _known_age(victims, victim)
    if settled:
        return same_age
    places = [ORDINAL_PLACE[d] for d in determiners if d in ORDINAL_PLACE]
    if places:
        return victims[places[0] - 1] if len(victims) >= places[0] else None
    name = _full_name(victim)
    if name is not None:
        return _by_name(victims, name, conjunct, fatal, age)
    if conjunct:
        return next((v for v in victims if v.noun == victim.lemma_.lower()), None)
    if determiners & INDEFINITE or victim.text.endswith("-year-old"):
        return _by_description(victims, last, victim)
    return last


# 'both were shot', 'the couple was wounded': a group of known size with no number in it
PAIR_WORDS = {"both", "couple", "pair"}


def _group_size(victim: Token) -> int | None:
    """How many people a plural mention names: 'two people', 'both victims', 'the couple'."""
    if victim.lower_ in PAIR_WORDS or victim.lemma_.lower() in PAIR_WORDS:
        return 2
    if any(c.lower_ == "both" for c in victim.children) and _plural(victim):
        return 2
    # 'four others were wounded': 'others' stands for people where harm happens to it
    if not (_plural(victim) and (_is_person(victim) or victim.lower_ == "others")):
        return None
    for child in victim.children:
        if child.dep_ == "nummod":
            number = read_number(victim.doc, child.i)
            if number is not None:
                return number[0]
    return None


def _group_measure(verb: Token, fatal: bool) -> Measure:
    """What happened to a group: 'both were killed' (killed), 'four others were wounded'
    (hurt and alive), 'two were shot' (hit: the dead among them)."""
    if fatal:
        return Measure.KILLED
    if verb.pos_ == "VERB" and verb.lemma_.lower() in WOUNDING_VERBS:
        return Measure.INJURED
    return Measure.CASUALTIES


def follow_victims(doc: Doc) -> tuple[list[Victim], set[Measure], dict[Measure, int]]:
    """Distinct singular victims in text order, measures the text says are zero, and the
    largest group a plural mention names per measure: killed, injured, or hit (casualties)."""
    victims: list[Victim] = []
    zero: set[Measure] = set()
    groups: dict[Measure, int] = {}
    last: Victim | None = None
    # 'another man was shot and killed': two verbs, one mention, one victim
    by_mention: dict[int, Victim] = {}
    text = doc.text
    # who shot the last victim: 'he shot his wife, then he killed himself' kills the shooter
    last_shooter: Victim | None = None
    for tok, mention, fatal in _harm_events(doc):
        if _aside(tok.sent, text):
            continue
        phrase = doc[mention.left_edge.i : mention.i + 1].text.lower()
        if any(phrase.startswith(n) for n in NO_ONE) or _negated(tok):
            if any(phrase.startswith(n) for n in NO_ONE):
                zero.add(Measure.KILLED if fatal else Measure.INJURED)
            continue
        size = _group_size(_antecedent(mention))
        if size is not None and not BACKGROUND.search(tok.sent.text):
            measure = _group_measure(tok, fatal)
            groups[measure] = max(groups.get(measure, 0), size)
            continue
        shooter = _subject(tok)
        for victim, conjunct in _mentions(mention, tok):
            if not _is_person(victim) or _plural(victim):
                continue
            if any(c.dep_ == "nummod" and c.lower_ not in {"one", "1"} for c in victim.children):
                continue  # counted by a stated figure
            name = _full_name(victim)
            target = by_mention.get(victim.i)
            self_harm = _self_harm(mention, victim, shooter)
            if target is None and self_harm and last_shooter is not None:
                target = last_shooter
            if target is None:
                target = _same_victim(victims, last, victim, conjunct, fatal)
            if target is None:
                target = Victim(noun=victim.lemma_.lower(), name=name, killed=fatal,
                                age=_age(victim))  # fmt: skip
                victims.append(target)
            elif target not in victims:
                target.killed = fatal
                victims.append(target)
            else:
                target.killed = target.killed or fatal
                target.name = target.name or name
                target.age = target.age or _age(victim)
            by_mention[victim.i] = target
            last = target
            if shooter is not None and not self_harm and _is_person(shooter):
                last_shooter = by_mention.get(shooter.i) or Victim(
                    noun=shooter.lemma_.lower(), name=None, killed=False, age=_age(shooter)
                )
    return victims, zero, groups


BACKGROUND = re.compile(
    r"\b(?:this year|so far|to date|year-to-date|since (?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec|the start|the beginning|last)|last (?:year|month)|this month|in recent "
    r"(?:weeks|months|years)|(?:in|of|since) (?:19|20)\d\d|so far in|per year|a year|each year|"
    r"annually|nationwide|across the (?:city|country|state)|gun violence archive|statistics|"
    r"shootings|homicides)\b",
    re.IGNORECASE,
)


# a web page's links to other stories, scraped with the text: 'More: ...', 'Related Articles'
LINK_LINE = re.compile(
    r"^\W*(?:(?:more|related|read more|see also|also read|recommended|trending)\s*:"
    r"|related (?:articles|stories|coverage|content)\b)",
    re.IGNORECASE,
)


def _background(figure: Figure, text: str) -> bool:
    """A statistic about other events ('18 people have been killed this year'), or a link."""
    sentence = text[figure.evidence.sentence.start : figure.evidence.sentence.end]
    return bool(BACKGROUND.search(sentence) or _link_line(sentence))


def _link_line(sentence: str) -> bool:
    """'More: Man says 3 bodies found ...': a link to another story, not this one's text."""
    return LINK_LINE.match(sentence) is not None


def _wholly_fatal(verb: Token) -> bool:
    """'shot to death', 'shot dead', 'fatally shot', 'shot and killed': everyone hit died.

    Stricter than `_fatal`, whose window also catches 'two were shot, one fatally'."""
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in {"fatally", "mortally"}:
            return True
        if child.dep_ == "conj" and child.lemma_.lower() in KILL_VERBS:
            return True
        if child.lower_ in DEAD_STATES and child.dep_ in {"oprd", "acomp", "advmod"}:
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and any(
            g.lower_ == "death" for g in child.children
        ):
            return True
    return False


def _all_killed(figure: Figure, doc: Doc) -> bool:
    """A count of people shot where the verb says all of them died: 'two men shot to death'."""
    words = doc.char_span(figure.evidence.start, figure.evidence.end, alignment_mode="expand")
    if words is None:
        return False
    noun = words.root.head if words.root.dep_ == "nummod" else words.root
    if noun.dep_ == "nsubjpass":
        verb = noun.head
    else:
        verb = next((c for c in noun.children if c.dep_ == "acl"), noun)
    return verb.pos_ == "VERB" and verb.lemma_.lower() in HARM_VERBS and _wholly_fatal(verb)


PARTITIVE = re.compile(r"^\s*of (?:the|them|those|these|their|his|her)\b", re.IGNORECASE)


def _partitive(figure: Figure, doc: Doc) -> bool:
    """'One of the bodies was found upstairs': a part of a group, never the whole of it."""
    return bool(PARTITIVE.match(doc.text[figure.evidence.end : figure.evidence.end + 20]))


def _busy_elsewhere(figure: Figure, doc: Doc) -> bool:
    """'shot his girlfriend while the two were arguing': the count is the subject of a clause
    that says when, and does something there other than be hurt; or the count is the agent
    of a passive ('wounded by two gunmen')."""
    words = doc.char_span(figure.evidence.start, figure.evidence.end, alignment_mode="expand")
    if words is None:
        return False
    subject = words.root.head if words.root.dep_ == "nummod" else words.root
    verb = subject.head
    # 'put in danger by these two individuals', 'shot by two men': the count does the harm
    if subject.dep_ == "pobj" and verb.dep_ == "agent":
        return True
    return (
        subject.dep_ == "nsubj"
        and verb.pos_ == "VERB"
        and verb.dep_ == "advcl"
        and verb.lemma_.lower() not in KILL_VERBS | HARM_VERBS
    )


def _shooting_split(figures: list[Figure], doc: Doc) -> dict[Measure, int]:
    """Stated figures per measure: the latest cumulative one, else the largest."""
    best: dict[Measure, int] = {}
    for figure in figures:
        if figure.count.low is None or figure.status.value == "denied":
            continue
        if _background(figure, doc.text):
            continue
        measure = figure.measure
        if measure == Measure.HOSPITALIZED:
            measure = Measure.INJURED
        if _busy_elsewhere(figure, doc) or _partitive(figure, doc):
            continue
        if measure == Measure.CASUALTIES and _all_killed(figure, doc):
            measure = Measure.KILLED
        if measure not in {Measure.KILLED, Measure.INJURED, Measure.CASUALTIES}:
            continue
        low = figure.count.low
        if figure.scope is not None and figure.scope.value == "cumulative":
            best[measure] = low
        else:
            best[measure] = max(best.get(measure, 0), low)
    return best


def find_totals(doc: Doc, figures: list[Figure]) -> dict[Measure, Total]:
    """Killed and injured totals for the article's main event."""
    stated = _shooting_split(figures, doc)
    victims, zero, groups = follow_victims(doc)
    killed_victims = max(sum(1 for v in victims if v.killed), groups.get(Measure.KILLED, 0))
    # a group shot ('both were shot') counts the dead among it
    hurt_victims = max(sum(1 for v in victims if not v.killed), groups.get(Measure.INJURED, 0),
                       groups.get(Measure.CASUALTIES, 0) - killed_victims)  # fmt: skip
    totals: dict[Measure, Total] = {}
    killed = stated.get(Measure.KILLED)
    if killed is None:
        killed = killed_victims
    injured = stated.get(Measure.INJURED)
    if injured is None:
        casualties = stated.get(Measure.CASUALTIES)
        injured = hurt_victims
        if casualties is not None:
            # 'four others were wounded' outweighs 'two of the victims were shot'
            injured = max(casualties - killed, groups.get(Measure.INJURED, 0), 0)
    if killed or Measure.KILLED in zero or victims or groups:
        totals[Measure.KILLED] = Total(low=killed, high=killed)
    if injured or Measure.INJURED in zero or victims or groups:
        totals[Measure.INJURED] = Total(low=injured, high=injured)
    return totals
