"""The `newstally` command: parse arguments, call the application layer, present. Nothing else.

One module per command group, each registering its commands on the one `app`:

- `extracting`: extract, schema          - `ledger`: figures, copies, tally, timeline, export
- `ingesting`: ingest, batch             - `evaluating`: eval
- `serving`: serve, demo

`common` holds what they share (consoles, option types, `fail`, `warn`, `open_db`), `tables` how
reports are shown, and `app` the error handling: every error is one line and an exit code.

Adding a command: write one function decorated with `@app.command("name")` in the module of its
group, using the shared pieces in `common`; the logic goes in `newstally.api` or below.
"""

from newstally.cli import evaluating, extracting, ingesting, ledger, serving
from newstally.cli.app import app

__all__ = ["app", "evaluating", "extracting", "ingesting", "ledger", "serving"]
