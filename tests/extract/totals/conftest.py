"""The pipeline, loaded once for the totals tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newstally.extract.pipeline import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()
