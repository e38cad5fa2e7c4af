"""The vocabulary of extraction as data: `newstally/data/*.toml`, loaded and validated once.

`active()` is the lexicon the extract modules use: the built-in files, extended by the file
named in the environment variable NEWSTALLY_LEXICON when it is set. The environment is how
the choice reaches every worker process: a spawned worker inherits it and loads the same file
(`--lexicon FILE` on the CLI sets it before extraction starts; `FastExtractor` passes the active
lexicon's file to its workers explicitly).
"""

from __future__ import annotations

import os
from functools import lru_cache

from newstally.lexicon.load import load_lexicon
from newstally.lexicon.records import CuesLexicon, Lexicon, MeasuresLexicon, QuantitiesLexicon

ENV_VAR = "NEWSTALLY_LEXICON"

__all__ = [
    "ENV_VAR",
    "CuesLexicon",
    "Lexicon",
    "MeasuresLexicon",
    "QuantitiesLexicon",
    "active",
    "load_lexicon",
]


@lru_cache(maxsize=4)
def _cached(override: str | None) -> Lexicon:
    return load_lexicon(override)


def active() -> Lexicon:
    """The lexicon in force in this process: built-in, plus $NEWSTALLY_LEXICON if set."""
    return _cached(os.environ.get(ENV_VAR) or None)
