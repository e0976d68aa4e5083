"""A real HTTP server on 127.0.0.1 serving good and hostile responses for URL-ingest tests."""

from __future__ import annotations

import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


def _cp1251_page() -> bytes:
    from tests.ingest.test_encodings import page

    return page("ru").encode("cp1251")


def _routes(port: int) -> dict[str, tuple[int, dict[str, str], bytes]]:
    html = (DATA / "wordpress.html").read_bytes()
    return {
        "/article.html": (200, {"Content-Type": "text/html; charset=utf-8"}, html),
        "/article.txt": (200, {"Content-Type": "text/plain; charset=utf-8"}, (DATA / "de_kommentare.txt").read_bytes()),
        "/latin1.html": (200, {"Content-Type": "text/html; charset=iso-8859-1"}, (DATA / "no_comments.html").read_bytes()),
        "/cp1251.html": (200, {"Content-Type": "text/html; charset=windows-1251"}, _cp1251_page()),
        "/untyped": (200, {}, html),
        "/missing": (404, {"Content-Type": "text/html"}, b"<h1>Not Found</h1>"),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
        "/pdf-as-html": (200, {"Content-Type": "text/html"}, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
        "/declared-huge": (200, {"Content-Type": "text/html", "Content-Length": str(500 * 1024 * 1024)}, b""),
        "/empty": (200, {"Content-Type": "text/html"}, b""),
        "/nav-only": (200, {"Content-Type": "text/html"},
                      b"<html><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav></body></html>"),
        "/no-location": (302, {"Content-Type": "text/html"}, b""),
        "/to-private": (302, {"Location": "http://10.0.0.1/internal"}, b""),
        "/to-metadata": (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
        "/to-loopback-alias": (302, {"Location": f"http://127.0.0.2:{port}/article.html"}, b""),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/to-article": (301, {"Location": "/article.html"}, b""),
    }


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    routes: dict = {}
    seen_agents: list[str] = []

    def log_message(self, *args) -> None:  # quiet
        return None

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        path = self.path.split("?")[0]
        if path.startswith("/chain/"):
            n = int(path.rsplit("/", 1)[1])
            target = "/article.html" if n <= 0 else f"/chain/{n - 1}"
            return self._send(302, {"Location": target}, b"")
        if path == "/slow":  # headers, then silence longer than the read timeout
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.flush()
            time.sleep(2.0)
            return None
        if path == "/drip":  # one byte at a time, each within the read timeout, forever
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            try:
                for _ in range(100):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
            return None
        if path == "/stream-big":  # no Content-Length, more bytes than the cap
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(64):
                    self.wfile.write(b"<p>" + b"x" * 8192 + b"</p>")
            except OSError:
                pass
            self.close_connection = True
            return None
        if path == "/gzip-bomb":
            body = self.server.gzip_bomb  # type: ignore[attr-defined]
            return self._send(200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, body)
        if path == "/gzip-ok":
            body = gzip.compress((DATA / "wordpress.html").read_bytes())
            return self._send(200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, body)
        route = self.routes.get(path)
        if route is None:
            return self._send(404, {"Content-Type": "text/plain"}, b"not here")
        return self._send(*route)


@pytest.fixture(scope="session")
def http_server():
    """Base URL of a threaded HTTP server on 127.0.0.1 (port chosen by the OS)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.gzip_bomb = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)  # type: ignore[attr-defined]
    _Handler.routes = _routes(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def seen_agents() -> list[str]:
    return _Handler.seen_agents


@pytest.fixture
def local_http():
    """An ``HttpConfig`` that allows exactly 127.0.0.1, with short timeouts."""
    from factdesk.config import HttpConfig

    return HttpConfig(allowed_hosts=["127.0.0.1"], read_timeout_s=0.3, connect_timeout_s=1.0,
                      total_timeout_s=1.0, max_bytes=256 * 1024)
