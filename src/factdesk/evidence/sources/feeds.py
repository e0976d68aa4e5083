"""RSS and Atom feeds listed in the config: recent items that bear on the claims, extracted.

Feeds come from ``[sources.feeds] urls`` in the config. Each feed is
fetched (cached, rate-limited), parsed with feedparser, and its items are ranked by how many of the
claims' entities and key words they mention; items that mention none are left alone, and so are items
dated more than ``window_days`` (30) away from the article's date (from today's when the article has
none); an undated item is kept. An item whose
feed carries its full text (``content:encoded``, Atom ``content``) is used as is; otherwise its link
is fetched and extracted like any page (robots respected).
"""

from __future__ import annotations

import asyncio
import re
from datetime import datetime, timedelta, timezone

import feedparser
from lxml import etree
from lxml import html as lxml_html

from factdesk.config import Config
from factdesk.errors import FetchError
from factdesk.evidence.sources.base import (
    Source,
    SourceOutput,
    SourceRequest,
    SourceSettings,
    clip,
    doc_id,
    register_source,
)
from factdesk.evidence.sources.query import parse_date, article_date, claim_entities, claim_terms
from factdesk.evidence.sources.web import fetch_pages_into
from factdesk.http import FEED_TYPES
from factdesk.models import Document

#: an item's own content (content:encoded, Atom content) this long is taken as the full text
FULL_TEXT_CHARS = 300
_ACCEPT = FEED_TYPES + ("text/html", "text/plain")  # many servers mislabel feeds
_WORD = re.compile(r"[a-z][a-z'\-]+")


def _plain(markup: str) -> str:
    if not markup or "<" not in markup:
        return (markup or "").strip()
    try:
        return " ".join(lxml_html.fromstring(markup).text_content().split())
    except (ValueError, etree.ParserError):  # empty or odd fragments
        return re.sub(r"<[^>]+>", " ", markup).strip()


def _published(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return datetime(*parsed[:6], tzinfo=timezone.utc).isoformat()
    return entry.get("published") or entry.get("updated")


def parse_feed(content: bytes) -> tuple[str | None, list[dict]]:
    """(feed title, items as dicts: link, title, text, full, published); ``ValueError`` if it is no feed."""
    parsed = feedparser.parse(content)
    if not parsed.entries and (parsed.bozo or not parsed.feed):
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: None)() or "no items"
        raise ValueError(f"not an RSS/Atom feed ({reason})")
    items = []
    for entry in parsed.entries:
        full = _plain(" ".join(c.get("value", "") for c in entry.get("content", [])))
        summary = _plain(entry.get("summary", ""))
        items.append({"link": entry.get("link"), "title": _plain(entry.get("title", "")),
                      "text": full if len(full) > len(summary) else summary,
                      "full": len(full) >= FULL_TEXT_CHARS and len(full) > len(summary),
                      "published": _published(entry)})
    return parsed.feed.get("title"), items


def relevance(item: dict, entities: set[str], words: set[str]) -> float:
    """Entity mentions count double; key words once."""
    hay = f"{item['title']} {item['text']}".lower()
    tokens = set(_WORD.findall(hay))
    return 2.0 * sum(1 for e in entities if e in hay) + sum(1 for w in words if w in tokens)


class FeedsSource:
    """Reads the configured feeds and keeps the items that bear on the claims."""

    name = "feeds"

    def __init__(self, config: Config, settings: SourceSettings) -> None:
        self.settings = settings
        self.feeds = list(dict.fromkeys(list(settings.urls) + list(settings.feeds)))

    @property
    def configured(self) -> bool:
        """Whether there is a feed to read (``auto`` leaves the source out otherwise)."""
        return bool(self.feeds)

    async def collect(self, request: SourceRequest, http, out: SourceOutput) -> None:
        if not self.feeds:
            return
        entities = {n.lower() for c in request.claims for n in claim_entities(c)}
        words = claim_terms(request.claims) - entities
        parsed = await asyncio.gather(*(self._feed(url, http, out) for url in self.feeds))
        center = article_date(request.article, request.claims) or datetime.now(timezone.utc)
        window = timedelta(days=self.settings.window_days)
        scored = []
        for publisher, items in parsed:
            for item in items:
                when = parse_date(item["published"])
                if when is not None and abs(when - center) > window:
                    continue
                score = relevance(item, entities, words)
                if item["link"] and score >= 2.0:
                    scored.append((score, item, publisher))
        scored.sort(key=lambda s: (-s[0], s[1]["link"]))
        chosen = scored[: self.settings.max_documents]
        to_fetch, meta = [], {}
        for _score, item, publisher in chosen:
            if item["full"]:
                out.add_document(Document(
                    id=doc_id(self.name, item["link"]), url=item["link"], title=item["title"] or None,
                    text=clip(item["text"], self.settings.max_chars), published=item["published"],
                    source=self.name, publisher=publisher,
                ))
            else:
                to_fetch.append(item["link"])
                meta[item["link"]] = {"title": item["title"] or None, "published": item["published"],
                                      "publisher": publisher}
        await fetch_pages_into(to_fetch, http, self.settings, out, source=self.name, meta=meta)

    async def _feed(self, url: str, http, out: SourceOutput) -> tuple[str | None, list[dict]]:
        try:  # parsed before it is cached: a page that is no feed is never kept
            parsed = await http.ask(url, lambda fetched: parse_feed(fetched.content), settings=self.settings,
                                    accept=_ACCEPT, robots=True)
        except FetchError as exc:
            out.fail(str(exc))
            return None, []
        except ValueError as exc:
            out.fail(f"{url}: {exc}")
            return None, []
        out.requests += 1
        return parsed


@register_source("feeds")
def _make(config: Config, settings: SourceSettings) -> Source:
    return FeedsSource(config, settings)
