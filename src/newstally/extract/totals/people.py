"""Mentions of people: whether a token names a person, how many, and of what age.

'the 68-year-old', 'his girlfriend', 'a pedestrian' are people; 'a man who was shot' is about
the man (`_antecedent`); 'he shot himself' names the shooter (`_subject`).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from newstally.extract.measures import ACTOR_NOUNS, PEOPLE_NOUNS, is_people_noun

# 'another man', 'a second man' are new victims; 'the other man' is one already in the story.
ORDINAL_NEW = {"another", "second", "third"}


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


RELATIVE_PRONOUNS = {"who", "whom", "that"}


def _antecedent(victim: Token) -> Token:
    """The noun a relative pronoun stands for: 'a man who was shot' is about the man."""
    clause = victim.head
    if victim.lower_ in RELATIVE_PRONOUNS and clause.dep_ == "relcl":
        return clause.head
    return victim


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


REFLEXIVES = {"himself", "herself"}


def _subject(verb: Token) -> Token | None:
    """Who does the harm: the active subject, through 'and then' conjoined verbs."""
    while True:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None or verb.dep_ != "conj" or verb.head.i == verb.i:
            return _antecedent(subject) if subject is not None else None
        verb = verb.head
