"""`newstally batch` on a real Dask cluster: the same database as `ingest`, restarts that skip
finished chunks, and bad inputs reported while the rest land.

One LocalCluster of two worker processes serves most tests (through `--scheduler`), since each
worker loads spaCy once; the first test starts its own cluster the way a user does (`--workers`).
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import LocalCluster
from typer.testing import CliRunner

from newstally.articles import ArticleInput
from newstally.batch import (
    Settings,
    extract_each,
    marker_path,
    plan_chunks,
    read_shard,
    shard_path,
)
from newstally.cli import app
from newstally.extract.pipeline import load_pipeline
from newstally.model import Report
from newstally.store import open_store

SAMPLES = Path(__file__).parents[1] / "samples"
SAMPLE_COUNT = len(list(SAMPLES.glob("*.txt")))


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def stored_reports(db: Path) -> dict[str, Report]:
    with open_store(db) as store:
        return {report.article.id: report for report in store.reports()}


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    """The samples copied, so a test can add bad files and file times stay its own."""
    folder = tmp_path / "samples"
    folder.mkdir()
    for path in SAMPLES.glob("*.txt"):
        shutil.copy2(path, folder / path.name)
        meta = path.with_suffix(".meta.json")
        if meta.exists():
            shutil.copy2(meta, folder / meta.name)
    return folder


# --- the cluster gives what a local run gives ------------------------------------------------


def test_two_worker_processes_store_what_ingest_stores(tmp_path: Path, samples: Path) -> None:
    code, out, err = run("ingest", samples, "--db", tmp_path / "local.db")
    assert (code, err) == (0, "")

    code, out, err = run(
        "batch", samples, "--workers", "2", "--chunk-size", "4", "--db", tmp_path / "dask.db"
    )
    assert (code, err) == (0, ""), err
    chunks = -(-SAMPLE_COUNT // 4)
    assert out.startswith(f"chunks {chunks}: computed {chunks}, skipped 0")
    assert f"stored {SAMPLE_COUNT}," in out

    local, dask = stored_reports(tmp_path / "local.db"), stored_reports(tmp_path / "dask.db")
    assert len(dask) == SAMPLE_COUNT
    assert sorted(dask) == sorted(local)
    for article_id, report in local.items():
        assert dask[article_id] == report, article_id
    # the shards sit beside the database, one per chunk, each with its marker
    shards = sorted((tmp_path / "dask.db.batch" / "shards").glob("*.parquet"))
    assert len(shards) == chunks
    assert all(shard.with_suffix(".done").exists() for shard in shards)
    assert sum(len(read_shard(shard)) for shard in shards) == SAMPLE_COUNT


def test_batch_figures_only_stores_ledger_mode_reports_that_a_full_run_replaces(
    tmp_path: Path, scheduler: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "flood.txt").write_text(
        "Floods in the valley\n"
        "Officials said 12 people were killed and 30 injured on Monday.\n"
        '"We will rebuild every house," the mayor told reporters.\n'
    )
    db = tmp_path / "news.db"
    batch = ("batch", folder, "--db", db, "--scheduler", scheduler)
    code, out, err = run(*batch, "--figures-only")
    assert (code, err) == (0, ""), err
    assert "stored 1," in out and "figures-only mode" in out
    (ledger,) = stored_reports(db).values()
    assert sorted(f.count.low for f in ledger.figures) == [12, 30] and ledger.quotes == []
    with open_store(db) as store:
        assert store.mode(ledger.article.id) == "figures-only"

    # the full run's chunks have other ids (the mode is a setting), and its reports replace
    code, out, err = run(*batch)
    assert (code, err) == (0, ""), err
    assert "computed 1, skipped 0" in out and "stored 1," in out
    (full,) = stored_reports(db).values()
    assert full.quotes
    assert [(f.measure, f.count) for f in full.figures] == [
        (f.measure, f.count) for f in ledger.figures
    ]
    with open_store(db) as store:
        assert store.mode(full.article.id) == "full"


# --- restarts --------------------------------------------------------------------------------


def test_a_killed_run_restarts_where_it_stopped(
    tmp_path: Path, samples: Path, scheduler: str
) -> None:
    db, out = tmp_path / "news.db", tmp_path / "shards-here"
    newstally = str(Path(sys.executable).with_name("newstally"))
    command = [newstally, "batch", str(samples), "--db", str(db), "--out", str(out),
               "--scheduler", scheduler, "--chunk-size", "1"]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list(out.glob("shards/*.done")) and first.poll() is None:
        assert time.monotonic() < deadline, "no chunk finished within a minute"
        time.sleep(0.02)
    first.send_signal(signal.SIGKILL)
    first.communicate()
    assert first.returncode == -signal.SIGKILL  # killed mid-run, not finished

    code, printed, err = run("batch", samples, "--db", db, "--out", out,
                             "--scheduler", scheduler, "--chunk-size", "1")
    assert (code, err) == (0, ""), err
    computed = int(printed.split("computed ")[1].split(",")[0])
    skipped = int(printed.split("skipped ")[1].split(" ")[0])
    assert 1 <= skipped < SAMPLE_COUNT
    assert computed + skipped == SAMPLE_COUNT
    assert len(stored_reports(db)) == SAMPLE_COUNT


def test_a_restart_redoes_exactly_the_chunks_without_a_marker(
    tmp_path: Path, samples: Path, scheduler: str
) -> None:
    db, out = tmp_path / "news.db", tmp_path / "out"
    args = ("batch", samples, "--db", db, "--out", out, "--scheduler", scheduler,
            "--chunk-size", "5")
    assert run(*args)[0] == 0
    before = stored_reports(db)

    plan = plan_chunks([samples], chunk_size=5)
    lost_marker, lost_shard = plan.chunks[0], plan.chunks[-1]
    marker_path(out, lost_marker.id).unlink()  # killed after the shard, before its marker
    shard_path(out, lost_shard.id).unlink()  # a shard lost, its marker left
    db.unlink()  # and the database lost too: nothing may be missing after the restart

    code, printed, err = run(*args)
    assert (code, err) == (0, ""), err
    assert printed.startswith(f"chunks {len(plan.chunks)}: computed 2, skipped "
                              f"{len(plan.chunks) - 2}")
    assert stored_reports(db) == before

    code, printed, _ = run(*args)  # nothing left to do
    assert code == 0
    assert f"computed 0, skipped {len(plan.chunks)}" in printed
    assert f"stored 0, already present {SAMPLE_COUNT}" in printed


def test_chunk_ids_follow_the_inputs_and_settings(tmp_path: Path, samples: Path) -> None:
    plan = plan_chunks([samples], chunk_size=4)
    assert plan == plan_chunks([samples], chunk_size=4)
    assert [len(c.inputs) for c in plan.chunks][0] == 4
    assert all(Path(name).is_absolute() for c in plan.chunks for name in c.inputs)

    dated = plan_chunks([samples], chunk_size=4, settings=Settings(model="other_model"))
    assert not {c.id for c in dated.chunks} & {c.id for c in plan.chunks}

    first = Path(plan.chunks[0].inputs[0])
    first.write_text(first.read_text(encoding="utf-8") + "\nUpdated.\n", encoding="utf-8")
    os.utime(first, ns=(1, 1))
    edited = plan_chunks([samples], chunk_size=4)
    assert edited.chunks[0].id != plan.chunks[0].id
    assert edited.chunks[1:] == plan.chunks[1:]

    missing = plan_chunks([samples / "nope.txt", samples], chunk_size=50)
    assert len(missing.chunks) == 1
    assert missing.failures == (f"{samples / 'nope.txt'}: no such file or directory",)


# --- failures --------------------------------------------------------------------------------


def test_bad_inputs_are_reported_and_the_rest_land(
    tmp_path: Path, samples: Path, scheduler: str
) -> None:
    (samples / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (samples / "empty.txt").write_text("  \n", encoding="utf-8")
    db = tmp_path / "news.db"

    code, printed, err = run("batch", samples, tmp_path / "missing.html", "--db", db,
                             "--scheduler", scheduler, "--chunk-size", "100")
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 3, err
    assert all(line.startswith("newstally: error: ") for line in lines)
    assert any("binary.txt" in line for line in lines)
    assert any("empty.txt: is empty" in line for line in lines)
    assert any("missing.html" in line for line in lines)
    assert f"stored {SAMPLE_COUNT}, already present 0, failed 3" in printed
    assert len(stored_reports(db)) == SAMPLE_COUNT


def test_unreachable_scheduler_is_one_line(tmp_path: Path) -> None:
    code, _, err = run("batch", SAMPLES, "--db", tmp_path / "n.db", "--scheduler",
                       "tcp://127.0.0.1:9")
    assert code == 1
    assert err.startswith("newstally: error: --scheduler tcp://127.0.0.1:9: cannot connect")
    assert len(err.strip().splitlines()) == 1


class _Exploding:
    """The real pipeline, except that it fails on one article: a bug hit mid-batch."""

    def __init__(self) -> None:
        self.nlp = load_pipeline()

    def pipe(self, items: object, **kwargs: object) -> Iterator[object]:
        for doc, item in self.nlp.pipe(items, **kwargs):  # type: ignore[arg-type]
            if "BOOM" in doc.text:
                raise RuntimeError("component crashed")
            yield doc, item


def test_one_failing_article_costs_one_error_not_the_chunk() -> None:
    texts = ["Police said two people were killed.", "BOOM said three were hurt.",
             "Officials said four people died."]
    items = [ArticleInput(text) for text in texts]
    outcomes = list(extract_each(items, _Exploding()))
    assert [type(o).__name__ for o in outcomes] == ["Report", "str", "Report"]
    assert outcomes[1] == "extraction failed (RuntimeError: component crashed)"
    assert isinstance(outcomes[2], Report)
    assert outcomes[2].article.text == texts[2]

