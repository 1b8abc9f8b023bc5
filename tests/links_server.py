"""A real HTTP server on loopback that plays Persian news sites for the link tests.

``with NewsSite() as site:`` starts it on a free port of 127.0.0.1 in a
thread (``NewsSite(tls=context)`` serves HTTPS); ``site.url("/page/wheat")``
builds URLs; ``site.hits`` counts the requests per path and
``site.requests`` records (path, Host, User-Agent).

Routes:
  /page/<name>          a fixture page of tests/fixtures/pages (headers like real sites:
                        charset in the header, in a meta tag only, or nowhere)
  /late/<s>/<name>      the same page, served after <s> seconds (a slow site)
  /redirect/<n>         n redirects (relative Location) ending at /page/wheat
  /loop                 redirects to itself forever
  /to?url=<u>           302 to <u>
  /slow                 headers, then silence
  /endless              an HTML body that never ends
  /bomb                 a small gzip body that inflates to 64 MB
  /ratio                a gzip body under the byte limit that inflates 1000 times
  /pdf, /image          a PDF and a PNG with their content types
  /unlabelled-pdf       a PDF without a content type
  /nav-only             an HTML page with menus and no article
  /status/<code>        an empty page with that status
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import ssl
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

PAGES = Path(__file__).parent / "fixtures" / "pages"

# name -> (file, Content-Type header)
PAGE_TYPES = {
    "wheat": ("wheat.html", "text/html; charset=utf-8"),
    "metro": ("metro.html", "text/html"),
    "dams": ("dams-cp1256.html", "text/html"),
    "exports": ("exports-cp1256.html", "text/html"),
    "dams-latin1": ("dams-cp1256.html", "text/html; charset=ISO-8859-1"),
    "rain": ("rain.txt", "text/plain; charset=utf-8"),
    "wheat-gzip": ("wheat.html", "text/html; charset=utf-8"),
}

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
NAV_ONLY = (
    "<html><head><meta charset='utf-8'><title>خانه</title></head><body>"
    "<nav><a href='/'>صفحه اصلی</a> <a href='/s'>سیاسی</a> <a href='/e'>اقتصادی</a></nav>"
    "<footer>تمامی حقوق محفوظ است</footer></body></html>"
).encode()


@functools.cache
def _gzip_of_zeros(size: int) -> bytes:
    return gzip.compress(b"\0" * size, compresslevel=9)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class NewsSite:
    """The loopback news site (a context manager)."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.scheme = "https" if tls else "http"
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, str, str]] = []
        self.stop = threading.Event()
        self._lock = threading.Lock()
        self.server = _Server(("127.0.0.1", 0), self._handler_class())
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def __enter__(self) -> NewsSite:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()

    def _record(self, path: str, host: str, agent: str) -> None:
        with self._lock:
            self.hits[path] += 1
            self.requests.append((path, host, agent))

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                path = parts.path
                site._record(path, self.headers.get("Host", ""), self.headers.get("User-Agent", ""))
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._route(path, parse_qs(parts.query))

            def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _route(self, path: str, query: dict[str, list[str]]) -> None:
                if path.startswith("/late/"):
                    seconds, _, name = path.removeprefix("/late/").partition("/")
                    site.stop.wait(float(seconds))
                    path = "/page/" + name
                if path.startswith("/page/"):
                    name = path.removeprefix("/page/")
                    if name not in PAGE_TYPES:
                        self._send(404, b"not found", {"Content-Type": "text/plain"})
                        return
                    file, ctype = PAGE_TYPES[name]
                    body = (PAGES / file).read_bytes()
                    headers = {"Content-Type": ctype}
                    if name.endswith("-gzip"):
                        body = gzip.compress(body)
                        headers["Content-Encoding"] = "gzip"
                    self._send(200, body, headers)
                elif path.startswith("/redirect/"):
                    left = int(path.removeprefix("/redirect/"))
                    target = "/page/wheat" if left <= 1 else f"/redirect/{left - 1}"
                    self._send(302, b"", {"Location": target})
                elif path == "/loop":
                    self._send(301, b"", {"Location": "/loop"})
                elif path == "/to":
                    self._send(302, b"", {"Location": query["url"][0]})
                elif path == "/slow":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", "100000")
                    self.end_headers()
                    self.wfile.flush()
                    deadline = time.monotonic() + 30
                    while not site.stop.is_set() and time.monotonic() < deadline:
                        time.sleep(0.05)
                elif path == "/endless":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Connection", "close")
                    self.end_headers()
                    chunk = ("<p>" + "خبر فوری " * 400 + "</p>\n").encode()
                    sent = 0
                    while not site.stop.is_set() and sent < 512 * 1024 * 1024:
                        self.wfile.write(chunk)
                        sent += len(chunk)
                elif path in ("/bomb", "/ratio"):
                    size = 64 * 1024 * 1024 if path == "/bomb" else 2 * 1024 * 1024
                    body = _gzip_of_zeros(size)
                    self._send(200, body, {"Content-Type": "text/html", "Content-Encoding": "gzip"})
                elif path == "/pdf":
                    self._send(200, PDF, {"Content-Type": "application/pdf"})
                elif path == "/image":
                    self._send(200, PNG, {"Content-Type": "image/png"})
                elif path == "/unlabelled-pdf":
                    self._send(200, PDF, {})
                elif path == "/nav-only":
                    self._send(200, NAV_ONLY, {"Content-Type": "text/html; charset=utf-8"})
                elif path.startswith("/status/"):
                    code = int(path.removeprefix("/status/"))
                    body = b"<html><body>error</body></html>"
                    self._send(code, body, {"Content-Type": "text/html"})
                else:
                    self._send(404, b"not found", {"Content-Type": "text/plain"})

        return Handler
