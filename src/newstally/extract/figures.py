"""Figures: counts of people with everything needed to cite them.

This module joins the single-concern steps: numbers (the count), measures (what it counts),
subjects (who), places (where), time (the period covered and the day it was said), attribution
(who says it, through whom, how firmly) and hedges. Each figure keeps its evidence offsets.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span, Token

from newstally.aliases import group_table
from newstally.extract.attribution import CUE_STATUS, Frame, FrameIndex, SourceRef
from newstally.extract.doccache import doc_text
from newstally.extract.hedges import HEDGE_REACH, find_hedges
from newstally.extract.measures import TOTAL_VERBS, find_head_noun, find_measure
from newstally.extract.numbers import CountMention, count_head_index, find_counts
from newstally.extract.places import (
    LIST_JOINS,
    dateline_place,
    find_place,
    respective_places,
    story_place,
)
from newstally.extract.quotes import FoundQuote
from newstally.extract.subjects import find_subject, salient_subject
from newstally.extract.time import TimeExpression
from newstally.model import (
    Count,
    Evidence,
    Figure,
    Measure,
    Period,
    Place,
    Relay,
    Role,
    Scope,
    Source,
    SourceKind,
    Status,
    Subject,
)
from newstally.model import (
    Span as TextSpan,
)

CUMULATIVE_CUES = re.compile(
    r"\b(?:total|toll|in all|so far|to date|altogether|overall|cumulative|since the (?:start|"
    r"beginning)|bringing|brought|rose to|risen to|climbed to|reached|stands at|stood at)\b",
    re.IGNORECASE,
)
INCREMENT_CUES = re.compile(r"\b(?:another|additional|more|new|further|fresh)\b", re.IGNORECASE)
CONTEXT_SENTENCES = 3
# 'had treated 85 people by Tuesday morning': a count up to a deadline is a running total.
# ('killed by Tuesday's blast' names a cause, not a deadline.)
DEADLINE = re.compile(
    r"\bby (?:late |early )?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b(?!['’]s)|"
    r"(?:the end of|midday|noon|nightfall|dawn|dusk)\b)",
    re.IGNORECASE,
)
# Measures that befall people whoever they are: a count of them that names no one and follows
# no one ('floods kill 30', 'the toll rose to 112', '31 bodies were found', 'hundreds were
# detained') counts people.
HARM_MEASURES = {Measure.KILLED, Measure.INJURED, Measure.CASUALTIES, Measure.MISSING,
                 Measure.HOSPITALIZED, Measure.DISPLACED, Measure.EVACUATED,
                 Measure.DETAINED}  # fmt: skip


def _other_people(subject: Subject, carried: Subject) -> bool:
    """Whether a count names people of another kind than the ones talked about before
    ('the army said troops killed 26 raiders'): the raiders are not the army's, so its group
    is not carried over to them."""
    return subject.role is not None and carried.role is not None and subject.role != carried.role


def _default_role(subject: Subject, measure: Measure) -> Subject:
    """People, for a harm count whose words and context give no role (see HARM_MEASURES)."""
    if subject.role is not None or measure not in HARM_MEASURES:
        return subject
    return Subject(text=subject.text, group=subject.group, role=Role.PEOPLE)


def _source(ref: SourceRef | None) -> Source:
    if ref is None:
        return Source()
    return Source(text=ref.text, name=ref.name, kind=ref.kind)


def relay_chain(doc: Doc, index: FrameIndex, frame: Frame | None) -> list[SourceRef]:
    """The relays between a figure's source and the article, nearest the source first.

    A frame's own relays ('Reuters reported, citing police') come first; then each frame whose
    content holds this one's cue, from the inside out, passes it on: 'Kazinform reports,
    citing Xinhua, that the ministry said 23 were killed' is the ministry's claim via Xinhua
    and Kazinform, and 'OCHA said, citing the Red Crescent, that ...' the Red Crescent's via
    OCHA when the Red Crescent's words hold no cue of their own.
    """
    if frame is None:
        return []
    chain = list(frame.via)
    inner = frame
    while True:
        cue_char = doc[inner.cue_start].idx
        holders = [
            f for f in index.holding(cue_char, cue_char + 1)
            if f is not inner and f.source is not None
            and (f.content_end - f.content_start) > (inner.content_end - inner.content_start)
        ]  # fmt: skip
        if not holders:
            return chain
        outer = min(holders, key=lambda f: f.content_end - f.content_start)
        assert outer.source is not None
        chain.extend(r for r in (outer.source, *outer.via) if r.text not in {c.text for c in chain})
        inner = outer


def _brought_to(tok: Token) -> bool:
    """'bringing the total killed in the capital since July 1 to 112': the value a verb of
    totalling brings its total to, however far the verb is from the count."""
    return (
        tok.dep_ == "pobj"
        and tok.head.lower_ == "to"
        and tok.head.head.lemma_.lower() in TOTAL_VERBS
    )


def _scope(doc: Doc, sent: Span, mention: CountMention, period: Period | None) -> Scope | None:
    """Running total or increment, from the words just before the count."""
    before = doc[max(sent.start, mention.start - 6) : mention.start].text
    after = doc[mention.end : min(sent.end, mention.end + 2)].text
    if CUMULATIVE_CUES.search(before) or _brought_to(doc[count_head_index(doc, mention)]):
        return Scope.CUMULATIVE
    if INCREMENT_CUES.search(before) or re.match(r"^\s*more\b", after):
        return Scope.INCREMENT
    if DEADLINE.search(doc[mention.end : sent.end].text):
        return Scope.CUMULATIVE
    if period is not None and period.start is not None:
        return Scope.INCREMENT
    return None


NEGATORS = {"not", "n't", "never", "neither", "nor", "none", "no"}


def _negated(doc: Doc, mention: CountMention) -> bool:
    """'three children were not injured', 'neither ... nor their three children were injured':
    a count that the sentence denies happened is not a figure."""
    head = doc[count_head_index(doc, mention)]
    tok = head
    for _ in range(4):
        if tok.lemma_.lower() in CUE_STATUS:
            break  # 'did not confirm that 40 died' is a disputed figure, not a non-event
        if any(c.dep_ == "neg" for c in tok.children):
            return True
        if tok.head.i == tok.i:
            break
        tok = tok.head
    sent = head.sent
    before = {t.lower_ for t in doc[sent.start : mention.start]}
    return bool({"neither", "nor"} & before)


def _sentence_of(doc: Doc, token_i: int) -> Span:
    return doc[token_i].sent


def _time_for(
    times: list[TimeExpression], sent: Span, frame: Frame | None, figure_char: int
) -> tuple[Period | None, dt.date | None]:
    """Split the sentence's time expressions into the period covered and the day reported.

    Ranges are periods. A single day inside the attributed content dates the event (a period of
    one day); one outside it (in the source or cue part: 'On Monday, Kirby acknowledged')
    dates the claim.
    """
    period: Period | None = None
    period_char = -1
    reported: dt.date | None = None
    doc = sent.doc
    for expr in times:
        if not (sent.start <= expr.start_i < sent.end):
            continue
        start_char = doc[expr.start_i].idx
        if expr.is_range:
            if period is None or abs(start_char - figure_char) < abs(period_char - figure_char):
                period = Period(text=expr.text, start=expr.first, end=expr.last)
                period_char = start_char
            continue
        inside = frame is not None and frame.content_start <= start_char < frame.content_end
        if frame is not None and not inside:
            reported = expr.first
        elif period is None:
            period = Period(text=expr.text, start=expr.first, end=expr.last)
            period_char = start_char
    return period, reported


def find_figures(
    doc: Doc,
    frames: list[Frame],
    quotes: list[FoundQuote],
    times: list[TimeExpression],
) -> list[Figure]:
    """Every count of people in the document, in text order, with ids f1, f2, ..."""
    figures: list[Figure] = []
    sentences = list(doc.sents)
    sent_index = {s.start: k for k, s in enumerate(sentences)}
    hedges = find_hedges(doc_text(doc))
    dateline = dateline_place(doc_text(doc))
    previous_subject: Subject | None = None
    previous_sentence = -1
    placeless: set[int] = set()
    index = FrameIndex(frames)
    time_starts = [t.start_i for t in times]
    for mention in find_counts(doc):
        noun = find_head_noun(doc, mention)
        measure = find_measure(doc, mention, noun)
        if measure is None or _negated(doc, mention):
            continue
        anchor = noun if noun is not None else doc[count_head_index(doc, mention)]
        sent = _sentence_of(doc, mention.start)
        k = sent_index.get(sent.start, 0)
        subject = find_subject(doc, noun, range(mention.start, mention.end))
        if subject.group is None or subject.role is None:
            carried = previous_subject if previous_sentence == k else None
            if carried is None:
                carried = salient_subject(
                    sentences[max(0, k - CONTEXT_SENTENCES) : k + 1], mention.start
                )
            if carried is not None and not _other_people(subject, carried):
                subject = Subject(
                    text=subject.text,
                    group=subject.group or carried.group,
                    role=subject.role or carried.role,
                )
        subject = _default_role(subject, measure)
        start_char = doc[mention.start].idx
        end_char = doc[mention.end - 1].idx + len(doc[mention.end - 1].text)
        frame = index.innermost(start_char, end_char)
        source = _source(frame.source if frame else None)
        via = [Relay(text=r.text, kind=r.kind) for r in relay_chain(doc, index, frame)]
        cue = frame.cue if frame else None
        status = frame.status if frame else Status.CLAIMED
        if frame is None:
            for found in quotes:
                ev = found.quote.evidence
                if ev.start <= start_char and end_char <= ev.end and found.speaker is not None:
                    source = _source(found.speaker)
                    cue = found.cue
                    status = Status.CLAIMED
                    break
        if frame is None and source.kind != SourceKind.UNATTRIBUTED and cue is None:
            source = Source()
        in_sentence = times[
            bisect_left(time_starts, sent.start) : bisect_left(time_starts, sent.end)
        ]
        period, reported = _time_for(in_sentence, sent, frame, start_char)
        place: Place | None = find_place(sent, anchor, measure)
        if place is None:
            placeless.add(len(figures))
        figure_hedges = [h for s, e, h in hedges if sent.start_char <= s < sent.end_char]
        figures.append(
            Figure(
                id=f"f{len(figures) + 1}",
                measure=measure,
                count=Count(
                    low=mention.low,
                    high=mention.high,
                    approximate=mention.approximate,
                    text=mention.text(doc),
                ),
                subject=subject,
                place=place,
                period=period,
                reported=reported,
                source=source,
                via=via,
                cue=cue,
                status=status,
                hedges=figure_hedges,
                scope=_scope(doc, sent, mention, period),
                evidence=Evidence(
                    start=start_char,
                    end=end_char,
                    sentence=TextSpan(start=sent.start_char, end=sent.end_char),
                ),
            )
        )
        if subject.group or subject.role:
            previous_subject, previous_sentence = subject, k
    if placeless:
        own = [f.place for k, f in enumerate(figures) if k not in placeless and f.place]
        fallback = story_place(sentences, own, dateline)
        if fallback is not None:
            for k in placeless:
                if not _counted_abroad(figures[k], fallback):
                    figures[k] = figures[k].model_copy(update={"place": fallback})
    _respective(doc, figures)
    _attach_trailing_hedges(figures, sentences, hedges)
    return figures


def _respective(doc: Doc, figures: list[Figure]) -> None:
    """'1,414 and 2,274 deaths respectively': the counts of a list ending in 'respectively'
    take the places of the list before it, in order (see `places.respective_places`)."""
    text = doc_text(doc)
    for k, figure in enumerate(figures):
        sentence = figure.evidence.sentence
        cut = text.find("respectively", figure.evidence.end, sentence.end)
        if cut < 0 or (k + 1 < len(figures) and figures[k + 1].evidence.end < cut):
            continue  # not the last count before 'respectively'
        chain = [k]
        while chain[0] > 0:
            before = figures[chain[0] - 1]
            between = text[before.evidence.end : figures[chain[0]].evidence.start]
            if before.evidence.sentence != sentence or between.strip(" ,") not in LIST_JOINS:
                break
            chain.insert(0, chain[0] - 1)
        if len(chain) < 2:
            continue
        sent = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        places = respective_places(sent, len(chain)) if sent is not None else None
        for i, place in zip(chain, places or [], strict=False):
            figures[i] = figures[i].model_copy(update={"place": place})


def _counted_abroad(figure: Figure, story: Place) -> bool:
    """'Several hundred North Korean soldiers killed' in a story set in Russia: people of one
    country counted in another's story may be anywhere, so the story's country is not theirs."""
    country = group_table().iso_of.get(figure.subject.group or "")
    return country is not None and country != story.country


def _attach_trailing_hedges(
    figures: list[Figure], sentences: list[Span], hedges: list[tuple[int, int, str]]
) -> None:
    """A caveat in a sentence without figures belongs to the nearest earlier figure sentence."""
    by_sentence: dict[int, list[Figure]] = {}
    starts = [s.start_char for s in sentences]
    for figure in figures:
        # the last sentence starting at or before the figure (a bisect: articles can be long)
        k = bisect_right(starts, figure.evidence.start) - 1
        by_sentence.setdefault(k, []).append(figure)
    for start, _, words in hedges:
        k = bisect_right(starts, start) - 1
        if k in by_sentence:
            continue
        for back in range(k - 1, max(-1, k - 1 - HEDGE_REACH), -1):
            if back in by_sentence:
                for figure in by_sentence[back]:
                    if words not in figure.hedges:
                        figure.hedges.append(words)
                break


def figure_measures() -> list[Measure]:
    """The measures a figure can have (for documentation and the CLI's choices)."""
    return list(Measure)
