"""Read plain-text articles from disk: bytes in, text out, or one `InputError` saying why not.

Files are hostile input. A 20 MB log, a PDF saved as `.txt`, an empty file, a Windows-1252 export
or a file without read permission must each give one line naming the file, and a batch must go
on past it. So reading is bounded (`MAX_BYTES`, checked before reading), binary files are refused,
and text that is not UTF-8 is decoded with the encoding `charset_normalizer` detects.

>>> decode_text("Café owner said".encode("cp1252"), "menu.txt")
('Café owner said', 'cp1252')
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import CharsetMatch, from_bytes

from newstally.errors import InputError

# A long-form feature is ~100 kB of text; 5 MB is fifty of them. Larger files are refused before
# they are read, so a stray log or dump cannot stall a batch.
MAX_BYTES = 5 * 1024 * 1024

# What a directory walk picks up. Files named on the command line are read whatever their suffix.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})

# Files in a directory that describe the articles rather than being one.
SKIPPED_NAMES = frozenset({"readme.md", "readme.txt", "license.txt", "licence.txt"})

# Text has few control characters besides tab, newline, carriage return and form feed; more
# than this share of them after decoding means the bytes were not text in the first place.
MAX_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")

# Without a byte order mark and without NUL bytes, text is never UTF-16 or UTF-32: English in
# those encodings is half NUL bytes. charset_normalizer would otherwise read 'Caf\xe9' as UTF-16.
# EBCDIC code pages fit short Latin text too, and no news desk exports them.
_UNLIKELY_ENCODINGS = (
    *("utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"),
    *("cp037", "cp273", "cp424", "cp500", "cp875", "cp1026", "cp1140"),
)

# 'YYYY-MM-DD', optionally followed by an ISO time; Python alone would also take '20241218'.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}.*)?\Z")

# Byte order marks, longest first: UTF-32 LE starts with the UTF-16 LE mark.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class TextFile:
    """A file read as text: where it came from, its text and the encoding it was decoded from."""

    path: Path
    text: str
    encoding: str

    @property
    def name(self) -> str:
        return str(self.path)


@dataclass(frozen=True)
class Unreadable:
    """A file (or directory) that could not be read, with the one-line reason."""

    path: Path
    message: str


@dataclass(frozen=True)
class ArticleMeta:
    """What a `NAME.meta.json` sidecar says about the article in `NAME.txt`."""

    published: dt.date | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()


def human_size(size: int) -> str:
    """'20.0 MB' for messages; sizes are in binary megabytes like MAX_BYTES."""
    if size < 1024 * 1024:
        return f"{size:,} bytes"
    return f"{size / (1024 * 1024):.1f} MB"


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode a file's bytes to text and name the encoding used; refuse what is not text.

    A byte order mark decides the encoding and is dropped; otherwise UTF-8 is tried first and
    charset_normalizer detects anything else (cp1252 and latin-1 news exports are common).
    """
    if len(data) > MAX_BYTES:
        limit = human_size(MAX_BYTES)
        raise InputError(f"{name}: is {human_size(len(data))}; the limit is {limit}")
    if not data.strip():
        raise InputError(f"{name}: is empty")
    text, encoding = _decode(data, name)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputError(f"{name}: is empty")
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise InputError(f"{name}: looks like a binary file, not text")
    return text, encoding


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.removesuffix("-sig")
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: starts with a {codec} mark but is not {codec}") from exc
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file, not text (it contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data, cp_exclusion=list(_UNLIKELY_ENCODINGS)))
    if not matches:
        raise InputError(f"{name}: looks like a binary file, not text (no text encoding fits)")
    encoding = _western_choice(matches) or matches[0].encoding
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(f"{name}: cannot be decoded as {encoding}") from exc


def _western_choice(matches: list[CharsetMatch]) -> str | None:
    """Short texts fit dozens of code pages equally well ('Caf\\xe9' is cp1250, cp1252, cp775...).
    The project reads English news, so among the least chaotic matches Windows-1252 wins."""
    least = min(match.chaos for match in matches)
    for match in matches:
        if match.chaos <= least + 0.01 and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return None


def _control_share(text: str) -> float:
    controls = sum(
        1
        for char in text
        if char not in _TEXT_CONTROLS
        and (unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") or char == "\ufffd")
    )
    return controls / len(text)


def read_bounded(path: Path, limit: int, *, head: int | None = None) -> bytes:
    """A file's bytes, or with `head` only its first bytes. The size is checked before reading,
    and at most `limit + 1` bytes are ever read, so a huge file (or a device that never ends)
    fails fast with an InputError naming it."""
    name = str(path)
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise InputError(f"{name}: is {human_size(size)}; the limit is {human_size(limit)}")
            data = handle.read(head if head is not None else limit + 1)
    except IsADirectoryError as exc:
        raise InputError(f"{name}: is a directory") from exc
    except FileNotFoundError as exc:
        raise InputError(f"{name}: no such file") from exc
    except PermissionError as exc:
        raise InputError(f"{name}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    if head is None and len(data) > limit:
        raise InputError(f"{name}: is over {human_size(limit)}; that is the limit")
    return data


def read_text_file(path: Path, *, max_bytes: int = MAX_BYTES) -> TextFile:
    """Read one file as text, within `max_bytes` (see `read_bounded`)."""
    text, encoding = decode_text(read_bounded(path, max_bytes), str(path))
    return TextFile(path=path, text=text, encoding=encoding)


def text_file_paths(paths: Iterable[Path]) -> Iterator[Path | Unreadable]:
    """Expand arguments into files: a file is taken as it is, a directory is walked for
    `TEXT_SUFFIXES` files in name order (hidden files and READMEs skipped)."""
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        elif path.exists() or path.is_symlink():
            yield path
        else:
            yield Unreadable(path, f"{path}: no such file or directory")


def _walk(root: Path) -> Iterator[Path | Unreadable]:
    failures: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=failures.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            path = Path(folder, file)
            if (
                not file.startswith(".")
                and path.suffix.lower() in TEXT_SUFFIXES
                and file.lower() not in SKIPPED_NAMES
            ):
                yield path
        while failures:
            failure = failures.pop(0)
            where = failure.filename or folder
            yield Unreadable(Path(where), f"{where}: cannot be listed ({failure.strerror})")
    while failures:
        failure = failures.pop(0)
        where = failure.filename or root
        yield Unreadable(Path(where), f"{where}: cannot be listed ({failure.strerror})")


def read_path(path: Path | Unreadable) -> TextFile | Unreadable:
    """Read one expanded path, turning an `InputError` into an `Unreadable` so a batch goes on."""
    if isinstance(path, Unreadable):
        return path
    try:
        return read_text_file(path)
    except InputError as exc:
        return Unreadable(path, str(exc))


def iter_text_files(paths: Iterable[Path]) -> Iterator[TextFile | Unreadable]:
    """Read every text file under `paths`, yielding a result or a failure for each one."""
    for path in text_file_paths(paths):
        yield read_path(path)


def meta_path(path: Path) -> Path:
    """`samples/a.txt` is described by `samples/a.meta.json`."""
    return path.with_name(f"{path.stem}.meta.json")


def read_meta(path: Path) -> ArticleMeta:
    """Read the `NAME.meta.json` sidecar of an article file, if there is one.

    The sidecar is a JSON object with any of `published` (YYYY-MM-DD), `url`, `title`, `outlet`
    and `authors` (a list of names); other keys are refused so a typo fails loudly.
    """
    sidecar = meta_path(path)
    if not sidecar.is_file():
        return ArticleMeta()
    name = str(sidecar)
    try:
        if sidecar.stat().st_size > 64 * 1024:
            raise InputError(f"{name}: is over 64 kB; a sidecar holds a few fields")
        raw = json.loads(sidecar.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{name}: is not valid JSON ({exc})") from exc
    except ValueError as exc:  # an integer past Python's 4,300-digit conversion limit
        raise InputError(f"{name}: holds a number too long to read ({_first_line(exc)})") from exc
    except RecursionError as exc:
        raise InputError(f"{name}: is nested too deeply to be a sidecar") from exc
    if not isinstance(raw, dict):
        raise InputError(f"{name}: must hold a JSON object")
    unknown = sorted(set(raw) - {"published", "url", "title", "outlet", "authors"})
    if unknown:
        raise InputError(f"{name}: unknown key {unknown[0]!r}")
    published = raw.get("published")
    if published is not None:
        published = parse_date(published, f"{name}: published")
    authors = raw.get("authors") or []
    if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
        raise InputError(f"{name}: authors must be a list of names")
    fields: dict[str, str | None] = {}
    for key in ("url", "title", "outlet"):
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{name}: {key} must be a string")
        fields[key] = value
    return ArticleMeta(
        published=published,
        url=fields["url"],
        title=fields["title"],
        outlet=fields["outlet"],
        authors=tuple(authors),
    )


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def parse_date(value: object, what: str) -> dt.date:
    """Read 'YYYY-MM-DD' (or a full ISO datetime, keeping its date); anything else is an error
    that names `what`. Guessing formats ('12/01/24') would silently swap days and months."""
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        text = value.strip()
        try:
            if len(text) == 10:
                return dt.date.fromisoformat(text)
            return dt.datetime.fromisoformat(text).date()
        except ValueError:
            pass
    raise InputError(f"{what}: {value!r} is not a date (use YYYY-MM-DD)")
