"""newstally: turn news reports into a sourced ledger of the figures they report.

The public API is what this module exports (guarded by tests/test_exported_members.py); the
CLI and the web UI are built on the same functions, in `newstally.api`.
"""

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
