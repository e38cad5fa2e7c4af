"""Stated figures the totals can trust: 'three people were shot, one fatally'.

Per measure the latest cumulative figure, else the largest; a count that is background, a part
of a group ('one of the bodies') or the doer of the harm ('shot by two men') is left out, and a
count shot to death is killed.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from newstally.extract.doccache import doc_text
from newstally.extract.totals.background import _background
from newstally.extract.totals.harm import DEAD_STATES, HARM_VERBS, KILL_VERBS
from newstally.model import Figure, Measure


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
    return bool(PARTITIVE.match(doc_text(doc)[figure.evidence.end : figure.evidence.end + 20]))


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
        if _background(figure, doc_text(doc)):
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
