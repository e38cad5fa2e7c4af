"""Article totals and the event date: the article's best reading of its main event.

Local news rarely states a count for one victim: 'a man was found shot to death' is one killed,
'the victim ... he was pronounced dead' is still one. So besides the stated figures, this module
follows victims through the text: an indefinite mention ('a 20-year-old woman') introduces one,
a definite one ('the victim', 'she', a name) refers back, and what happens to each (shot, killed,
wounded) sets its state. A stated figure wins over the sum of victims; a later update in the
article wins over an earlier count; shooting counts ('three people were shot, one fatally') are
split into killed and injured.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newstally.extract.measures import PEOPLE_NOUNS, is_people_noun
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
INDEFINITE = {"a", "an", "one"}


SHOT_AT_TARGETS = {"car", "vehicle", "truck", "officers", "police", "deputies", "crowd",
                   "them", "him", "her", "suv", "van"}  # fmt: skip


@dataclass
class Victim:
    noun: str
    name: str | None
    killed: bool


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
    # 'was found shot to death': the harm verb is a complement of find
    if tok.dep_ in {"xcomp", "oprd", "ccomp", "conj"}:
        return _victim_of(tok.head) if tok.head.i != tok.i else None
    return None


def _is_person(tok: Token) -> bool:
    if tok.lower_ in {"he", "she"}:
        return True
    if tok.ent_type_ == "PERSON":
        return True
    if tok.text.endswith("-year-old") or (tok.lower_ == "old" and tok.pos_ == "NOUN"):
        return True
    return is_people_noun(tok) or tok.lemma_.lower() in PEOPLE_NOUNS


def _plural(tok: Token) -> bool:
    return tok.tag_ in {"NNS", "NNPS"} or tok.lower_ in {"they", "them", "people"}


WOUND_NOUNS = {"wound", "wounds", "injury", "injuries", "gunshot"}
WOUND_VERBS = {"suffer", "sustain", "have", "receive", "treat", "find", "leave", "take"}
DEAD_STATES = {"dead", "deceased"}


def _harm_events(doc: Doc) -> list[tuple[Token, Token, bool]]:
    """(event token, victim token, fatal) for each harm the text reports.

    Verbs ('was shot', 'killing one man'), wounds ('suffered a gunshot wound', 'found a man
    with gunshot wounds') and states ('was pronounced dead', 'is dead').
    """
    events: list[tuple[Token, Token, bool]] = []
    for tok in doc:
        if tok.pos_ in {"VERB", "AUX", "ADJ"} and _is_harm(tok):
            victim = _victim_of(tok)
            if victim is not None and victim.lower_ in {"himself", "herself"}:
                subjects = [c for c in tok.children if c.dep_ == "nsubj"]
                victim = subjects[0] if subjects else None
            if victim is not None:
                events.append((tok, victim, _fatal(tok)))
        elif tok.lower_ in DEAD_STATES and tok.dep_ in {"oprd", "acomp", "xcomp", "ccomp"}:
            verb = tok.head
            for child in verb.children:
                if child.dep_ in {"nsubjpass", "nsubj", "dobj"}:
                    events.append((tok, child, True))
        elif tok.lemma_.lower() in {"wound", "injury"} and tok.pos_ == "NOUN":
            fatal = any(c.lower_ in {"fatal", "deadly", "mortal"} for c in tok.children)
            # wounds count where the sentence is about a shooting, not a fall or a crash
            gun = any(c.lower_ in {"gunshot", "bullet"} for c in tok.subtree) or any(
                t.lower_ in {"gunshot", "shot", "bullet", "shooting"} for t in tok.sent
            )
            if not gun:
                continue
            head = tok.head
            if head.dep_ == "prep" and head.lower_ == "with":
                holder = head.head
                if holder.pos_ in {"NOUN", "PROPN", "PRON"}:
                    events.append((tok, holder, fatal))
                elif holder.pos_ == "VERB":
                    for child in holder.children:
                        if child.dep_ in {"dobj", "nsubjpass"}:
                            events.append((tok, child, fatal))
            elif tok.dep_ == "dobj" and head.lemma_.lower() in WOUND_VERBS:
                for child in head.children:
                    if child.dep_ in {"nsubj", "nsubjpass"}:
                        events.append((tok, child, fatal))
            elif head.dep_ == "prep" and head.lower_ in {"from", "of"}:
                # 'suffering from gunshot wounds', 'died of his injuries'
                verb = head.head
                holders = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
                if not holders and verb.dep_ in {"acl", "advcl"} and verb.head.pos_ in {
                    "NOUN", "PROPN"
                }:
                    holders = [verb.head]
                fatal = fatal or verb.lemma_.lower() == "die"
                events.extend((tok, h, fatal) for h in holders)
    return events


def follow_victims(doc: Doc) -> tuple[list[Victim], set[Measure]]:
    """Distinct singular victims in text order, and measures the text says are zero."""
    victims: list[Victim] = []
    zero: set[Measure] = set()
    for tok, victim, fatal in _harm_events(doc):
        phrase = doc[victim.left_edge.i : victim.i + 1].text.lower()
        if any(phrase.startswith(n) for n in NO_ONE) or _negated(tok):
            if any(phrase.startswith(n) for n in NO_ONE):
                zero.add(Measure.KILLED if fatal else Measure.INJURED)
            continue
        if not _is_person(victim) or _plural(victim):
            continue
        if any(c.like_num and c.lower_ not in {"one", "1"} for c in victim.children):
            continue  # counted by a stated figure
        determiners = {c.lower_ for c in victim.children if c.dep_ in {"det", "amod", "nummod"}}
        name = victim.text if victim.ent_type_ == "PERSON" else None
        noun = victim.lemma_.lower()
        indefinite = bool(determiners & INDEFINITE) or victim.text.endswith("-year-old")
        new_one = bool(determiners & ORDINAL_NEW)
        target: Victim | None = None
        if not new_one and victims:
            if name is not None:
                target = next((v for v in victims if v.name and v.name.split()[-1]
                               == name.split()[-1]), None)  # fmt: skip
                if target is None:
                    unnamed = [v for v in victims if v.name is None]
                    target = unnamed[-1] if unnamed and len(victims) == 1 else None
            elif indefinite:
                target = next((v for v in victims if v.noun == noun), None)
            else:
                target = victims[-1]
        if target is None:
            victims.append(Victim(noun=noun, name=name, killed=fatal))
        else:
            target.killed = target.killed or fatal
            target.name = target.name or name
    return victims, zero


BACKGROUND = re.compile(
    r"\b(?:this year|so far|to date|year-to-date|since (?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec|the start|the beginning|last)|last (?:year|month)|this month|in recent "
    r"(?:weeks|months|years)|(?:in|of|since) (?:19|20)\d\d|so far in|per year|a year|each year|"
    r"annually|nationwide|across the (?:city|country|state)|gun violence archive|statistics)\b",
    re.IGNORECASE,
)


def _background(figure: Figure, text: str) -> bool:
    """A statistic about other events ('18 people have been killed this year')."""
    sentence = text[figure.evidence.sentence.start : figure.evidence.sentence.end]
    return bool(BACKGROUND.search(sentence))


def _shooting_split(figures: list[Figure], text: str) -> dict[Measure, int]:
    """Stated figures per measure: the latest cumulative one, else the largest."""
    best: dict[Measure, int] = {}
    for figure in figures:
        if figure.count.low is None or figure.status.value == "denied":
            continue
        if _background(figure, text):
            continue
        measure = figure.measure
        if measure == Measure.HOSPITALIZED:
            measure = Measure.INJURED
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
    stated = _shooting_split(figures, doc.text)
    victims, zero = follow_victims(doc)
    killed_victims = sum(1 for v in victims if v.killed)
    hurt_victims = sum(1 for v in victims if not v.killed)
    totals: dict[Measure, Total] = {}
    killed = stated.get(Measure.KILLED)
    if killed is None:
        killed = killed_victims
    injured = stated.get(Measure.INJURED)
    if injured is None:
        casualties = stated.get(Measure.CASUALTIES)
        injured = max(casualties - killed, 0) if casualties is not None else hurt_victims
    if killed or Measure.KILLED in zero or victims:
        totals[Measure.KILLED] = Total(low=killed, high=killed)
    if injured or Measure.INJURED in zero or victims:
        totals[Measure.INJURED] = Total(low=injured, high=injured)
    return totals
