"""Render a page in a browser, for pages whose article or comments arrive by script.

Playwright drives Debian's chromium (``IngestConfig.chromium``, never a downloaded browser),
headless, with background networking, component updates, sync and the first-run flow off. The
browser itself reaches nothing: **every request it makes is intercepted and fetched by
:func:`factdesk.http.fetch`**, with the same rules as any other fetch in factdesk — http/https
only, the SSRF guard on every hop (private, loopback, link-local, metadata addresses refused,
after DNS and again on the connected address), size and time caps, redirects by hand. Besides:

* images, media, fonts and style sheets are not fetched (text is what is read); WebSockets are
  closed, service workers blocked, downloads refused, other schemes aborted;
* at most :data:`MAX_REQUESTS` requests and ``max_input_bytes`` in all; the whole render —
  loading, scripts, waiting for the network to go quiet — within ``http.total_timeout_s``;
* chromium's own name resolution maps every host to "not found", so nothing that slipped past
  the interception (a preconnect, WebRTC) can reach a network by name.

After loading, the content of frames (a Disqus thread lives in an ``<iframe>``) and of open
shadow roots (Coral) is copied into the page, so the HTML extractor reads it as one document.

>>> rendered = await render_page("https://example.org/story", config)   # doctest: +SKIP
>>> rendered.html[:15], rendered.blocked                                 # doctest: +SKIP
('<!DOCTYPE html>', [])
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import time
from dataclasses import dataclass, field
from html import escape as html_escape
from urllib.parse import urlsplit

from factdesk.config import Config
from factdesk.errors import FetchError
from factdesk.http import HTML_TYPES, Fetched, fetch, make_client

log = logging.getLogger(__name__)

#: requests one render may make (the page, its scripts, their API calls)
MAX_REQUESTS = 200
#: resource types never fetched: they carry no text
SKIPPED_TYPES = frozenset({"image", "media", "font", "stylesheet", "texttrack", "manifest", "beacon", "ping"})
#: frames inlined at most this deep
MAX_FRAME_DEPTH = 3
#: after "load", wait at most this long for the network to go quiet (comment widgets load late)
SETTLE_S = 5.0

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-default-apps", "--disable-extensions", "--mute-audio", "--dns-prefetch-disable",
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]
#: request headers a page may pass on (cookies and the like stay in the browser)
_FORWARD = frozenset({"accept", "accept-language", "content-type", "referer", "x-requested-with"})
#: response headers never handed to the browser: factdesk decoded the body, and a download is refused
_DROP = frozenset({"content-encoding", "content-length", "transfer-encoding", "connection", "content-disposition",
                   "keep-alive", "set-cookie", "strict-transport-security", "alt-svc"})

_INLINE_SHADOW = """() => {
  const hosts = [];
  const collect = (root, depth) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) { hosts.push([el, depth]); collect(el.shadowRoot, depth + 1); }
    }
  };
  collect(document, 0);
  hosts.sort((a, b) => b[1] - a[1]);
  for (const [el] of hosts) {
    const copy = document.createElement('div');
    copy.setAttribute('data-factdesk-shadow', '1');
    copy.innerHTML = el.shadowRoot.innerHTML;
    el.appendChild(copy);
  }
  return hosts.length;
}"""
_FRAME_BODY = "() => document.body ? document.body.innerHTML : ''"
_REPLACE_FRAME = """(el, html) => {
  const box = document.createElement('div');
  box.setAttribute('data-factdesk-frame', el.getAttribute('src') || '');
  box.innerHTML = html;
  el.replaceWith(box);
}"""


class RenderUnavailable(FetchError):
    """Rendering was asked for, but Playwright or the browser is not installed."""


@dataclass
class Rendered:
    url: str
    final_url: str
    html: str
    requests: int = 0
    blocked: list[str] = field(default_factory=list)


class _Gate:
    """Every request of one render: counted, size-capped, fetched by factdesk's fetcher."""

    def __init__(self, config: Config, deadline: float) -> None:
        self.http = config.http
        self.budget = config.ingest.max_input_bytes
        self.per_response = min(config.http.max_bytes, config.ingest.max_input_bytes)
        self.deadline = deadline
        self.requests = 0
        self.blocked: list[str] = []
        self.client = make_client(config.http)
        self.final_url: str | None = None
        self.main_failure: str | None = None

    def refuse(self, url: str, why: str, navigation: bool = False) -> None:
        self.blocked.append(f"{url[:200]}: {why}")
        if navigation and self.main_failure is None:
            self.main_failure = why
        log.info("render: blocked %s (%s)", url[:200], why)

    async def handle(self, route, request) -> None:
        url = request.url
        navigation = request.is_navigation_request() and request.frame.parent_frame is None
        scheme = urlsplit(url).scheme.lower()
        if scheme in ("data", "blob", "about"):
            await route.continue_()
            return
        if scheme not in ("http", "https"):
            self.refuse(url, f"scheme {scheme!r} is not allowed", navigation)
            await route.abort("blockedbyclient")
            return
        if request.resource_type in SKIPPED_TYPES:
            await route.abort("blockedbyclient")
            return
        self.requests += 1
        if self.requests > MAX_REQUESTS:
            self.refuse(url, f"more than {MAX_REQUESTS} requests", navigation)
            await route.abort("blockedbyclient")
            return
        remaining = self.deadline - time.monotonic()
        if remaining <= 0.2:
            self.refuse(url, "timed out (render time is up)", navigation)
            await route.abort("timedout")
            return
        headers = {k: v for k, v in (await request.all_headers()).items() if k.lower() in _FORWARD}
        try:
            async with asyncio.timeout(remaining):
                got: Fetched = await fetch(
                    url, config=self.http, client=self.client, method=request.method,
                    headers=headers, max_bytes=min(self.per_response, max(self.budget, 1)),
                    raise_for_status=False, content=request.post_data_buffer)
        except (FetchError, TimeoutError) as exc:
            why = str(exc) if isinstance(exc, FetchError) else "timed out"
            self.refuse(url, why, navigation)
            await route.abort("blockedbyclient")
            return
        self.budget -= len(got.content)
        if navigation and got.status >= 400:
            self.refuse(url, f"HTTP {got.status}", navigation)
            await route.abort("blockedbyclient")
            return
        if navigation and got.content_type and got.content_type not in HTML_TYPES:
            self.refuse(url, f"not an HTML page ({got.content_type})", navigation)
            await route.abort("blockedbyclient")
            return
        body = got.content
        if navigation:
            self.final_url = got.final_url
            if got.final_url != url:  # redirected (factdesk followed and checked every hop)
                body = _with_base(body, got.final_url)
        out_headers = {k: v for k, v in got.headers.items() if k.lower() not in _DROP}
        await route.fulfill(status=got.status, headers=out_headers, body=body)


_HEAD = re.compile(rb"<head(?:\s[^>]{0,2000})?>", re.I)


def _with_base(body: bytes, final_url: str) -> bytes:
    """A redirected page keeps its own address for its relative links: a ``<base href>`` in its head."""
    if re.search(rb"<base\s", body[:65536], re.I):
        return body
    tag = f'<base href="{html_escape(final_url, quote=True)}">'.encode("ascii", "ignore")
    match = _HEAD.search(body[:65536])
    return body[:match.end()] + tag + body[match.end():] if match else tag + body


def _import_playwright():
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        raise RenderUnavailable(
            "rendering needs Playwright: pip install 'factdesk[render]' (it drives the system chromium)"
        ) from None
    return async_playwright


async def render_page(url: str, config: Config | None = None) -> Rendered:
    """Load ``url`` in chromium with every request going through factdesk's fetcher; return the
    rendered HTML (frames and shadow roots inlined). ``FetchError`` says what went wrong."""
    config = config or Config()
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise FetchError(f"refused URL {url[:200]!r}: only http and https are allowed")
    chromium = config.ingest.chromium
    if not os.path.isfile(chromium) or not os.access(chromium, os.X_OK):
        raise RenderUnavailable(f"cannot render {url[:200]}: no browser at {chromium} (ingest.chromium)")
    async_playwright = _import_playwright()
    total = config.http.total_timeout_s or 30.0
    gate = _Gate(config, time.monotonic() + total)
    try:
        async with asyncio.timeout(total + 10):  # the browser's start and stop, beyond the page's own time
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(
                    executable_path=chromium, headless=True, args=CHROMIUM_ARGS, chromium_sandbox=False,
                    handle_sigint=False, handle_sigterm=False, handle_sighup=False)
                gate.deadline = time.monotonic() + total  # the page's own time starts now
                try:
                    return await _render(browser, url, config, gate)
                finally:
                    with contextlib.suppress(Exception):
                        await browser.close()
    except TimeoutError:
        raise FetchError(f"{url[:200]}: rendering timed out (over {total:g} s)") from None
    except FetchError:
        raise
    except Exception as exc:  # noqa: BLE001 - Playwright's errors: one clear line
        if exc.__class__.__module__.startswith("playwright"):
            raise FetchError(f"{url[:200]}: rendering failed ({str(exc).splitlines()[0][:200]})") from None
        raise
    finally:
        await gate.client.aclose()


async def _render(browser, url: str, config: Config, gate: _Gate) -> Rendered:
    context = await browser.new_context(
        accept_downloads=False, user_agent=config.http.user_agent, service_workers="block",
        java_script_enabled=True, ignore_https_errors=False)
    await context.route("**/*", gate.handle)
    await context.route_web_socket("**/*", _close_websocket)
    page = await context.new_page()
    page.on("download", lambda d: asyncio.ensure_future(d.cancel()))
    left_ms = lambda: max(1.0, (gate.deadline - time.monotonic()) * 1000)  # noqa: E731
    try:
        await page.goto(url, wait_until="load", timeout=left_ms())
    except Exception as exc:  # noqa: BLE001
        if gate.main_failure:
            raise FetchError(f"{url[:200]}: {gate.main_failure}") from None
        if "Timeout" not in type(exc).__name__:
            raise FetchError(f"{url[:200]}: rendering failed ({str(exc).splitlines()[0][:200]})") from None
    if gate.main_failure:
        raise FetchError(f"{url[:200]}: {gate.main_failure}")
    if not page.url.startswith(("http://", "https://")):  # chromium's own error page
        raise FetchError(f"{url[:200]}: rendering failed (the browser showed {page.url[:60]})")
    with contextlib.suppress(Exception):
        await page.wait_for_load_state("networkidle", timeout=min(SETTLE_S * 1000, left_ms()))
    with contextlib.suppress(Exception):
        await _inline_frames(page.main_frame, 0)
    with contextlib.suppress(Exception):
        await page.evaluate(_INLINE_SHADOW)
    html = await page.content()
    return Rendered(url=url, final_url=gate.final_url or page.url, html=html, requests=gate.requests,
                    blocked=list(gate.blocked))


async def _close_websocket(ws) -> None:
    await ws.close()


async def _inline_frames(frame, depth: int) -> None:
    """Replace each ``<iframe>`` by the HTML its document holds now (deepest frames first)."""
    if depth >= MAX_FRAME_DEPTH:
        return
    for child in frame.child_frames:
        await _inline_frames(child, depth + 1)
        with contextlib.suppress(Exception):
            await child.evaluate(_INLINE_SHADOW)
            body = await child.evaluate(_FRAME_BODY)
            element = await child.frame_element()
            await element.evaluate(_REPLACE_FRAME, body)
