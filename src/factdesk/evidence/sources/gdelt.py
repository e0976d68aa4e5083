"""GDELT DOC 2.0 news search, then the articles found, fetched and extracted.

``GET {base_url}?query=Q&mode=ArtList&format=json&maxrecords=N&sort=HybridRel
&startdatetime=YYYYMMDDHHMMSS&enddatetime=YYYYMMDDHHMMSS`` answers ``{"articles": [{"url",
"url_mobile", "title", "seendate": "20250320T121500Z", "socialimage", "domain", "language",
"sourcecountry"}]}`` — or ``{}`` when nothing matched, or a plain-text message when the query is
refused (too short, bad syntax), which is reported as a warning.

``base_url`` defaults to ``https://api.gdeltproject.org/api/v2/doc/doc``.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from factdesk.config import Config
from factdesk.errors import FetchError
from factdesk.evidence.sources.base import (
    Source,
    SourceOutput,
    SourceRequest,
    SourceSettings,
    register_source,
    with_defaults,
)
from factdesk.evidence.sources.query import gdelt_queries
from factdesk.evidence.sources.web import fetch_pages_into
from factdesk.http import JSON_TYPES

DEFAULT_BASE_URL = "https://api.gdeltproject.org/api/v2/doc/doc"
#: GDELT asks for at most one request every 5 seconds; the article pages are other hosts
API_DEFAULTS = {"rate_per_s": 0.2, "burst": 1, "max_concurrency": 1, "max_queries": 3}
PAGE_LIMITS = {"rate_per_s": 2.0, "burst": 2, "max_concurrency": 2}
#: GDELT answers JSON as text/html or text/plain on some deployments; the body decides.
_ACCEPT = JSON_TYPES + ("text/html", "text/plain")


class _Article(BaseModel):
    model_config = ConfigDict(extra="ignore")
    url: str
    title: str | None = None
    seendate: str | None = None
    domain: str | None = None
    language: str | None = None


class _ArtList(BaseModel):
    model_config = ConfigDict(extra="ignore")
    articles: list[_Article] = Field(default_factory=list)


def parse_seendate(value: str | None) -> str | None:
    """``20250320T121500Z`` → ``2025-03-20T12:15:00+00:00``.

    >>> parse_seendate("20250320T121500Z")
    '2025-03-20T12:15:00+00:00'
    """
    if not value:
        return None
    try:
        return datetime.strptime(value, "%Y%m%dT%H%M%S%z").isoformat()
    except ValueError:
        return None


def parse_artlist(content: bytes) -> list[_Article]:
    """The articles of an ArtList answer; ``ValueError`` (with GDELT's own message) otherwise."""
    text = content.decode("utf-8", "replace").strip()
    if not text.startswith("{"):
        raise ValueError(text.splitlines()[0][:200] if text else "empty answer")
    return _ArtList.model_validate_json(content).articles


class GdeltSource:
    """Searches recent news around the article's date for the claims' entities."""

    name = "gdelt"

    def __init__(self, settings: SourceSettings) -> None:
        self.settings = with_defaults(settings, **API_DEFAULTS)
        self.page_settings = with_defaults(settings, **PAGE_LIMITS)
        self.endpoint = settings.base_url or DEFAULT_BASE_URL

    async def collect(self, request: SourceRequest, http, out: SourceOutput) -> None:
        queries = gdelt_queries(request.claims, request.article, window_days=self.settings.window_days,
                                limit=self.settings.max_queries)
        results = await asyncio.gather(*(self._search(q, http, out) for q in queries))
        seen: dict[str, _Article] = {}
        own = request.article.url
        for rank in range(self.settings.max_results):
            for found in results:
                if rank < len(found) and found[rank].url != own:
                    seen.setdefault(found[rank].url, found[rank])
        chosen = list(seen.values())[: self.settings.max_documents]
        meta = {a.url: {"title": a.title, "published": parse_seendate(a.seendate), "publisher": a.domain}
                for a in chosen}
        await fetch_pages_into([a.url for a in chosen], http, self.page_settings, out, source=self.name, meta=meta)

    async def _search(self, query, http, out: SourceOutput) -> list[_Article]:
        params = {"query": query.text, "mode": "ArtList", "format": "json",
                  "maxrecords": str(self.settings.max_results), "sort": "HybridRel"}
        if query.start and query.end:
            params["startdatetime"] = query.start.strftime("%Y%m%d%H%M%S")
            params["enddatetime"] = query.end.strftime("%Y%m%d%H%M%S")
        try:
            fetched = await http.get(self.endpoint, params=params, accept=_ACCEPT, settings=self.settings)
        except FetchError as exc:
            out.fail(str(exc))
            return []
        out.requests += 1
        try:
            return parse_artlist(fetched.content)
        except ValueError as exc:
            first = str(exc).splitlines()[0][:160]
            out.fail(f"{self.endpoint}: not an ArtList JSON answer ({first})")
            return []


@register_source("gdelt")
def _make(config: Config, settings: SourceSettings) -> Source:
    return GdeltSource(settings)
