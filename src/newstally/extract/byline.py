"""Authors and outlet from a byline line: 'BY SEO JI-EUN [seo.jieun1@joongang.co.kr]'.

Bylines are conventions, not grammar, so this is a handful of line patterns. It looks only at
short lines near the top or the bottom of the text, where bylines live.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

BYLINE = re.compile(
    r"^\s*by[:\s]+(?P<names>[^\[\(\n|]{2,120}?)\s*(?:[\[\(](?P<contact>[^\]\)\n]*)[\]\)])?\s*$",
    re.IGNORECASE,
)
EMAIL_DOMAIN = re.compile(r"@(?P<domain>[\w.-]+\.[a-z]{2,})", re.IGNORECASE)
NAME_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*", re.IGNORECASE)
# A name ends where a role or outlet starts: "By Jane Doe, Reuters" keeps "Jane Doe".
MAX_NAME_WORDS = 4
EDGE_LINES = 4


@dataclass
class Byline:
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None


def person_case(name: str) -> str:
    """'SEO JI-EUN' -> 'Seo Ji-eun'; names already in mixed case are kept as written.

    Short hyphenated syllables stay lower case (Korean given names: 'Ji-eun'); longer ones are
    capitalised ('Jean-Pierre').
    """
    if not name.isupper():
        return name
    words = []
    for word in name.split():
        parts = word.lower().split("-")
        head = parts[0][:1].upper() + parts[0][1:]
        rest = [p if len(p) <= 3 else p[:1].upper() + p[1:] for p in parts[1:]]
        words.append("-".join([head, *rest]))
    return " ".join(re.sub(r"'(\w)", lambda m: "'" + m.group(1).upper(), w) for w in words)


def find_byline(text: str) -> Byline:
    """Find 'By ...' on one of the first or last few non-empty lines."""
    lines = [line for line in text.splitlines() if line.strip()]
    candidates = lines[:EDGE_LINES] + lines[-EDGE_LINES:]
    for line in candidates:
        if len(line) > 160:
            continue
        match = BYLINE.match(line)
        if not match:
            continue
        names = [n.strip(" .") for n in NAME_SPLIT.split(match.group("names"))]
        authors = [
            person_case(n)
            for n in names
            if n and len(n.split()) <= MAX_NAME_WORDS and not any(ch.isdigit() for ch in n)
        ]
        outlet = None
        contact = match.group("contact") or ""
        domain = EMAIL_DOMAIN.search(contact)
        if domain:
            outlet = domain.group("domain").lower()
        if authors:
            return Byline(authors=authors, outlet=outlet)
    return Byline()
