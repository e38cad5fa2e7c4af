"""The vocabulary of extraction as data: `newstally/data/*.toml`, loaded and validated once.

`active()` is the lexicon the extract modules use: the built-in files, extended (or, for the
tables its `replace` list names, replaced) by the TOML file named in the environment variable
NEWSTALLY_LEXICON when it is set; `load.py` says what such a file may hold. A bad file is a
`LexiconError` naming the file and line. A file that makes "12 herders were killed" a figure:

    [measures.people_nouns]
    other = ["herder"]

    $ newstally --lexicon mine.toml extract story.txt
    $ NEWSTALLY_LEXICON=mine.toml newstally extract story.txt    # the same

`active()` is cached (one load per value of the variable), and the extract modules read their
tables once, when they are imported, through `in_use()`: a bad file does not stop that import
(a bad variable is kept, and `check()`, which every extraction calls first, raises it). So the
variable must be set before the first extract module is imported, and changing it later changes
nothing in a running process. `import newstally` imports none of them (its names are loaded on
first use), nor does the CLI before its root callback runs: that is where `--lexicon FILE`
calls `use(FILE)`, which loads the file (a bad one is one line and exit 1 before any work) and
sets the variable. `use()` refuses, with a `LexiconError`, when the tables were already built
from other words, rather than let a run silently use the wrong ones.

The environment is how the choice reaches every worker process: a spawned worker
(`FastExtractor`, a local Dask cluster) inherits it and loads the same file. A remote Dask
worker does not: it must be started with the same NEWSTALLY_LEXICON and the same file.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from newstally.errors import LexiconError
from newstally.lexicon.load import load_lexicon
from newstally.lexicon.records import (
    CuesLexicon,
    HedgesLexicon,
    Lexicon,
    MeasuresLexicon,
    QuantitiesLexicon,
)

ENV_VAR = "NEWSTALLY_LEXICON"

__all__ = [
    "ENV_VAR",
    "CuesLexicon",
    "HedgesLexicon",
    "Lexicon",
    "MeasuresLexicon",
    "QuantitiesLexicon",
    "active",
    "check",
    "in_use",
    "load_lexicon",
    "use",
]


@lru_cache(maxsize=4)
def _cached(override: str | None) -> Lexicon:
    return load_lexicon(override)


def active() -> Lexicon:
    """The lexicon in force in this process: built-in, plus $NEWSTALLY_LEXICON if set."""
    return _cached(os.environ.get(ENV_VAR) or None)


_deferred: list[LexiconError] = []
# The value of $NEWSTALLY_LEXICON the extract modules built their tables with (None: the
# built-in words); empty until the first of them is imported.
_built_with: list[str | None] = []


def in_use() -> Lexicon:
    """The lexicon for the tables the extract modules build when imported: `active()`, or the
    built-in one when $NEWSTALLY_LEXICON is bad, the error kept for `check()` to raise."""
    if not _built_with:
        _built_with.append(os.environ.get(ENV_VAR) or None)
    try:
        return active()
    except LexiconError as exc:
        _deferred[:] = [exc]
        return _cached(None)


def check() -> None:
    """Raise the error of a bad $NEWSTALLY_LEXICON that `in_use()` kept, if any: extraction
    must not run on the built-in words while the user asked for others."""
    if _deferred:
        raise _deferred[0]


def use(path: Path | str) -> Lexicon:
    """Make the file `path` this process's override, as NEWSTALLY_LEXICON=path would have:
    what `--lexicon FILE` does. The file is loaded now, so a bad one is a `LexiconError` before
    any work starts; the variable is set (to the absolute path) so that worker processes
    started later load the same file.

    The extract modules' tables are built once, at import: if they were already built from
    other words, that is an error rather than a run on the wrong words.

    >>> use("mine.toml").override  # doctest: +SKIP
    PosixPath('mine.toml')
    """
    lexicon = load_lexicon(path)
    chosen = str(Path(path).resolve())
    if _built_with and (_built_with[0] is None or str(Path(_built_with[0]).resolve()) != chosen):
        built = _built_with[0] or "the built-in lexicon"
        raise LexiconError(
            f"cannot use it: the extraction tables were already built from {built} in this "
            f"process; set {ENV_VAR} before Python starts instead",
            path=str(path),
        )
    os.environ[ENV_VAR] = chosen
    return lexicon
