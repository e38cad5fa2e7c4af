"""Which organisation a source name means: the table `data/sources.toml`, read once.

Outlets name one body many ways ("OCHA", "the U.N. humanitarian office", "the UN relief
agency") and shorten an agency to its parent ("the United Nations said"). Claim identity
(`claims.same_source`) asks this module whether two names are one organisation, so that one
statement relayed in those words is one claim. Names are compared as `claims.source_name`
normalises them; a name the table does not know is only itself.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newstally.errors import LexiconError

TABLE_FILE = "sources.toml"
_NOISE = re.compile(r"[^\w\s]")


def normalise(name: str) -> str:
    """Case, punctuation and a leading 'the' ignored: 'The U.N. Office' -> 'un office'."""
    words = _NOISE.sub("", name.casefold()).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class SourceTable:
    """normalised name or alias -> canonical organisation; organisation -> its parent."""

    canonical: dict[str, str]
    parent: dict[str, str]

    def same_body(self, a: str, b: str) -> bool:
        """Whether two normalised names are one organisation, or one is the other's parent."""
        org_a, org_b = self.canonical.get(a), self.canonical.get(b)
        if org_a is None or org_b is None:
            return False
        return org_a == org_b or self.parent.get(org_a) == org_b or self.parent.get(org_b) == org_a


def parse_table(text: str, name: str = TABLE_FILE) -> SourceTable:
    """Build the table from TOML text; an alias naming two organisations, a parent not in the
    table or a malformed entry is a LexiconError naming the file and organisation."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(str(exc), path=name, line=getattr(exc, "lineno", None)) from exc

    def fail(org: str, message: str) -> LexiconError:
        return LexiconError(message, path=name, line=_line_of_table(text, org))

    canonical: dict[str, str] = {}
    parent: dict[str, str] = {}
    for org, entry in raw.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("aliases", []), list):
            raise fail(org, f"[{org}] must be a table with a list of aliases")
        for alias in [org, *entry.get("aliases", [])]:
            key = normalise(str(alias))
            if canonical.get(key, org) != org:
                raise fail(org, f"'{alias}' of [{org}] already names [{canonical[key]}]")
            canonical[key] = org
        if "parent" in entry:
            parent[org] = str(entry["parent"])
    for org, up in parent.items():
        if up not in raw:
            raise fail(org, f"the parent '{up}' of [{org}] is not in the table")
    return SourceTable(canonical, parent)


def _line_of_table(text: str, org: str) -> int | None:
    """The 1-based line of an organisation's table header ([OCHA] or ["United Nations"])."""
    header = re.compile(rf'^[ \t]*\[[ \t]*"?{re.escape(org)}"?[ \t]*\]', re.MULTILINE)
    match = header.search(text)
    return None if match is None else text.count("\n", 0, match.start()) + 1


@lru_cache(maxsize=1)
def source_table() -> SourceTable:
    """The built-in table, read once per process."""
    text = resources.files("newstally").joinpath("data", TABLE_FILE).read_text(encoding="utf-8")
    return parse_table(text)
