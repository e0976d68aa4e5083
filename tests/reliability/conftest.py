"""Shared tools for the reliability tests: a hostile HTTP server on 127.0.0.1, a test-only DNS
resolver, a guard that records every outgoing connection, and a CLI runner that measures the peak
memory of the child process."""

from __future__ import annotations

import ipaddress
import json
import os
import socket
import subprocess
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: names only this test resolver knows (the ``.test`` TLD is reserved, so nothing real is shadowed)
TEST_HOSTS = {
    "intranet.test": "10.0.0.1",
    "metadata.test": "169.254.169.254",
    "loopback.test": "127.0.0.1",
    "v6-loopback.test": "::1",
}


# -- a connection guard: every connect() in this process is recorded --------------------------------
_CONNECTS: list[str] = []
_GUARD_ON = False


class BlockedConnect(ConnectionRefusedError):
    """Raised by the guard instead of letting a test connect anywhere but 127.0.0.1."""


def _audit(event: str, args) -> None:
    if _GUARD_ON and event == "socket.connect":
        addr = args[1]
        if isinstance(addr, tuple) and addr:
            _CONNECTS.append(str(addr[0]))
            if not only_loopback([str(addr[0])]):
                # a regression in the guard must fail the test, never send a packet out
                raise BlockedConnect(f"test guard blocked a connection to {addr[0]}")


sys.addaudithook(_audit)


@pytest.fixture
def connections():
    """The list of addresses this process connected to while the test ran (socket audit events)."""
    global _GUARD_ON
    _CONNECTS.clear()
    _GUARD_ON = True
    try:
        yield _CONNECTS
    finally:
        _GUARD_ON = False


def only_loopback(addresses: list[str]) -> bool:
    return all(ipaddress.ip_address(a.split("%")[0]) == ipaddress.ip_address("127.0.0.1") for a in addresses)


@pytest.fixture
def test_resolver(monkeypatch):
    """Resolve the names in ``TEST_HOSTS`` to their (private) addresses; anything else as usual."""
    real = socket.getaddrinfo

    def fake(host, port, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name in TEST_HOSTS:
            ip = TEST_HOSTS[name]
            fam = socket.AF_INET6 if ":" in ip else socket.AF_INET
            sockaddr = (ip, int(port or 80), 0, 0) if fam == socket.AF_INET6 else (ip, int(port or 80))
            return [(fam, socket.SOCK_STREAM, 6, "", sockaddr)]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return TEST_HOSTS


# -- a hostile HTTP server ---------------------------------------------------------------------------
def _repeat_deflate(block: bytes, count: int) -> bytes:
    """Raw deflate of ``block * count``, built fast: after a full flush the compressor forgets its
    history, so every further copy of the block compresses to the very same bytes."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    first = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
    again = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
    return first + again * (count - 1) + comp.flush(zlib.Z_FINISH)


def _gzip_bomb(megabytes: int) -> bytes:
    """A valid gzip body that inflates to ``megabytes`` MiB of zeros (about 1000:1)."""
    import struct

    block = b"\0" * (1 << 20)
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(block, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    trailer = struct.pack("<II", crc & 0xFFFFFFFF, (megabytes << 20) & 0xFFFFFFFF)
    return header + _repeat_deflate(block, megabytes) + trailer


def _deflate_bomb(megabytes: int) -> bytes:
    """A valid zlib-wrapped deflate body that inflates to ``megabytes`` MiB of spaces."""
    import struct

    block = b" " * (1 << 20)
    adler = 1
    for _ in range(megabytes):
        adler = zlib.adler32(block, adler)
    return b"\x78\xda" + _repeat_deflate(block, megabytes) + struct.pack(">I", adler & 0xFFFFFFFF)


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
    )
    + b']><rss version="2.0"><channel><title>Desk</title><item><title>&lol9;</title>'
    b"<link>https://news.example/a</link><description>&lol9;</description></item></channel></rss>"
)


class HostileSite:
    """Routes: path → (status, headers, body). ``hits`` lists the paths requested."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.hits: list[str] = []
        self.base = ""


@pytest.fixture(scope="session")
def hostile_site():
    site = HostileSite()
    gz, dfl = _gzip_bomb(512), _deflate_bomb(128)  # 512 MiB and 128 MiB once inflated

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            return None

        def do_GET(self) -> None:  # noqa: N802
            path = self.path.split("?")[0]
            site.hits.append(path)
            status, headers, body = site.routes.get(path, (404, {"Content-Type": "text/plain"}, b"no"))
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address) -> None:  # a client that hangs up mid-bomb: fine
            return None

    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    html = {"Content-Type": "text/html; charset=utf-8"}
    rss = {"Content-Type": "application/rss+xml"}
    site.routes.update({
        "/gzip-bomb.html": (200, {**html, "Content-Encoding": "gzip"}, gz),
        "/deflate-bomb.html": (200, {**html, "Content-Encoding": "deflate"}, dfl),
        "/laughs.xml": (200, rss, LAUGHS),
        "/to-metadata": (302, {"Location": "http://169.254.169.254/latest/meta-data/iam"}, b""),
        "/to-private": (307, {"Location": "http://10.0.0.1/admin"}, b""),
        "/to-intranet-name": (302, {"Location": "http://intranet.test/wiki"}, b""),
        "/to-metadata-name": (301, {"Location": "http://metadata.test/latest"}, b""),
        "/to-ftp": (302, {"Location": "ftp://127.0.0.1/pub/file"}, b""),
        "/hop1": (302, {"Location": "/hop2"}, b""),
        "/hop2": (302, {"Location": "http://10.0.0.1/third-hop"}, b""),
        "/feed-private-items.xml": (200, rss, (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>'
            b"<item><title>Inside</title><link>http://10.0.0.1/story</link></item>"
            b"<item><title>Meta</title><link>http://169.254.169.254/latest/meta-data/</link></item>"
            b"</channel></rss>")),
    })
    yield site
    server.shutdown()


@pytest.fixture(scope="session")
def local_config_file(tmp_path_factory) -> Path:
    """A config that lets factdesk fetch from 127.0.0.1 only (what an operator would opt into)."""
    path = tmp_path_factory.mktemp("cfg") / "local.toml"
    path.write_text('[sources]\nuse = ["local"]\n[http]\nallowed_hosts = ["127.0.0.1"]\nread_timeout_s = 5.0\n'
                    "total_timeout_s = 20.0\n", encoding="utf-8")
    return path


# -- the real CLI, with the child's peak memory ------------------------------------------------------
_WRAPPER = r"""
import json, resource, subprocess, sys
stdin_path, report = sys.argv[1], sys.argv[2]
with open(stdin_path, "rb") if stdin_path else open("/dev/null", "rb") as fh:
    proc = subprocess.run(sys.argv[3:], stdin=fh, capture_output=True)
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(report, "w") as out:
    json.dump({"rc": proc.returncode, "peak_mib": peak_kib / 1024,
               "stdout": proc.stdout.decode("utf-8", "replace"), "stderr": proc.stderr.decode("utf-8", "replace")}, out)
"""


def run_cli_measured(*args: str, stdin_path: Path | None = None, tmp: Path, timeout: float = 120) -> dict:
    """Run ``factdesk ARGS`` in a child whose only child is the CLI; returns rc, stdout, stderr and
    ``peak_mib`` (``getrusage(RUSAGE_CHILDREN).ru_maxrss`` of that one CLI process)."""
    report = tmp / f"measure-{os.getpid()}-{abs(hash(args))}.json"
    env = {**os.environ, "FACTDESK_CONFIG": "/nonexistent/factdesk.toml", "OMP_NUM_THREADS": "1",
           "PYTHONPATH": str(ROOT / "src")}
    subprocess.run(
        [sys.executable, "-c", _WRAPPER, str(stdin_path or ""), str(report), sys.executable, "-m", "factdesk", *args],
        env=env, timeout=timeout, check=True,
    )
    return json.loads(report.read_text())


def one_error_line(stderr: str) -> str:
    """The single non-blank stderr line (asserts there is exactly one and no traceback)."""
    assert "Traceback" not in stderr, stderr[-3000:]
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, stderr[-3000:]
    return lines[0]
