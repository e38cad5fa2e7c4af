"""The `newstally` command, driven as a user drives it: files in tmp_path, output read back."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from newstally.cli import app

ARTICLE = (
    "KYIV, Dec 18 (Example News) - Ukraine's military said on Tuesday that 30 North Korean "
    'soldiers were killed in Kursk. "We saw them fall," a soldier told reporters.\n'
)


def run(*args: str | Path, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    """Run the CLI in-process; return (exit code, stdout, stderr)."""
    result = CliRunner().invoke(app, [str(a) for a in args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("newstally: error: ")
    return lines[0]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "kursk.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# --- extract -----------------------------------------------------------------------------------


def test_extract_json_validates_against_the_published_schema(article: Path) -> None:
    code, schema_text, _ = run("schema")
    assert code == 0
    schema = json.loads(schema_text)
    assert schema["$id"] == "newstally/report@1"

    code, out, err = run("extract", article, "--published", "2024-12-18", "--format", "json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    jsonschema.validate(report, schema)
    assert report["schema"] == "newstally/report@1"
    assert report["article"]["published"] == "2024-12-18"
    assert report["article"]["text"] == ARTICLE


def test_extract_table_is_human_readable(article: Path) -> None:
    code, out, _ = run("extract", article, "--published", "2024-12-18")
    assert code == 0
    assert "kursk.txt" in out and "published 2024-12-18" in out


def test_extract_csv_has_one_row_per_figure(article: Path) -> None:
    code, out, _ = run("extract", article, "--published", "2024-12-18", "--format", "json")
    figures = json.loads(out)["figures"]
    code, out, _ = run("extract", article, "--published", "2024-12-18", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["figure_id"] for row in rows] == [f["id"] for f in figures]
    assert out.startswith("article_id,published,outlet,url,title,figure_id,measure,low,high")


def test_extract_reads_stdin() -> None:
    code, out, _ = run("extract", "-", "--format", "jsonl", stdin=ARTICLE)
    assert code == 0
    assert json.loads(out)["article"]["text"] == ARTICLE


def test_extract_takes_the_date_from_a_meta_sidecar(article: Path) -> None:
    article.with_name("kursk.meta.json").write_text('{"published": "2024-12-17", "title": "K"}')
    _, out, _ = run("extract", article, "-f", "json")
    assert json.loads(out)["article"]["published"] == "2024-12-17"
    _, out, _ = run("extract", article, "-f", "json", "--published", "2024-12-18")
    assert json.loads(out)["article"]["published"] == "2024-12-18"


@pytest.mark.parametrize("value", ["xyz", "18/12/2024", "yesterday", "2024-02-30"])
def test_an_unknown_published_format_exits_2_with_one_line(article: Path, value: str) -> None:
    code, out, err = run("extract", article, "--published", value)
    assert code == 2
    assert out == ""
    assert one_line(err) == (
        f"newstally: error: --published: {value!r} is not a date (use YYYY-MM-DD)"
    )


def test_a_full_iso_datetime_is_accepted_as_published(article: Path) -> None:
    code, out, _ = run("extract", article, "--published", "2024-12-18T09:30:00+09:00", "-f", "json")
    assert code == 0 and json.loads(out)["article"]["published"] == "2024-12-18"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "is empty"), (b"\x00\x01\x02" * 40, "looks like a binary file")],
)
def test_extract_refuses_bad_files_in_one_line(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, _, err = run("extract", path)
    assert code == 1
    assert one_line(err).startswith(f"newstally: error: {path}: {message}")


def test_a_20_mb_file_is_refused_quickly(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    began = time.perf_counter()
    code, _, err = run("extract", big)
    assert time.perf_counter() - began < 5  # the pipeline is not even loaded
    assert code == 1
    assert one_line(err) == f"newstally: error: {big}: is 20.0 MB; the limit is 5.0 MB"


def test_usage_errors_exit_2_with_one_line(article: Path) -> None:
    code, _, err = run("extract", article, "--format", "xml")
    assert code == 2 and "'xml' is not one of" in one_line(err)
    code, _, err = run("extract")
    assert code == 2 and "give an article FILE" in one_line(err)


# --- extract --jsonl ---------------------------------------------------------------------------


def test_extract_jsonl_writes_one_report_per_line_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {"id": "a", "text": "Police said 3 people were killed.", "published": "2024-01-02"}
        ),
        "{not json",
        json.dumps({"text": "   "}),
        "",
        json.dumps({"text": "Officials said 40 people were injured.", "url": "https://e.org/b"}),
        json.dumps({"text": "x", "published": "Jan 2"}),
    ]
    source = tmp_path / "batch.jsonl"
    source.write_text("\n".join(lines) + "\n")

    code, out, err = run("extract", "--jsonl", source)

    assert code == 1
    reports = [json.loads(line) for line in out.splitlines()]
    assert [r["article"]["text"] for r in reports] == [
        "Police said 3 people were killed.",
        "Officials said 40 people were injured.",
    ]
    assert reports[0]["article"]["published"] == "2024-01-02"
    assert reports[1]["article"]["url"] == "https://e.org/b"
    errors = err.strip().splitlines()
    assert errors[0].startswith(f"newstally: error: {source}:2: is not valid JSON")
    assert errors[1] == f"newstally: error: {source}:3: is empty"
    assert errors[2] == (
        f"newstally: error: {source}:6: published: 'Jan 2' is not a date (use YYYY-MM-DD)"
    )
    assert "3 line(s) failed" in errors[3]
    assert "Traceback" not in out + err


def test_extract_jsonl_and_a_file_together_is_a_usage_error(article: Path) -> None:
    code, _, err = run("extract", article, "--jsonl", article)
    assert code == 2 and "not both" in one_line(err)


# --- ingest and figures ------------------------------------------------------------------------


def test_ingest_a_directory_with_bad_files(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "good.meta.json").write_text('{"published": "2024-12-18", "outlet": "example"}')
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4)
    (folder / "latin.txt").write_bytes(
        "Caf\u00e9 owners said 12 people were hurt in the \u201cblast\u201d.".encode("cp1252")
    )
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    db = tmp_path / "news.db"

    code, out, err = run("ingest", folder, "--db", db)

    assert code == 1
    assert "stored 2, already present 0, failed 3" in out
    errors = err.strip().splitlines()
    assert len(errors) == 3
    assert all(line.startswith("newstally: error: ") for line in errors)
    assert f"newstally: error: {folder / 'empty.txt'}: is empty" in errors
    assert any(str(folder / "binary.txt") in e and "binary" in e for e in errors)
    assert any(str(folder / "dangling.txt") in e for e in errors)
    assert "Traceback" not in out + err

    with sqlite3.connect(db) as raw:
        (latin, good) = raw.execute(
            "SELECT text, published, outlet FROM articles ORDER BY text"
        ).fetchall()
    assert latin == (
        "Caf\u00e9 owners said 12 people were hurt in the \u201cblast\u201d.",
        None,
        None,
    )
    assert good == (ARTICLE, "2024-12-18", "example")  # from good.meta.json

    code, out, err = run("ingest", folder / "good.txt", folder / "latin.txt", "--db", db)
    assert (code, err) == (0, "")
    assert "stored 0, already present 2, failed 0" in out


def test_figures_lists_what_was_ingested(tmp_path: Path, article: Path) -> None:
    db = tmp_path / "news.db"
    code, _, _ = run("ingest", article, "--db", db, "--published", "2024-12-18")
    assert code == 0
    _, report_out, _ = run("extract", article, "--published", "2024-12-18", "-f", "json")
    expected = json.loads(report_out)["figures"]

    code, out, err = run("figures", "--db", db, "--format", "json")
    assert (code, err) == (0, "")
    listed = json.loads(out)
    assert [f["figure"] for f in listed] == expected
    assert all(f["published"] == "2024-12-18" for f in listed)

    code, out, _ = run("figures", "--db", db, "--measure", "missing", "--format", "jsonl")
    assert (code, out) == (0, "")
    code, out, _ = run("figures", "--db", db, "--since", "2030-01-01", "-f", "csv")
    assert code == 0 and out.splitlines()[0].startswith("article_id,published")
    assert len(out.splitlines()) == 1
    code, out, _ = run("figures", "--db", db)
    assert code == 0 and "figures" in out


def test_figures_checks_its_arguments(tmp_path: Path) -> None:
    code, _, err = run("figures", "--db", tmp_path / "none.db")
    assert code == 1 and "no such database" in one_line(err)
    code, _, err = run("figures", "--measure", "kiled")
    assert code == 2 and "'kiled' is not a measure" in one_line(err)
    code, _, err = run("figures", "--since", "last week")
    assert code == 2 and "--since: 'last week' is not a date" in one_line(err)


def test_a_garbage_database_is_one_line(tmp_path: Path, article: Path) -> None:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(os.urandom(4096))
    for args in (("figures", "--db", garbage), ("ingest", article, "--db", garbage)):
        code, out, err = run(*args)
        assert code == 1
        assert f"{garbage}: is not a newstally database" in one_line(err)
        assert "Traceback" not in out + err


# --- the installed command ---------------------------------------------------------------------


def test_the_installed_command_never_prints_a_traceback(tmp_path: Path) -> None:
    command = [sys.executable, "-c", "from newstally.cli import app; app()"]
    missing = tmp_path / "missing.txt"
    done = subprocess.run(
        [*command, "extract", str(missing)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1
    assert done.stderr == f"newstally: error: {missing}: no such file\n"
    done = subprocess.run(
        [*command, "extract", str(missing), "--published", "soon"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr == "newstally: error: --published: 'soon' is not a date (use YYYY-MM-DD)\n"


def test_a_reader_that_stops_early_ends_the_output_quietly() -> None:
    # `newstally schema | head -c 0`: the reader is gone before the first write
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        writer = subprocess.run(
            [sys.executable, "-c", "from newstally.cli import app; app()", "schema"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert writer.stderr == ""
    assert writer.returncode == 141
