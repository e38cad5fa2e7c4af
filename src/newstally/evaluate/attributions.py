"""Score predicted attributions against hand-annotated ones (PolNeAR: source, cue, content spans).

The rules, as the README's accuracy section states them:

- A predicted attribution matches a gold one when their content spans overlap by at least one
  character. Matching is one-to-one and greedy: all overlapping (gold, predicted) pairs are taken
  largest overlap first (ties: earlier gold, then earlier prediction), skipping any pair whose gold
  or prediction is already matched. Greedy is not always the maximum matching, but content spans
  rarely overlap more than one partner, and greedy needs no solver and is easy to check by hand.
- Precision = matched / predicted, recall = matched / gold, F1 their harmonic mean, all summed
  over the whole set (micro-averaged).
- Of the matches whose gold has a source, the source is right when the predicted source text
  and the gold source text share a word (case-insensitive, ignoring STOP_WORDS); see
  `same_source`. Matches whose gold has no source (about 6% in PolNeAR) are not scored for source.
- Misses: `missed` (a gold attribution no prediction matched, counted by the class of its gold
  cue), `spurious` (a prediction that matched no gold), `wrong-source` (matched, source wrong).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from enum import StrEnum

from pydantic import BaseModel, Field

from newstally.evaluate.counts import ratio
from newstally.evaluate.datasets import AttributionsGold, Example, GoldAttribution, GoldSpan
from newstally.model import Attribution, Report, Span

# Words that do not identify a source: "the Post" and "a Post reporter" share "post", not "the".
STOP_WORDS = frozenset(
    {"a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "for", "by", "with", "from",
     "as", "s", "that", "this", "these", "those", "its", "their", "his", "her", "our"}
)
WORD = re.compile(r"\w+")

def verb_forms(*bases: str) -> frozenset[str]:
    """The regular forms of verbs: 'note' gives note, notes, noted, noting."""
    forms: set[str] = set()
    for base in bases:
        if base.endswith("e"):
            forms |= {base, base + "s", base + "d", base[:-1] + "ing"}
        elif base.endswith("y") and base[-2] not in "aeiou":
            forms |= {base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
        else:
            forms |= {base, base + "s", base + "es", base + "ed", base + "ing"}
    return frozenset(forms)


# Gold cues grouped for the miss table by the first word of the cue found in a class, so the
# lead can see which families of cue the extraction misses; the errors file keeps the cue's words.
CUE_CLASSES: dict[str, frozenset[str]] = {
    "say/tell": verb_forms("say", "tell") | {"said", "told"},
    "according to": frozenset({"according"}),
    "speech verb": verb_forms(
        "add", "note", "ask", "announce", "report", "claim", "warn", "argue", "suggest",
        "acknowledge", "mention", "declare", "state", "respond", "insist", "explain", "tweet",
        "emphasize", "recall", "describe", "cite", "call", "continue", "assert", "reply",
        "disclose", "stress", "urge", "accuse", "deny", "admit", "confirm", "predict", "testify",
        "question", "criticize", "attack", "blast", "praise", "echo", "write", "speak", "post",
    ) | {"wrote", "written", "spoke", "spoken", "interview", "statement"},
    "belief/intent": verb_forms(
        "believe", "think", "want", "plan", "expect", "hope", "know", "seem", "consider",
        "feel", "intend", "vow", "pledge", "promise", "support", "agree", "fear", "worry",
        "decide", "refuse", "understand", "doubt", "assume", "wish",
    ) | {"thought", "knew", "known", "felt", "understood", "planned", "planning", "sure"},
    "evidence": verb_forms("show", "find", "indicate", "reveal", "estimate", "rate")
    | {"found", "shown", "poll", "survey", "data"},
}
TOP_MISSED_CUES = 10
NO_CUE = "no cue"
PUNCTUATION_CUE = "punctuation"  # a colon or dash standing in for a verb: 'Trump: ...'
OTHER_CUE = "other"


class AttributionMissKind(StrEnum):
    """How an attribution went wrong."""

    MISSED = "missed"  # gold attribution with no matching prediction (false negative)
    SPURIOUS = "spurious"  # prediction with no matching gold (false positive)
    WRONG_SOURCE = "wrong-source"  # matched, but the sources share no word


class SpanText(BaseModel):
    """A span and the words it covers, for reading."""

    start: int
    end: int
    text: str


class GoldView(BaseModel):
    """A gold attribution as the errors file shows it."""

    content: SpanText
    source: SpanText | None
    cue: SpanText | None


class PredictedView(BaseModel):
    """A predicted attribution as the errors file shows it."""

    content: SpanText
    source: str | None
    source_name: str | None
    cue: str
    cue_text: str | None


class AttributionMiss(BaseModel):
    """One wrong attribution, with both sides' words so it can be judged by reading."""

    task: str = "attributions"
    article: str
    line: int
    kind: AttributionMissKind
    cue_class: str | None = None  # for missed: the class of the gold cue
    overlap: int | None = None  # for wrong-source: characters of content shared
    gold: GoldView | None = None
    predicted: PredictedView | None = None
    # Content of the other side that overlaps this one but was matched elsewhere: a sign that
    # two gold statements were read as one, or one was split in two.
    overlapping: list[str] = Field(default_factory=list)


class AttributionsOutcome(BaseModel):
    """One article's counts and misses."""

    gold: int
    predicted: int
    matched: int
    source_scored: int
    source_right: int
    misses: list[AttributionMiss]


class AttributionsScore(BaseModel):
    """Micro-averaged precision, recall, F1, the source-right rate and miss counts."""

    articles: int
    gold: int
    predicted: int
    matched: int
    precision: float
    recall: float
    f1: float
    source_scored: int
    source_right: int
    source_right_rate: float
    misses: dict[str, int]
    missed_by_cue: dict[str, int]
    missed_cue_words: dict[str, int]  # the TOP_MISSED_CUES commonest gold cues, as written


def overlap(a: Span | GoldSpan, b: Span | GoldSpan) -> int:
    """Characters two half-open spans share."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def match_spans(
    gold: Sequence[Span | GoldSpan], predicted: Sequence[Span | GoldSpan]
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, greedy by overlap size, in gold order."""
    candidates = sorted(
        (
            (-size, g, p)
            for g, gold_span in enumerate(gold)
            for p, predicted_span in enumerate(predicted)
            if (size := overlap(gold_span, predicted_span)) > 0
        )
    )
    taken_gold: set[int] = set()
    taken_predicted: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, g, p in candidates:
        if g in taken_gold or p in taken_predicted:
            continue
        taken_gold.add(g)
        taken_predicted.add(p)
        pairs.append((g, p))
    return sorted(pairs)


def source_words(text: str | None) -> frozenset[str]:
    """The words of a source that can identify it: lowercased, stop words removed."""
    if not text:
        return frozenset()
    return frozenset(WORD.findall(text.casefold())) - STOP_WORDS


def same_source(predicted: str | None, gold: str | None) -> bool:
    """The one definition of a right source: the two texts share a word outside STOP_WORDS.

    >>> same_source("Trump's campaign", "Donald Trump")
    True
    """
    return bool(source_words(predicted) & source_words(gold))


def predicted_source_text(attribution: Attribution, text: str) -> str | None:
    """The source's words as written; from its span when the record gives no text."""
    if attribution.source.text:
        return attribution.source.text
    if attribution.source_span is not None:
        return text[attribution.source_span.start : attribution.source_span.end]
    return None


def cue_class(cue: GoldSpan | None) -> str:
    """Group a gold cue for the miss table: 'has said' is say/tell, ':' punctuation.

    The class of the first word that belongs to one; `other` when none does.
    """
    if cue is None:
        return NO_CUE
    words = re.findall(r"[a-z]+", cue.text.casefold())
    if not words:
        return PUNCTUATION_CUE
    for word in words:
        for name, forms in CUE_CLASSES.items():
            if word in forms:
                return name
    return OTHER_CUE


def score_article(example: Example, report: Report) -> AttributionsOutcome:
    """Match one report's attributions to one article's gold and list every miss."""
    gold = example.gold
    if not isinstance(gold, AttributionsGold):
        raise TypeError(f"{example.id}: not attribution gold")
    text = report.article.text
    golds = gold.attributions
    predicted = report.attributions
    pairs = match_spans([g.content for g in golds], [p.content for p in predicted])
    matched_gold = {g for g, _ in pairs}
    matched_predicted = {p for _, p in pairs}
    misses: list[AttributionMiss] = []
    source_scored = source_right = 0

    def base(kind: AttributionMissKind) -> AttributionMiss:
        return AttributionMiss(article=example.id, line=example.line, kind=kind)

    for g, p in pairs:
        gold_source = golds[g].source
        if gold_source is None:
            continue
        source_scored += 1
        if same_source(predicted_source_text(predicted[p], text), gold_source.text):
            source_right += 1
            continue
        wrong = base(AttributionMissKind.WRONG_SOURCE)
        wrong.overlap = overlap(golds[g].content, predicted[p].content)
        wrong.gold = gold_view(golds[g])
        wrong.predicted = predicted_view(predicted[p], text)
        misses.append(wrong)
    for g, attribution in enumerate(golds):
        if g in matched_gold:
            continue
        missed = base(AttributionMissKind.MISSED)
        missed.cue_class = cue_class(attribution.cue)
        missed.gold = gold_view(attribution)
        missed.overlapping = [
            text[p.content.start : p.content.end]
            for p in predicted
            if overlap(p.content, attribution.content) > 0
        ]
        misses.append(missed)
    for p, guess in enumerate(predicted):
        if p in matched_predicted:
            continue
        spurious = base(AttributionMissKind.SPURIOUS)
        spurious.predicted = predicted_view(guess, text)
        spurious.overlapping = [
            g.content.text for g in golds if overlap(g.content, guess.content) > 0
        ]
        misses.append(spurious)
    return AttributionsOutcome(
        gold=len(golds),
        predicted=len(predicted),
        matched=len(pairs),
        source_scored=source_scored,
        source_right=source_right,
        misses=misses,
    )


def gold_view(attribution: GoldAttribution) -> GoldView:
    """A gold attribution's spans with their words."""

    def view(span: GoldSpan | None) -> SpanText | None:
        return None if span is None else SpanText(start=span.start, end=span.end, text=span.text)

    content = attribution.content
    return GoldView(
        content=SpanText(start=content.start, end=content.end, text=content.text),
        source=view(attribution.source),
        cue=view(attribution.cue),
    )


def predicted_view(attribution: Attribution, text: str) -> PredictedView:
    """A predicted attribution with the words of its content, source and cue."""
    content = attribution.content
    cue_span = attribution.cue_span
    return PredictedView(
        content=SpanText(start=content.start, end=content.end,
                         text=text[content.start : content.end]),
        source=predicted_source_text(attribution, text),
        source_name=attribution.source.name,
        cue=attribution.cue,
        cue_text=None if cue_span is None else text[cue_span.start : cue_span.end],
    )


def summarise(outcomes: Sequence[AttributionsOutcome]) -> AttributionsScore:
    """Micro-averaged scores over a whole set, and miss counts by kind and by gold cue class."""
    gold = sum(o.gold for o in outcomes)
    predicted = sum(o.predicted for o in outcomes)
    matched = sum(o.matched for o in outcomes)
    precision = ratio(matched, predicted)
    recall = ratio(matched, gold)
    f1 = ratio(2 * matched, gold + predicted)  # = 2PR / (P + R), without the rounding of P, R
    source_scored = sum(o.source_scored for o in outcomes)
    source_right = sum(o.source_right for o in outcomes)
    misses = all_misses(outcomes)
    kinds = Counter(str(m.kind) for m in misses)
    missed = [m for m in misses if m.kind is AttributionMissKind.MISSED]
    by_cue = Counter(m.cue_class or NO_CUE for m in missed)
    cue_words = Counter(
        " ".join(m.gold.cue.text.casefold().split()) if m.gold and m.gold.cue else NO_CUE
        for m in missed
    )
    return AttributionsScore(
        articles=len(outcomes),
        gold=gold,
        predicted=predicted,
        matched=matched,
        precision=precision,
        recall=recall,
        f1=f1,
        source_scored=source_scored,
        source_right=source_right,
        source_right_rate=ratio(source_right, source_scored),
        misses={kind.value: kinds[kind.value] for kind in AttributionMissKind},
        missed_by_cue=dict(by_cue.most_common()),
        missed_cue_words=dict(cue_words.most_common(TOP_MISSED_CUES)),
    )


def all_misses(outcomes: Iterable[AttributionsOutcome]) -> list[AttributionMiss]:
    """Every miss of every article, in article order."""
    return [m for o in outcomes for m in o.misses]
