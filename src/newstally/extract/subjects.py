"""Who is counted: 'North Korean soldiers' -> group North Korea, role soldiers.

The group is read from the counted noun's modifiers ('North Korean', 'DPRK'), from 'troops from
Pyongyang' or 'casualties among North Korean troops', or from who sent them ('North Korea sent
12,000 troops'). Nouns that name a measure rather than people ('casualties') take their group and
role from the sentence before when the text does not say: news reports keep talking about the
same people until they say otherwise.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newstally.aliases import group_table
from newstally.extract.entities import entity_around
from newstally.extract.measures import (
    AGENT_VERBS,
    MEASURE_VERBS,
    ROLELESS_NOUNS,
    is_people_noun,
    people_role,
)
from newstally.model import Measure, Role, Subject

GROUP_PREPOSITIONS = {"from", "of", "among"}
MODIFIER_DEPS = {"amod", "compound", "nmod", "poss", "nummod"}
# Measures a doer inflicts on others (a sender's troops are its own; a killer's dead are not).
HARM_TO_OTHERS = {Measure.KILLED, Measure.INJURED, Measure.CAPTURED, Measure.DETAINED,
                  Measure.CASUALTIES, Measure.DISPLACED}  # fmt: skip


def group_of(text: str) -> str | None:
    """'North Korean' -> 'North Korea'; 'Ukraine's' -> 'Ukraine'; unknown words -> None.

    The whole phrase must be an alias in `data/groups.json` (see `newstally.aliases`):
    'North Korean troops' is looked up word by word by the callers, not searched here.
    """
    key = text.replace("’", "'").strip()
    for suffix in ("'s", "'"):
        if key.endswith(suffix):
            key = key[: -len(suffix)]
    if key.lower().startswith("the "):
        key = key[4:]
    table = group_table()
    found = table.lookup(key)
    if found is None and key.lower().endswith("s"):  # a plural the table does not list
        found = table.aliases.get(key[:-1].lower())
    return found


def _entity_text(tok: Token) -> str:
    """The whole named entity a token belongs to ('North Korean' for 'North')."""
    span = entity_around(tok)
    return span.text if span is not None else tok.text


def _group_in_tokens(tokens: list[Token]) -> str | None:
    for tok in tokens:
        for text in (_entity_text(tok), tok.text):
            found = group_of(text)
            if found:
                return found
    return None


def _role_of(noun: Token) -> Role | None:
    lemma = noun.lemma_.lower()
    if lemma in ROLELESS_NOUNS or noun.lower_ in ROLELESS_NOUNS:
        return None
    role = people_role(noun)
    if role is None and is_people_noun(noun):
        return Role.PEOPLE
    return role


def _harms(verb: Token) -> bool:
    """'An airstrike in X killed 37 people', 'gunmen from X abducted 20': whoever harms people
    does not own them, so the doer's group is not theirs."""
    lemma = verb.lemma_.lower()
    return lemma in AGENT_VERBS or MEASURE_VERBS.get(lemma) in HARM_TO_OTHERS


def noun_phrase_text(doc: Doc, noun: Token, skip: range) -> str:
    """'North Korean soldiers' for soldiers: left modifiers and the noun, not the count."""
    start = noun.i
    for child in noun.lefts:
        if child.dep_ in MODIFIER_DEPS | {"det"} and child.i not in skip:
            start = min(start, child.left_edge.i)
    start = max(start, skip.stop) if start < skip.stop <= noun.i else start
    while start < noun.i and (
        doc[start].is_punct or doc[start].dep_ == "det" or doc[start].i in skip
    ):
        start += 1
    return doc[start : noun.i + 1].text


def find_subject(doc: Doc, noun: Token | None, count_tokens: range) -> Subject:
    """The subject of a count from its own words; fields are None where the text is silent."""
    if noun is None:
        return Subject()
    modifiers = [t for t in noun.lefts if t.i not in count_tokens]
    group = _group_in_tokens([t for m in modifiers for t in m.subtree if t.i not in count_tokens])
    if group is None and noun.ent_type_ == "NORP":
        group = group_of(noun.text)
    role = _role_of(noun)
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ in GROUP_PREPOSITIONS:
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                group = group or _group_in_tokens(list(pobj.subtree))
                if role is None and is_people_noun(pobj):
                    role = _role_of(pobj)
    if group is None and noun.dep_ in {"dobj", "nsubjpass"} and not _harms(noun.head):
        # "North Korea sent approximately 12,000 troops": who sends owns the troops
        verb = noun.head
        for child in verb.children:
            if child.dep_ == "nsubj":
                group = _group_in_tokens(list(child.subtree))
    return Subject(text=noun_phrase_text(doc, noun, count_tokens), group=group, role=role)


def salient_subject(sents: list[Span], before: int) -> Subject | None:
    """The last people noun phrase with a group before token `before`, for carry-over.

    Officials are left out: in news they are the ones who speak, rarely the ones counted.
    """
    for sent in reversed(sents):
        for tok in reversed(list(sent)):
            if tok.i >= before:
                continue
            role = _role_of(tok) if tok.pos_ == "NOUN" and is_people_noun(tok) else None
            if role is not None and role != Role.OFFICIALS:
                subject = find_subject(sent.doc, tok, range(0))
                if subject.group:
                    return subject
    return None
