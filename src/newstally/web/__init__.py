"""The web UI and REST API: `create_app(store_path)`; `newstally serve` runs it with uvicorn."""

from newstally.web.app import create_app

__all__ = ["create_app"]
