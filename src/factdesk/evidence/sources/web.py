"""Any URL as evidence: the ones the user gives (``--source-url``, ``source_urls`` in the config) and
the links the article itself cites (``Article.links``), fetched politely and extracted.

:func:`fetch_page` is shared by every source that reads web pages (GDELT results, feed items): it
respects robots.txt, extracts the main text and metadata with trafilatura, and reads any
schema.org ClaimReview JSON-LD in the page.

Example (inside a coroutine)::

    page = await fetch_page("https://example.org/story", http, settings, source="web")
    page.document.text, page.fact_checks
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import trafilatura

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
    FoundFactCheck,
)
from factdesk.evidence.sources.claimreview import extract_claimreviews
from factdesk.http import HTML_TYPES, TEXT_TYPES
from factdesk.models import Document, PriorFactCheck

PAGE_TYPES = HTML_TYPES + TEXT_TYPES
MIN_TEXT_CHARS = 40


@dataclass
class Page:
    """What a fetched page gave: a document (when it has readable text) and any ClaimReviews."""

    document: Document | None
    fact_checks: list[PriorFactCheck] = field(default_factory=list)


def extract_page(content: str, url: str, content_type: str, *, source: str, max_chars: int,
                 title: str | None = None, published: str | None = None, publisher: str | None = None) -> Page:
    """Turn fetched bytes into a :class:`Page` (no network)."""
    if content_type in TEXT_TYPES:
        text = content.strip()
        meta: dict = {}
        reviews: list[PriorFactCheck] = []
    else:
        reviews = extract_claimreviews(content, page_url=url)
        extracted = trafilatura.bare_extraction(content, url=url, with_metadata=True, include_comments=False,
                                                include_tables=False)
        meta = extracted.as_dict() if extracted is not None else {}
        text = (meta.get("text") or "").strip()
    if len(text) < MIN_TEXT_CHARS:
        return Page(None, reviews)
    doc = Document(
        id=doc_id(source, url),
        url=url,
        title=title or meta.get("title"),
        text=clip(text, max_chars),
        published=published or meta.get("date"),
        source=source,
        publisher=publisher or meta.get("sitename") or urlsplit(url).hostname,
    )
    return Page(doc, reviews)


async def fetch_page(url: str, http, settings: SourceSettings, *, source: str, title: str | None = None,
                     published: str | None = None, publisher: str | None = None) -> Page:
    """Fetch ``url`` (robots respected, HTML or plain text only) and extract it; ``FetchError`` on failure."""
    fetched = await http.get(url, settings=settings, accept=PAGE_TYPES, robots=True)
    content_type = fetched.content_type or "text/html"
    return await asyncio.to_thread(
        extract_page, fetched.text, fetched.final_url or url, content_type, source=source,
        max_chars=settings.max_chars, title=title, published=published, publisher=publisher,
    )


async def fetch_pages_into(urls: list[str], http, settings: SourceSettings, out: SourceOutput, *,
                           source: str, meta: dict[str, dict] | None = None) -> None:
    """Fetch ``urls`` concurrently into ``out`` (documents, fact-checks, one error per failed URL)."""
    meta = meta or {}

    async def one(url: str) -> None:
        try:
            page = await fetch_page(url, http, settings, source=source, **meta.get(url, {}))
        except FetchError as exc:
            out.fail(str(exc))
            return
        out.requests += 1
        if page.document is not None:
            out.add_document(page.document)
        out.fact_checks.extend(FoundFactCheck(r) for r in page.fact_checks)

    await asyncio.gather(*(one(u) for u in urls))


def _http_urls(urls: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for url in urls:
        url = url.strip()
        if urlsplit(url).scheme in ("http", "https"):
            seen.setdefault(url.split("#", 1)[0], None)
    return list(seen)


class WebSource:
    """Fetches the user's source URLs and the article's cited links."""

    name = "web"

    def __init__(self, config: Config, settings: SourceSettings) -> None:
        self.settings = settings
        self.extra = list(config.sources.urls) + list(settings.urls)

    async def collect(self, request: SourceRequest, http, out: SourceOutput) -> None:
        cited = request.article.links if self.settings.follow_article_links else []
        own = {request.article.url} if request.article.url else set()
        urls = [u for u in _http_urls(self.extra + list(cited)) if u not in own][: self.settings.max_documents]
        await fetch_pages_into(urls, http, self.settings, out, source=self.name)


@register_source("web")
def _make(config: Config, settings: SourceSettings) -> Source:
    return WebSource(config, settings)
