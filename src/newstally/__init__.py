"""newstally: turn news reports into a sourced ledger of the figures they report.

The public API is what this module exports (guarded by tests/test_exported_members.py); the
CLI and the web UI are built on the same functions, in `newstally.api`.

The names are imported when first used (PEP 562), not when `newstally` is: importing the
extraction modules builds their word tables from the lexicon in force, and the CLI must read
`--lexicon FILE` before that happens. `from newstally import Store` works as ever.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newstally.api import IngestSummary, ingest_inputs, open_store, tally_store
    from newstally.articles import ArticleInput
    from newstally.errors import InputError, LexiconError, ModelError, NewstallyError, StoreError
    from newstally.extract import extract, extract_many
    from newstally.model import Report
    from newstally.store import Store
    from newstally.tally import Tally, tally

__all__ = [
    "ArticleInput",
    "IngestSummary",
    "InputError",
    "LexiconError",
    "ModelError",
    "NewstallyError",
    "Report",
    "Store",
    "StoreError",
    "Tally",
    "extract",
    "extract_many",
    "ingest_inputs",
    "open_store",
    "tally",
    "tally_store",
]
__version__ = "0.1.0"

# Where each public name lives.
_HOME = {
    "IngestSummary": "newstally.api", "ingest_inputs": "newstally.api",
    "open_store": "newstally.api", "tally_store": "newstally.api",
    "ArticleInput": "newstally.articles",
    **dict.fromkeys(
        ("InputError", "LexiconError", "ModelError", "NewstallyError", "StoreError"),
        "newstally.errors",
    ),
    "extract": "newstally.extract", "extract_many": "newstally.extract",
    "Report": "newstally.model", "Store": "newstally.store",
    "Tally": "newstally.tally", "tally": "newstally.tally",
}  # fmt: skip
# Public functions named like the subpackage they come from: `newstally.extract` is the
# function, as it was when this module imported everything eagerly.
_SHADOWED = frozenset({"extract", "tally"})


def __getattr__(name: str) -> object:
    if name in _HOME:
        value = getattr(importlib.import_module(_HOME[name]), name)
        globals()[name] = value
        return value
    try:  # `import newstally; newstally.lexicon.active()`: a subpackage, as before
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{name}":
            raise
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """Keeps `newstally.extract` and `newstally.tally` the functions: importing the
    subpackage of the same name would otherwise set the attribute to the module."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
