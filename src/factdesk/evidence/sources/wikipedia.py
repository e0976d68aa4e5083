"""Wikipedia through the MediaWiki Action API: search, then plain-text page extracts.

1. ``GET {base_url}?action=query&list=search&srsearch=Q&srlimit=N&format=json&formatversion=2``
   answers ``{"query": {"search": [{"ns", "title", "pageid", "snippet", "timestamp"…}]}}``.
2. ``GET {base_url}?action=query&prop=extracts|info&explaintext=1&inprop=url&pageids=ID&format=json
   &formatversion=2`` answers ``{"query": {"pages": [{"pageid", "title", "extract", "fullurl",
   "touched"…}]}}`` (one page per request: TextExtracts gives whole pages only one at a time).

``base_url`` defaults to ``https://{lang}.wikipedia.org/w/api.php``; ``{lang}`` in a configured
``base_url`` is filled from ``lang``. The documents go into the local store, so the next check of
the same subject needs no network.
"""

from __future__ import annotations

import asyncio

from pydantic import BaseModel, ConfigDict, Field

from factdesk.config import Config
from factdesk.errors import FetchError
from factdesk.evidence.sources.base import (
    Source,
    SourceOutput,
    SourceRequest,
    SourceSettings,
    clip,
    register_source,
)
from factdesk.evidence.sources.query import wikipedia_queries
from factdesk.http import JSON_TYPES
from factdesk.models import Document

DEFAULT_BASE_URL = "https://{lang}.wikipedia.org/w/api.php"


class _Hit(BaseModel):
    model_config = ConfigDict(extra="ignore")
    title: str
    pageid: int
    ns: int = 0


class _SearchQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")
    search: list[_Hit] = Field(default_factory=list)


class _SearchResponse(BaseModel):
    model_config = ConfigDict(extra="ignore")
    query: _SearchQuery = Field(default_factory=_SearchQuery)


class _Page(BaseModel):
    model_config = ConfigDict(extra="ignore")
    pageid: int | None = None
    title: str
    extract: str | None = None
    fullurl: str | None = None
    touched: str | None = None
    missing: bool = False


class _PagesQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")
    pages: list[_Page] = Field(default_factory=list)


class _PagesResponse(BaseModel):
    model_config = ConfigDict(extra="ignore")
    query: _PagesQuery = Field(default_factory=_PagesQuery)


def _api_error(content: bytes) -> str | None:
    """The MediaWiki ``{"error": {"code", "info"}}`` message, if the answer is one."""
    import json

    try:
        data = json.loads(content)
    except ValueError:
        return None
    if isinstance(data, dict) and isinstance(data.get("error"), dict):
        err = data["error"]
        return f"{err.get('code', 'error')}: {err.get('info', '')}".strip(": ")
    return None


class WikipediaSource:
    """Searches Wikipedia for the claims' entities and key words and reads the pages found."""

    name = "wikipedia"

    def __init__(self, settings: SourceSettings) -> None:
        self.settings = settings
        self.lang = settings.lang
        self.endpoint = (settings.base_url or DEFAULT_BASE_URL).replace("{lang}", settings.lang)

    async def collect(self, request: SourceRequest, http, out: SourceOutput) -> None:
        queries = wikipedia_queries(request.claims, limit=self.settings.max_queries)
        hits = await asyncio.gather(*(self._search(q.text, http, out) for q in queries))
        # interleave: the best hit of every query before the second of any, so each entity gets a page
        ranked: dict[int, str] = {}
        for rank in range(self.settings.max_results):
            for found in hits:
                if rank < len(found):
                    ranked.setdefault(found[rank].pageid, found[rank].title)
        chosen = list(ranked.items())[: self.settings.max_documents]
        await asyncio.gather(*(self._page(pid, http, out) for pid, _title in chosen))

    async def _search(self, text: str, http, out: SourceOutput) -> list[_Hit]:
        params = {"action": "query", "list": "search", "srsearch": text, "srlimit": str(self.settings.max_results),
                  "srnamespace": "0", "format": "json", "formatversion": "2", "utf8": "1"}
        content = await self._call(params, http, out)
        if content is None:
            return []
        try:
            return [h for h in _SearchResponse.model_validate_json(content).query.search if h.ns == 0]
        except ValueError:
            out.fail(f"{self.endpoint}: the search answer is not MediaWiki JSON")
            return []

    async def _page(self, pageid: int, http, out: SourceOutput) -> None:
        params = {"action": "query", "prop": "extracts|info", "explaintext": "1", "exsectionformat": "plain",
                  "inprop": "url", "pageids": str(pageid), "format": "json", "formatversion": "2",
                  "redirects": "1"}
        content = await self._call(params, http, out)
        if content is None:
            return
        try:
            pages = _PagesResponse.model_validate_json(content).query.pages
        except ValueError:
            out.fail(f"{self.endpoint}: the extract answer is not MediaWiki JSON")
            return
        for page in pages:
            if page.missing or not (page.extract or "").strip():
                continue
            url = page.fullurl or f"https://{self.lang}.wikipedia.org/wiki/{page.title.replace(' ', '_')}"
            out.add_document(Document(
                id=f"wikipedia:{self.lang}:{page.pageid or pageid}",
                url=url,
                title=page.title,
                text=clip(page.extract.strip(), self.settings.max_chars),
                published=page.touched,
                source=self.name,
                publisher="Wikipedia",
            ))

    async def _call(self, params: dict, http, out: SourceOutput) -> bytes | None:
        try:
            fetched = await http.get(self.endpoint, params=params, accept=JSON_TYPES, settings=self.settings)
        except FetchError as exc:
            out.fail(str(exc))
            return None
        out.requests += 1
        error = _api_error(fetched.content)
        if error:
            out.fail(f"{self.endpoint}: {error}")
            return None
        return fetched.content


@register_source("wikipedia")
def _make(config: Config, settings: SourceSettings) -> Source:
    return WikipediaSource(settings)
