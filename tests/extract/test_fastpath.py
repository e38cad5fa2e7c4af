"""The fast path gives the very reports the full pipeline gives: same REPORT-V1 JSON, byte for byte.

One run of each path over every input (samples, the seed, 40 GVA articles) keeps the suite quick:
the fast path starts its two worker processes once.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from spacy.language import Language

from newstally.articles import ArticleInput
from newstally.extract import extract_many
from newstally.extract.fastpath import extract_parallel, pipeline_id
from newstally.extract.pipeline import load_pipeline
from newstally.model import Report

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "samples"
SHARED = (ROOT / ".." / "shared").resolve()
SEED = SHARED / "fixtures" / "seed-report.txt"
GVA = SHARED / "eval" / "gva-dev.jsonl"
GVA_ARTICLES = 40


def sample_inputs() -> list[ArticleInput]:
    items = []
    for text_path in sorted(SAMPLES.glob("*.txt")):
        meta = json.loads(text_path.with_suffix(".meta.json").read_text(encoding="utf-8"))
        published = dt.date.fromisoformat(meta["published"]) if meta.get("published") else None
        items.append(
            ArticleInput(text_path.read_text(encoding="utf-8"), published, url=meta.get("url"))
        )
    return items


def gva_inputs() -> list[ArticleInput]:
    """The first articles of the GVA dev set, read here and never stored in the project."""
    items = []
    with GVA.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("text", "").strip():
                items.append(ArticleInput(row["text"], dt.date.fromisoformat(row["published"])))
            if len(items) == GVA_ARTICLES:
                break
    return items


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="module")
def both(nlp: Language) -> dict[str, tuple[list[Report], list[Report]]]:
    """Per input set: (full-pipeline reports, fast-path reports)."""
    sets = {"samples": sample_inputs()}
    if SHARED.is_dir():
        sets["seed"] = [ArticleInput(SEED.read_text(encoding="utf-8"), dt.date(2024, 12, 18))]
        sets["gva"] = gva_inputs()
    everything = [item for items in sets.values() for item in items]
    fast = list(extract_many(everything, nlp=nlp, fast=True, n_process=2))
    out = {}
    for name, items in sets.items():
        full = list(extract_many(items, nlp=nlp))
        out[name], fast = (full, fast[: len(items)]), fast[len(items) :]
    return out


def as_json(reports: list[Report]) -> list[str]:
    return [r.model_dump_json() for r in reports]


def test_samples_give_the_same_reports(both: dict[str, tuple[list[Report], list[Report]]]) -> None:
    full, fast = both["samples"]
    assert len(full) == len(list(SAMPLES.glob("*.txt"))) >= 14
    for one, other in zip(as_json(full), as_json(fast), strict=True):
        assert one == other


def test_seed_gives_the_same_report(both: dict[str, tuple[list[Report], list[Report]]]) -> None:
    if "seed" not in both:
        pytest.skip(f"../shared is absent: {SHARED} holds the seed report")
    full, fast = both["seed"]
    assert as_json(full) == as_json(fast)
    assert len(full[0].figures) > 0


def test_gva_articles_give_the_same_totals_and_event_dates(
    both: dict[str, tuple[list[Report], list[Report]]],
) -> None:
    if "gva" not in both:
        pytest.skip(f"../shared is absent: {GVA} holds the GVA articles")
    full, fast = both["gva"]
    assert len(full) == GVA_ARTICLES
    assert [(r.totals, r.event_date) for r in full] == [(r.totals, r.event_date) for r in fast]
    assert as_json(full) == as_json(fast)


def test_reports_come_back_in_input_order_across_chunks(nlp: Language) -> None:
    items = [
        ArticleInput(f"Police said {n} people were injured in town {n}.", dt.date(2024, 1, 2))
        for n in range(2, 9)
    ]
    reports = list(extract_parallel(items, nlp=nlp, n_process=2, chunk_articles=2))
    assert [r.figures[0].count.low for r in reports] == list(range(2, 9))


def test_one_process_is_the_in_process_path(nlp: Language) -> None:
    item = ArticleInput("Officials said 12 people were killed.", dt.date(2024, 1, 2))
    (report,) = extract_parallel([item], nlp=nlp, n_process=1)
    assert report.figures[0].count.low == 12


def test_bad_input_fails_with_its_one_line_error(nlp: Language) -> None:
    from newstally.errors import InputError

    with pytest.raises(InputError, match="is empty"):
        list(extract_many([ArticleInput("   ")], nlp=nlp, fast=True, n_process=2))


def test_workers_load_the_callers_pipeline(nlp: Language) -> None:
    assert pipeline_id(nlp, None) == str(nlp.path)
    assert pipeline_id(None, "some_model") == "some_model"


# --- the CLI: workers give what one process gives ----------------------------------------------


def run_cli(*args: str | Path) -> tuple[int, str, str]:
    from typer.testing import CliRunner

    from newstally.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def stored_reports(db: Path) -> list[str]:
    from newstally.store import open_store

    store = open_store(db)
    try:
        ids = sorted(a.id for a in store.articles(limit=1000))
        return [r.model_dump_json() for i in ids if (r := store.report(i)) is not None]
    finally:
        store.close()


def test_ingest_with_workers_stores_what_one_process_stores(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for text_path in sorted(SAMPLES.glob("*.txt"))[:5]:
        (folder / text_path.name).write_bytes(text_path.read_bytes())
        meta = text_path.with_suffix(".meta.json")
        (folder / meta.name).write_bytes(meta.read_bytes())
    first = sorted(SAMPLES.glob("*.txt"))[0]
    (folder / "same-again.txt").write_bytes(first.read_bytes())  # a duplicate: stored once
    (folder / "empty.txt").write_bytes(b"")

    plain_code, plain_out, _ = run_cli("ingest", folder, "-w", "1", "--db", tmp_path / "plain.db")
    code, out, err = run_cli("ingest", folder, "--workers", "2", "--db", tmp_path / "fast.db")

    assert (code, plain_code) == (1, 1)
    assert "stored 5, already present 1, failed 1" in out
    assert out.replace("fast.db", "X") == plain_out.replace("plain.db", "X")
    assert err.strip() == f"newstally: error: {folder / 'empty.txt'}: is empty"
    assert stored_reports(tmp_path / "fast.db") == stored_reports(tmp_path / "plain.db")
    _, again, _ = run_cli("ingest", folder, "--fast", "--db", tmp_path / "fast.db")  # old flag
    assert "stored 0, already present 6, failed 1" in again


def test_extract_jsonl_with_workers_writes_the_same_lines(tmp_path: Path) -> None:
    lines = tmp_path / "in.jsonl"
    with lines.open("w", encoding="utf-8") as handle:
        for item in sample_inputs()[:4]:
            row = {"text": item.text, "published": str(item.published)}
            handle.write(json.dumps(row) + "\n")

    plain = run_cli("extract", "--jsonl", lines, "--workers", "1")
    fast = run_cli("extract", "--jsonl", lines, "--workers", "2")

    assert plain[0] == fast[0] == 0
    assert fast[1] == plain[1]
    assert len(fast[1].splitlines()) == 4


def test_extract_fast_needs_jsonl(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Officials said 12 people were killed.", encoding="utf-8")
    code, _, err = run_cli("extract", article, "--fast")
    assert code == 2
    assert err.strip() == (
        "newstally: error: --fast speeds up --jsonl; one article is extracted in this process"
    )
