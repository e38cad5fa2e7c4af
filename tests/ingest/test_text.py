"""Reading article files: text comes out, or one InputError line naming the file."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstally.errors import InputError
from newstally.ingest.text import (
    MAX_BYTES,
    ArticleMeta,
    TextFile,
    Unreadable,
    decode_text,
    iter_text_files,
    parse_date,
    read_meta,
    read_text_file,
)

NEWS = "Officials said 12 people were killed on Monday."


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (NEWS.encode(), NEWS, "utf-8"),
        (b"\xef\xbb\xbf" + NEWS.encode(), NEWS, "utf-8"),
        (NEWS.encode("utf-16"), NEWS, "utf-16"),
        ("Café owner said".encode("cp1252"), "Café owner said", "cp1252"),
        (
            "\u201cWe are safe,\u201d said the caf\u00e9 owner, na\u00efve as ever.".encode(
                "cp1252"
            ),
            "\u201cWe are safe,\u201d said the caf\u00e9 owner, na\u00efve as ever.",
            "cp1252",
        ),
        ("Müller said 20 people died.".encode("latin-1"), "Müller said 20 people died.", "cp1252"),
    ],
)
def test_decode_text(data: bytes, text: str, encoding: str) -> None:
    assert decode_text(data, "a.txt") == (text, encoding)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "a.txt: is empty"),
        (b" \n\t\n", "a.txt: is empty"),
        (b"\xef\xbb\xbf", "a.txt: is empty"),
        (b"%PDF-1.7\n\x00\x01\x02binary", "a.txt: looks like a binary file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "a.txt: looks like a binary file"),
        (b"\x01\x02\x03\x04\x05abc\x06\x07\x08" * 20, "a.txt: looks like a binary file"),
    ],
)
def test_decode_text_refuses(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message.replace(".", r"\.")) as caught:
        decode_text(data, "a.txt")
    assert "\n" not in str(caught.value)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_text_never_crashes_with_anything_but_input_error(data: bytes) -> None:
    try:
        text, encoding = decode_text(data, "fuzz.txt")
    except InputError as exc:
        assert str(exc).startswith("fuzz.txt: ")
    else:
        assert text.strip() and encoding


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=500).filter(lambda t: t.strip() and "\x00" not in t))
def test_utf8_text_comes_back_unchanged(text: str) -> None:
    try:
        decoded, _ = decode_text(text.encode("utf-8"), "fuzz.txt")
    except InputError as exc:  # text made mostly of control characters
        assert "binary" in str(exc) or "empty" in str(exc)
    else:
        assert decoded == text.removeprefix("\ufeff")


def test_a_20_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    began = time.perf_counter()
    with pytest.raises(InputError, match=r"big\.txt: is 20\.0 MB; the limit is 5\.0 MB"):
        read_text_file(big)
    assert time.perf_counter() - began < 0.5


def test_a_file_just_under_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_bytes(b"x" * (MAX_BYTES - 1))
    assert len(read_text_file(path).text) == MAX_BYTES - 1


def test_read_text_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="missing.txt: no such file"):
        read_text_file(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_text_file(tmp_path)


def test_a_directory_is_walked_and_a_batch_goes_past_bad_files(tmp_path: Path) -> None:
    (tmp_path / "b-good.txt").write_text(NEWS)
    (tmp_path / "a-empty.txt").write_bytes(b"")
    (tmp_path / "c-binary.txt").write_bytes(b"\x00\x01" * 50)
    (tmp_path / "d-latin.text").write_bytes("Café owner said".encode("cp1252"))
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "e.md").write_text(NEWS)
    (tmp_path / "nested" / "f-dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "a.meta.json").write_text("{}")  # not an article
    (tmp_path / "README.md").write_text("about these files")
    (tmp_path / ".hidden.txt").write_text(NEWS)
    (tmp_path / "image.png").write_bytes(b"\x89PNG")

    results = list(iter_text_files([tmp_path]))

    read = {r.path.name: r.text for r in results if isinstance(r, TextFile)}
    failed = {r.path.name: r.message for r in results if isinstance(r, Unreadable)}
    assert read == {"b-good.txt": NEWS, "d-latin.text": "Café owner said", "e.md": NEWS}
    assert set(failed) == {"a-empty.txt", "c-binary.txt", "f-dangling.txt"}
    assert failed["a-empty.txt"].endswith("a-empty.txt: is empty")
    assert "looks like a binary file" in failed["c-binary.txt"]
    assert "f-dangling.txt: no such file" in failed["f-dangling.txt"]


def test_a_file_argument_is_read_whatever_its_suffix(tmp_path: Path) -> None:
    article = tmp_path / "article.html.txt.bak"
    article.write_text(NEWS)
    missing = tmp_path / "nope"
    results = list(iter_text_files([article, missing]))
    assert isinstance(results[0], TextFile) and results[0].text == NEWS
    assert results[1] == Unreadable(missing, f"{missing}: no such file or directory")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_a_file_without_permission_is_one_failure(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(NEWS)
    locked.chmod(0)
    (result,) = iter_text_files([locked])
    assert isinstance(result, Unreadable) and "permission denied" in result.message


def test_a_meta_sidecar_describes_its_article(tmp_path: Path) -> None:
    article = tmp_path / "kursk.txt"
    article.write_text(NEWS)
    assert read_meta(article) == ArticleMeta()
    (tmp_path / "kursk.meta.json").write_text(
        json.dumps({"published": "2024-12-18", "url": "https://example.org/k", "title": "K"})
    )
    assert read_meta(article) == ArticleMeta(
        published=dt.date(2024, 12, 18), url="https://example.org/k", title="K"
    )


@pytest.mark.parametrize(
    ("sidecar", "message"),
    [
        ("{not json", "is not valid JSON"),
        ("[1]", "must hold a JSON object"),
        ('{"publshed": "2024-12-18"}', "unknown key 'publshed'"),
        ('{"published": "18/12/2024"}', "'18/12/2024' is not a date"),
        ('{"authors": "Seo"}', "authors must be a list"),
        ('{"title": ' + "9" * 5000 + "}", "holds a number too long to read"),
        ('{"title": ' + "[" * 20000 + "]" * 20000 + "}", "is nested too deeply"),
    ],
    ids=["syntax", "list", "typo", "date", "authors", "huge-integer", "deep-nesting"],
)
def test_a_bad_sidecar_is_an_input_error(tmp_path: Path, sidecar: str, message: str) -> None:
    (tmp_path / "a.meta.json").write_text(sidecar)
    with pytest.raises(InputError, match=message) as caught:
        read_meta(tmp_path / "a.txt")
    assert str(caught.value).startswith(str(tmp_path / "a.meta.json"))


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2024-12-18", dt.date(2024, 12, 18)),
        (" 2024-12-18 ", dt.date(2024, 12, 18)),
        ("2024-12-18T23:30:00+09:00", dt.date(2024, 12, 18)),
        ("2024-12-18 08:00", dt.date(2024, 12, 18)),
    ],
)
def test_parse_date(value: str, day: dt.date) -> None:
    assert parse_date(value, "--published") == day


@pytest.mark.parametrize("value", ["xyz", "18/12/2024", "20241218", "2024-13-01", "", 20241218])
def test_parse_date_refuses_anything_else(value: object) -> None:
    with pytest.raises(InputError, match=r"--published: .* is not a date \(use YYYY-MM-DD\)"):
        parse_date(value, "--published")
