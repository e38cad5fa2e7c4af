"""newstally: turn news reports into a sourced ledger of the figures they report.

The public API is what this module exports; the CLI and the web UI call only these.
"""

from newstally.errors import InputError, ModelError, NewstallyError, StoreError
from newstally.extract import extract, extract_many
from newstally.model import Report
from newstally.tally import Tally, tally

__all__ = [
    "InputError",
    "ModelError",
    "NewstallyError",
    "Report",
    "StoreError",
    "Tally",
    "extract",
    "extract_many",
    "tally",
]
__version__ = "0.1.0"
