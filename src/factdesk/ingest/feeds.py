"""RSS / Atom / RDF feeds → entries (reused by batch inputs and the feed evidence source).

Bounded: the feed must be within ``max_bytes``; documents that declare entities (``<!ENTITY``,
the billion-laughs shape) are refused before parsing; at most ``max_items`` entries are read;
feedparser never fetches anything (it gets bytes).

>>> xml = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
...        b'<item><title>Budget passes</title><link>https://ex.org/a</link>'
...        b'<description>The council approved it.</description>'
...        b'<pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate></item></channel></rss>')
>>> [(e.title, e.url, e.published) for e in parse_feed(xml, origin="feed.xml")]
[('Budget passes', 'https://ex.org/a', '2025-03-03T10:00:00+00:00')]
"""

from __future__ import annotations

import calendar
import hashlib
import re
from datetime import datetime, timezone
from pathlib import Path

from pydantic import BaseModel

from factdesk.errors import InputError
from factdesk.ingest import detect
from factdesk.models import Article, Document

#: default caps
MAX_FEED_BYTES = 10 * 1024 * 1024
MAX_FEED_ITEMS = 2000

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_DOCTYPE_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.I)
_TAGS = re.compile(r"<[^>]{0,2000}>")


class FeedEntry(BaseModel):
    """One feed item, as plain text."""

    title: str
    url: str | None = None
    published: str | None = None
    author: str | None = None
    summary: str = ""
    text: str = ""
    feed_title: str | None = None

    def to_document(self, *, source: str = "feed", publisher: str | None = None) -> Document:
        """The entry as a store ``Document`` (id: hash of URL or title+text)."""
        key = self.url or f"{self.title}\x1f{self.text or self.summary}"
        return Document(
            id="feed:" + hashlib.sha1(key.encode()).hexdigest()[:16],
            url=self.url,
            title=self.title,
            text=self.text or self.summary or self.title,
            published=self.published,
            source=source,
            publisher=publisher or self.feed_title,
        )

    def to_article(self) -> Article:
        """The entry as an ``Article`` (paragraphs from its text or summary)."""
        body = self.text or self.summary
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", body) if p.strip()] or [self.title]
        return Article(title=self.title, url=self.url, published=self.published, author=self.author,
                       paragraphs=paragraphs, source_kind="json")


def _plain(value: str) -> str:
    from factdesk.ingest.page_text import strip_controls

    value = strip_controls(value)
    if "<" in value:
        try:
            from factdesk.ingest.html import page_text_lines, parse_html

            return "\n".join(page_text_lines(parse_html(f"<html><body>{value}</body></html>")))
        except InputError:
            value = _TAGS.sub(" ", value)
    return "\n".join(" ".join(line.split()) for line in value.splitlines() if line.strip())


def _iso(parsed_time) -> str | None:
    if not parsed_time:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed_time), tz=timezone.utc).isoformat()
    except (OverflowError, ValueError, TypeError, OSError):
        return None


def parse_feed(
    data: bytes, *, origin: str = "feed", max_bytes: int = MAX_FEED_BYTES, max_items: int = MAX_FEED_ITEMS
) -> list[FeedEntry]:
    """Parse an RSS/Atom/RDF feed given as bytes; ``InputError`` if it is not one or breaks a limit."""
    import feedparser

    if len(data) > max_bytes:
        raise InputError(f"{origin}: feed too large ({len(data)} bytes; limit {max_bytes})")
    detect.check_text_bytes(data, origin=origin)
    head = data[:65536]
    if _ENTITY_DECL.search(head) or _DOCTYPE_SUBSET.search(head):
        raise InputError(f"{origin}: feed declares XML entities (refused: entity expansion is not allowed)")
    try:
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    except (RecursionError, MemoryError, ValueError) as exc:
        raise InputError(f"{origin}: not a readable RSS/Atom feed ({type(exc).__name__})") from None
    version = getattr(parsed, "version", "") or ""
    if not parsed.entries and (parsed.bozo or not version):
        raise InputError(f"{origin}: not a readable RSS/Atom feed")
    feed_title = _plain(parsed.feed.get("title", "") or "") or None
    entries: list[FeedEntry] = []
    for entry in parsed.entries[:max_items]:
        title = _plain(entry.get("title", "") or "")
        summary = _plain(entry.get("summary", "") or "")
        contents = entry.get("content") or []
        text = "\n\n".join(_plain(c.get("value", "") or "") for c in contents if isinstance(c, dict))
        link = entry.get("link") or None
        if link and not str(link).lower().startswith(("http://", "https://")):
            link = None
        if not (title or summary or text):
            continue
        entries.append(
            FeedEntry(
                title=title or (summary or text)[:80],
                url=link,
                published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
                author=_plain(entry.get("author", "") or "") or None,
                summary=summary,
                text=text,
                feed_title=feed_title,
            )
        )
    return entries


def read_feed(path: str | Path, *, max_bytes: int = MAX_FEED_BYTES, max_items: int = MAX_FEED_ITEMS) -> list[FeedEntry]:
    """Read and parse a feed file (size checked before reading)."""
    data = detect.read_path(path, limit=max_bytes)
    return parse_feed(data, origin=str(path), max_bytes=max_bytes, max_items=max_items)
