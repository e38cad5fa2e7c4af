"""Hedges: phrases in the article that weaken a figure ('has not been independently verified').

A hedge in a figure's own sentence belongs to that figure. A hedge in a sentence with no figure
(news puts the caveat after the claim: 'Footage shows ... The footage has not been independently
verified.') belongs to the figures of the nearest earlier sentence that has any, if it is close.
"""

from __future__ import annotations

import re

HEDGE_PATTERNS: list[str] = [
    r"(?:has|have|had|could|can|would) not (?:yet )?been independently (?:verified|confirmed)",
    r"could not (?:be )?independently (?:verify|verified|confirm|confirmed)",
    r"(?:was|were|is|are) not (?:able to )?independently (?:verify|verified|confirm|confirmed)",
    r"(?:was|were|is|are) unable to (?:independently )?(?:verify|confirm)",
    r"(?:cannot|can't|could not|couldn't) (?:be )?(?:independently )?(?:verified|confirmed)",
    r"not (?:been )?independently verified",
    r"(?:could|can) not be verified",
    r"unverified",
    r"unconfirmed",
    r"(?:it|this) (?:was|is|remains) (?:not clear|unclear)",
    r"(?:were|was|are|is) not immediately (?:clear|known|available|confirmed)",
    r"\breportedly\b",
    r"\ballegedly\b",
    r"\bpurportedly\b",
    r"\bclaims? could not be\b[^.]*",
    r"without providing evidence",
    r"did not provide evidence",
    r"provided no evidence",
    r"(?:the )?figures? (?:could|can)not be (?:independently )?(?:verified|confirmed)",
]
HEDGES = re.compile("|".join(f"(?:{p})" for p in HEDGE_PATTERNS), re.IGNORECASE)
# A caveat sentence attaches to figures at most this many sentences earlier.
HEDGE_REACH = 3


def find_hedges(text: str) -> list[tuple[int, int, str]]:
    """Every hedge phrase: (start, end, words as written)."""
    return [(m.start(), m.end(), m.group(0)) for m in HEDGES.finditer(text)]
