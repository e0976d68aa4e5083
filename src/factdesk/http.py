"""Safe HTTP fetching shared by URL ingest and the real-time sources.

Every request: a clear User-Agent, connect/read timeouts, a size cap (also on decompressed bytes),
redirects followed by hand (capped, each hop re-checked), non-HTTP schemes refused, and, unless the
operator allows it, no loopback / private / link-local / metadata address — checked after DNS
resolution, on every hop.

>>> fetched = await fetch("https://example.org/story", config=HttpConfig())
>>> fetched.text[:40]
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from factdesk.config import HttpConfig
from factdesk.errors import FetchError

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain", "text/markdown")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml")
JSON_TYPES = ("application/json", "application/ld+json", "text/json")
ANY_TYPE: tuple[str, ...] = ()


@dataclass
class Fetched:
    url: str
    final_url: str
    status: int
    content_type: str
    content: bytes
    headers: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None

    @property
    def text(self) -> str:
        enc = self.encoding or "utf-8"
        try:
            return self.content.decode(enc)
        except (LookupError, UnicodeDecodeError):
            return self.content.decode("utf-8", errors="replace")


def _ip_is_forbidden(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or str(ip) in {"169.254.169.254", "100.100.100.200", "fd00:ec2::254"}
        or (isinstance(ip, ipaddress.IPv4Address) and ip in ipaddress.ip_network("100.64.0.0/10"))
    )


async def check_url_allowed(url: str, config: HttpConfig) -> None:
    """Refuse a URL whose scheme is not HTTP(S) or whose host resolves to a forbidden address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"refused URL {url!r}: only http and https are allowed")
    host = parts.hostname
    if not host:
        raise FetchError(f"refused URL {url!r}: no host")
    if config.allow_private or host in config.allowed_hosts:
        return
    try:
        ips = [ipaddress.ip_address(host)]
    except ValueError:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                           type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise FetchError(f"cannot resolve host {host!r}: {exc.strerror}") from None
        ips = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    for ip in ips:
        if str(ip) in config.allowed_hosts:
            continue
        if _ip_is_forbidden(ip):
            raise FetchError(f"refused URL {url!r}: {host} resolves to a private or local address ({ip})")


def make_client(config: HttpConfig) -> httpx.AsyncClient:
    timeout = httpx.Timeout(config.read_timeout_s, connect=config.connect_timeout_s)
    return httpx.AsyncClient(
        timeout=timeout,
        follow_redirects=False,
        headers={"User-Agent": config.user_agent, "Accept-Encoding": "gzip, deflate"},
        trust_env=False,
    )


async def fetch(
    url: str,
    *,
    config: HttpConfig,
    client: httpx.AsyncClient | None = None,
    accept: tuple[str, ...] = ANY_TYPE,
    max_bytes: int | None = None,
    method: str = "GET",
    params: dict | None = None,
    headers: dict | None = None,
    raise_for_status: bool = True,
) -> Fetched:
    """Fetch ``url`` with every safety rule applied; raise ``FetchError`` with a clear reason."""
    own = client is None
    client = client or make_client(config)
    limit = max_bytes or config.max_bytes
    try:
        current = url
        for _hop in range(config.max_redirects + 1):
            await check_url_allowed(current, config)
            try:
                async with client.stream(method, current, params=params, headers=headers) as resp:
                    if resp.is_redirect:
                        location = resp.headers.get("location")
                        if not location:
                            raise FetchError(f"{current}: redirect without a Location header")
                        current = urljoin(current, location)
                        params = None
                        continue
                    if raise_for_status and resp.status_code >= 400:
                        raise FetchError(f"{current}: HTTP {resp.status_code} {resp.reason_phrase}".rstrip())
                    ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
                    if accept and ctype and ctype not in accept:
                        raise FetchError(f"{current}: unsupported content type {ctype!r}")
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > limit:
                        raise FetchError(f"{current}: response too large ({int(declared)} bytes, limit {limit})")
                    chunks, size = [], 0
                    async for chunk in resp.aiter_bytes():  # decompressed bytes: caps gzip bombs too
                        size += len(chunk)
                        if size > limit:
                            raise FetchError(f"{current}: response too large (over {limit} bytes)")
                        chunks.append(chunk)
                    return Fetched(
                        url=url,
                        final_url=str(resp.url),
                        status=resp.status_code,
                        content_type=ctype,
                        content=b"".join(chunks),
                        headers={k.lower(): v for k, v in resp.headers.items()},
                        encoding=resp.charset_encoding,
                    )
            except httpx.TimeoutException:
                raise FetchError(f"{current}: timed out") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"{current}: {type(exc).__name__}: {exc}".rstrip(": ")) from None
        raise FetchError(f"{url}: too many redirects (more than {config.max_redirects})")
    finally:
        if own:
            await client.aclose()


def fetch_sync(url: str, *, config: HttpConfig, **kw) -> Fetched:
    """Blocking wrapper around :func:`fetch` for callers without an event loop."""
    return asyncio.run(fetch(url, config=config, **kw))
