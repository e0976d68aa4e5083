"""The web app's guard rails: Host allow-list, cross-site write refusal, body size limit, per-client
rate limit, API token (for writes, and for every read of a stored check when one is set), CSRF
tokens for the HTML form, security headers on every response, problem+json.

:func:`problem` builds the RFC 9457 ``application/problem+json`` body every API error leaves as, and
a route raises :class:`ProblemError` to answer with one (the handlers are in ``routes/errors.py``).

A browser cannot send an ``Authorization`` header when it follows a link, so a reader who gives the
token in the home page form gets it back as a cookie (``HttpOnly``, ``SameSite=Strict``) holding a
value derived from the token, which then opens the pages, the audio and the progress stream.

>>> limiter = RateLimiter(per_minute=60)
>>> limiter.allow("127.0.0.1:write")
(True, 0.0)
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import OrderedDict
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from factdesk.config import ServerConfig

PROBLEM_JSON = "application/problem+json"

#: Content-Security-Policy of every page: scripts and styles only from our own static files, so an
#: injected ``<script>`` or inline handler never runs even if escaping were ever missed.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}

#: Reads may be ``READ_MULTIPLIER`` times as frequent as writes (progress polling, audio, pages).
READ_MULTIPLIER = 20


def problem(status: int, title: str, detail: str | None = None, *, headers: dict[str, str] | None = None,
            **extra: Any) -> JSONResponse:
    """A problem+json response.

    >>> problem(404, "Not found", "no check with id 'x'").status_code
    404
    """
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    # the security headers are set here too: a 500 leaves through Starlette's outermost error
    # middleware, outside GuardMiddleware, and must carry them all the same
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON,
                        headers={**SECURITY_HEADERS, **(headers or {})})


class ProblemError(Exception):
    """Raise inside a handler to answer with a problem+json body."""

    def __init__(self, status: int, title: str, detail: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(detail or title)
        self.status, self.title, self.detail, self.headers = status, title, detail, headers


# -- rate limit ---------------------------------------------------------------------------------
class RateLimiter:
    """Token buckets per key (client + kind), refilled continuously; memory bounded by ``max_keys``."""

    def __init__(self, per_minute: float, *, burst: float | None = None, max_keys: int = 10_000) -> None:
        self.rate = per_minute / 60.0
        self.capacity = burst if burst is not None else max(1.0, float(per_minute))
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, key: str, cost: float = 1.0) -> tuple[bool, float]:
        """Take ``cost`` tokens from ``key``'s bucket; return (allowed, seconds until allowed)."""
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.pop(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= cost:
                self._buckets[key] = (tokens - cost, now)
                ok, wait = True, 0.0
            else:
                self._buckets[key] = (tokens, now)
                ok, wait = False, (cost - tokens) / self.rate if self.rate > 0 else 60.0
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
        return ok, wait


def _client(scope: Scope) -> str:
    client = scope.get("client")
    return client[0] if client else "unknown"


def _is_write(method: str) -> bool:
    return method not in ("GET", "HEAD", "OPTIONS")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def cross_site_write(scope: Scope, server: ServerConfig) -> str | None:
    """Why a write comes from another site (``None`` when it does not): a browser says so in
    ``Sec-Fetch-Site``, or sends an ``Origin`` that is not this server (nor a configured CORS
    origin). Clients that are not browsers send neither and are not affected. ``Origin: null``
    is not evidence either way (the pages' ``no-referrer`` policy makes a browser send it for a
    same-site form); the form's CSRF token covers that case."""
    site = (_header(scope, b"sec-fetch-site") or "").lower()
    if site and site not in ("same-origin", "none"):
        return f"Sec-Fetch-Site: {site}"
    origin = _header(scope, b"origin")
    # "null" says nothing: a browser sends it for our own form too, since the pages ask for no referrer
    if origin is None or origin == "null":
        return None
    if origin in server.cors_origins or origin.rstrip("/") == server.base_url():
        return None
    parts = urlsplit(origin)
    host = _header(scope, b"host") or ""
    if not parts.netloc or parts.netloc.lower() != host.lower():
        return f"Origin: {origin[:100]}"
    return None


class GuardMiddleware:
    """Pure ASGI middleware: Host allow-list, cross-site writes refused, security headers, rate limit,
    request body limit (declared and streamed)."""

    def __init__(self, app: ASGIApp, server: ServerConfig) -> None:
        self.app = app
        self.server = server
        self.max_body = server.max_body_bytes
        self.writes = RateLimiter(server.rate_limit_per_minute)
        self.reads = RateLimiter(server.rate_limit_per_minute * READ_MULTIPLIER)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for name, value in SECURITY_HEADERS.items():
                    if name.encode() not in present:
                        headers.append((name.encode(), value.encode()))
                message["headers"] = headers
            await send(message)

        path: str = scope.get("path", "")
        method: str = scope.get("method", "GET")
        host = _header(scope, b"host") or ""
        if not self.server.host_allowed(host):  # DNS rebinding, or a name this server is not
            resp = problem(400, "Invalid Host header", f"this server does not answer to {host[:100]!r} "
                           "(see server.allowed_hosts)")
            await resp(scope, receive, send_with_headers)
            return
        if _is_write(method):
            why = cross_site_write(scope, self.server)
            if why:
                resp = problem(403, "Cross-site request refused", f"writes are accepted from this site only ({why})")
                await resp(scope, receive, send_with_headers)
                return
        if not path.startswith("/static/"):
            limiter, kind = (self.writes, "write") if _is_write(method) else (self.reads, "read")
            ok, wait = limiter.allow(f"{_client(scope)}:{kind}")
            if not ok:
                retry = str(max(1, int(wait + 0.999)))
                resp = problem(429, "Too many requests", f"rate limit exceeded; retry in {retry} s",
                               headers={"Retry-After": retry})
                await resp(scope, receive, send_with_headers)
                return

        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_body
            except ValueError:
                too_big = True
            if too_big:
                await self._too_large(scope, receive, send_with_headers)
                return

        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send_with_headers(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _BodyTooLarge:
            if not started:
                await self._too_large(scope, receive, send_with_headers)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        resp = problem(413, "Request body too large", f"the limit is {self.max_body} bytes")
        await resp(scope, receive, send)


class _BodyTooLarge(Exception):
    pass


# -- token --------------------------------------------------------------------------------------
def token_from_request(request: Request, form_token: str | None = None) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-api-token") or form_token


def check_token(server: ServerConfig, supplied: str | None) -> None:
    """Refuse a write when an API token is configured and ``supplied`` does not match it."""
    expected = server.api_token
    if not expected:
        return
    if not supplied or not hmac.compare_digest(supplied.encode(), expected.encode()):
        raise ProblemError(401, "Unauthorized", "this server needs an API token for writes "
                           "(Authorization: Bearer TOKEN)", headers={"WWW-Authenticate": "Bearer"})


#: the cookie that carries a reader's proof of the token, once given in the form
SESSION_COOKIE = "factdesk_session"
#: the cookie and form field of the home page form's CSRF token
CSRF_COOKIE = "factdesk_csrf"
CSRF_FIELD = "csrf"
#: the header that carries the CSRF token on the page scripts' writes
CSRF_HEADER = "x-csrf-token"


def session_value(token: str) -> str:
    """The cookie value that stands for ``token`` (derived, so the token itself is never stored)."""
    return hmac.new(token.encode(), b"factdesk-session-v1", hashlib.sha256).hexdigest()


def session_ok(request: Request, server: ServerConfig) -> bool:
    """Whether the browser carries the session cookie the form hands out for the configured token."""
    expected = server.api_token
    cookie = request.cookies.get(SESSION_COOKIE, "")
    return bool(expected and cookie) and hmac.compare_digest(cookie.encode(), session_value(expected).encode())


def check_write(request: Request, server: ServerConfig) -> None:
    """Authorise a write through the API (``POST /api/checks``, ``/api/claims``, ``…/rerun``).

    With a token set: the token (``Authorization: Bearer``, ``X-API-Token``), or, from this server's
    pages, the session cookie together with the page's CSRF token in ``X-CSRF-Token`` (double submit,
    as the form): the cookie alone is not enough. A CSRF token that is sent must match, token or not.
    With no token set anyone may write; a cross-site browser is kept out by the ``Sec-Fetch-Site`` /
    ``Origin`` check and, for the JSON routes, by their ``application/json`` body (which a page of
    another site cannot send without a CORS preflight this server never grants)."""
    sent_csrf = request.headers.get(CSRF_HEADER)
    if sent_csrf is not None and not csrf_ok(request, sent_csrf):
        raise ProblemError(403, "CSRF token missing or wrong", "reload the page and submit again")
    supplied = token_from_request(request)
    if not server.api_token or supplied:
        check_token(server, supplied)
        return
    if session_ok(request, server):
        if sent_csrf is None:
            raise ProblemError(403, "CSRF token missing or wrong", "a write with the session cookie needs the "
                               "page's CSRF token (X-CSRF-Token); reload the page and submit again")
        return
    check_token(server, None)


def read_allowed(request: Request, server: ServerConfig) -> bool:
    """Whether ``request`` may read stored checks: always when no token is set; else with the token
    (``Authorization: Bearer``, ``X-API-Token``) or the session cookie the form hands out."""
    expected = server.api_token
    if not expected:
        return True
    supplied = token_from_request(request)
    if supplied and hmac.compare_digest(supplied.encode(), expected.encode()):
        return True
    return session_ok(request, server)


def check_read(request: Request, server: ServerConfig) -> None:
    """Refuse a read of stored checks without the token, when one is set (a 401 problem)."""
    if not read_allowed(request, server):
        raise ProblemError(401, "Unauthorized", "this server needs an API token to read checks "
                           "(Authorization: Bearer TOKEN)", headers={"WWW-Authenticate": "Bearer"})


def _secure(request: Request, server: ServerConfig) -> bool:
    return request.url.scheme == "https" or (server.public_url or "").startswith("https://")


def set_session(response: Response, request: Request, server: ServerConfig) -> None:
    """After the token was given in the form: the cookie that lets this browser read checks."""
    if server.api_token:
        response.set_cookie(SESSION_COOKIE, session_value(server.api_token), httponly=True, samesite="strict",
                            secure=_secure(request, server), path="/")


def csrf_token(request: Request) -> str:
    """The form's CSRF token: the browser's cookie if it has a sound one, else a new one."""
    current = request.cookies.get(CSRF_COOKIE, "")
    if len(current) == 64 and all(c in "0123456789abcdef" for c in current):
        return current
    return secrets.token_hex(32)


def set_csrf(response: Response, request: Request, server: ServerConfig, token: str) -> None:
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", secure=_secure(request, server),
                        path="/")


def csrf_ok(request: Request, submitted: str | None) -> bool:
    """Whether the form carries the token its page was given (double-submit: cookie and field)."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    return bool(cookie and submitted) and hmac.compare_digest(cookie.encode(), str(submitted).encode())
