"""The event date: the day the article's main event happened, not the day it was reported.

Local news names several days: the shooting ('late Friday'), the arrest ('on Monday'), the
court date, the day of writing in a dateline. A round-up that opens with the harm counted
'since Friday' starts on that day. Otherwise the event's day is the one the parse ties to the
event's own words; failing that, a day named in a sentence about the harm that is not the day of
a later act; failing that, the first day named; with no day at all, the publication date: a
report written a day or more after the event says when it happened ('Saturday', 'last night'),
while a breaking report ('Police are investigating a shooting ... around 3:15 p.m.') names none.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from newstally.extract.time import TimeExpression, is_coarse

EVENT_VERBS = {"shoot", "kill", "happen", "occur", "die", "find", "wound", "injure", "fire",
               "report", "respond", "stab", "erupt", "strike", "hit"}  # fmt: skip
# Finding dates the event only in a sentence about harm: 'found shot', not 'found empty'.
FINDING_VERBS = {"find"}
EVENT_LEMMAS = {"shoot", "kill", "wound", "injure", "die", "murder", "slay", "stab", "fire"}
EVENT_WORDS = {"shooting", "shootings", "homicide", "gunfire", "gunshot", "dead", "fatally",
               "killing", "slaying", "stabbing", "attack", "explosion", "crash", "quake",
               "earthquake", "blast", "strike", "strikes"}  # fmt: skip
NAMED_DAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|jan|feb|mar|apr|may"
    r"|jun|jul|aug|sep|oct|nov|dec)"
)
YEAR_IN_TEXT = re.compile(r"\b(?:19|20)\d\d\b")


def _publication_stamp(expr: TimeExpression, published: dt.date) -> bool:
    """'(February 13, 2014)' in a dateline, or a tweet's date: the day of writing, not of the
    event. A full date with its year that equals the publication date is read as such."""
    return expr.first == published and bool(YEAR_IN_TEXT.search(expr.text))


# Acts that come after the event: the day they are dated is not the event's day.
LATER_ACTS = {"say", "announce", "arrest", "charge", "identify", "release", "report", "tell",
              "confirm", "appear", "sentence", "plead", "arraign", "book", "hold", "continue",
              "search", "remain", "list", "provide", "set", "issue", "investigate", "come"}


DEATH_RECORDS = {"pronounce", "declare"}  # 'pronounced dead', 'declared dead'


def _attachment(doc: Doc, expr: TimeExpression) -> str | None:
    """Whether a day expression hangs on the event ('event'), on a later act ('later'), or
    on neither, climbing the parse from the expression a few steps."""
    # right after the event's own words: 'two shootings Monday night', 'shot Tuesday'
    for near in doc[max(expr.start_i - 3, doc[expr.start_i].sent.start) : expr.start_i]:
        if near.i > 0 and doc[near.i - 1].lemma_.lower() in DEATH_RECORDS:
            # 'pronounced dead Monday' at a hospital: the day the death was recorded, which
            # follows the shooting when the story names an earlier day
            return "later"
        if near.lower_ in EVENT_WORDS or (
            near.pos_ == "VERB" and near.lemma_.lower() in EVENT_LEMMAS
        ):
            return "event"
    tok = doc[expr.start_i]
    for _ in range(4):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        lemma = tok.lemma_.lower()
        if lemma in LATER_ACTS:
            return "later"
        if (tok.pos_ == "VERB" and lemma in EVENT_VERBS) or tok.lower_ in EVENT_WORDS:
            if lemma in FINDING_VERBS and not _harm_sentence(doc, expr):
                # 'the car was found empty on Friday': finding a car is no shooting
                return None
            return "event"
        if tok.pos_ == "VERB":
            # 'Thursday, a clerk was working when ..., police said': the day dates the
            # clause it modifies, not the saying that governs that clause
            return None
    return None


def _harm_sentence(doc: Doc, expr: TimeExpression) -> bool:
    """Whether the sentence holding a time expression tells of killing or wounding."""
    sent = doc[expr.start_i].sent
    return any(t.lemma_.lower() in EVENT_LEMMAS or t.lower_ in EVENT_WORDS for t in sent)


def _lead_span(doc: Doc, times: list[TimeExpression], published: dt.date) -> dt.date | None:
    """The first day of a round-up whose lead counts the harm over a span from a named day.

    'Four people were killed and 12 wounded in shootings across the city since Friday
    afternoon' opens a list of shootings told newest first; the span starts with the first of
    them. Only the first time expression counts, and only a span opened by a named day
    ('since Friday'), not a vague one ('the past week', 'over the weekend': one event in it).
    """
    lead = next(
        (t for t in times if not _publication_stamp(t, published) and not is_coarse(t)), None
    )
    if (
        lead is None
        or not lead.is_range
        or lead.first is None
        or lead.first > published
        or not NAMED_DAY.search(lead.text.lower())
        or not _harm_sentence(doc, lead)
    ):
        return None
    return lead.first


def find_event_date(
    doc: Doc, times: list[TimeExpression], published: dt.date | None
) -> dt.date | None:
    """The day of the main event: the start of a round-up's span, a day named beside an event
    verb, a day in a sentence about the harm, else the first day named.

    With no day in the text, the publication date: the story is a same-day report.
    """
    if published is None:
        return None
    days = [
        t
        for t in times
        if not t.is_range
        and t.first is not None
        and t.first <= published
        and not _publication_stamp(t, published)
    ]
    lead = _lead_span(doc, times, published)
    if lead is not None:
        return lead
    # a day that the parse ties to the event ('shot ... Wednesday night', 'the shooting
    # Saturday'), before any day in a sentence about it that is not the day of a later act
    for expr in days:
        if _attachment(doc, expr) == "event":
            return expr.first
    # 'wounded in shootings across the city since Friday night': the span starts the event
    for expr in times:
        if (
            expr.is_range
            and expr.first is not None
            and expr.first <= published
            and _harm_sentence(doc, expr)
            # 'the 11th person murdered this year, up from this time in 2013': a past year
            # or month compares, it does not date the event
            and not is_coarse(expr)
        ):
            return expr.first
    for expr in days:
        if _harm_sentence(doc, expr) and _attachment(doc, expr) != "later":
            return expr.first
    if days:
        return days[0].first
    return published
