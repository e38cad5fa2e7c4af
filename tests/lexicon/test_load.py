"""The lexicon files load into one frozen record; a bad file is an error naming file and line."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newstally.errors import LexiconError
from newstally.lexicon import ENV_VAR, active, load_lexicon
from newstally.model import Measure, Role, Status


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_lexicon_reads_every_concern() -> None:
    lexicon = load_lexicon()
    assert lexicon.quantities.vague[("several", "hundred")] == (300, 900)
    assert lexicon.cues.status["acknowledge"] == Status.CONFIRMED
    assert lexicon.cues.status["announce"] == Status.CLAIMED
    assert lexicon.measures.measure_verbs["wound"] == Measure.INJURED
    assert lexicon.measures.people_nouns["civilian"] == Role.CIVILIANS
    assert lexicon.override is None


def test_lexicon_is_frozen() -> None:
    lexicon = load_lexicon()
    with pytest.raises(dataclasses.FrozenInstanceError):
        lexicon.cues = lexicon.cues  # type: ignore[misc]
    with pytest.raises(TypeError):
        lexicon.quantities.vague[("a", "gazillion")] = (1, 2)  # type: ignore[index]


def test_override_extends_tables(tmp_path: Path) -> None:
    path = _write(tmp_path, '[quantities.vague]\n"a handful" = [3, 6]\n\n'
                            '[cues.status]\nconfirmed = ["attest"]\n')  # fmt: skip
    lexicon = load_lexicon(path)
    assert lexicon.quantities.vague[("a", "handful")] == (3, 6)
    assert lexicon.quantities.vague[("dozens",)] == (24, 99)  # built-in entries stay
    assert lexicon.cues.status["attest"] == Status.CONFIRMED
    assert lexicon.override == path


def test_override_moves_a_word_to_another_group(tmp_path: Path) -> None:
    path = _write(tmp_path, '[cues.status]\nestimated = ["say"]\n')
    assert load_lexicon(path).cues.status["say"] == Status.ESTIMATED


def test_replace_swaps_a_whole_table(tmp_path: Path) -> None:
    path = _write(tmp_path, 'replace = ["quantities.vague"]\n\n'
                            '[quantities.vague]\n"several" = [2, 7]\n')  # fmt: skip
    assert dict(load_lexicon(path).quantities.vague) == {("several",): (2, 7)}


def test_word_listed_twice_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, '[cues.status]\nconfirmed = ["attest"]\n'
                            'claimed = ["mumble",\n  "attest"]\n')  # fmt: skip
    with pytest.raises(LexiconError) as caught:
        load_lexicon(path)
    assert caught.value.path == str(path)
    assert caught.value.line == 4
    assert "'attest' is listed in both" in str(caught.value)


def test_duplicate_key_is_a_toml_error_with_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, '[quantities.vague]\n"a handful" = [3, 6]\n"a handful" = [3, 5]\n')
    with pytest.raises(LexiconError) as caught:
        load_lexicon(path)
    assert (caught.value.path, caught.value.line) == (str(path), 3)


def test_unknown_measure_names_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, '# my words\n[measures.measure_verbs]\nkilled = ["smite"]\n'
                            'vanished = ["disappear"]\n')  # fmt: skip
    with pytest.raises(LexiconError) as caught:
        load_lexicon(path)
    assert caught.value.line == 4
    assert "unknown measure 'vanished'" in str(caught.value)


def test_unknown_table_is_an_error_not_ignored(tmp_path: Path) -> None:
    path = _write(tmp_path, '[quantities]\nvauge = {"a few" = [2, 5]}\n')
    with pytest.raises(LexiconError) as caught:
        load_lexicon(path)
    assert caught.value.line == 2
    assert "unknown key 'vauge'" in str(caught.value)


def test_bad_range_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, '[quantities.vague]\n"a few" = [5, 2]\n')
    with pytest.raises(LexiconError, match=r"mine.toml:2: 'a few'"):
        load_lexicon(path)


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="cannot read lexicon file"):
        load_lexicon(tmp_path / "absent.toml")


def test_newstally_lexicon_names_the_override_active_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, '[quantities.words]\nopen_above_verbs = ["eclipsed"]\n')
    monkeypatch.setenv(ENV_VAR, str(path))
    lexicon = active()
    assert lexicon.override == path
    assert {"eclipsed", "surpassed"} <= lexicon.quantities.open_above_verbs


def test_bad_newstally_lexicon_file_names_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, '# my words\n\n[measures]\nvaluing_verbs = ["peg", "peg"]\n')
    monkeypatch.setenv(ENV_VAR, str(path))
    with pytest.raises(LexiconError) as caught:
        active()
    assert (caught.value.path, caught.value.line) == (str(path), 4)
    assert str(caught.value) == f"{path}:4: 'peg' is listed twice in 'measures.valuing_verbs'"


def test_builtin_lexicon_has_the_lists_main_added() -> None:
    lexicon = load_lexicon()
    assert lexicon.cues.status["peg"] == Status.CLAIMED and "peg" in lexicon.cues.clause_only
    assert ("upwards", "of") in lexicon.quantities.lower_bound_strict
    assert ("or", "so") in lexicon.quantities.trailing_approx
    assert "surpassed" in lexicon.quantities.open_above_verbs
    assert {"peg", "put"} <= lexicon.measures.valuing_verbs
    assert "brigade" in lexicon.measures.military_losers


def test_the_cli_reports_a_bad_newstally_lexicon_in_one_line(tmp_path: Path) -> None:
    path = _write(tmp_path, '[measures]\nvaluing_verbs = ["peg", "peg"]\n')
    article = tmp_path / "a.txt"
    article.write_text("Police said two people were killed on Monday.\n")
    env = {**os.environ, ENV_VAR: str(path)}
    for args in (["--help"], ["extract", str(article)]):
        command = [sys.executable, "-c", "from newstally.cli import app; app()", *args]
        run = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=120, check=False
        )
        assert "Traceback" not in run.stderr
        if args == ["--help"]:
            assert run.returncode == 0  # help needs no vocabulary
        else:
            assert run.returncode == 1
            message = f"{path}:2: 'peg' is listed twice in 'measures.valuing_verbs'"
            assert run.stderr.strip() == f"newstally: error: {message}"


def test_hedges_are_patterns_kept_in_file_order() -> None:
    patterns = load_lexicon().hedges.patterns
    assert isinstance(patterns, tuple)
    assert patterns.index(r"\breportedly\b") > patterns.index("unverified")


def test_a_user_hedge_is_appended_after_the_builtin_ones(tmp_path: Path) -> None:
    path = _write(tmp_path, "[hedges]\npatterns = ['not checked by this newspaper']\n")
    patterns = load_lexicon(path).hedges.patterns
    assert patterns[-1] == "not checked by this newspaper"
    assert patterns[:-1] == load_lexicon().hedges.patterns


def test_a_hedge_that_is_not_a_regular_expression_names_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "[hedges]\npatterns = [\n  'fine',\n  'unclosed (group',\n]\n")
    with pytest.raises(LexiconError, match="is not a regular expression") as caught:
        load_lexicon(path)
    assert caught.value.line == 4


def test_a_user_hedge_reaches_the_figures_of_a_report(tmp_path: Path) -> None:
    path = _write(tmp_path, "[hedges]\npatterns = ['not checked by this newspaper']\n")
    article = tmp_path / "a.txt"
    article.write_text(
        "Rebels said 40 soldiers were killed in the raid on Sunday. "
        "The figure was not checked by this newspaper.\n"
    )
    command = [sys.executable, "-c", "from newstally.cli import app; app()", "extract",
               "-f", "json", str(article)]  # fmt: skip
    hedges = []
    builtin = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    for env in (builtin, {**builtin, ENV_VAR: str(path)}):
        run = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=120, check=True
        )
        hedges.append([h for f in json.loads(run.stdout)["figures"] for h in f["hedges"]])
    assert hedges == [[], ["not checked by this newspaper"]]
