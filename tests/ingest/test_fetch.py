"""The fetcher, against a real HTTP server on a free loopback port started here.

Only 127.0.0.1 is ever connected to: a guard fails the test if anything else is, so the refusals
below are proven to happen before any connection.
"""

from __future__ import annotations

import gzip
import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from newstally.errors import InputError
from newstally.ingest.fetch import (
    AddressPolicy,
    Fetcher,
    blocked_reason,
    fetch_article,
    fetch_articles,
    user_agent,
)
from newstally.ingest.results import Failed, Ingested

PAGE = b"""<html><head><title>Flood kills 12 in Valdoria</title>
<meta property="og:site_name" content="The Daily Lantern"></head><body>
<nav>Home | World | Sport</nav><article>
<p>At least 12 people were killed and 40 injured when the Ostra river burst its banks on
Monday, the regional governor said.</p>
<p>Rescue teams were still searching for seven people reported missing.</p></article>
<script>alert("FETCH-SCRIPT")</script></body></html>"""

FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Lantern</title>
<item><title>Bridge closed</title><link>https://lantern.example/bridge</link>
<description>Three people were injured on the Kesh bridge.</description></item>
</channel></rss>"""

BIG = 11 * 1024 * 1024


class Handler(BaseHTTPRequestHandler):
    """Routes for every case; requests are recorded on the server."""

    server: Server
    protocol_version = "HTTP/1.0"

    def log_message(self, *_: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 -- the name http.server calls
        self.server.record(self.path, dict(self.headers))
        path = self.path
        if path == "/article":
            self.reply(200, PAGE)
        elif path == "/moved":
            self.redirect("/article")
        elif path == "/loop":
            self.redirect("/loop")
        elif path.startswith("/chain/"):
            hops = int(path.rsplit("/", 1)[1])
            self.redirect(f"/chain/{hops - 1}" if hops else "/article")
        elif path == "/to-private":
            self.redirect("http://10.0.0.1/secret")
        elif path == "/to-file":
            self.redirect("file:///etc/passwd")
        elif path == "/big":
            self.stream_forever()
        elif path == "/big-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50_000_000))
            self.end_headers()
        elif path == "/gzip":
            self.reply(200, gzip.compress(PAGE), headers={"Content-Encoding": "gzip"})
        elif path == "/bomb":
            bomb = gzip.compress(b"<p>" + b"0" * BIG)
            self.reply(200, bomb, headers={"Content-Encoding": "gzip"})
        elif path == "/feed":
            self.reply(200, FEED, content_type="application/rss+xml")
        elif path == "/image":
            self.reply(200, b"\x89PNG\r\n\x1a\n", content_type="image/png")
        elif path == "/slow":
            time.sleep(2)
            self.reply(200, PAGE)
        elif path.startswith("/busy/"):
            with self.server.lock:
                self.server.active += 1
                self.server.peak = max(self.server.peak, self.server.active)
            time.sleep(0.2)
            with self.server.lock:
                self.server.active -= 1
            self.reply(200, PAGE.replace(b"Monday", path.encode()))
        else:
            self.reply(404, b"<html>Not found</html>")

    def reply(self, status: int, body: bytes, *, content_type: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def stream_forever(self) -> None:
        """No Content-Length: the body ends when the connection closes, which it never does
        unless the client stops reading."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        chunk = b"<p>" + b"x" * 65_533
        try:
            for _ in range(BIG // len(chunk) * 4):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.lock = threading.Lock()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.active = 0
        self.peak = 0

    def record(self, path: str, headers: dict[str, str]) -> None:
        with self.lock:
            self.requests.append((path, headers))

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def server() -> Iterator[Server]:
    httpd = Server()
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fail loudly if the fetcher ever connects anywhere but 127.0.0.1."""
    connected: list[str] = []
    real = socket.create_connection

    def guarded(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        connected.append(address[0])
        assert address[0] == "127.0.0.1", f"connection attempted to {address[0]}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)
    return connected


LOOPBACK_ONLY = AddressPolicy(allowed=(ipaddress.ip_network("127.0.0.1/32"),))


def test_fetch_a_page(server: Server) -> None:
    article = fetch_article(f"{server.base}/article", allow_private=True)
    assert article.title == "Flood kills 12 in Valdoria"
    assert article.outlet == "The Daily Lantern"
    assert article.url == f"{server.base}/article"
    assert article.text.startswith("At least 12 people were killed")
    assert "FETCH-SCRIPT" not in article.text
    [(path, headers)] = server.requests
    assert headers["User-Agent"] == user_agent()
    assert headers["User-Agent"].startswith("newstally/")
    assert headers["Host"] == f"127.0.0.1:{server.server_address[1]}"


def test_redirect_is_followed_and_the_final_url_kept(server: Server) -> None:
    article = fetch_article(f"{server.base}/moved", allow_private=True)
    assert article.url == f"{server.base}/article"


def test_five_redirects_are_followed_six_are_not(server: Server) -> None:
    with Fetcher(LOOPBACK_ONLY) as fetcher:
        assert fetcher.fetch(f"{server.base}/chain/4").url.endswith("/article")
        with pytest.raises(InputError, match="chain/5: more than 5 redirects"):
            fetcher.fetch(f"{server.base}/chain/5")


def test_redirect_loop_is_capped(server: Server) -> None:
    with Fetcher(LOOPBACK_ONLY) as fetcher, pytest.raises(InputError, match="more than 5"):
        fetcher.fetch(f"{server.base}/loop")
    assert [path for path, _ in server.requests] == ["/loop"] * 6


def test_each_redirect_hop_is_checked_before_connecting(
    server: Server, loopback_only: list[str]
) -> None:
    with Fetcher(LOOPBACK_ONLY) as fetcher, pytest.raises(
        InputError, match=r"to-private: refused, 10\.0\.0\.1 is a private address"
    ):
        fetcher.fetch(f"{server.base}/to-private")
    assert loopback_only == ["127.0.0.1"]


def test_redirect_to_another_scheme_is_refused(server: Server) -> None:
    with Fetcher(LOOPBACK_ONLY) as fetcher, pytest.raises(
        InputError, match="redirects to a file URL; refused"
    ):
        fetcher.fetch(f"{server.base}/to-file")


def test_endless_body_is_cut_off(server: Server) -> None:
    with Fetcher(LOOPBACK_ONLY) as fetcher, pytest.raises(
        InputError, match=r"/big: the body is over 10,485,760 bytes; cut off"
    ):
        fetcher.fetch(f"{server.base}/big")


def test_declared_oversize_body_is_refused_before_reading(server: Server) -> None:
    with Fetcher(LOOPBACK_ONLY) as fetcher, pytest.raises(
        InputError, match=r"the body is 50,000,000 bytes; the limit is 10,485,760"
    ):
        fetcher.fetch(f"{server.base}/big-declared")


def test_gzip_body_is_inflated_and_a_gzip_bomb_cut_off(server: Server) -> None:
    with Fetcher(LOOPBACK_ONLY) as fetcher:
        assert fetcher.fetch(f"{server.base}/gzip").body == PAGE
        with pytest.raises(InputError, match="the body is over 10,485,760 bytes"):
            fetcher.fetch(f"{server.base}/bomb")


def test_slow_server_times_out(server: Server) -> None:
    fetcher = Fetcher(LOOPBACK_ONLY, timeout=httpx.Timeout(0.5))
    with fetcher, pytest.raises(InputError, match="/slow: timed out"):
        fetcher.fetch(f"{server.base}/slow")


def test_http_errors_and_other_media_are_reported(server: Server) -> None:
    urls = [f"{server.base}/{path}" for path in ("nothing-here", "image", "article")]
    results = list(fetch_articles(urls, allow_private=True))
    assert [type(r) for r in results] == [Failed, Failed, Ingested]
    assert results[0].message == f"{urls[0]}: the server answered HTTP 404"
    assert results[1].message == f"{urls[1]}: is image/png, not an HTML page or a feed"


def test_a_feed_url_gives_its_entries(server: Server) -> None:
    [result] = list(fetch_articles([f"{server.base}/feed"], allow_private=True))
    assert isinstance(result, Ingested)
    assert result.article.title == "Bridge closed"
    assert result.article.url == "https://lantern.example/bridge"


def test_polite_concurrency_and_input_order(server: Server) -> None:
    urls = [f"{server.base}/busy/{n}" for n in range(8)]
    results = list(fetch_articles(urls, allow_private=True, workers=4, per_host=2))
    assert [r.name for r in results] == urls
    articles = [r.article for r in results if isinstance(r, Ingested)]
    assert all(f"/busy/{n}" in article.text for n, article in enumerate(articles))
    assert len(articles) == 8
    assert server.peak == 2


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("[::1]", "loopback"),
        ("localhost", "loopback"),
        ("2130706433", "loopback"),  # 127.0.0.1 written as one number
        ("[::ffff:127.0.0.1]", "loopback"),
        ("10.0.0.1", "private"),
        ("192.168.1.20", "private"),
        ("169.254.169.254", "link-local"),
        ("169.254.1.1", "link-local"),
        ("[fe80::1]", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "not public"),
    ],
)
def test_refused_without_the_flag_and_nothing_sent(
    server: Server, loopback_only: list[str], host: str, reason: str
) -> None:
    url = f"http://{host}:{server.server_address[1]}/article"
    with pytest.raises(InputError, match=f"refused, .* is a {reason} address"):
        fetch_article(url)
    results = list(fetch_articles([url]))
    assert isinstance(results[0], Failed) and "--allow-private" in results[0].message
    assert server.requests == []
    assert loopback_only == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/a", "only http and https URLs can be fetched"),
        ("file:///etc/passwd", "only http and https URLs can be fetched"),
        ("http://", "has no host|is not a valid URL"),
    ],
)
def test_unusable_urls(url: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        fetch_article(url)


def test_unresolvable_host(monkeypatch: pytest.MonkeyPatch) -> None:
    """No DNS query leaves the test: the resolver is replaced by one that knows nothing."""

    def unknown(*_: Any, **__: Any) -> list[Any]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", unknown)
    with pytest.raises(InputError, match="cannot resolve host lantern.example"):
        fetch_article("https://lantern.example/world/flood")


def test_a_name_with_any_private_address_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def mixed(host: str, port: int, *_: Any, **__: Any) -> list[Any]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port))]

    monkeypatch.setattr(socket, "getaddrinfo", mixed)
    with pytest.raises(InputError, match=r"lantern.example \(10.1.2.3\) is a private address"):
        fetch_article("https://lantern.example/world/flood")


@pytest.mark.parametrize(
    ("address", "reason"),
    [("8.8.8.8", None), ("2001:4860:4860::8888", None), ("172.16.5.4", "private"),
     ("fc00::1", "private"), ("ff02::1", "multicast")],
)
def test_blocked_reason(address: str, reason: str | None) -> None:
    assert blocked_reason(ipaddress.ip_address(address)) == reason


# --- https: the connection goes to the checked address, the certificate is checked by name ---


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[Server, ssl.SSLContext]]:
    """A loopback HTTPS server with a certificate for lantern.example from a throwaway CA."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("needs the openssl command to make a test certificate")

    def make(*args: str) -> None:
        subprocess.run([openssl, *args], cwd=tmp_path, check=True, capture_output=True)

    ec = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes")
    make("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
         "-subj", "/CN=newstally test CA", "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign")
    make("req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=lantern.example")
    (tmp_path / "san.ext").write_text("subjectAltName=DNS:lantern.example\n")
    make("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
         "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "san.ext")
    httpd = Server()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(tmp_path / "server.pem", tmp_path / "server.key")
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield httpd, ssl.create_default_context(cafile=str(tmp_path / "ca.pem"))
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def names_on_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every name resolves to 127.0.0.1, without asking DNS."""

    def loopback(host: str, port: int, *_: Any, **__: Any) -> list[Any]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(socket, "getaddrinfo", loopback)


@pytest.mark.usefixtures("names_on_loopback")
def test_https_with_the_host_name_verified(tls_server: tuple[Server, ssl.SSLContext]) -> None:
    httpd, trust = tls_server
    port = httpd.server_address[1]
    with Fetcher(LOOPBACK_ONLY, verify=trust) as fetcher:
        page = fetcher.fetch(f"https://lantern.example:{port}/article")
        assert page.url == f"https://lantern.example:{port}/article"
        assert page.body == PAGE
        with pytest.raises(InputError, match="other.example.*cannot be fetched"):
            fetcher.fetch(f"https://other.example:{port}/article")  # not the certificate's name
    assert httpd.requests[0][1]["Host"] == f"lantern.example:{port}"
    assert len(httpd.requests) == 1


@pytest.mark.usefixtures("names_on_loopback")
def test_https_name_on_loopback_refused_without_the_flag(
    tls_server: tuple[Server, ssl.SSLContext], loopback_only: list[str]
) -> None:
    httpd, trust = tls_server
    with Fetcher(verify=trust) as fetcher, pytest.raises(
        InputError, match=r"refused, lantern.example \(127.0.0.1\) is a loopback address"
    ):
        fetcher.fetch(f"https://lantern.example:{httpd.server_address[1]}/article")
    assert loopback_only == []
