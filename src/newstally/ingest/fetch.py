"""Fetch articles from the web, safely and politely.

A URL list is hostile input: it can point at the machine itself, the local network or a cloud
metadata service (169.254.169.254), redirect forever, or send an endless body. So every hop of a
fetch resolves the host and checks every address before any connection is made, and then
connects to the checked address (the host is not resolved twice, so DNS cannot change its
answer in between); redirects are followed by hand, each one checked again; bodies are streamed
and cut off at a size cap and a deadline. Private, loopback, link-local, multicast and reserved
addresses are refused unless the caller allows them (tests fetch from 127.0.0.1 that way).

Politeness: a few requests at a time overall, at most `per_host` to any one host, and a
User-Agent that names newstally.

>>> blocked_reason(ipaddress.ip_address("169.254.169.254"))
'link-local'
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version

import httpx

from newstally.articles import ArticleInput
from newstally.errors import InputError
from newstally.ingest.feeds import MAX_FEED_BYTES, iter_feed, looks_like_feed
from newstally.ingest.html import MAX_HTML_BYTES, read_html
from newstally.ingest.results import Failed, Ingested

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

MAX_BODY_BYTES = max(MAX_HTML_BYTES, MAX_FEED_BYTES)
MAX_REDIRECTS = 5
# connect: a server that does not answer in 5 s is down; read: 15 s between two packets;
# deadline: a whole fetch, so a server that trickles one byte a second is cut off too.
TIMEOUT = httpx.Timeout(15.0, connect=5.0)
DEADLINE_SECONDS = 60.0
WORKERS = 4
PER_HOST = 2

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/x-rss+xml", "application/x-atom+xml")
XML_TYPES = ("application/xml", "text/xml")
# Servers that do not know a file's type say one of these; the body is sniffed instead.
VAGUE_TYPES = ("", "application/octet-stream", "binary/octet-stream", "text/plain")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


def user_agent() -> str:
    try:
        release = version("newstally")
    except PackageNotFoundError:
        release = "dev"
    return f"newstally/{release} (news figure ledger; polite fetcher)"


@dataclass(frozen=True)
class AddressPolicy:
    """Which addresses may be connected to. By default only public (global) ones;
    `allow_private` lifts the check, `allowed` lets chosen networks through."""

    allow_private: bool = False
    allowed: tuple[IPNetwork, ...] = ()

    def reason_to_refuse(self, address: IPAddress) -> str | None:
        if self.allow_private or any(address in network for network in self.allowed):
            return None
        return blocked_reason(address)


def blocked_reason(address: IPAddress) -> str | None:
    """Why an address is not a public web server's, or None when it is.

    The order matters: 127.0.0.1 is also 'private' and 169.254.x also 'private' to Python,
    and the more specific word helps the user more.
    """
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
        ("not public", not address.is_global),
    )
    return next((word for word, hit in checks if hit), None)


@dataclass(frozen=True)
class Page:
    """A fetched body: the URL it finally came from (after redirects) and its media type."""

    url: str
    content_type: str
    charset: str | None
    body: bytes


@dataclass
class Fetcher:
    """Fetch pages with one connection pool. Thread-safe; use `fetch_articles` for a batch."""

    policy: AddressPolicy = field(default_factory=AddressPolicy)
    timeout: httpx.Timeout = field(default_factory=lambda: TIMEOUT)
    deadline_seconds: float = DEADLINE_SECONDS
    max_bytes: int = MAX_BODY_BYTES
    max_redirects: int = MAX_REDIRECTS
    # The TLS trust store: True for the system's, or a context (tests trust their own CA).
    verify: ssl.SSLContext | bool = True
    client: httpx.Client = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # No keep-alive: connections are made to checked IP addresses with the host name sent
        # as SNI and Host, and a pooled TLS connection for one name must never serve another.
        # No environment proxies: the address check must be about the server we connect to.
        self.client = httpx.Client(
            timeout=self.timeout,
            verify=self.verify,
            follow_redirects=False,
            trust_env=False,
            limits=httpx.Limits(max_connections=WORKERS * PER_HOST, max_keepalive_connections=0),
            headers={"User-Agent": user_agent(), "Accept-Encoding": "gzip"},
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def fetch(self, url: str) -> Page:
        """GET a URL, following at most `max_redirects` redirects, each one checked."""
        deadline = time.monotonic() + self.deadline_seconds
        current = parse_url(url)
        for _hop in range(self.max_redirects + 1):
            address = resolve_checked(current, self.policy, url)
            try:
                with self.client.stream(
                    "GET", _pinned(current, address), headers={"Host": _host_header(current)},
                    extensions=_tls_name(current, address),
                ) as response:
                    if response.status_code in _REDIRECTS and "Location" in response.headers:
                        current = _redirect_target(current, response.headers["Location"], url)
                        continue
                    if response.status_code != 200:
                        raise InputError(f"{url}: the server answered HTTP {response.status_code}")
                    body = self._read_body(response, url, deadline)
                    media_type, charset = _media_type(response.headers.get("Content-Type", ""))
                    return Page(str(current), media_type, charset, body)
            except httpx.TimeoutException as exc:
                raise InputError(f"{url}: timed out ({type(exc).__name__})") from exc
            except httpx.HTTPError as exc:
                raise InputError(f"{url}: cannot be fetched ({_first_line(exc)})") from exc
        raise InputError(f"{url}: more than {self.max_redirects} redirects")

    def _read_body(self, response: httpx.Response, url: str, deadline: float) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise InputError(
                f"{url}: the body is {int(declared):,} bytes; the limit is {self.max_bytes:,}"
            )
        encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
        if encoding not in ("identity", "gzip", "x-gzip", ""):
            raise InputError(f"{url}: unsupported content encoding {encoding!r}")
        # Decoded here, not by httpx, so that the cap applies to what gzip inflates to as well.
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if "gzip" in encoding else None
        chunks: list[bytes] = []
        size = 0
        for raw in response.iter_raw(_CHUNK):
            if time.monotonic() > deadline:
                raise InputError(f"{url}: took longer than {self.deadline_seconds:g} s")
            chunk = raw
            if inflater is not None:
                try:
                    chunk = inflater.decompress(raw, self.max_bytes + 1 - size)
                except zlib.error as exc:
                    raise InputError(f"{url}: the gzip body is corrupt") from exc
            size += len(chunk)
            if size > self.max_bytes:
                raise InputError(f"{url}: the body is over {self.max_bytes:,} bytes; cut off")
            chunks.append(chunk)
        return b"".join(chunks)


def parse_url(url: str) -> httpx.URL:
    """An http(s) URL with a host, or an `InputError`."""
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise InputError(f"{url}: is not a valid URL") from exc
    if parsed.scheme not in ("http", "https"):
        raise InputError(f"{url}: only http and https URLs can be fetched")
    if not parsed.raw_host:
        raise InputError(f"{url}: has no host")
    return parsed


def resolve_checked(target: httpx.URL, policy: AddressPolicy, name: str) -> IPAddress:
    """Resolve a URL's host and check every address it has; return the one to connect to.

    Every address is checked, not just the first: a name that resolves to both a public and a
    private address is refused.
    """
    host = target.raw_host.decode("ascii")
    addresses = _resolve(host, target.port or (443 if target.scheme == "https" else 80), name)
    for address in addresses:
        reason = policy.reason_to_refuse(address)
        if reason is not None:
            where = host if str(address) == host else f"{host} ({address})"
            raise InputError(
                f"{name}: refused, {where} is a {reason} address (use --allow-private to allow)"
            )
    return addresses[0]


def _resolve(host: str, port: int, name: str) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(f"{name}: cannot resolve host {host}") from exc
    addresses: list[IPAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise InputError(f"{name}: cannot resolve host {host}")
    return addresses


def _pinned(target: httpx.URL, address: IPAddress) -> httpx.URL:
    return target.copy_with(host=str(address))


def _host_header(target: httpx.URL) -> str:
    host = target.raw_host.decode("ascii")
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{target.port}" if target.port else host


def _tls_name(target: httpx.URL, address: IPAddress) -> dict[str, str]:
    """For https, verify the certificate against the host name, not the pinned address."""
    host = target.raw_host.decode("ascii")
    if target.scheme != "https" or host == str(address):
        return {}
    return {"sni_hostname": host}


def _redirect_target(current: httpx.URL, location: str, name: str) -> httpx.URL:
    try:
        following = current.join(location)
    except (httpx.InvalidURL, ValueError) as exc:
        raise InputError(f"{name}: redirects to an invalid URL") from exc
    if following.scheme not in ("http", "https"):
        raise InputError(f"{name}: redirects to a {following.scheme} URL; refused")
    return parse_url(str(following))


def _media_type(header: str) -> tuple[str, str | None]:
    media_type, *parameters = header.split(";")
    charset = None
    for parameter in parameters:
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media_type.strip().lower(), charset


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0][:200] if lines else type(exc).__name__


def page_articles(page: Page, name: str) -> list[Ingested | Failed]:
    """Read a fetched page: an HTML page is one article, a feed one per entry."""
    kind = page.content_type
    vague = kind in VAGUE_TYPES
    is_feed = kind in FEED_TYPES or ((kind in XML_TYPES or vague) and looks_like_feed(page.body))
    if is_feed:
        return list(iter_feed(page.body, name))
    if kind in HTML_TYPES or (vague and b"<html" in page.body[:4096].lower()):
        article = read_html(page.body, url=page.url, name=name, encoding=page.charset)
        return [Ingested(name, article)]
    raise InputError(f"{name}: is {kind or 'of unknown type'}, not an HTML page or a feed")


def fetch_article(url: str, *, allow_private: bool = False) -> ArticleInput:
    """Fetch one web page and read its article; `InputError` says why not."""
    with Fetcher(AddressPolicy(allow_private=allow_private)) as fetcher:
        page = fetcher.fetch(url)
    if page.content_type and page.content_type not in HTML_TYPES:
        raise InputError(f"{url}: is {page.content_type}, not an HTML page")
    return read_html(page.body, url=page.url, name=url, encoding=page.charset)


def fetch_articles(
    urls: Iterable[str],
    *,
    allow_private: bool = False,
    fetcher: Fetcher | None = None,
    workers: int = WORKERS,
    per_host: int = PER_HOST,
) -> Iterator[Ingested | Failed]:
    """Fetch many URLs a few at a time and yield their articles in input order.

    At most `workers` fetches run at once and at most `per_host` of them to one host; only a
    small window of results is held, so a list of a million URLs streams.
    """
    own = fetcher is None
    active = fetcher or Fetcher(AddressPolicy(allow_private=allow_private))
    hosts: dict[str, threading.Semaphore] = {}
    lock = threading.Lock()

    def host_slot(url: str) -> threading.Semaphore:
        try:
            key = httpx.URL(url.strip()).host
        except (httpx.InvalidURL, TypeError, ValueError):
            key = ""
        with lock:
            return hosts.setdefault(key, threading.Semaphore(per_host))

    def one(url: str) -> list[Ingested | Failed]:
        with host_slot(url):
            try:
                return page_articles(active.fetch(url), url)
            except InputError as exc:
                return [Failed(url, str(exc))]

    try:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch") as pool:
            window: deque[Future[list[Ingested | Failed]]] = deque()
            for url in urls:
                window.append(pool.submit(one, url))
                if len(window) >= workers * 4:
                    yield from window.popleft().result()
            while window:
                yield from window.popleft().result()
    finally:
        if own:
            active.close()
