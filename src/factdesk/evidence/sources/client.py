"""Polite HTTP for the sources: cache, per-host rate limits and concurrency caps, retries, robots, deadline.

Every request a source makes goes through :meth:`SourceHttp.get`, which in order

1. answers from the :class:`~factdesk.evidence.cache.HttpCache` when a fresh copy is there;
2. for pages (``robots=True``) reads the host's ``robots.txt`` once and refuses what it disallows;
3. waits for the host's token bucket and concurrency slot;
4. fetches through :func:`factdesk.http.fetch` (SSRF guard on every hop, size and redirect caps);
5. retries only on 429 and 5xx, sleeping for ``Retry-After`` when the server says so (else an
   exponential backoff), and never past the check's deadline;
6. keeps a successful answer in the cache.

Example (inside a coroutine)::

    http = SourceHttp(config.http, make_client(config.http), cache, Deadline.after(30))
    page = await http.get("https://en.wikipedia.org/w/api.php", params={"action": "query"},
                          settings=SourceSettings())
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlsplit

import httpx
from tenacity import AsyncRetrying, retry_if_exception_type

from factdesk.config import HttpConfig
from factdesk.errors import FetchError
from factdesk.evidence.cache import CachedResponse, HttpCache, cache_key
from factdesk.evidence.sources.base import SourceSettings
from factdesk.http import ANY_TYPE, Fetched, fetch

ROBOTS_AGENT = "factdesk"


@dataclass
class Deadline:
    """A point in (monotonic) time after which no more work starts."""

    at: float
    total_s: float

    @classmethod
    def after(cls, seconds: float) -> "Deadline":
        return cls(time.monotonic() + seconds, seconds)

    def remaining(self) -> float:
        return max(0.0, self.at - time.monotonic())

    @property
    def passed(self) -> bool:
        return self.remaining() <= 0.0


class HttpStatusError(FetchError):
    """The server answered with an error status (kept as ``status``)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class RetryableError(HttpStatusError):
    """A 429 or 5xx answer: worth another try, maybe after ``retry_after`` seconds."""

    def __init__(self, message: str, status: int, retry_after: float | None) -> None:
        super().__init__(message, status)
        self.retry_after = retry_after


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date).

    >>> parse_retry_after("3")
    3.0
    >>> parse_retry_after(None) is None
    True
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now_dt = datetime.fromtimestamp(time.time() if now is None else now, tz=timezone.utc)
    return max(0.0, (when - now_dt).total_seconds())


class TokenBucket:
    """``rate`` requests per second on average, bursts of at most ``burst``."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.capacity = float(rate), float(burst)
        self.tokens, self.updated = float(burst), time.monotonic()
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        async with self._lock:
            while True:
                now = time.monotonic()
                self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
                self.updated = now
                if self.tokens >= 1.0:
                    self.tokens -= 1.0
                    return
                await asyncio.sleep((1.0 - self.tokens) / self.rate)


@dataclass
class _Host:
    bucket: TokenBucket
    slots: asyncio.Semaphore


@dataclass
class HttpStats:
    network: int = 0
    cache_hits: int = 0
    retries: int = 0
    robots_refused: int = 0
    by_host: dict[str, int] = field(default_factory=dict)


class SourceHttp:
    """The one door the sources use to the web (see the module docstring)."""

    def __init__(
        self,
        config: HttpConfig,
        client: httpx.AsyncClient,
        cache: HttpCache | None,
        deadline: Deadline,
        *,
        max_total_concurrency: int = 16,
    ) -> None:
        self.config = config
        self.client = client
        self.cache = cache
        self.deadline = deadline
        self.stats = HttpStats()
        self._hosts: dict[str, _Host] = {}
        self._all = asyncio.Semaphore(max_total_concurrency)
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}

    # -- public ---------------------------------------------------------------------------------
    async def get(
        self,
        url: str,
        *,
        settings: SourceSettings,
        params: dict | None = None,
        accept: tuple[str, ...] = ANY_TYPE,
        robots: bool = False,
        use_cache: bool = True,
    ) -> Fetched:
        """GET ``url`` politely; raise ``FetchError`` (with a readable reason) when it cannot be had."""
        key = cache_key("GET", url, params)
        if use_cache and self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                self.stats.cache_hits += 1
                return Fetched(url, hit.final_url, hit.status, hit.content_type, hit.content, hit.headers)
        if robots and self.config.respect_robots:
            await self._check_robots(url, settings)
        fetched = await self._get_with_retries(url, settings=settings, params=params, accept=accept)
        if use_cache and self.cache is not None and 200 <= fetched.status < 300:
            self.cache.put(key, CachedResponse(fetched.final_url, fetched.status, fetched.content_type,
                                               fetched.content, fetched.headers))
        return fetched

    # -- retries --------------------------------------------------------------------------------
    async def _get_with_retries(self, url: str, *, settings: SourceSettings, params, accept) -> Fetched:
        def wait(state) -> float:
            exc = state.outcome.exception()
            retry_after = getattr(exc, "retry_after", None)
            if retry_after is not None:
                return min(retry_after, settings.max_retry_after_s)
            backoff = settings.backoff_s * (2 ** (state.attempt_number - 1))
            return backoff * (1.0 + 0.1 * random.random())

        def stop(state) -> bool:
            exc = state.outcome.exception()
            too_long = getattr(exc, "retry_after", None) is not None and exc.retry_after > settings.max_retry_after_s
            return (
                state.attempt_number > settings.retries
                or too_long
                or state.upcoming_sleep >= self.deadline.remaining()
            )

        async for attempt in AsyncRetrying(
            retry=retry_if_exception_type(RetryableError), wait=wait, stop=stop, reraise=True
        ):
            with attempt:
                if attempt.retry_state.attempt_number > 1:
                    self.stats.retries += 1
                return await self._get_once(url, settings=settings, params=params, accept=accept)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _get_once(self, url: str, *, settings: SourceSettings, params, accept) -> Fetched:
        host = self._host(url, settings)
        timeout = min(settings.timeout_s, self.deadline.remaining())
        if timeout <= 0:
            raise FetchError(f"{_show(url)}: not fetched, the check's deadline ({self.deadline.total_s:g} s) passed")
        async with self._all, host.slots:
            await host.bucket.acquire()
            self.stats.network += 1
            netloc = urlsplit(url).netloc
            self.stats.by_host[netloc] = self.stats.by_host.get(netloc, 0) + 1
            try:
                fetched = await asyncio.wait_for(
                    fetch(url, config=self.config, client=self.client, params=params,
                          max_bytes=settings.max_bytes, raise_for_status=False),
                    timeout=timeout,
                )
            except (asyncio.TimeoutError, TimeoutError):
                raise FetchError(f"{_show(url)}: timed out after {timeout:g} s") from None
        if fetched.status == 429 or fetched.status >= 500:
            retry_after = parse_retry_after(fetched.headers.get("retry-after"))
            raise RetryableError(f"{_show(url)}: HTTP {fetched.status}", fetched.status, retry_after)
        if fetched.status >= 400:
            raise HttpStatusError(f"{_show(url)}: HTTP {fetched.status}", fetched.status)
        if accept and fetched.content_type and fetched.content_type not in accept:  # status first, then type
            raise FetchError(f"{_show(fetched.final_url)}: unsupported content type {fetched.content_type!r}")
        return fetched

    def _host(self, url: str, settings: SourceSettings) -> _Host:
        netloc = urlsplit(url).netloc.lower()
        host = self._hosts.get(netloc)
        if host is None:
            host = _Host(TokenBucket(settings.rate_per_s, settings.burst), asyncio.Semaphore(settings.max_concurrency))
            self._hosts[netloc] = host
        return host

    # -- robots.txt -----------------------------------------------------------------------------
    async def _check_robots(self, url: str, settings: SourceSettings) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        lock = self._robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            parser = self._robots.get(origin)
            if parser is None:
                parser = await self._load_robots(origin, settings)
                self._robots[origin] = parser
        if not parser.can_fetch(ROBOTS_AGENT, url):
            self.stats.robots_refused += 1
            raise FetchError(f"{_show(url)}: disallowed by robots.txt")

    async def _load_robots(self, origin: str, settings: SourceSettings) -> urllib.robotparser.RobotFileParser:
        """Read ``origin``'s robots.txt (RFC 9309): 4xx → all allowed (401/403 → none); unreachable → none.

        The outcome is cached like any answer (a missing robots.txt too), so a warm check asks nothing.
        """
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        url = origin + "/robots.txt"
        key = cache_key("ROBOTS", url)
        hit = self.cache.get(key) if self.cache is not None else None
        if hit is not None:
            self.stats.cache_hits += 1
            status, text = hit.status, hit.content.decode("utf-8", "replace")
        else:
            quick = settings.model_copy(update={"retries": 0, "max_bytes": 512 * 1024})
            try:
                fetched = await self._get_with_retries(url, settings=quick, params=None, accept=ANY_TYPE)
                status, text = fetched.status, fetched.text
            except RetryableError:
                parser.disallow_all = True  # server trouble: crawl nothing from it for now (RFC 9309 2.3.1.4)
                return parser
            except HttpStatusError as exc:
                status, text = exc.status, ""
            except FetchError:
                parser.disallow_all = True  # unreachable or refused: be conservative
                return parser
            if self.cache is not None:
                self.cache.put(key, CachedResponse(url, status, "text/plain", text.encode()))
        if status in (401, 403):
            parser.disallow_all = True
        elif status >= 400:
            parser.allow_all = True
        else:
            parser.parse(text.splitlines())
        return parser


def _show(url: str) -> str:
    """A URL fit for a warning: no query string (it may carry an API key)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"
