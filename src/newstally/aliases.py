"""The group alias table, `data/groups.json`, read once and shared by extraction and the tally.

'North Korean troops', 'DPRK soldiers' and 'troops from Pyongyang' count one group. Extraction
names a figure's subject group with this table and the tally keys its series by it, so the two
must agree: one file, one loader. Aliases match ignoring case, except the "cased" ones ('US',
which lower-cased is the pronoun 'us').
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

TABLE_FILE = "groups.json"


@dataclass(frozen=True)
class GroupTable:
    """alias -> canonical group name, canonical name <-> ISO 3166-1 alpha-2 code."""

    aliases: dict[str, str]  # lower-case alias -> canonical
    cased: dict[str, str]  # alias matched only as written -> canonical
    iso_of: dict[str, str]
    name_of_iso: dict[str, str]
    pattern: re.Pattern[str]  # any alias as whole words, longest first

    def lookup(self, phrase: str) -> str | None:
        """The canonical group a whole phrase names ('DPRK' -> 'North Korea'), or None."""
        return self.cased.get(phrase) or self.aliases.get(phrase.lower())

    def search(self, phrase: str) -> str | None:
        """The group of the longest alias found inside a phrase ('troops from Pyongyang')."""
        match = self.pattern.search(phrase)
        if match is None:
            return None
        found = match.group(1)
        return self.cased.get(found) or self.aliases[found.lower()]


def table_bytes() -> bytes:
    return resources.files("newstally.data").joinpath(TABLE_FILE).read_bytes()


def table_digest() -> str:
    """A short hash of the table: derived data keyed by group is rebuilt when it changes."""
    return hashlib.sha256(table_bytes()).hexdigest()[:16]


@lru_cache(maxsize=1)
def group_table() -> GroupTable:
    raw = json.loads(table_bytes().decode("utf-8"))
    aliases: dict[str, str] = {}
    cased: dict[str, str] = {}
    iso_of: dict[str, str] = {}
    for canonical, entry in raw["groups"].items():
        aliases[canonical.lower()] = canonical
        for word in entry["aliases"]:
            aliases[word.lower()] = canonical
        for word in entry.get("cased", []):
            cased[word] = canonical
        if entry.get("iso"):
            iso_of[canonical] = entry["iso"]
    # Longest first, so 'north korean' wins over 'korean' and 'south korea' over 'korea'.
    words = [(re.escape(w), len(w)) for w in aliases]
    words += [(f"(?-i:{re.escape(w)})", len(w)) for w in cased]
    words.sort(key=lambda item: item[1], reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(w for w, _ in words) + r")(?!\w)", re.I)
    return GroupTable(aliases, cased, iso_of, {v: k for k, v in iso_of.items()}, pattern)
