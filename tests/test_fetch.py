"""Fetching by address, against a local server on 127.0.0.1 (allowed by the flag), never the internet."""
import gzip
import http.server
import socket
import time

import pytest

from pingan.decode import BadInput
from pingan.fetch import fetch, is_address
from tests.conftest import serve

PAGE = ("<html><head><title>铜陵市召开平安建设新闻发布会</title></head><body><article><h1>铜陵市召开平安建设新闻发布会</h1>"
        "<p>2022年全市群众安全感为98.27%,较上年提高0.4个百分点。</p></article></body></html>").encode("utf-8")


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, code, ctype, body, extra=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/news/2023/page.html":
            self._send(200, "text/html; charset=utf-8", PAGE)
        elif self.path == "/gz":
            self._send(200, "text/html", gzip.compress(PAGE), [("Content-Encoding", "gzip")])
        elif self.path == "/gzbomb":
            self._send(200, "text/html", gzip.compress(b"<p>" + b"a" * 3_000_000), [("Content-Encoding", "gzip")])
        elif self.path == "/moved":
            self._send(302, "text/html", b"", [("Location", "/news/2023/page.html")])
        elif self.path == "/loop":
            self._send(302, "text/html", b"", [("Location", "/loop")])
        elif self.path == "/to-file":
            self._send(302, "text/html", b"", [("Location", "file:///etc/passwd")])
        elif self.path == "/photo.png":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
        elif self.path == "/big":
            self._send(200, "text/html", b"<p>" + b"a" * 5000)
        elif self.path == "/big-unannounced":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<p>" + b"a" * 5000)
        elif self.path == "/error":
            self._send(500, "text/html", b"oops")
        else:
            self._send(404, "text/html", b"<h1>404</h1>")


@pytest.fixture(scope="module")
def server():
    yield from serve(Handler)


@pytest.fixture
def silent_server():
    """Accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(5)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/page.html"
    sock.close()


def test_fetches_a_page(server):
    got = fetch(server + "/news/2023/page.html", allow_private=True)
    assert got.data == PAGE and got.content_type == "text/html"
    assert got.name == "127.0.0.1_page.html" and got.url == server + "/news/2023/page.html"


def test_follows_a_redirect_and_keeps_the_address_asked(server):
    got = fetch(server + "/moved", allow_private=True)
    assert got.data == PAGE and got.url == server + "/moved" and got.final_url.endswith("/news/2023/page.html")


def test_gzip_body_is_decompressed(server):
    assert fetch(server + "/gz", allow_private=True).data == PAGE


@pytest.mark.parametrize("path,kwargs,problem", [
    ("/missing.html", {}, r"page not found \(HTTP 404\)"),
    ("/error", {}, "HTTP 500"),
    ("/photo.png", {}, "not a web page or document: the server sent image/png"),
    ("/big", {"max_bytes": 1000}, "5,003 bytes, over the 1,000-byte upload limit"),
    ("/big-unannounced", {"max_bytes": 1000}, "over the 1,000-byte upload limit"),
    ("/gzbomb", {"max_bytes": 100_000}, "expands to over 100,000 bytes"),
    ("/loop", {}, "more than 5 redirects"),
    ("/to-file", {}, "only http:// and https://"),
])
def test_bad_answers_are_one_clear_line(server, path, kwargs, problem):
    with pytest.raises(BadInput, match=problem) as exc:
        fetch(server + path, allow_private=True, **kwargs)
    assert str(exc.value).startswith(server + path + ": ")


def test_a_server_that_never_answers_times_out(silent_server):
    t0 = time.monotonic()
    with pytest.raises(BadInput, match="time-out: no answer from 127.0.0.1 within 0.5 s"):
        fetch(silent_server, timeout=0.5, allow_private=True)
    assert time.monotonic() - t0 < 5


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/x", "http://localhost/x", "http://10.1.2.3/x",
                                 "http://192.168.0.1/", "http://169.254.169.254/latest/meta-data",
                                 "http://[::1]/x", "http://[::ffff:127.0.0.1]/x", "http://0.0.0.0/"])
def test_private_and_loopback_addresses_are_refused_without_the_flag(url, monkeypatch):
    monkeypatch.delenv("PINGAN_ALLOW_PRIVATE_URLS", raising=False)
    with pytest.raises(BadInput, match="refused: .* non-public address"):
        fetch(url)


def test_the_environment_flag_allows_private_addresses(server, monkeypatch):
    monkeypatch.setenv("PINGAN_ALLOW_PRIVATE_URLS", "1")
    assert fetch(server + "/news/2023/page.html").data == PAGE


@pytest.mark.parametrize("url,problem", [
    ("ftp://example.org/a.txt", "only http:// and https://"),
    ("file:///etc/passwd", "only http:// and https://"),
    ("http:///nohost", "no host name"),
    ("http://example.org:99999/", "invalid port"),
])
def test_malformed_addresses(url, problem):
    with pytest.raises(BadInput, match=problem):
        fetch(url)


def test_is_address():
    assert is_address("https://www.example.gov.cn/a.html") and is_address("http://x")
    assert not is_address("seeds/a.txt") and not is_address("C:\\docs\\a.txt")
