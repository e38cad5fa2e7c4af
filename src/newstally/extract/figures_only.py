"""Select the sentences that can hold a count of people, and blank the rest (the ledger mode).

The statistical pipeline then runs on the masked text: every unselected character is a space
(newlines kept), so every offset into the masked text is an offset into the original one.
Quotes and attributions outside the selected sentences are not found; that is the trade.

    >>> mask_for_figures("Three people were killed. The mayor spoke.")
    'Three people were killed.                 '

A sentence is selected when it holds a digit, a number word or a vague quantity together with a
people or harm word (all from the lexicon); with it go the `CONTEXT_BEFORE` sentences before it
(sources named earlier, the carried-over subject), every sentence with a date word (the event
date), and the first sentence (headline or dateline).
"""

from __future__ import annotations

import calendar
import re

from newstally.lexicon import Lexicon, in_use

# Sentences kept before each figure's sentence (sources named earlier, 'he said' resolving to a
# name further back). Figures agreeing with full mode, polnear-dev / samples / gva-dev, and the
# share of their words parsed: reach 2: 0.875 / 0.970 / 0.949, 66%; reach 3: 0.926 (polnear-dev),
# 70%; reach 5: 0.957 / 0.985 / 0.997, 76% (scripts/figures_only_agreement.py).
CONTEXT_BEFORE = 5

_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+[\"'\u201d\u2019)]*|\n|$)")
_WORD = re.compile(r"[A-Za-z]+|\d")


def _vocabulary(lexicon: Lexicon) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(quantity words, people-or-harm lemmas, date words), lower case, from the lexicon."""
    q, m = lexicon.quantities, lexicon.measures
    quantity: set[str] = set(q.units) | set(q.multipliers) | set(q.quantity_words)
    # a vague phrase by its last word ('dozen' of 'a few dozen'): its other words ('a', 'of')
    # are in nearly every sentence
    quantity.update(phrase[-1] for phrase in list(q.vague) + list(q.couple))
    people = set(m.people_nouns) | set(m.measure_nouns) | set(m.measure_verbs)
    people |= set(m.measure_adjectives) | set(m.roleless_nouns) | set(m.wound_lemmas)
    dates = {n for n in list(calendar.month_name) + list(calendar.day_name) if n}
    dates |= set(q.time_units)
    def lower(words: set[str]) -> frozenset[str]:
        return frozenset(w.lower() for w in words)

    return lower(quantity), lower(people), lower(dates)


# Read once, at import, like every extract module's tables (`newstally.lexicon.in_use`).
_QUANTITY, _PEOPLE, _DATES = _vocabulary(in_use())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Cheap sentence bounds (no model): ends at . ! ? or a newline."""
    return [m.span() for m in _SENTENCE.finditer(text) if m.end() > m.start()]


def select_sentences(text: str) -> list[tuple[int, int]]:
    """The spans of the sentences the figures need, in text order."""
    spans = sentence_spans(text)
    keep: set[int] = set()
    first_found = False
    for i, (start, end) in enumerate(spans):
        words = [w.lower() for w in _WORD.findall(text[start:end])]
        if not words:
            continue
        if not first_found:
            keep.add(i)
            first_found = True
        has_number = any(w.isdigit() or w in _QUANTITY for w in words)
        # a crude lemma: 'killed' ~ 'kill', 'died' ~ 'die', 'victims' ~ 'victim'
        has_people = any(w in _PEOPLE or w[:-1] in _PEOPLE or w[:-2] in _PEOPLE for w in words)
        if has_number and has_people:
            keep.update(range(max(0, i - CONTEXT_BEFORE), i + 1))
        if any(w in _DATES for w in words):
            keep.add(i)
    return [spans[i] for i in sorted(keep)]


def mask_for_figures(text: str) -> str:
    """The text with every character outside the selected sentences a space, newlines kept."""
    out = [c if c == "\n" else " " for c in text]
    for start, end in select_sentences(text):
        out[start:end] = text[start:end]
    return "".join(out)
