"""An HTTP response cache with a time-to-live, kept in one SQLite file next to the store.

The real-time sources ask the same questions again and again (the same Wikipedia page, the same
GDELT query for a follow-up article); the cache answers those from disk so a second check of an
article is fast and polite. Only answers the connector accepted are kept
(:meth:`factdesk.evidence.sources.client.SourceHttp.ask` parses first, then stores): an HTTP error,
an API error object sent with HTTP 200, a throttle notice or an unparseable body is never written,
so the next check asks again. An entry the connector no longer accepts is deleted when read.

Why not hishel (the httpx HTTP cache): it caches by HTTP semantics at the transport, before the
connector has read the answer (an error object with 200 would be stored), keys and stores the
request URL (the Fact Check Tools key is a query parameter), and follows the services'
``Cache-Control`` (MediaWiki API answers say ``private, must-revalidate, max-age=0``), where the
sources want a fixed time-to-live for the answers they accepted.

The file is ``<directory of the SQLite store>/http-cache.sqlite``, or ``<data dir>/http-cache.sqlite``
when the store is a PostgreSQL server (see :func:`cache_path_for`).

>>> cache = HttpCache(":memory:", ttl_s=3600)
>>> cache.put("GET https://example.org/a", CachedResponse("https://example.org/a", 200, "text/html", b"<p>hi</p>"))
>>> cache.get("GET https://example.org/a").content
b'<p>hi</p>'
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from factdesk.config import Config, default_data_dir

CACHE_FILE = "http-cache.sqlite"
#: query parameters that are secrets: never part of a cache key (nor written to disk)
SECRET_PARAMS = frozenset({"key", "api_key", "apikey", "token", "access_token"})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS http_cache (
    key TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    status INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    headers TEXT NOT NULL,
    content BLOB NOT NULL,
    stored_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS http_cache_stored_at ON http_cache (stored_at);
"""


@dataclass
class CachedResponse:
    """What the cache keeps of an answer."""

    final_url: str
    status: int
    content_type: str
    content: bytes
    headers: dict[str, str] = field(default_factory=dict)
    stored_at: float = 0.0


def cache_key(method: str, url: str, params: dict | None = None) -> str:
    """A stable key for a request; secret parameters (API keys) are left out.

    >>> cache_key("GET", "https://x.org/api", {"q": "a b", "key": "SECRET"})
    'GET https://x.org/api?q=a+b'
    """
    clean = sorted((k, str(v)) for k, v in (params or {}).items() if k.lower() not in SECRET_PARAMS)
    query = urlencode(clean)
    return f"{method.upper()} {url}" + (f"?{query}" if query else "")


def redact_url(url: str) -> str:
    """``url`` without its secret query parameters.

    >>> redact_url("https://x.org/api?q=1&key=SECRET")
    'https://x.org/api?q=1'
    """
    parts = urlsplit(url)
    if not parts.query:
        return url
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in SECRET_PARAMS]
    return urlunsplit(parts._replace(query=urlencode(kept)))


def cache_path_for(config: Config) -> Path:
    """Where the cache file of ``config``'s store lives."""
    if "://" in config.db:
        return default_data_dir() / CACHE_FILE
    return Path(config.db).expanduser().resolve().parent / CACHE_FILE


class HttpCache:
    """A thread-safe SQLite table of responses; entries older than ``ttl_s`` are ignored."""

    def __init__(self, path: str | Path, ttl_s: float) -> None:
        self.path = str(path)
        self.ttl_s = float(ttl_s)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(self.path, check_same_thread=False, timeout=10.0)
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")  # a cache: no fsync per answer
            self._conn.executescript(_SCHEMA)
            self._conn.commit()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def _digest(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    def get(self, key: str, *, now: float | None = None) -> CachedResponse | None:
        """The fresh entry for ``key``, or ``None``."""
        if self.ttl_s <= 0:
            return None
        now = time.time() if now is None else now
        with self._lock:
            row = self._conn.execute(
                "SELECT url, status, content_type, headers, content, stored_at FROM http_cache WHERE key = ?",
                (self._digest(key),),
            ).fetchone()
        if row is None or now - row[5] > self.ttl_s:
            self.misses += 1
            return None
        self.hits += 1
        return CachedResponse(row[0], row[1], row[2], bytes(row[4]), json.loads(row[3]), row[5])

    def put(self, key: str, response: CachedResponse, *, now: float | None = None) -> None:
        """Store (or replace) the answer for ``key``."""
        if self.ttl_s <= 0:
            return
        stored = time.time() if now is None else now
        keep = {k: v for k, v in response.headers.items() if k in ("content-type", "last-modified", "etag", "date")}
        with self._lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO http_cache (key, url, status, content_type, headers, content, stored_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (self._digest(key), redact_url(response.final_url), response.status, response.content_type,
                 json.dumps(keep), sqlite3.Binary(response.content), stored),
            )
            self._conn.commit()

    def delete(self, key: str) -> None:
        """Forget the entry for ``key`` (if any)."""
        with self._lock:
            self._conn.execute("DELETE FROM http_cache WHERE key = ?", (self._digest(key),))
            self._conn.commit()

    def purge_expired(self, *, now: float | None = None) -> int:
        """Delete entries past the TTL; returns how many went."""
        now = time.time() if now is None else now
        with self._lock:
            cur = self._conn.execute("DELETE FROM http_cache WHERE stored_at < ?", (now - self.ttl_s,))
            self._conn.commit()
        return cur.rowcount

    def __len__(self) -> int:
        with self._lock:
            return self._conn.execute("SELECT COUNT(*) FROM http_cache").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._conn.close()
