"""Safe HTTP fetching shared by URL ingest and the real-time sources.

Every request gets: a clear User-Agent; connect/read timeouts and a total wall-clock cap
(``HttpConfig.total_timeout_s``, so a server that drips one byte at a time cannot hold a fetch);
a size cap that also bounds *decompressed* bytes (gzip/deflate are decoded here, chunk by chunk,
with ``max_length``, so a compression bomb never inflates past the cap); redirects followed by
hand (capped, loops named, each hop re-checked; caller headers are dropped when a redirect
leaves the original host); non-HTTP schemes refused; and, unless the operator allows it
(``allow_private`` / ``allowed_hosts``), no loopback / private / link-local / CGNAT / multicast /
reserved / metadata address — checked after DNS resolution on every hop, and checked again on
the address the connection actually reached (DNS rebinding between the check and the connect
is caught before the body is read).

>>> fetched = await fetch("https://example.org/story", config=HttpConfig())   # doctest: +SKIP
>>> fetched.status, fetched.content_type                                        # doctest: +SKIP
(200, 'text/html')
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import ipaddress
import socket
import zlib
from collections.abc import Awaitable, Callable
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

#: cloud metadata endpoints (also covered by the link-local / private rules; listed to be explicit)
METADATA_ADDRESSES = frozenset({"169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"})
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


@dataclass
class Fetched:
    url: str
    final_url: str
    status: int
    content_type: str
    content: bytes
    headers: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None
    #: with ``fetch(..., truncate=True)``: the body was longer than the cap and was cut there
    truncated: bool = False

    @property
    def text(self) -> str:
        enc = self.encoding or "utf-8"
        try:
            return self.content.decode(enc)
        except (LookupError, UnicodeDecodeError):
            return self.content.decode("utf-8", errors="replace")


def _ip_is_forbidden(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or (ip.sixtofour if ip.sixtofour else None)
        if embedded is None and ip.teredo:
            embedded = ip.teredo[1]
        if ip in _NAT64:  # 64:ff9b::a.b.c.d reaches a.b.c.d: judge that address
            return _ip_is_forbidden(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        if embedded is not None and _ip_is_forbidden(embedded):
            return True
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
    return (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or str(ip) in METADATA_ADDRESSES
        or (isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT)
    )


def _split(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of ``url``; ``FetchError`` for anything malformed or non-HTTP."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"refused URL {url[:200]!r}: malformed ({exc})") from None
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"refused URL {url[:200]!r}: only http and https are allowed")
    host = parts.hostname
    if not host:
        raise FetchError(f"refused URL {url[:200]!r}: no host")
    return parts.scheme, host, port or (443 if parts.scheme == "https" else 80)


def _allowed_explicitly(host: str, config: HttpConfig) -> bool:
    return config.allow_private or host.lower().rstrip(".") in {h.lower().rstrip(".") for h in config.allowed_hosts}


async def check_url_allowed(url: str, config: HttpConfig) -> None:
    """Refuse a URL whose scheme is not HTTP(S) or whose host resolves to a forbidden address.

    >>> await check_url_allowed("http://169.254.169.254/latest/meta-data", HttpConfig())  # doctest: +SKIP
    Traceback (most recent call last):
    FetchError: refused URL '...': 169.254.169.254 resolves to a private or local address (169.254.169.254)
    """
    _scheme, host, port = _split(url)
    if _allowed_explicitly(host, config):
        return
    try:
        ips = [ipaddress.ip_address(host)]
    except ValueError:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise FetchError(f"cannot resolve host {host!r}: {exc.strerror}") from None
        except (UnicodeError, OSError, ValueError) as exc:
            raise FetchError(f"refused URL {url[:200]!r}: bad host name ({exc})") from None
        ips = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
        if not ips:
            raise FetchError(f"cannot resolve host {host!r}: no address")
    for ip in ips:
        if str(ip) in config.allowed_hosts:
            continue
        if _ip_is_forbidden(ip):
            raise FetchError(f"refused URL {url[:200]!r}: {host} resolves to a private or local address ({ip})")


def _check_peer(resp: httpx.Response, url: str, host: str, config: HttpConfig) -> None:
    """The address the connection really reached must be allowed too (DNS rebinding guard)."""
    if _allowed_explicitly(host, config):
        return
    stream = resp.extensions.get("network_stream")
    if stream is None:
        return
    try:
        addr = stream.get_extra_info("server_addr")
    except Exception:  # noqa: BLE001 - transports without peer info
        return
    if not addr:
        return
    try:
        ip = ipaddress.ip_address(str(addr[0]).split("%")[0])
    except ValueError:
        return
    if str(ip) not in config.allowed_hosts and _ip_is_forbidden(ip):
        raise FetchError(f"refused URL {url[:200]!r}: connected to a private or local address ({ip})")


def make_client(config: HttpConfig) -> httpx.AsyncClient:
    """An ``httpx.AsyncClient`` with factdesk's timeouts, User-Agent, no env proxies, no auto-redirects.

    Responses are read raw and decoded by :func:`fetch` (bounded), so the client asks only for
    encodings that :func:`fetch` can decode with a cap.
    """
    timeout = httpx.Timeout(config.read_timeout_s, connect=config.connect_timeout_s)
    return httpx.AsyncClient(
        timeout=timeout,
        follow_redirects=False,
        headers={"User-Agent": config.user_agent, "Accept-Encoding": "gzip, deflate"},
        trust_env=False,
        limits=httpx.Limits(max_connections=50, max_keepalive_connections=10),
    )


class _Truncated(Exception):
    """The body reached the cap of a ``truncate=True`` fetch (keep what was read)."""


class _BoundedDecoder:
    """Decode a gzip/deflate/identity body chunk by chunk, never producing more than ``limit`` bytes.

    With ``truncate`` the first ``limit`` bytes are kept and :class:`_Truncated` ends the read
    (robots.txt: RFC 9309 2.5 parses up to a limit instead of refusing a large file).
    """

    def __init__(self, encoding: str, limit: int, where: str, truncate: bool = False) -> None:
        self.limit, self.where, self.size, self.truncate = limit, where, 0, truncate
        self.kept: list[bytes] = []
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip() and c.strip().lower() != "identity"]
        if len(codings) > 1:
            raise FetchError(f"{where}: unsupported content encoding {encoding!r} (stacked encodings)")
        self.coding = codings[0] if codings else ""
        if self.coding in ("gzip", "x-gzip"):
            self.obj = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.coding == "deflate":
            self.obj = zlib.decompressobj(zlib.MAX_WBITS)
            self.raw_fallback = True
        elif self.coding == "":
            self.obj = None
        else:
            raise FetchError(f"{where}: unsupported content encoding {encoding!r}")
        self.started = False

    def _grow(self, n: int) -> None:
        self.size += n
        if self.size > self.limit:
            if self.truncate:
                raise _Truncated
            raise FetchError(f"{self.where}: response too large (over {self.limit} bytes)")

    def feed(self, data: bytes) -> bytes:
        if self.obj is None:
            if self.truncate and self.size + len(data) > self.limit:
                self.kept.append(data[: self.limit - self.size])
                self.size = self.limit
                raise _Truncated
            self._grow(len(data))
            return data
        out = []
        try:
            if self.coding == "deflate" and not self.started and data:
                self.started = True
                try:
                    probe = zlib.decompressobj(zlib.MAX_WBITS)
                    probe.decompress(data[:2])
                except zlib.error:
                    self.obj = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send
            chunk = self.obj.decompress(data, self.limit - self.size + 1)
            self._keep_grow(chunk, out)
            while self.obj.unconsumed_tail:
                chunk = self.obj.decompress(self.obj.unconsumed_tail, self.limit - self.size + 1)
                self._keep_grow(chunk, out)
                if not chunk:
                    break
        except zlib.error as exc:
            raise FetchError(f"{self.where}: corrupt {self.coding} body ({exc})") from None
        return b"".join(out)

    def _keep_grow(self, chunk: bytes, out: list[bytes]) -> None:
        if self.truncate and self.size + len(chunk) > self.limit:
            self.kept.extend(out)
            self.kept.append(chunk[: self.limit - self.size])
            out.clear()
            self.size = self.limit
            raise _Truncated
        self._grow(len(chunk))
        out.append(chunk)

    def flush(self) -> bytes:
        if self.obj is None:
            return b""
        try:
            tail = self.obj.flush()
        except zlib.error as exc:
            raise FetchError(f"{self.where}: corrupt {self.coding} body ({exc})") from None
        out: list[bytes] = []
        self._keep_grow(tail, out)
        return b"".join(out)


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
    before_hop: Callable[[str], Awaitable[None]] | None = None,
    truncate: bool = False,
    content: bytes | None = None,
) -> Fetched:
    """Fetch ``url`` with every safety rule applied; raise ``FetchError`` with a clear reason.

    ``accept`` lists the content types allowed (empty: any); ``max_bytes`` overrides
    ``config.max_bytes`` for this call; with ``raise_for_status=False`` 4xx/5xx come back as
    ``Fetched`` with their status. ``before_hop(url)`` is awaited before every redirect hop is
    requested (the sources check that hop's robots.txt there; it raises ``FetchError`` to
    refuse). With ``truncate`` a body over the cap is cut at the cap (``Fetched.truncated``)
    instead of refused. ``content`` is a request body (a browser's POST, replayed by
    :mod:`factdesk.ingest.render`), dropped when a redirect turns the request into a GET.
    """
    total = getattr(config, "total_timeout_s", None) or 0
    kw = dict(config=config, client=client, accept=accept, max_bytes=max_bytes, method=method, params=params,
              headers=headers, raise_for_status=raise_for_status, before_hop=before_hop, truncate=truncate,
              content=content)
    try:
        if total > 0:
            async with asyncio.timeout(total):
                return await _fetch(url, **kw)
        return await _fetch(url, **kw)
    except TimeoutError:
        raise FetchError(f"{url[:200]}: timed out (no complete response within {total:g} s)") from None


async def _fetch(
    url: str,
    *,
    config: HttpConfig,
    client: httpx.AsyncClient | None,
    accept: tuple[str, ...],
    max_bytes: int | None,
    method: str,
    params: dict | None,
    headers: dict | None,
    raise_for_status: bool,
    before_hop: Callable[[str], Awaitable[None]] | None = None,
    truncate: bool = False,
    content: bytes | None = None,
) -> Fetched:
    own = client is None
    client = client or make_client(config)
    limit = max_bytes or config.max_bytes
    origin_host = urlsplit(url).hostname if "://" in url else None
    seen: set[str] = set()
    try:
        current = url
        for _hop in range(config.max_redirects + 1):
            await check_url_allowed(current, config)
            _scheme, host, _port = _split(current)
            if current in seen:
                raise FetchError(f"{url[:200]}: redirect loop (came back to {current[:200]})")
            seen.add(current)
            if before_hop is not None and len(seen) > 1:
                await before_hop(current)
            try:
                # only encodings _BoundedDecoder can cap, whatever client the caller built
                hop_headers = {**(headers or {}), "Accept-Encoding": "gzip, deflate"}
                async with client.stream(method, current, params=params, headers=hop_headers,
                                         content=content) as resp:
                    _check_peer(resp, current, host, config)
                    if resp.status_code in _REDIRECT_CODES or (300 <= resp.status_code < 400 and
                                                               "location" in resp.headers):
                        location = resp.headers.get("location")
                        if not location:
                            raise FetchError(f"{current[:200]}: redirect without a Location header")
                        nxt = urljoin(current, location.strip())
                        if urlsplit(nxt).hostname != origin_host:
                            headers = None  # never carry the caller's headers (tokens) to another host
                        if resp.status_code == 303 or (resp.status_code in (301, 302) and method == "POST"):
                            method, content = "GET", None
                        current = nxt
                        params = None
                        continue
                    if raise_for_status and resp.status_code >= 400:
                        raise FetchError(f"{current[:200]}: HTTP {resp.status_code} {resp.reason_phrase}".rstrip())
                    ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
                    if accept and ctype and ctype not in accept:
                        raise FetchError(f"{current[:200]}: unsupported content type {ctype!r}")
                    declared = resp.headers.get("content-length", "").strip()
                    if declared.isdigit() and int(declared) > limit and not truncate:
                        raise FetchError(
                            f"{current[:200]}: response too large ({int(declared)} bytes, limit {limit})"
                        )
                    decoder = _BoundedDecoder(resp.headers.get("content-encoding", ""), limit, current[:200],
                                              truncate=truncate)
                    chunks: list[bytes] = []
                    cut = False
                    try:
                        async for raw in resp.aiter_raw():
                            chunks.append(decoder.feed(raw))
                        chunks.append(decoder.flush())
                    except _Truncated:
                        chunks.extend(decoder.kept)
                        cut = True
                    return Fetched(
                        url=url,
                        final_url=str(resp.url),
                        status=resp.status_code,
                        content_type=ctype,
                        content=b"".join(chunks),
                        headers={k.lower(): v for k, v in resp.headers.items()},
                        encoding=resp.charset_encoding,
                        truncated=cut,
                    )
            except httpx.TimeoutException:
                raise FetchError(f"{current[:200]}: timed out") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"{current[:200]}: {type(exc).__name__}: {exc}".rstrip(": ")) from None
            except httpx.InvalidURL as exc:
                raise FetchError(f"refused URL {current[:200]!r}: {exc}") from None
        raise FetchError(f"{url[:200]}: too many redirects (more than {config.max_redirects})")
    finally:
        if own:
            await client.aclose()


def fetch_sync(url: str, *, config: HttpConfig, **kw) -> Fetched:
    """Blocking wrapper around :func:`fetch`; also works when called from inside an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(fetch(url, config=config, **kw))
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, fetch(url, config=config, **kw)).result()
