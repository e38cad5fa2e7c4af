"""Text about other events: statistics, earlier incidents, repeated leads and links.

'18 people have been killed this year', 'Last August, a man was shot ...', 'More: ...' add no
victim and give no total of this event.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from newstally.model import Figure

MIN_REPEAT_CHARS = 40


def _repeated(sentence: Span, text: str) -> bool:
    """A sentence that already stood earlier in the text: a scraped page repeats its lead.

    `text` is the document's text, passed in because `Doc.text` is rebuilt on every call."""
    words = sentence.text.strip()
    return len(words) > MIN_REPEAT_CHARS and text.find(words) < sentence.start_char


# 'Last August, an officer shot and killed a man': a sentence that opens on another time
EARLIER_OPENING = re.compile(
    r"^\W*(?:back )?(?:in |last )(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|"
    r"summer|fall|autumn|winter|year|(?:19|20)\d\d)",
    re.IGNORECASE,
)


def _earlier_incident(sentence: Span) -> bool:
    """A sentence about an earlier incident, told as background to this one."""
    return bool(EARLIER_OPENING.match(sentence.text))


def _aside(sentence: Span, text: str) -> bool:
    """A sentence that adds no victim: a repeat, an earlier incident, a link to another story."""
    return _repeated(sentence, text) or _earlier_incident(sentence) or _link_line(sentence.text)


BACKGROUND = re.compile(
    r"\b(?:this year|so far|to date|year-to-date|since (?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec|the start|the beginning|last)|last (?:year|month)|this month|in recent "
    r"(?:weeks|months|years)|(?:in|of|since) (?:19|20)\d\d|so far in|per year|a year|each year|"
    r"annually|nationwide|across the (?:city|country|state)|gun violence archive|statistics|"
    r"shootings|homicides)\b",
    re.IGNORECASE,
)


# a web page's links to other stories, scraped with the text: 'More: ...', 'Related Articles'
LINK_LINE = re.compile(
    r"^\W*(?:(?:more|related|read more|see also|also read|recommended|trending)\s*:"
    r"|related (?:articles|stories|coverage|content)\b)",
    re.IGNORECASE,
)


def _background(figure: Figure, text: str) -> bool:
    """A statistic about other events ('18 people have been killed this year'), or a link."""
    sentence = text[figure.evidence.sentence.start : figure.evidence.sentence.end]
    return bool(BACKGROUND.search(sentence) or _link_line(sentence))


def _link_line(sentence: str) -> bool:
    """'More: Man says 3 bodies found ...': a link to another story, not this one's text."""
    return LINK_LINE.match(sentence) is not None
