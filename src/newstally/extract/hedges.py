"""Hedges: phrases in the article that weaken a figure ('has not been independently verified').

A hedge in a figure's own sentence belongs to that figure. A hedge in a sentence with no figure
(news puts the caveat after the claim: 'Footage shows ... The footage has not been independently
verified.') belongs to the figures of the nearest earlier sentence that has any, if it is close.
"""

from __future__ import annotations

import re

from newstally.lexicon import in_use

HEDGE_PATTERNS = in_use().hedges.patterns  # the phrases live in newstally/data/hedges.toml
HEDGES = re.compile("|".join(f"(?:{p})" for p in HEDGE_PATTERNS), re.IGNORECASE)
# A caveat sentence attaches to figures at most this many sentences earlier.
HEDGE_REACH = 3


def find_hedges(text: str) -> list[tuple[int, int, str]]:
    """Every hedge phrase: (start, end, words as written)."""
    return [(m.start(), m.end(), m.group(0)) for m in HEDGES.finditer(text)]
