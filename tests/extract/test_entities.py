"""`entity_around` gives the entity spaCy's `Doc.ents` holds a token in, without a scan of
every entity (which made long articles quadratic)."""

from __future__ import annotations

from newstally.extract.entities import entity_around
from newstally.extract.pipeline import load_pipeline

TEXT = (
    "Police in Kelmar said on Monday that North Korean soldiers had crossed near Dunvale. "
    "Maria Ostrova of the Kelmar Red Cross Society said 40 people were hurt."
)


def test_entity_around_is_the_entity_holding_the_token() -> None:
    doc = load_pipeline()(TEXT)
    for tok in doc:
        holding = [e for e in doc.ents if e.start <= tok.i < e.end]
        found = entity_around(tok)
        if holding:
            want = holding[0]
            assert found is not None
            assert (found.start, found.end, found.label_) == (want.start, want.end, want.label_)
        else:
            assert found is None
