"""The article's totals: stated figures where there are any, else the victims followed.

'Two men were shot, one fatally' gives killed 1 and injured 1 from the figures; 'A man was
found shot to death' gives killed 1 from the victim, with no figure stated.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newstally.extract.doccache import doc_text
from newstally.extract.totals.stated import _shooting_split
from newstally.extract.totals.victims import follow_victims
from newstally.model import Figure, Measure, Total


def find_totals(doc: Doc, figures: list[Figure]) -> dict[Measure, Total]:
    """Killed and injured totals for the article's main event."""
    stated = _shooting_split(figures, doc)
    victims, zero, groups = follow_victims(doc)
    killed_victims = max(sum(1 for v in victims if v.killed), groups.get(Measure.KILLED, 0))
    # a group shot ('both were shot') counts the dead among it
    hurt_victims = max(sum(1 for v in victims if not v.killed), groups.get(Measure.INJURED, 0),
                       groups.get(Measure.CASUALTIES, 0) - killed_victims)  # fmt: skip
    totals: dict[Measure, Total] = {}
    killed = stated.get(Measure.KILLED)
    if killed is None:
        killed = killed_victims
    injured = stated.get(Measure.INJURED)
    if injured is None:
        casualties = stated.get(Measure.CASUALTIES)
        injured = hurt_victims
        if casualties is not None:
            # 'four others were wounded' outweighs 'two of the victims were shot'
            injured = max(casualties - killed, groups.get(Measure.INJURED, 0), 0)
        elif killed and injured <= killed and not groups.get(Measure.INJURED) and not _survivors(
            doc
        ):
            # 'a man found shot in the head ... Roberson died': a story of deaths that never
            # says anyone survived or was hurt counts the shot among the dead, not beside them
            injured = 0
    if killed or Measure.KILLED in zero or victims or groups:
        totals[Measure.KILLED] = Total(low=killed, high=killed)
    if injured or Measure.INJURED in zero or victims or groups:
        totals[Measure.INJURED] = Total(low=injured, high=injured)
    return totals


# Words that say someone survived being harmed; 'gunshot wounds' is how the dead died too.
SURVIVAL = re.compile(
    r"\b(?:injur\w*|wounded|wounding|hurt|surviv\w*|hospital\w*|condition|grazed|recover\w*|"
    r"treated|non-life-threatening|breathing|alive)\b",
    re.IGNORECASE,
)


def _survivors(doc: Doc) -> bool:
    return SURVIVAL.search(doc_text(doc)) is not None
