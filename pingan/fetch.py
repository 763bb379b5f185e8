"""A web address -> the page's bytes, fetched with limits.

Only ``http`` and ``https``. The host's addresses are resolved and checked before
connecting, and the connection goes to the address that was checked (a name that
resolves differently a moment later cannot redirect it): private, loopback, link-local
and other non-public addresses are refused unless ``allow_private`` (or the environment
variable ``PINGAN_ALLOW_PRIVATE_URLS=1``, for tests and intranets) allows them. Every
redirect is checked the same way. Each network wait is bounded by ``timeout`` and the
whole download by ``deadline``; the body may be at most the upload limit. Failures raise
:class:`~pingan.decode.BadInput` naming the address: not found (404), another HTTP error,
a type that is not a document, a time-out, an unknown host, a refused connection.
"""
from __future__ import annotations

import http.client
import ipaddress
import os
import posixpath
import re
import socket
import ssl
import time
import urllib.parse
import zlib
from dataclasses import dataclass

from .decode import MAX_BYTES, BadInput

ENV_ALLOW_PRIVATE = "PINGAN_ALLOW_PRIVATE_URLS"
TIMEOUT = 15.0       # seconds for the connection and for each wait for data
DEADLINE = 60.0      # seconds for the whole download
MAX_REDIRECTS = 5
USER_AGENT = "Mozilla/5.0 (compatible; pingan/0.1; +https://pypi.org/project/pingan/)"

# content type -> suffix of the document's name (the suffix picks the reader)
TYPES = {
    "text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}


@dataclass
class Fetched:
    url: str            # the address asked for (the document's source)
    final_url: str      # after redirects
    name: str           # a file name for the document: host and path, with the type's suffix
    data: bytes
    content_type: str


def is_address(text: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", text.strip()))


def _allowed(ip: str, allow_private: bool) -> bool:
    addr = ipaddress.ip_address(ip.split("%")[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    return allow_private or (addr.is_global and not addr.is_multicast)


def _resolve(url: str, host: str, port: int, allow_private: bool, timeout: float) -> str:
    """The first of the host's addresses, all of them checked."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise BadInput(url, f"unknown host {host!r} (the name does not resolve)") from None
    except UnicodeError:
        raise BadInput(url, f"invalid host name {host!r}") from None
    addrs = [info[4][0] for info in infos]
    if not addrs:
        raise BadInput(url, f"unknown host {host!r}")
    for ip in addrs:
        if not _allowed(ip, allow_private):
            raise BadInput(url, f"refused: {host} is a private, loopback or otherwise non-public address ({ip})")
    return addrs[0]


def _name(final_url: str, suffix: str) -> str:
    parts = urllib.parse.urlsplit(final_url)
    stem = posixpath.basename(parts.path.rstrip("/")) or "index"
    stem = re.sub(r"\.(s?html?|php|aspx?|jsp|txt|pdf|docx)$", "", stem, flags=re.I)
    name = re.sub(r"[^\w.-]+", "_", f"{parts.hostname}_{stem}").strip("_")[:120]
    return name + suffix


def _decompress(data: bytes, encoding: str, url: str, max_bytes: int) -> bytes:
    if encoding in ("", "identity"):
        return data
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise BadInput(url, f"the server sent an unsupported content encoding {encoding!r}")
    d = zlib.decompressobj(16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS)
    try:
        out = d.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise BadInput(url, f"the server sent a damaged compressed body: {exc}") from None
    if len(out) > max_bytes:
        raise BadInput(url, f"the page expands to over {max_bytes:,} bytes, over the upload limit")
    return out


def fetch(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES, allow_private: bool | None = None,
          deadline: float = DEADLINE) -> Fetched:
    """Fetch a web page or document by address (see the module's description)."""
    if allow_private is None:
        allow_private = os.environ.get(ENV_ALLOW_PRIVATE) == "1"
    asked = url = url.strip()
    end = time.monotonic() + deadline
    for _ in range(MAX_REDIRECTS + 1):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme.lower() not in ("http", "https"):
            raise BadInput(asked, f"only http:// and https:// addresses can be fetched, not {parts.scheme or '?'}://")
        try:
            host, port = parts.hostname, parts.port
        except ValueError:
            raise BadInput(asked, "the address has an invalid port") from None
        if not host:
            raise BadInput(asked, "the address has no host name")
        port = port or (443 if parts.scheme.lower() == "https" else 80)
        ip = _resolve(asked, host, port, allow_private, timeout)
        if parts.scheme.lower() == "https":
            conn = http.client.HTTPSConnection(host, port, timeout=timeout, context=ssl.create_default_context())
        else:
            conn = http.client.HTTPConnection(host, port, timeout=timeout)
        # connect to the address that was checked, not to a fresh lookup of the name
        conn._create_connection = lambda addr, t=None, src=None, ip=ip: socket.create_connection((ip, addr[1]), t, src)
        path = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
        try:
            conn.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, identity",
                                               "Accept": "text/html,application/xhtml+xml,text/plain,"
                                                         "application/pdf;q=0.9,*/*;q=0.5"})
            resp = conn.getresponse()
            if resp.status in (301, 302, 303, 307, 308) and resp.getheader("Location"):
                url = urllib.parse.urljoin(url, resp.getheader("Location"))
                conn.close()
                continue
            if resp.status == 404 or resp.status == 410:
                raise BadInput(asked, f"page not found (HTTP {resp.status})")
            if resp.status >= 400 or resp.status < 200 or resp.status >= 300:
                raise BadInput(asked, f"the server answered HTTP {resp.status} {resp.reason}".rstrip())
            ctype = (resp.getheader("Content-Type") or "").split(";")[0].strip().lower()
            if ctype not in TYPES:
                raise BadInput(asked, f"not a web page or document: the server sent {ctype or 'no content type'} "
                                      "(HTML, plain text, PDF and .docx can be added)")
            length = resp.getheader("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise BadInput(asked, f"the page is {int(length):,} bytes, over the {max_bytes:,}-byte upload limit")
            chunks, size = [], 0
            while True:
                if time.monotonic() > end:
                    raise BadInput(asked, f"time-out: the download took over {deadline:g} s")
                chunk = resp.read(min(65536, max_bytes + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    raise BadInput(asked, f"the page is over the {max_bytes:,}-byte upload limit")
            data = _decompress(b"".join(chunks), (resp.getheader("Content-Encoding") or "").strip().lower(),
                               asked, max_bytes)
            return Fetched(asked, url, _name(url, TYPES[ctype]), data, ctype)
        except BadInput:
            raise
        except (socket.timeout, TimeoutError):
            raise BadInput(asked, f"time-out: no answer from {host} within {timeout:g} s") from None
        except ConnectionRefusedError:
            raise BadInput(asked, f"{host} refused the connection") from None
        except ssl.SSLError as exc:
            raise BadInput(asked, f"secure connection to {host} failed: {exc.reason or exc}") from None
        except (http.client.HTTPException, OSError) as exc:
            raise BadInput(asked, f"could not fetch the page: {type(exc).__name__}: {exc}") from None
        finally:
            conn.close()
    raise BadInput(asked, f"more than {MAX_REDIRECTS} redirects")
