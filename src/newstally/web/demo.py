"""`newstally demo` and `newstally serve`: the samples in a fresh database, behind the web UI.

The demo is the README's first command, so it must work from a fresh clone wherever it is run:
it looks for `samples/` in the working directory, then beside the source tree (the repository
root of an editable install), and says where it looked when neither has one.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from newstally.errors import InputError

if TYPE_CHECKING:
    from newstally.api import IngestSummary

# Loopback by default: the UI shows whatever the database holds, to whoever can reach it.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEMO_SERIES = "series"


def find_samples(explicit: Path | None = None) -> Path:
    """The samples folder: `explicit`, else ./samples, else <repository>/samples."""
    if explicit is not None:
        if not explicit.is_dir():
            raise InputError(f"{explicit}: no such folder of sample articles")
        return explicit
    here = Path.cwd() / "samples"
    beside_source = Path(__file__).resolve().parents[3] / "samples"
    for candidate in (here, beside_source):
        if candidate.is_dir() and any(candidate.glob("*.txt")):
            return candidate
    raise InputError(
        f"no samples folder found (looked in {here} and {beside_source}); "
        "give one with --samples PATH"
    )


def demo_db_path(db: str | None) -> str:
    """The demo's database: `db` if given, else a new file in a fresh temporary folder."""
    if db:
        return db
    return str(Path(tempfile.mkdtemp(prefix="newstally-demo-")) / "demo.db")


def ingest_folder(folder: Path, db: str, model: str | None = None) -> IngestSummary:
    """Extract and store every article file under `folder` (with its .meta.json sidecar)."""
    from newstally import api

    with api.open_store(db) as store:
        return api.ingest_results(api.read_text_folder(folder), store, model=model)


def url_for(host: str, port: int) -> str:
    """The address a browser should open for a server bound to host:port."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/{DEMO_SERIES}"


def serve(db: str, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Run the web UI over `db` until interrupted."""
    import uvicorn

    from newstally.web.app import create_app

    if not 0 < port < 65536:
        raise InputError(f"--port {port}: must be between 1 and 65535")
    app = create_app(db)
    uvicorn.run(app, host=host, port=port, log_level="warning")
