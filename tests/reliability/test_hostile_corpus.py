"""`newstally ingest` of the hostile corpus (scripts/hostile_corpus.py, written into tmp_path):
no crash, no traceback, one `newstally:` line a failure, and the good articles stored."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from newstally_process import ROOT, command_env, integrity, run, stored_rows

SCRIPT = ROOT / "scripts" / "hostile_corpus.py"


@dataclass(frozen=True)
class Ingested:
    folder: Path
    db: Path
    manifest: dict[str, object]
    done: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    root = tmp_path_factory.mktemp("hostile")
    folder, db = root / "corpus", root / "hostile.db"
    subprocess.run([sys.executable, str(SCRIPT), str(folder)], env=command_env(), check=True,
                   capture_output=True, timeout=120)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    # The quick corpus ingests in ~10 s on one worker; a hang fails here, not in CI's timeout.
    done = run("ingest", folder, "--db", db, "--workers", "1", timeout=240)
    return Ingested(folder, db, manifest, done)


def test_the_run_ends_with_success_or_failure_never_a_crash(ingested: Ingested) -> None:
    assert ingested.done.returncode in (0, 1), ingested.done.stderr[-2000:]
    assert ingested.done.stdout.startswith("stored ")


def test_every_error_is_one_newstally_line(ingested: Ingested) -> None:
    err = ingested.done.stderr
    assert "Traceback" not in err
    assert "this is a bug" not in err  # the CLI's words for an exception not the project's own
    lines = err.splitlines()
    assert lines, "the corpus holds inputs that must fail"
    assert [line for line in lines if not line.startswith("newstally:")] == []


def test_the_good_articles_are_stored(ingested: Ingested) -> None:
    titles = {title for _, title in stored_rows(ingested.db)}
    good = ingested.manifest["good_titles"]
    assert isinstance(good, list) and len(good) >= 6
    assert [title for title in good if title not in titles] == []
    assert integrity(ingested.db) == "ok"


@pytest.mark.parametrize(
    ("file", "says"),
    [
        ("files/pipe.txt", "is a named pipe (FIFO), not a file"),
        ("files/empty.txt", "is empty"),
        ("crawls/endless-header.warc", "corrupt record at byte 522 skipped (header section over"
                                       " 65,536 bytes without an end)"),
        ("crawls/record-starts-only.warc", "corrupt record at byte 0 skipped"),
        ("feeds/many-entries.xml", "1,000 entries after the first 5,000 skipped"),
        ("feeds/huge-entry.xml entry 1", "bytes of text; the limit for one entry is 2,097,152"),
        ("sidecars/huge-int.meta.json", "holds a number too long to read"),
        ("sidecars/deep-nesting.meta.json", "is nested too deeply to be a sidecar"),
        ("bytes/nul-bytes.txt", "not text"),
    ],
)
def test_hostile_files_are_refused_by_name(ingested: Ingested, file: str, says: str) -> None:
    if file in ingested.manifest["skipped"]:  # type: ignore[operator]
        pytest.skip(f"{file}: {ingested.manifest['skipped'][file]}")  # type: ignore[index]
    named = f"newstally: error: {ingested.folder / file}: "
    lines = [line for line in ingested.done.stderr.splitlines() if line.startswith(named)]
    assert len(lines) == 1, (named, lines)
    assert says in lines[0]


def test_no_entity_reaches_the_stored_text(ingested: Ingested) -> None:
    texts = [text for (text,) in stored_rows(ingested.db, "SELECT text FROM articles")]
    assert not any("root:" in text for text in texts)  # file:///etc/passwd was not read
    assert not any("lollollol" in text for text in texts)  # nor entities expanded


def test_a_second_run_stores_nothing_new(ingested: Ingested) -> None:
    before = stored_rows(ingested.db)
    again = run("ingest", ingested.folder, "--db", ingested.db, "--workers", "1", timeout=240)
    assert again.returncode == ingested.done.returncode
    assert again.stdout.startswith("stored 0, ")
    assert sorted(stored_rows(ingested.db)) == sorted(before)
