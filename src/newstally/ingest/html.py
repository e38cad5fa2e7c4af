"""Read a saved or fetched web page: HTML in, the article's main text and metadata out.

Pages are mostly navigation, adverts and footers around a few paragraphs of article. trafilatura
finds those paragraphs and the page's metadata (title, site name, authors, canonical URL);
htmldate, called by trafilatura, finds the publication date in the markup or the URL. The text
trafilatura extracts is what the report stores, so every offset refers to it.

>>> read_html("<html><head><title>Storm</title></head><body><article><p>Two people were "
...           "killed.</p></article></body></html>", url="https://www.example.org/a").outlet
'example.org'
"""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from typing import Any
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
from trafilatura import bare_extraction

from newstally.articles import ArticleInput
from newstally.errors import InputError

# A news page with inline scripts and styles is rarely over 2 MB; 10 MB leaves room for bloated
# pages while bounding the parser's time and memory on hostile input.
MAX_HTML_BYTES = 10 * 1024 * 1024

# htmldate, as trafilatura calls it. `original_date` prefers the publication date over the last
# modification; `extensive_search` is off because it reads dates out of the running text, and a
# news article's text is full of dates that are not its own ("the siege began on 3 May 2022").
DATE_PARAMS: dict[str, Any] = {"original_date": True, "extensive_search": False}

# Elements whose content is never article text, whatever the page does with them.
_NOT_TEXT = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
             "math", "head", "title", "button", "select", "textarea", "form")
# Elements that start a new line when a fragment is flattened to text.
_BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                     "blockquote", "pre", "tr", "table", "section", "article", "header",
                     "footer", "figure", "figcaption", "dd", "dt", "dl", "hr", "aside"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def read_html(
    html: bytes | str,
    *,
    url: str | None = None,
    name: str | None = None,
    encoding: str | None = None,
    fallback_date: dt.date | None = None,
) -> ArticleInput:
    """Extract one article from a page, or raise `InputError` naming `name` (or the URL).

    `encoding` is a hint from the HTTP headers; without it trafilatura reads the page's own
    declaration or guesses. `fallback_date` (a crawl date) is used when the page has none.
    Missing metadata falls back: the outlet is the URL's domain, the date stays unknown.
    """
    label = name or url or "HTML input"
    markup = _decode(html, label, encoding)
    try:
        document = bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            # Tables flatten to rows of cells joined by pipes, which reads as one long
            # sentence; casualty tables belong to a later, table-aware reader.
            include_tables=False,
            date_extraction_params=dict(DATE_PARAMS),
        )
    # trafilatura and lxml raise a zoo of errors on malformed pages; any of them means the
    # same thing to the user: this input gave no article.
    except Exception as exc:
        raise InputError(f"{label}: the HTML could not be parsed ({_first_line(exc)})") from exc
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
    title = _clean(getattr(document, "title", None))
    text = _drop_headline(text, title)
    if not text:
        raise InputError(f"{label}: no article text found in the HTML")
    page_url = url or _clean(getattr(document, "url", None))
    return ArticleInput(
        text=text,
        published=_date(getattr(document, "date", None)) or fallback_date,
        url=page_url,
        title=title,
        outlet=_clean(getattr(document, "sitename", None)) or outlet_from_url(page_url),
        authors=split_authors(getattr(document, "author", None)),
    )


def _decode(html: bytes | str, label: str, encoding: str | None) -> bytes | str:
    size = len(html)
    if size > MAX_HTML_BYTES:
        unit = "bytes" if isinstance(html, bytes) else "characters"
        raise InputError(f"{label}: is {size:,} {unit}; the limit for a page is {MAX_HTML_BYTES:,}")
    if isinstance(html, str):
        if "\x00" in html:
            raise InputError(f"{label}: contains NUL characters; this is not HTML")
        return html
    if not html.strip():
        raise InputError(f"{label}: is empty")
    if encoding:
        try:
            return html.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass  # the header lied; let trafilatura read the page's own declaration
    is_wide = html.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in html[:4096] and not is_wide:
        raise InputError(f"{label}: looks like a binary file, not HTML")
    return html


def _drop_headline(text: str, title: str | None) -> str:
    """Drop a first line that repeats the title: the title is kept in `title`, and a headline
    figure ("Flood kills 12") would otherwise be counted again beside the body's."""
    if not title or not text:
        return text
    first, _, rest = text.partition("\n")
    if _fold(first) == _fold(title):
        return rest.strip()
    return text


def _fold(value: str) -> str:
    return " ".join(value.split()).casefold()


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:200] if lines else type(exc).__name__


def split_authors(value: object) -> tuple[str, ...]:
    """trafilatura joins several authors with '; ': 'Mara Quill; Tomas Reyne' -> two names."""
    if not isinstance(value, str):
        return ()
    names = (" ".join(part.split()) for part in value.split(";"))
    return tuple(dict.fromkeys(n for n in names if n))


def outlet_from_url(url: str | None) -> str | None:
    """The outlet when a page does not name itself: 'https://www.lantern.example/a' ->
    'lantern.example'."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def html_to_text(fragment: str) -> str:
    """Flatten an HTML fragment (a feed entry's content) to plain text, one line per block.

    Fragments are not pages, so trafilatura's boilerplate detection does not apply; this keeps
    every text node except those inside scripts, styles and other non-text elements.

    >>> html_to_text("<p>Two killed.</p><script>alert(1)</script><p>Five hurt.</p>")
    'Two killed.\\nFive hurt.'
    """
    if "<" not in fragment:
        return _tidy(unescape(fragment))
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    lxml.etree.strip_elements(root, *_NOT_TEXT, with_tail=False)
    lxml.etree.strip_elements(root, lxml.etree.Comment, lxml.etree.ProcessingInstruction,
                              with_tail=False)
    # iterwalk, not recursion: hostile fragments can nest thousands of elements deep.
    parts: list[str] = []
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        block = isinstance(element.tag, str) and element.tag in _BLOCKS
        if block:
            parts.append("\n")
        if event == "start":
            parts.append(element.text or "")
        elif element is not root:
            parts.append(element.tail or "")
    return _tidy("".join(parts))


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
