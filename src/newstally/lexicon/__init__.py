"""The vocabulary of extraction as data: `newstally/data/*.toml`, loaded and validated once.

`active()` is the lexicon the extract modules use: the built-in files, extended (or, for the
tables its `replace` list names, replaced) by the TOML file named in the environment variable
NEWSTALLY_LEXICON when it is set; `load.py` says what such a file may hold. A bad file is a
`LexiconError` naming the file and line.

`active()` is cached (one load per value of the variable), and the extract modules read their
tables from it once, when they are imported: the variable must be set before `newstally` is
imported, and changing it later changes nothing in a running process. The environment is how
the choice reaches every worker process: a spawned worker (`FastExtractor`, a local Dask
cluster) inherits it and loads the same file.
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
