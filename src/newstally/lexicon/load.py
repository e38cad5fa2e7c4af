"""Reading and validating the lexicon files, and merging a user's override into them.

Each built-in file `newstally/data/<concern>.toml` is one concern (measures, quantities, cues,
hedges); `SCHEMA` says what every key holds. A user's override file (`NEWSTALLY_LEXICON=FILE`)
uses the same keys under a table named for the concern (`[quantities.vague]`) and *extends* the
built-in tables: words are added, a mapping entry is added or overwritten, a word given a new
group leaves its old one, a pattern is appended after the built-in ones. A table named in the
top-level list `replace = ["quantities.vague"]` is replaced by the user's version instead.

tomllib gives no line numbers for valid TOML, so a bad entry's line is found by scanning the
file text for its key or quoted word (`_line_of`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from enum import StrEnum
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from newstally.errors import LexiconError
from newstally.lexicon.records import (
    CuesLexicon,
    HedgesLexicon,
    Lexicon,
    MeasuresLexicon,
    Phrase,
    QuantitiesLexicon,
)
from newstally.model import Measure, Role, Status

CONCERNS = ("measures", "quantities", "cues", "hedges")
# What each key of a concern's file holds. Kinds: 'set' (list of words), 'phrases' (list of
# space-separated phrases), 'grouped:<Enum>' (table: group value -> list of words, each word
# once), 'ranges' (phrase -> [low, high]), 'ints' (word -> integer), 'preps' (word -> a string
# of space-separated words), 'patterns' (ordered list of regular expressions, each must compile).
SCHEMA: dict[str, dict[str, str]] = {
    "measures": {
        "actor_nouns": "set", "roleless_nouns": "set", "loss_verbs": "set",
        "hospital_words": "set", "wound_lemmas": "set", "shelter_nouns": "set",
        "stay_verbs": "set", "moving_verbs": "set", "freeing_verbs": "set", "total_nouns": "set",
        "total_verbs": "set", "agent_verbs": "set", "military_losers": "set",
        "valuing_verbs": "set", "value_nouns": "set",
        "people_nouns": "grouped:Role", "measure_nouns": "grouped:Measure",
        "measure_verbs": "grouped:Measure", "measure_adjectives": "grouped:Measure",
    },
    "quantities": {
        "vague": "ranges", "couple": "ranges", "units": "ints", "multipliers": "ints",
        "words.article_units": "set", "words.quantity_words": "set",
        "words.open_above_verbs": "set", "words.street_words": "set",
        "words.not_count_numbers": "set", "words.time_units": "set",
        **{f"bounds.{name}": "phrases" for name in (
            "lower_bound_strict", "lower_bound", "upper_bound_strict", "upper_bound",
            "approx_upper", "approximate", "trailing_lower", "trailing_approx")},
    },
    "cues": {
        "status": "grouped:Status", "words.clause_only": "set", "words.negations": "set",
        "words.relay_verbs": "set", "words.attitude_verbs": "set",
        "words.not_cue_verbs": "set", "words.relative_pronouns": "set",
        "words.regard_as_verbs": "set", "phrasal": "preps",
    },
    "hedges": {"patterns": "patterns"},
}  # fmt: skip
ENUMS: dict[str, type[StrEnum]] = {"Role": Role, "Measure": Measure, "Status": Status}


def _line_of(text: str, needle: str, occurrence: int = 1) -> int | None:
    """1-based line of the `occurrence`-th appearance of `needle` as a key or quoted word
    (double quotes, or single quotes: a pattern is a literal string)."""
    pattern = re.compile(
        rf'(^\s*"?{re.escape(needle)}"?\s*=)|("{re.escape(needle)}")|(\'{re.escape(needle)}\')',
        re.MULTILINE,
    )
    for k, match in enumerate(pattern.finditer(text), start=1):
        if k == occurrence:
            return text.count("\n", 0, match.start()) + 1
    return None


class _File:
    """One TOML file's text and parsed tables, for reading values with line-aware errors."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text
        try:
            self.data: dict[str, Any] = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            found = re.search(r"line (\d+)", str(exc))
            raise LexiconError(
                f"not valid TOML: {exc}", path=name, line=int(found[1]) if found else None
            ) from exc

    def error(self, message: str, needle: str, occurrence: int = 1) -> LexiconError:
        return LexiconError(message, path=self.name, line=_line_of(self.text, needle, occurrence))


def _get(table: Mapping[str, Any], dotted: str) -> Any:
    value: Any = table
    for part in dotted.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _words(file: _File, key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
        raise file.error(f"'{key}' must be a list of words", key.rsplit(".", 1)[-1])
    seen: dict[str, int] = {}
    for word in value:
        seen[word] = seen.get(word, 0) + 1
        if seen[word] == 2:
            raise file.error(f"'{word}' is listed twice in '{key}'", word, 2)
    return value


def _patterns(file: _File, key: str, value: Any) -> list[str]:
    """An ordered list of regular expressions: order matters in an alternation, so no set."""
    patterns = _words(file, key, value)
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise file.error(f"'{pattern}' in '{key}' is not a regular expression: {exc}",
                             pattern) from exc  # fmt: skip
    return patterns


def _parse(file: _File, key: str, kind: str, value: Any) -> Any:
    """The value of one key as a Python table: set, dict or dict of enum members."""
    short = key.rsplit(".", 1)[-1]
    if kind == "patterns":
        return _patterns(file, key, value)
    if kind in {"set", "phrases"}:
        words = _words(file, key, value)
        return {tuple(w.split()) for w in words} if kind == "phrases" else set(words)
    if not isinstance(value, Mapping):
        raise file.error(f"'{key}' must be a table", short)
    if kind.startswith("grouped:"):
        enum = ENUMS[kind.split(":", 1)[1]]
        grouped: dict[str, StrEnum] = {}
        where: dict[str, str] = {}
        for group, words in value.items():
            if group not in enum.__members__.values():
                allowed = ", ".join(m.value for m in enum)
                raise file.error(
                    f"unknown {enum.__name__.lower()} '{group}' in '{key}' (known: {allowed})",
                    group,
                )
            for word in _words(file, f"{key}.{group}", words):
                if word in grouped:
                    raise file.error(
                        f"'{word}' is listed in both '{where[word]}' and '{group}' of '{key}'",
                        word, 2,
                    )
                grouped[word] = enum(group)
                where[word] = group
        return grouped
    table: dict[Any, Any] = {}
    for entry, item in value.items():
        if kind == "ranges":
            if not (isinstance(item, list) and len(item) == 2
                    and all(isinstance(n, int) for n in item) and item[0] <= item[1]):  # fmt: skip
                raise file.error(f"'{entry}' in '{key}' must be [low, high], low <= high", entry)
            table[tuple(entry.split())] = (item[0], item[1])
        elif kind == "ints":
            if not isinstance(item, int) or isinstance(item, bool):
                raise file.error(f"'{entry}' in '{key}' must be an integer", entry)
            table[entry] = item
        else:  # preps
            if not isinstance(item, str) or not item.split():
                raise file.error(f"'{entry}' in '{key}' must be a string of words", entry)
            table[entry] = frozenset(item.split())
    return table


def _check_keys(file: _File, concern: str, data: Mapping[str, Any]) -> None:
    """Every key in the file is one the schema knows: a typo must not be silently ignored."""
    known = SCHEMA[concern]
    prefixes = {k.split(".", 1)[0] for k in known if "." in k}
    for key, value in data.items():
        if key in prefixes and isinstance(value, Mapping):
            for sub in value:
                if f"{key}.{sub}" not in known:
                    raise file.error(f"unknown key '{key}.{sub}' in {concern}", sub)
        elif key not in known:
            raise file.error(f"unknown key '{key}' in {concern}", key)


def _builtin(concern: str) -> _File:
    source = resources.files("newstally.data").joinpath(f"{concern}.toml")
    return _File(str(source), source.read_text(encoding="utf-8"))


def _merge(kind: str, base: Any, extra: Any) -> Any:
    if kind in {"set", "phrases"}:
        return base | extra
    if kind == "patterns":
        return base + [p for p in extra if p not in base]
    return {**{k: v for k, v in base.items() if k not in extra}, **extra} if kind.startswith(
        "grouped:"
    ) else {**base, **extra}


def _tables(override: _File | None) -> dict[str, dict[str, Any]]:
    """Every concern's tables, built-in merged with the override."""
    replace: set[str] = set()
    if override is not None:
        listed = override.data.get("replace", [])
        if not isinstance(listed, list) or not all(isinstance(x, str) for x in listed):
            raise override.error("'replace' must be a list of table names", "replace")
        replace = set(listed)
        for name in replace:
            concern, _, key = name.partition(".")
            if key not in SCHEMA.get(concern, {}):
                raise override.error(f"'replace' names an unknown table '{name}'", name)
        for key in override.data:
            if key != "replace" and key not in SCHEMA:
                raise override.error(f"unknown concern '{key}' (known: {', '.join(CONCERNS)})",
                                     key)  # fmt: skip
    tables: dict[str, dict[str, Any]] = {}
    for concern in CONCERNS:
        file = _builtin(concern)
        _check_keys(file, concern, file.data)
        extra = override.data.get(concern, {}) if override is not None else {}
        if override is not None:
            if not isinstance(extra, Mapping):
                raise override.error(f"'{concern}' must be a table", concern)
            _check_keys(override, concern, extra)
        tables[concern] = {}
        for key, kind in SCHEMA[concern].items():
            value = _get(file.data, key)
            if value is None:
                raise file.error(f"missing key '{key}'", concern)
            parsed = _parse(file, key, kind, value)
            user = _get(extra, key)
            if override is not None and user is not None:
                mine = _parse(override, f"{concern}.{key}", kind, user)
                parsed = mine if f"{concern}.{key}" in replace else _merge(kind, parsed, mine)
            tables[concern][key.rsplit(".", 1)[-1]] = parsed
    return tables


def _frozen(value: Any) -> Any:
    if isinstance(value, set):
        return frozenset(value)
    if isinstance(value, dict):
        return MappingProxyType(value)
    if isinstance(value, list):
        return tuple(value)
    return value


def load_lexicon(override: Path | str | None = None) -> Lexicon:
    """The built-in lexicon, extended or partly replaced by the user's TOML file `override`."""
    user: _File | None = None
    if override is not None:
        path = Path(override)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise LexiconError(f"cannot read lexicon file: {exc}", path=str(path)) from exc
        user = _File(str(path), text)
    tables = _tables(user)
    build: dict[str, Callable[..., Any]] = {
        "measures": MeasuresLexicon, "quantities": QuantitiesLexicon, "cues": CuesLexicon,
        "hedges": HedgesLexicon,
    }  # fmt: skip
    parts = {c: build[c](**{k: _frozen(v) for k, v in tables[c].items()}) for c in CONCERNS}
    return Lexicon(**parts, override=Path(override) if override is not None else None)


def phrase(words: str) -> Phrase:
    """'a few dozen' -> ('a', 'few', 'dozen'), the key form of the phrase tables."""
    return tuple(words.split())
