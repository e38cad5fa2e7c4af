"""Fixtures for the tally tests: `seen` builds a hand-made sighted figure inline."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tally_figures import Seen, make_seen


@pytest.fixture
def seen() -> Callable[..., Seen]:
    """The `make_seen` helper, for tests to build figures inline."""
    return make_seen
