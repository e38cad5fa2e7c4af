"""Article totals: the article's best reading of how many its main event killed and hurt.

Local news rarely states a count for one victim: 'a man was found shot to death' is one killed,
'the victim ... he was pronounced dead' is still one. So besides the stated figures, this package
follows victims through the text: an indefinite mention ('a 20-year-old woman') introduces one,
a definite one ('the victim', 'she', a name) refers back, and what happens to each (shot, killed,
wounded) sets its state. A stated figure wins over the sum of victims; a later update in the
article wins over an earlier count; shooting counts ('three people were shot, one fatally') are
split into killed and injured.

Reference is read the way news writes it: a pronoun is the victim mentioned last, an age or a
name picks out a victim, 'a man and his wife' are two, 'both' and 'the couple' are groups of
two, and a shooter who turns the gun on himself is a victim too. Sentences that tell of other
events (a repeated lead, 'Last August, ...', a 'More: ...' link) add no one.

Modules: `people` (who a mention is), `harm` (what happened to whom), `background` (text about
other events), `victims` (following them), `stated` (the figures to trust) and `reconcile`
(the totals from both).
"""

from newstally.extract.totals.reconcile import find_totals
from newstally.extract.totals.victims import Victim, follow_victims

__all__ = ["Victim", "find_totals", "follow_victims"]
