"""`newstally --lexicon FILE`: the user's words for the whole run, worker processes included.

'herders' is no people noun in the built-in lexicon, so "12 herders were killed" is no figure;
a file that adds it makes one, in this process and in the workers `--workers 2` starts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newstally.errors import LexiconError
from newstally.lexicon import ENV_VAR, use

HERDERS = '[measures.people_nouns]\nother = ["herder"]\n'


def _newstally(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {ENV_VAR, "NEWSTALLY_DB"}}
    env["NEWSTALLY_WORKERS"] = "1"
    command = [sys.executable, "-c", "from newstally.cli import app; app()", *map(str, args)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300,
                          check=False)  # fmt: skip


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_people_noun_from_the_lexicon_file_makes_a_figure(tmp_path: Path) -> None:
    lexicon = _write(tmp_path / "mine.toml", HERDERS)
    article = _write(tmp_path / "a.txt", "Police said 12 herders were killed in the attack.\n")
    found = []
    for options in ([], ["--lexicon", lexicon]):
        run = _newstally(*options, "extract", "-f", "json", article)
        assert run.returncode == 0, run.stderr
        found.append([(f["count"]["low"], f["subject"]["text"], f["subject"]["role"])
                      for f in json.loads(run.stdout)["figures"]])  # fmt: skip
    assert found == [[], [(12, "herders", "other")]]


@pytest.mark.parametrize("command", ["ingest", "batch"])  # fast-path workers, local Dask
def test_the_lexicon_file_reaches_the_worker_processes(tmp_path: Path, command: str) -> None:
    lexicon = _write(tmp_path / "mine.toml", HERDERS)
    news = tmp_path / "news"
    news.mkdir()
    _write(news / "a.txt", "Police said 12 herders were killed in the attack on Monday.\n")
    _write(news / "b.txt", "Officials said 7 herders were injured when the bridge fell.\n")
    db = tmp_path / "ledger.db"
    run = _newstally("--lexicon", lexicon, command, "--workers", "2", "--db", db, news)
    assert run.returncode == 0, run.stderr
    run = _newstally("figures", "--db", db, "-f", "json")
    assert run.returncode == 0, run.stderr
    figures = [row["figure"] for row in json.loads(run.stdout)]
    assert sorted((f["measure"], f["count"]["low"], f["subject"]["text"]) for f in figures) == [
        ("injured", 7, "herders"),
        ("killed", 12, "herders"),
    ]


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (None, "", "cannot read lexicon file"),
        ('[measures\nvaluing_verbs = ["peg"]\n', ":1", "not valid TOML"),
        ('[measures]\nvaluing_verbs = ["peg", "peg"]\n', ":2",
         "'peg' is listed twice in 'measures.valuing_verbs'"),
        ("[measures.people_nouns]\nherders = [\"herder\"]\n", ":2", "unknown role 'herders'"),
    ],
)  # fmt: skip
def test_a_bad_lexicon_file_is_one_line_naming_it_and_exit_1(
    tmp_path: Path, text: str | None, where: str, message: str
) -> None:
    lexicon = tmp_path / "mine.toml"
    if text is not None:
        _write(lexicon, text)
    article = _write(tmp_path / "a.txt", "Police said two people were killed on Monday.\n")
    run = _newstally("--lexicon", lexicon, "extract", article)
    assert run.returncode == 1
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    line = run.stderr.strip()
    assert "\n" not in line
    assert line.startswith(f"newstally: error: {lexicon}{where}: ")
    assert message in line


def test_importing_the_cli_builds_no_tables() -> None:
    # What lets the root callback choose the words: no extract module is imported before it.
    code = (
        "import sys, newstally.cli; "
        "print(sorted(m for m in sys.modules if m.startswith('newstally.extract')))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)  # fmt: skip
    assert run.stdout.strip() == "[]"


def test_use_refuses_a_file_once_the_tables_are_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newstally.extract.numbers  # noqa: F401  (builds the tables from the built-in words)

    monkeypatch.delenv(ENV_VAR, raising=False)
    lexicon = _write(tmp_path / "mine.toml", HERDERS)
    with pytest.raises(LexiconError, match="already built from the built-in lexicon"):
        use(lexicon)
    assert ENV_VAR not in os.environ  # no worker started later gets words this process lacks
