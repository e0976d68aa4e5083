"""The web app's guard rails: body size limit, per-client rate limit, API token, headers, problem+json.

:func:`problem` builds the RFC 9457 ``application/problem+json`` body every API error leaves as, and
a route raises :class:`ProblemError` to answer with one (the handlers are in ``routes/errors.py``).

>>> limiter = RateLimiter(per_minute=60)
>>> limiter.allow("127.0.0.1:write")
(True, 0.0)
"""

from __future__ import annotations

import hmac
import threading
import time
from collections import OrderedDict
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
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
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


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


class GuardMiddleware:
    """Pure ASGI middleware: security headers, rate limit, request body limit (declared and streamed)."""

    def __init__(self, app: ASGIApp, server: ServerConfig) -> None:
        self.app = app
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
