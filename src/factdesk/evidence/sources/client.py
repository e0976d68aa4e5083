"""Polite HTTP for the sources: cache, per-host limits, retries, robots.txt, deadline.

Every request a source makes goes through :meth:`SourceHttp.ask` (or :meth:`SourceHttp.get`, which
accepts any successful answer), which in order

1. answers from the :class:`~factdesk.evidence.cache.HttpCache` when a fresh copy is there and
   the connector still accepts it (an entry it refuses is dropped and fetched again);
2. for pages (``robots=True``) reads the host's ``robots.txt`` once (RFC 9309, see
   :mod:`.robots`) and refuses what it disallows, on every redirect hop too;
3. waits for the host's slot in the process-wide limits (:mod:`.limits`: rate, concurrency cap,
   hold-offs the service asked for), shared by every check of the process;
4. fetches through :func:`factdesk.http.fetch` (SSRF guard on every hop, size and redirect caps);
5. hands the answer to the connector's ``parse``; a throttle notice or lag error that the
   service sends with HTTP 200 is raised there as :class:`ServiceBusy` and treated like a 429;
6. retries only 429, 5xx and :class:`ServiceBusy`, sleeping for ``Retry-After`` (or the wait the
   service named) when there is one, else an exponential backoff, never past the check's deadline;
7. keeps the answer in the cache **only after** ``parse`` accepted it: an error object, a
   throttle notice or an unparseable body is never cached.

Example (inside a coroutine)::

    http = SourceHttp(config.http, make_client(config.http), cache, Deadline.after(30))
    hits = await http.ask("https://en.wikipedia.org/w/api.php", parse_search,
                          params={"action": "query"}, settings=SourceSettings())
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TypeVar
from urllib.parse import urlsplit

import httpx
from tenacity import AsyncRetrying, retry_if_exception_type

from factdesk.config import HttpConfig
from factdesk.errors import FetchError
from factdesk.evidence.cache import CachedResponse, HttpCache, cache_key
from factdesk.evidence.sources.base import SourceSettings
from factdesk.evidence.sources.limits import HostLimits, HostPolicy, process_host_limits
from factdesk.evidence.sources.robots import ROBOTS_AGENT, ROBOTS_MAX_BYTES, RobotsRules
from factdesk.http import ANY_TYPE, Fetched, fetch

__all__ = ["Deadline", "HttpStatusError", "RejectedAnswer", "RetryableError", "ServiceBusy", "SourceHttp",
           "ROBOTS_AGENT", "parse_retry_after"]

T = TypeVar("T")


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
    """The server answered with an error status (kept as ``status``, with the body it sent)."""

    def __init__(self, message: str, status: int, content: bytes = b"") -> None:
        super().__init__(message)
        self.status = status
        self.content = content


class RetryableError(HttpStatusError):
    """A 429 or 5xx answer: worth another try, maybe after ``retry_after`` seconds."""

    def __init__(self, message: str, status: int, retry_after: float | None, content: bytes = b"") -> None:
        super().__init__(message, status, content)
        self.retry_after = retry_after


class ServiceBusy(RetryableError):
    """Raised by a connector's ``parse``: the service said "not now" in a successful answer (MediaWiki
    ``maxlag``, GDELT's rate notice). Retried like a 429 after ``retry_after``; never cached."""

    def __init__(self, message: str, retry_after: float | None) -> None:
        super().__init__(message, 200, retry_after)


class RejectedAnswer(FetchError):
    """Raised by a connector's ``parse``: a successful answer that is not one (an API error object,
    a refusal in plain text). Not retried, never cached."""


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


def _accept_any(fetched: Fetched) -> Fetched:
    return fetched


@dataclass
class HttpStats:
    network: int = 0
    cache_hits: int = 0
    retries: int = 0
    robots_refused: int = 0
    #: answers the connector refused (error objects, throttle notices, garbage): never cached
    rejected: int = 0
    by_host: dict[str, int] = field(default_factory=dict)


def policy_of(settings: SourceSettings) -> HostPolicy:
    return HostPolicy(settings.rate_per_s, settings.burst, settings.max_concurrency)


class SourceHttp:
    """The one door the sources use to the web (see the module docstring)."""

    def __init__(
        self,
        config: HttpConfig,
        client: httpx.AsyncClient,
        cache: HttpCache | None,
        deadline: Deadline,
        *,
        limits: HostLimits | None = None,
        max_total_concurrency: int = 16,
    ) -> None:
        self.config = config
        self.client = client
        self.cache = cache
        self.deadline = deadline
        self.limits = limits if limits is not None else process_host_limits()
        self.stats = HttpStats()
        self._all = asyncio.Semaphore(max_total_concurrency)
        self._robots: dict[str, RobotsRules] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}

    # -- public ---------------------------------------------------------------------------------
    async def get(self, url: str, *, settings: SourceSettings, params: dict | None = None,
                  accept: tuple[str, ...] = ANY_TYPE, robots: bool = False, use_cache: bool = True) -> Fetched:
        """GET ``url`` politely; any successful answer is accepted (pages). ``FetchError`` when it
        cannot be had."""
        return await self.ask(url, _accept_any, settings=settings, params=params, accept=accept, robots=robots,
                              use_cache=use_cache)

    async def ask(
        self,
        url: str,
        parse: Callable[[Fetched], T],
        *,
        settings: SourceSettings,
        params: dict | None = None,
        accept: tuple[str, ...] = ANY_TYPE,
        robots: bool = False,
        use_cache: bool = True,
        explain: Callable[[bytes], str | None] | None = None,
    ) -> T:
        """GET ``url`` and return ``parse(answer)``; the answer is cached only when ``parse`` returned.

        ``parse`` raises :class:`ServiceBusy` for a "come back later" notice (retried),
        :class:`RejectedAnswer` or ``ValueError`` for anything else it does not accept (raised to
        the caller). ``explain(body)`` turns an error answer's body (4xx/5xx) into the service's
        own message for the warning.
        """
        key = cache_key("GET", url, params)
        if use_cache and self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                cached = Fetched(url, hit.final_url, hit.status, hit.content_type, hit.content, hit.headers)
                try:
                    value = parse(cached)
                except (ValueError, FetchError):
                    self.cache.delete(key)  # written by an older version that cached refusals: ask again
                else:
                    self.stats.cache_hits += 1
                    return value
        if robots and self.config.respect_robots:
            await self._check_robots(url, settings)
        value, fetched = await self._get_with_retries(url, parse, settings=settings, params=params, accept=accept,
                                                      robots=robots, explain=explain)
        if use_cache and self.cache is not None and 200 <= fetched.status < 300:
            self.cache.put(key, CachedResponse(fetched.final_url, fetched.status, fetched.content_type,
                                               fetched.content, fetched.headers))
        return value

    # -- retries --------------------------------------------------------------------------------
    async def _get_with_retries(self, url: str, parse, *, settings: SourceSettings, params, accept, robots,
                                explain):
        def wait(state) -> float:
            exc = state.outcome.exception()
            retry_after = getattr(exc, "retry_after", None)
            if retry_after is not None:
                return min(retry_after, settings.max_retry_after_s)
            backoff = settings.backoff_s * (2 ** (state.attempt_number - 1)) * (1.0 + 0.1 * random.random())
            if getattr(exc, "status", None) == 429:  # "too many": at least one interval of the host's rate
                backoff = max(backoff, 1.0 / settings.rate_per_s)
            return backoff

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
                return await self._get_once(url, parse, settings=settings, params=params, accept=accept,
                                            robots=robots, explain=explain)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _get_once(self, url: str, parse, *, settings: SourceSettings, params, accept, robots, explain):
        netloc = urlsplit(url).netloc.lower()
        timeout = min(settings.timeout_s, self.deadline.remaining())
        if timeout <= 0:
            raise FetchError(f"{_show(url)}: not fetched, the check's deadline ({self.deadline.total_s:g} s) passed")
        hop_check = self._hop_robots(settings) if robots and self.config.respect_robots else None
        async with self._all, self.limits.slot(netloc, self._policy(netloc, settings)):
            timeout = min(settings.timeout_s, self.deadline.remaining())
            if timeout <= 0:
                raise FetchError(f"{_show(url)}: not fetched, the check's deadline ({self.deadline.total_s:g} s) passed")
            self.stats.network += 1
            self.stats.by_host[netloc] = self.stats.by_host.get(netloc, 0) + 1
            try:
                fetched = await asyncio.wait_for(
                    fetch(url, config=self.config, client=self.client, params=params,
                          max_bytes=settings.max_bytes, raise_for_status=False, before_hop=hop_check),
                    timeout=timeout,
                )
            except (asyncio.TimeoutError, TimeoutError):
                raise FetchError(f"{_show(url)}: timed out after {timeout:g} s") from None
        if fetched.status == 429 or fetched.status >= 500:
            retry_after = parse_retry_after(fetched.headers.get("retry-after"))
            if retry_after is not None:
                await self.limits.hold_off(netloc, retry_after)
            raise RetryableError(self._status_message(url, fetched, explain), fetched.status, retry_after,
                                 fetched.content)
        if fetched.status >= 400:
            raise HttpStatusError(self._status_message(url, fetched, explain), fetched.status, fetched.content)
        if accept and fetched.content_type and fetched.content_type not in accept:  # status first, then type
            raise FetchError(f"{_show(fetched.final_url)}: unsupported content type {fetched.content_type!r}")
        try:
            return parse(fetched), fetched
        except ServiceBusy as exc:
            self.stats.rejected += 1
            if exc.retry_after is not None:
                await self.limits.hold_off(netloc, exc.retry_after)
            raise
        except (ValueError, FetchError):
            self.stats.rejected += 1
            raise

    def _policy(self, netloc: str, settings: SourceSettings) -> HostPolicy:
        policy = policy_of(settings)
        rules = self._robots.get(netloc)
        delay = rules.crawl_delay() if rules is not None else None
        if delay:  # a site's Crawl-delay is honoured for its pages (never looser than the settings)
            policy = policy.tighter(HostPolicy(1.0 / delay, 1, policy.max_concurrency))
        return policy

    @staticmethod
    def _status_message(url: str, fetched: Fetched, explain) -> str:
        message = f"{_show(url)}: HTTP {fetched.status}"
        detail = None
        if explain is not None:
            try:
                detail = explain(fetched.content)
            except (ValueError, TypeError, KeyError, AttributeError):
                detail = None
        return f"{message} {detail}" if detail else message

    # -- robots.txt -----------------------------------------------------------------------------
    def _hop_robots(self, settings: SourceSettings):
        async def check(url: str) -> None:
            await self._check_robots(url, settings)

        return check

    async def _check_robots(self, url: str, settings: SourceSettings) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        lock = self._robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            rules = self._robots.get(parts.netloc.lower())
            if rules is None:
                rules = await self._load_robots(origin, settings)
                self._robots[parts.netloc.lower()] = rules
        if not rules.allows(url, ROBOTS_AGENT):
            self.stats.robots_refused += 1
            raise FetchError(f"{_show(url)}: disallowed by robots.txt")

    async def _load_robots(self, origin: str, settings: SourceSettings) -> RobotsRules:
        """Read ``origin``'s robots.txt (see :mod:`.robots`). 2xx and 4xx outcomes are cached like any
        answer (a missing robots.txt too), so a warm check asks nothing; an unreachable one is not."""
        url = origin + "/robots.txt"
        key = cache_key("ROBOTS", url)
        hit = self.cache.get(key) if self.cache is not None else None
        if hit is not None:
            self.stats.cache_hits += 1
            return RobotsRules.from_answer(hit.status, hit.content.decode("utf-8", "replace"))
        netloc = urlsplit(origin).netloc.lower()
        timeout = min(settings.timeout_s, self.deadline.remaining())
        if timeout <= 0:
            return RobotsRules.unreachable()
        try:
            async with self._all, self.limits.slot(netloc, policy_of(settings)):
                self.stats.network += 1
                self.stats.by_host[netloc] = self.stats.by_host.get(netloc, 0) + 1
                fetched = await asyncio.wait_for(
                    fetch(url, config=self.config, client=self.client, max_bytes=ROBOTS_MAX_BYTES,
                          raise_for_status=False, truncate=True),
                    timeout=timeout,
                )
        except (FetchError, asyncio.TimeoutError, TimeoutError):
            return RobotsRules.unreachable()  # RFC 9309 2.3.1.4: crawl nothing from it for now
        if fetched.status >= 500 or fetched.status < 200 or 300 <= fetched.status < 400:
            return RobotsRules.unreachable()
        text = fetched.content.decode("utf-8", "replace") if fetched.status < 300 else ""
        if self.cache is not None:
            self.cache.put(key, CachedResponse(url, fetched.status, "text/plain", text.encode()))
        return RobotsRules.from_answer(fetched.status, text)


def _show(url: str) -> str:
    """A URL fit for a warning: no query string (it may carry an API key)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"
