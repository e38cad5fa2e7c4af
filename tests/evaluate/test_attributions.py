"""Scoring attributions against PolNeAR-style gold, on hand-made reports."""

from __future__ import annotations

import pytest

from newstally.evaluate.attributions import (
    AttributionMissKind,
    cue_class,
    match_spans,
    same_source,
    score_article,
    summarise,
)
from newstally.evaluate.datasets import AttributionsGold, Example, GoldAttribution, GoldSpan
from newstally.model import Article, Attribution, Report, Source, Span, article_id

TEXT = (
    "The mayor said the bridge will reopen in May. "
    "Critics argue that the budget is too small, according to the Post. "
    "It rained."
)


def span(words: str) -> Span:
    start = TEXT.index(words)
    return Span(start=start, end=start + len(words))


def gold_span(words: str) -> GoldSpan:
    start = TEXT.index(words)
    return GoldSpan(start=start, end=start + len(words), text=words)


def gold(content: str, source: str | None, cue: str | None = "said") -> GoldAttribution:
    return GoldAttribution(
        content=gold_span(content),
        source=gold_span(source) if source else None,
        cue=gold_span(cue) if cue else None,
    )


def predicted(content: str, source: str | None, cue: str = "say") -> Attribution:
    return Attribution(source=Source(text=source), cue=cue, content=span(content))


def example(*golds: GoldAttribution) -> Example:
    return Example(
        id="p1", text=TEXT, published=None, gold=AttributionsGold(attributions=list(golds)), line=7
    )


def report(*attributions: Attribution) -> Report:
    return Report(article=Article(id=article_id(TEXT), text=TEXT), attributions=list(attributions))


def s(start: int, end: int) -> Span:
    return Span(start=start, end=end)


def test_spans_match_when_they_share_a_character() -> None:
    assert match_spans([s(0, 10)], [s(9, 20)]) == [(0, 0)]
    assert match_spans([s(0, 10)], [s(10, 20)]) == []  # touching is not overlapping


def test_matching_is_one_to_one() -> None:
    # One prediction covers two gold statements: it can match only one of them.
    assert match_spans([s(0, 10), s(12, 20)], [s(0, 20)]) == [(0, 0)]


def test_the_larger_overlap_wins() -> None:
    # Prediction 0 overlaps gold 0 by 3 and prediction 1 overlaps it by 8: prediction 1 is taken,
    # prediction 0 is left unmatched (spurious).
    assert match_spans([s(0, 10)], [s(0, 3), s(2, 10)]) == [(0, 1)]


def test_greedy_takes_pairs_largest_first_across_golds() -> None:
    gold_spans = [s(0, 10), s(8, 30)]
    predicted_spans = [s(5, 25), s(0, 9)]
    # (gold 1, pred 0) share 17, (gold 0, pred 1) 9: both kept; the weaker crossings are not.
    assert match_spans(gold_spans, predicted_spans) == [(0, 1), (1, 0)]


@pytest.mark.parametrize(
    ("predicted_source", "gold_source", "right"),
    [
        ("Trump", "Donald Trump", True),
        ("THE POST", "the Post", True),  # case-insensitive
        ("Trump's aides", "Trump", True),  # the possessive 's is not a word of its own
        ("he", "He", True),  # a pronoun is a word like any other
        ("the campaign", "the Post", False),  # 'the' is a stop word
        ("a source", "the source", True),
        ("of the", "the of", False),  # nothing but stop words
        (None, "Trump", False),
        ("Trump", None, False),
    ],
)
def test_a_source_is_right_when_the_texts_share_a_word(
    predicted_source: str | None, gold_source: str | None, right: bool
) -> None:
    assert same_source(predicted_source, gold_source) is right


def test_scores_an_article() -> None:
    bridge = "the bridge will reopen in May"
    budget = "that the budget is too small"
    golds = example(
        gold(bridge, "The mayor"),
        gold(budget, "Critics", cue="argue"),
    )
    guesses = report(
        predicted(bridge, "The mayor"),  # right, source right
        predicted("It rained", "the weather"),  # spurious
    )

    outcome = score_article(golds, guesses)

    assert (outcome.gold, outcome.predicted, outcome.matched) == (2, 2, 1)
    assert (outcome.source_scored, outcome.source_right) == (1, 1)
    kinds = [(m.kind, m.cue_class) for m in outcome.misses]
    assert kinds == [
        (AttributionMissKind.MISSED, "speech verb"),
        (AttributionMissKind.SPURIOUS, None),
    ]
    missed, spurious = outcome.misses
    assert missed.gold is not None and missed.gold.content.text == budget
    assert missed.gold.source is not None and missed.gold.source.text == "Critics"
    assert spurious.predicted is not None and spurious.predicted.content.text == "It rained"
    assert spurious.predicted.source == "the weather"


def test_a_wrong_source_shows_both_sides() -> None:
    budget = "that the budget is too small"
    outcome = score_article(
        example(gold(budget, "Critics", cue="argue")),
        report(predicted("the budget is too small, according to the Post", "the Post")),
    )

    [miss] = outcome.misses
    assert miss.kind is AttributionMissKind.WRONG_SOURCE
    assert miss.gold is not None and miss.gold.source is not None
    assert miss.gold.source.text == "Critics"
    assert miss.predicted is not None and miss.predicted.source == "the Post"
    assert miss.overlap == len("the budget is too small")
    assert outcome.source_scored == 1 and outcome.source_right == 0


def test_a_match_whose_gold_has_no_source_is_not_scored_for_source() -> None:
    bridge = "the bridge will reopen in May"

    outcome = score_article(example(gold(bridge, None)), report(predicted(bridge, "The mayor")))

    assert outcome.matched == 1
    assert outcome.source_scored == 0
    assert outcome.misses == []


def test_the_source_falls_back_to_its_span_when_the_text_is_missing() -> None:
    bridge = "the bridge will reopen in May"
    guess = Attribution(
        source=Source(text=None), cue="say", content=span(bridge), source_span=span("The mayor")
    )

    outcome = score_article(example(gold(bridge, "The mayor")), report(guess))

    assert outcome.source_right == 1


def test_a_missed_gold_lists_predictions_that_overlap_it_but_matched_another() -> None:
    bridge = "the bridge will reopen in May"
    both = TEXT[: TEXT.index(" It rained")]
    outcome = score_article(
        example(gold(bridge, "The mayor"), gold("that the budget is too small", "Critics")),
        report(predicted(both, "The mayor")),
    )

    [missed] = outcome.misses
    assert missed.kind is AttributionMissKind.MISSED
    assert missed.overlapping == [both]


def test_precision_recall_and_f1_are_summed_over_the_set() -> None:
    bridge = "the bridge will reopen in May"
    budget = "that the budget is too small"
    outcomes = [
        score_article(example(gold(bridge, "The mayor")), report(predicted(bridge, "Critics"))),
        score_article(example(gold(budget, "Critics")), report()),
        score_article(example(), report(predicted("It rained", None))),
    ]

    score = summarise(outcomes)

    assert (score.gold, score.predicted, score.matched) == (2, 2, 1)
    assert (score.precision, score.recall, score.f1) == (0.5, 0.5, 0.5)
    assert score.source_right_rate == 0.0
    assert score.misses == {"missed": 1, "spurious": 1, "wrong-source": 1}
    assert score.missed_by_cue == {"say/tell": 1}
    assert score.missed_cue_words == {"said": 1}


@pytest.mark.parametrize(
    ("cue", "group"),
    [
        ("said", "say/tell"),
        ("has said", "say/tell"),
        ("told", "say/tell"),
        ("according to", "according to"),
        ("noted", "speech verb"),
        ("believes", "belief/intent"),
        ("shows", "evidence"),
        (":", "punctuation"),
        ("―", "punctuation"),
        ("has learned", "other"),
        (None, "no cue"),
    ],
)
def test_missed_gold_is_grouped_by_its_cue(cue: str | None, group: str) -> None:
    span = None if cue is None else GoldSpan(start=0, end=len(cue), text=cue)
    assert cue_class(span) == group
