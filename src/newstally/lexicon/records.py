"""The frozen lexicon: the vocabulary of extraction, one typed record per data file.

Built once by `newstally.lexicon.load` from `newstally/data/*.toml` (plus a user's override)
and never changed after; the extract modules read their word lists from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from newstally.model import Measure, Role, Status

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class MeasuresLexicon:
    """measures.toml: people and harm words, and what each count measures."""

    actor_nouns: frozenset[str]
    people_nouns: Mapping[str, Role]
    measure_nouns: Mapping[str, Measure]
    roleless_nouns: frozenset[str]
    measure_verbs: Mapping[str, Measure]
    measure_adjectives: Mapping[str, Measure]
    loss_verbs: frozenset[str]
    military_losers: frozenset[str]
    hospital_words: frozenset[str]
    wound_lemmas: frozenset[str]
    shelter_nouns: frozenset[str]
    stay_verbs: frozenset[str]
    moving_verbs: frozenset[str]  # 'moved to camps': the displaced, with a shelter noun
    freeing_verbs: frozenset[str]
    total_nouns: frozenset[str]
    total_verbs: frozenset[str]
    valuing_verbs: frozenset[str]
    value_nouns: frozenset[str]  # besides total_nouns, which are value nouns too
    agent_verbs: frozenset[str]


@dataclass(frozen=True)
class QuantitiesLexicon:
    """quantities.toml: number words, vague quantities and the modifiers that bound a count."""

    vague: Mapping[Phrase, tuple[int, int]]
    couple: Mapping[Phrase, tuple[int, int]]
    units: Mapping[str, int]
    multipliers: Mapping[str, int]
    article_units: frozenset[str]
    quantity_words: frozenset[str]
    open_above_verbs: frozenset[str]
    street_words: frozenset[str]
    not_count_numbers: frozenset[str]
    time_units: frozenset[str]
    lower_bound_strict: frozenset[Phrase]
    lower_bound: frozenset[Phrase]
    upper_bound_strict: frozenset[Phrase]
    upper_bound: frozenset[Phrase]
    approx_upper: frozenset[Phrase]
    approximate: frozenset[Phrase]
    trailing_lower: frozenset[Phrase]
    trailing_approx: frozenset[Phrase]


@dataclass(frozen=True)
class CuesLexicon:
    """cues.toml: attribution cue verbs and their status, and the verbs around them."""

    status: Mapping[str, Status]
    clause_only: frozenset[str]
    negations: frozenset[str]
    relay_verbs: frozenset[str]
    attitude_verbs: frozenset[str]
    not_cue_verbs: frozenset[str]
    relative_pronouns: frozenset[str]
    regard_as_verbs: frozenset[str]
    phrasal: Mapping[str, frozenset[str]]


@dataclass(frozen=True)
class HedgesLexicon:
    """hedges.toml: the phrases that weaken a figure, as regular expressions in match order."""

    patterns: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    """All the vocabulary, and where it came from (`override` is the user's file, if any)."""

    measures: MeasuresLexicon
    quantities: QuantitiesLexicon
    cues: CuesLexicon
    hedges: HedgesLexicon
    override: Path | None = None
