"""Write 14-hostile-stampede.txt: an invented report whose text is hostile to renderers.

It carries a script tag, an attribute-breaking image tag and one 10,000-character line, and
still reports two real figures. Run `python samples/make_hostile.py` to regenerate it; the output
is byte-for-byte reproducible.
"""

from pathlib import Path

LONG_LINE_CHARS = 10_000
# No spaces, so the line is one "word" and the article stays short by word count.
LONG_LINE_UNIT = "<b>&amp;\"'</b>\u200b"

HEAD = """Deadly stampede at football stadium<script>alert(1)</script>

By Noor Haddad

CONAKRY, Guinea — At least 17 people were killed and 63 injured in a crush at the gates of a \
football stadium in Conakry on Sunday, the health ministry said on Monday.

The ministry said most of the dead were teenagers who had waited for hours to enter the match. \
Witnesses said police fired tear gas at the crowd shortly before 4 p.m.

A comment posted under an early version of this story read: "><img src=x onerror=alert(1)>

The same account then posted this:
"""

TAIL = """
Guinea's sports minister said a commission would investigate and report within 30 days.

(Invented sample article for newstally tests; not a real report.)
"""


def hostile_text() -> str:
    """The article text: head, one long line, tail."""
    units = LONG_LINE_UNIT * (LONG_LINE_CHARS // len(LONG_LINE_UNIT) + 1)
    return HEAD + units[:LONG_LINE_CHARS] + "\n" + TAIL


if __name__ == "__main__":
    out = Path(__file__).with_name("14-hostile-stampede.txt")
    out.write_text(hostile_text(), encoding="utf-8")
    print(f"wrote {out}")
