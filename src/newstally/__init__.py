"""newstally: turn news reports into a sourced ledger of the figures they report.

The public API is what this module exports (guarded by tests/test_exported_members.py); the
CLI and the web UI are built on the same functions, in `newstally.api`.

`extract` and `extract_many` are imported on first use: they bring spaCy and the vocabulary of
`newstally.lexicon`, and importing them here would make `import newstally` (and so every CLI
command, `--help` too) load both, and die on a bad `NEWSTALLY_LEXICON` file before the CLI can
turn its `LexiconError` into one line.
"""

from typing import TYPE_CHECKING, Any

from newstally.api import IngestSummary, ingest_inputs, open_store, tally_store
from newstally.articles import ArticleInput
from newstally.errors import InputError, LexiconError, ModelError, NewstallyError, StoreError
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

if TYPE_CHECKING:
    from newstally.extract import extract, extract_many

_LAZY = {"extract", "extract_many"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import newstally.extract

        return getattr(newstally.extract, name)
    raise AttributeError(f"module 'newstally' has no attribute {name!r}")
