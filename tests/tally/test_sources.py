"""The organisation table: one body under many names, and errors that name the file and line."""

import pytest

from newstally.errors import LexiconError
from newstally.tally.sources import normalise, parse_table, source_table


def test_an_agency_its_aliases_and_its_parent_are_one_body() -> None:
    table = source_table()
    assert table.same_body(normalise("OCHA"), normalise("the U.N. humanitarian office"))
    assert table.same_body(normalise("United Nations"), normalise("OCHA"))
    assert not table.same_body(normalise("UNICEF"), normalise("OCHA"))
    assert not table.same_body(normalise("police"), normalise("police"))  # not in the table


def test_an_alias_naming_two_organisations_is_an_error_with_its_line() -> None:
    text = '[A]\naliases = ["x"]\n\n[B]\naliases = ["X"]\n'
    with pytest.raises(LexiconError) as caught:
        parse_table(text, "mine.toml")
    assert (caught.value.path, caught.value.line) == ("mine.toml", 4)
    assert "'X' of [B] already names [A]" in str(caught.value)


def test_a_parent_missing_from_the_table_is_an_error() -> None:
    with pytest.raises(LexiconError, match="parent 'Nowhere'"):
        parse_table('[A]\nparent = "Nowhere"\n', "mine.toml")
