"""The invented samples as an accuracy regression suite, and checks that their gold is sound.

Each sample must score at least its baseline in `sample_scores.json`. After an improvement,
record the new scores with:

    python -m newstally.evaluate.gold --write-baseline tests/sample_scores.json samples/
"""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from newstally.evaluate.gold import load_gold, sample_name, score_file, text_path_for
from newstally.extract.pipeline import load_pipeline

SAMPLES = Path(__file__).parents[1] / "samples"
BASELINE = Path(__file__).parent / "sample_scores.json"
GOLD_PATHS = sorted(SAMPLES.glob("*.gold.json"))
LABEL = "(Invented sample article for newstally tests; not a real report.)"
MAX_WORDS = 600


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def sample(gold_path: Path) -> tuple[dict[str, Any], str]:
    gold = load_gold(gold_path)
    return gold, text_path_for(gold_path, gold).read_text(encoding="utf-8")


def test_there_are_samples_and_each_text_has_a_gold() -> None:
    texts = {p.name.removesuffix(".txt") for p in SAMPLES.glob("*.txt")}
    golds = {sample_name(p) for p in GOLD_PATHS}
    assert len(golds) >= 14
    assert texts == golds


@pytest.mark.parametrize("gold_path", GOLD_PATHS, ids=sample_name)
def test_sample_holds_its_baseline(gold_path: Path, nlp: Language) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    name = sample_name(gold_path)
    assert name in baseline, f"{name} has no baseline; run the command in this module's docstring"
    gold, _ = sample(gold_path)
    result = score_file(text_path_for(gold_path, gold), gold_path, nlp)
    assert result.score >= baseline[name] - 1e-9, "\n".join(
        [f"{name}: {result.score:.4f} < baseline {baseline[name]:.4f}", *result.misses]
    )


@pytest.mark.parametrize("gold_path", GOLD_PATHS, ids=sample_name)
def test_sample_and_gold_are_sound(gold_path: Path) -> None:
    gold, text = sample(gold_path)
    assert len(text.split()) < MAX_WORDS
    assert text.rstrip("\n").splitlines()[-1] == LABEL
    assert unicodedata.normalize("NFC", text) == text, "offsets index the NFC text"
    assert "invented" in gold["notes"]
    assert gold["article"]["published"] == gold["input"]["published"]
    for figure in gold["figures"]:
        start, end = figure["evidence"]["start"], figure["evidence"]["end"]
        assert text[start:end] == figure["count"]["text"], figure
    for quote in gold["quotes"]:
        start = quote["evidence"]["start"]
        assert text[start:].startswith(quote["text_starts"]), quote
        if quote["direct"]:
            assert text[start - 1] in '"“', quote
    for phrase in gold["not_figures"]:
        assert phrase in text, phrase
    for source in gold["attributions_sources"]:
        assert source in text, source


def test_the_hostile_sample_is_reproducible() -> None:
    spec = importlib.util.spec_from_file_location("make_hostile", SAMPLES / "make_hostile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = (SAMPLES / "14-hostile-stampede.txt").read_text(encoding="utf-8")
    assert module.hostile_text() == text
    assert "<script>alert(1)</script>" in text
    assert '"><img src=x onerror=alert(1)>' in text
    assert max(len(line) for line in text.splitlines()) == 10_000
