"""Following victims through the text: who is new, who is mentioned again, and their fate.

'A man was shot ... the victim was pronounced dead' is one victim, killed; 'a man and his wife
were wounded' are two; an age, a name or a sex picks out one already in the story; 'both were
shot' is a group of two.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newstally.extract.doccache import doc_text
from newstally.extract.entities import entity_around
from newstally.extract.numbers import read_number
from newstally.extract.totals.background import BACKGROUND, _aside
from newstally.extract.totals.harm import WOUNDING_VERBS, _harm_events, _negated
from newstally.extract.totals.people import (
    REFLEXIVES,
    _age,
    _antecedent,
    _is_person,
    _plural,
    _subject,
)
from newstally.model import Measure

NO_ONE = {"no one", "nobody", "none", "no other", "no one else", "no officers", "no injuries",
          "neither"}


REFERRING = {"he", "she", "him", "her", "victim", "the victim"}


# 'a second man' is the second victim: new while the story has fewer, the same one after.
ORDINAL_PLACE = {"second": 2, "third": 3}
INDEFINITE = {"a", "an", "one"}


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


@dataclass
class Victim:
    noun: str
    name: str | None
    killed: bool
    age: str | None = None


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


def _full_name(victim: Token) -> str | None:
    """The whole name a person mention carries: 'Ana Lind', or just 'Lind'."""
    if victim.ent_type_ != "PERSON":
        return None
    span = entity_around(victim)
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
    text = doc_text(doc)
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
