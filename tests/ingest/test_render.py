"""Pages that need a browser: rendered by Debian's chromium through Playwright, every request of
the browser fetched by factdesk's own fetcher (SSRF guard, size and time caps) — against real
HTTP servers on 127.0.0.1 (and one on 127.0.0.2 that must never be reached)."""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from factdesk.config import Config, HttpConfig, IngestConfig
from factdesk.errors import FetchError
from factdesk.ingest import fetch_article
from factdesk.ingest.render import render_page

CHROMIUM = "/usr/bin/chromium"
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium is not installed")]

ARTICLE = ("<h1>Harbour Reopens After Repairs</h1>"
           "<p>The island ferry resumed its full timetable on Monday after engineers finished replacing the "
           "hydraulic ramp at the north dock, three weeks later than the port authority had promised.</p>"
           "<p>Commuters had been sent to a temporary landing two kilometres away, where a shuttle bus ran every "
           "twenty minutes for the whole of the repair.</p>")
COMMENTS = [{"author": "Ann Lowry", "when": "2025-03-04T09:02:00Z", "text": "Good to have the ferry back at last."},
            {"author": "Ben Ortiz", "when": "2025-03-04T10:40:00Z",
             "text": "The shuttle drivers deserve a medal for the past three weeks."}]


def html(body: str, title: str = "Harbour Reopens After Repairs | Gazette") -> bytes:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body>{body}</body></html>").encode()


# A self-hosted Commento: the page holds an empty #commento and the script that fills it in.
COMMENTO_JS = b"""
fetch('/api/comments.json').then(r => r.json()).then(list => {
  document.getElementById('commento').innerHTML = '<div id="commento-main-area">' + list.map(c =>
    '<div class="commento-card"><div class="commento-header"><a class="commento-name">' + c.author +
    '</a><div class="commento-timeago" title="' + c.when + '">' + c.when + '</div></div>' +
    '<div class="commento-body"><p>' + c.text + '</p></div></div>').join('') + '</div>';
});
"""
# A Disqus-like widget: the script creates an iframe whose own script fills the thread in.
FRAME_LOADER = b"""
const f = document.createElement('iframe'); f.src = '/embed/thread.html';
document.getElementById('disqus_thread').appendChild(f);
"""
THREAD_PAGE = html("""<ul id="post-list" class="post-list"></ul><script>
fetch('/api/comments.json').then(r => r.json()).then(list => {
  document.getElementById('post-list').innerHTML = list.map(c =>
    '<li class="post"><div class="post-body"><span class="author"><a>' + c.author + '</a></span>' +
    '<a class="time-ago" title="' + c.when + '">1 hour ago</a>' +
    '<div class="post-message"><p>' + c.text + '</p></div></div></li>').join('');
});</script>""", title="Disqus")
# Coral's documented embed: an empty div#coral_thread that the script renders into an open shadow root.
SHADOW_JS = b"""
const root = document.getElementById('coral_thread').attachShadow({mode: 'open'});
fetch('/api/comments.json').then(r => r.json()).then(list => {
  root.innerHTML = '<div class="coral coral-stream">' + list.map(c => '<div class="coral coral-comment">' +
    '<div class="coral coral-comment-username"><span>' + c.author + '</span></div>' +
    '<time datetime="' + c.when + '">1 hour ago</time>' +
    '<div class="coral coral-comment-content"><p>' + c.text + '</p></div></div>').join('') + '</div>';
});
"""
APP_JS = b"""
fetch('/api/article.json').then(r => r.json()).then(a => {
  document.getElementById('app').innerHTML = '<article>' + a.html + '</article>';
});
"""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    routes: dict = {}
    hits: list[str] = []

    def log_message(self, *args) -> None:
        return None

    def _send(self, status: int, ctype: str, body: bytes, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        path = self.path.split("?")[0]
        self.hits.append(path)
        if path == "/api/slow":  # a widget that polls a slow endpoint for ever
            time.sleep(1.0)
            return self._send(200, "application/json", b"[]")
        route = self.routes.get(path)
        if route is None:
            return self._send(404, "text/plain", b"not here")
        return self._send(*route)


class _Trap(BaseHTTPRequestHandler):
    """The server on 127.0.0.2: a private address the browser must never reach."""

    hits: list[str] = []

    def log_message(self, *args) -> None:
        return None

    def do_GET(self) -> None:  # noqa: N802
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")


def _serve(handler, host: str):
    server = ThreadingHTTPServer((host, 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def site():
    trap = _serve(_Trap, "127.0.0.2")
    trap_url = f"http://127.0.0.2:{trap.server_address[1]}"
    js = "application/javascript"
    _Handler.routes = {
        "/widget.html": (200, "text/html; charset=utf-8", html(
            f"<article>{ARTICLE}</article><div id='commento'></div>"
            "<script src='/commento/js/commento.js'></script>"
            f"<script>fetch('{trap_url}/pixel').catch(() => 0);"
            "fetch('http://169.254.169.254/latest/meta-data/').catch(() => 0);</script>")),
        "/commento/js/commento.js": (200, js, COMMENTO_JS),
        "/api/comments.json": (200, "application/json", json.dumps(COMMENTS).encode()),
        "/frame.html": (200, "text/html; charset=utf-8", html(
            f"<article>{ARTICLE}</article><div id='disqus_thread'></div><script src='/loader.js'></script>")),
        "/loader.js": (200, js, FRAME_LOADER),
        "/embed/thread.html": (200, "text/html; charset=utf-8", THREAD_PAGE),
        "/shadow.html": (200, "text/html; charset=utf-8", html(
            f"<article>{ARTICLE}</article><div id='coral_thread'></div><script src='/shadow.js'></script>")),
        "/shadow.js": (200, js, SHADOW_JS),
        "/app.html": (200, "text/html; charset=utf-8", html("<div id='app'></div><script src='/app.js'></script>")),
        "/app.js": (200, js, APP_JS),
        "/api/article.json": (200, "application/json", json.dumps({"html": ARTICLE}).encode()),
        "/poll.html": (200, "text/html; charset=utf-8", html(
            f"<article>{ARTICLE}</article><script>setInterval(() => fetch('/api/slow'), 300);</script>")),
        "/big.html": (200, "text/html; charset=utf-8", html(
            f"<article>{ARTICLE}</article><script>fetch('/api/big').catch(() => 0);</script>")),
        "/api/big": (200, "application/json", b"[" + b"0," * 200_000 + b"0]"),
        "/report.zip": (200, "application/zip", b"PK\x03\x04" + b"\0" * 100,
                        {"Content-Disposition": "attachment; filename=report.zip"}),
        "/go": (302, "text/plain", b"", {"Location": "/widget.html"}),
        "/loop": (302, "text/plain", b"", {"Location": "/loop"}),
    }
    server = _serve(_Handler, "127.0.0.1")
    try:
        yield {"base": f"http://127.0.0.1:{server.server_address[1]}", "trap": trap_url}
    finally:
        for s in (server, trap):
            s.shutdown()
            s.server_close()


def _config(render: str = "auto", total: float = 20.0, max_bytes: int = 256 * 1024) -> Config:
    return Config(http=HttpConfig(allowed_hosts=["127.0.0.1"], total_timeout_s=total, read_timeout_s=5,
                                  max_bytes=max_bytes),
                  ingest=IngestConfig(render=render, chromium=CHROMIUM))


def _comments(article) -> list[tuple[str | None, str]]:
    return [(c.author, c.text) for c in article.comments]


EXPECTED = [(c["author"], c["text"]) for c in COMMENTS]


def test_a_widget_the_pages_own_script_fills_in(site):
    static = asyncio.run(fetch_article(site["base"] + "/widget.html", _config("never")))
    assert static.comments == [] and len(static.paragraphs) == 2
    art = asyncio.run(fetch_article(site["base"] + "/widget.html", _config("auto")))
    assert art.title == "Harbour Reopens After Repairs"
    assert art.paragraphs == static.paragraphs
    assert _comments(art) == EXPECTED


def test_every_browser_request_goes_through_the_ssrf_guard(site):
    _Trap.hits.clear()
    rendered = asyncio.run(render_page(site["base"] + "/widget.html", _config()))
    assert "commento-card" in rendered.html
    blocked = "\n".join(rendered.blocked)
    assert "127.0.0.2" in blocked and "private or local address" in blocked
    assert "169.254.169.254" in blocked
    time.sleep(0.3)
    assert _Trap.hits == []  # the private server was never reached


def test_a_comment_thread_inside_an_iframe(site):
    art = asyncio.run(fetch_article(site["base"] + "/frame.html", _config("always")))
    assert _comments(art) == EXPECTED
    assert art.comments[0].posted == COMMENTS[0]["when"]


def test_comments_inside_a_shadow_root(site):
    art = asyncio.run(fetch_article(site["base"] + "/shadow.html", _config("always")))
    assert _comments(art) == EXPECTED


def test_a_page_whose_article_arrives_by_script(site):
    from factdesk.errors import InputError

    with pytest.raises(InputError, match="no article found"):
        asyncio.run(fetch_article(site["base"] + "/app.html", _config("never")))
    art = asyncio.run(fetch_article(site["base"] + "/app.html", _config("auto")))
    assert art.title == "Harbour Reopens After Repairs" and len(art.paragraphs) == 2
    assert art.source_kind == "url"


def test_a_page_that_never_goes_quiet_is_cut_at_the_time_limit(site):
    start = time.monotonic()
    art = asyncio.run(fetch_article(site["base"] + "/poll.html", _config("always", total=4.0)))
    assert len(art.paragraphs) == 2
    assert time.monotonic() - start < 4.0 + 10  # the page's own time plus the browser's start and stop


def test_responses_over_the_size_limit_are_refused(site):
    rendered = asyncio.run(render_page(site["base"] + "/big.html", _config(max_bytes=64 * 1024)))
    assert any("/api/big" in b and "too large" in b for b in rendered.blocked)
    assert "Harbour Reopens" in rendered.html


def test_a_download_is_not_a_page(site):
    with pytest.raises(FetchError, match="not an HTML page"):
        asyncio.run(render_page(site["base"] + "/report.zip", _config()))


def test_redirects_are_followed_and_checked(site):
    rendered = asyncio.run(render_page(site["base"] + "/go", _config()))
    assert rendered.final_url == site["base"] + "/widget.html"


def test_a_redirect_loop_is_named(site):
    with pytest.raises(FetchError, match="redirect loop"):
        asyncio.run(render_page(site["base"] + "/loop", _config()))


def test_without_a_browser_auto_keeps_the_static_page_and_always_says_why(site):
    cfg = _config("auto")
    cfg.ingest.chromium = "/nonexistent/chromium"
    art = asyncio.run(fetch_article(site["base"] + "/widget.html", cfg))
    assert len(art.paragraphs) == 2 and art.comments == []
    cfg.ingest.render = "always"
    with pytest.raises(FetchError, match="no browser at /nonexistent/chromium"):
        asyncio.run(fetch_article(site["base"] + "/widget.html", cfg))


def test_other_schemes_and_private_pages_are_refused_before_the_browser_starts():
    with pytest.raises(FetchError, match="only http and https"):
        asyncio.run(render_page("file:///etc/passwd", _config()))
    with pytest.raises(FetchError, match="private or local address"):
        asyncio.run(render_page("http://10.0.0.1/story", _config()))
