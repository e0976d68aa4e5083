"""Wikipedia through the MediaWiki Action API: search with plain-text extracts, then the pages still missing.

1. One request per query (``generator=search`` with ``prop=extracts|info``)::

       GET {base_url}?action=query&format=json&formatversion=2&generator=search&gsrsearch=Q
           &gsrnamespace=0&gsrlimit=N&prop=extracts|info&explaintext=1&exsectionformat=plain
           &exlimit=1&inprop=url&redirects=1&maxlag=5

   answers ``{"query": {"pages": [{"pageid", "ns", "title", "index", "fullurl", "touched",
   "extract"?}]}}``: the search hits (ranked by ``index``) with their URLs, and the whole-page
   extract of one of them (TextExtracts returns whole-page extracts one page per request: "Multiple
   extracts can only be returned if exintro is set to true"). A page whose extract came along needs
   no second request.
2. One request per chosen page that still lacks its text (``prop=extracts|info&pageids=ID``).
   A page that no longer exists comes back as ``{"pageid": ID, "missing": true}`` without a title,
   and is skipped.

Requests per check: the queries plus the chosen pages whose extract did not come with the search
(at most ``max_queries + max_documents``); they go out in series (``max_concurrency = 1``, as
Wikimedia's API etiquette asks; at most 3 is allowed) and carry ``maxlag=5``. A ``maxlag`` error
(HTTP 200 with ``Retry-After``) is retried after the wait it names; any other API error object
(HTTP 200 too, "API:Errors and warnings") is a warning and is never cached.

``base_url`` defaults to ``https://{lang}.wikipedia.org/w/api.php``; ``{lang}`` in a configured
``base_url`` is filled from ``lang``.
"""

from __future__ import annotations

import asyncio
import json

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
    with_defaults,
)
from factdesk.evidence.sources.client import RejectedAnswer, ServiceBusy, parse_retry_after
from factdesk.evidence.sources.query import wikipedia_queries
from factdesk.http import JSON_TYPES, Fetched
from factdesk.models import Document

DEFAULT_BASE_URL = "https://{lang}.wikipedia.org/w/api.php"
#: Wikimedia asks for requests in series (API:Etiquette); never more than 3 at once
MAX_CONCURRENCY = 3
DEFAULTS = {"max_concurrency": 1, "max_queries": 8}
#: seconds of replication lag above which the API refuses (Manual:Maxlag_parameter: "use maxlag=5")
MAXLAG_S = 5
#: error codes that mean "not now": retried after Retry-After (or this many seconds)
BUSY_CODES = {"maxlag": 5.0, "ratelimited": 30.0, "readonly": 30.0}


class _Page(BaseModel):
    """A page in an answer; every field but ``pageid`` may be missing (missing pages have no title)."""

    model_config = ConfigDict(extra="ignore")
    pageid: int | None = None
    ns: int = 0
    title: str | None = None
    index: int | None = None
    extract: str | None = None
    fullurl: str | None = None
    touched: str | None = None
    missing: bool = False
    invalid: bool = False


class _Query(BaseModel):
    model_config = ConfigDict(extra="ignore")
    pages: list[_Page] = Field(default_factory=list)


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")
    query: _Query = Field(default_factory=_Query)


def api_error(data: object) -> tuple[str, str] | None:
    """``(code, text)`` of a MediaWiki error answer, in either error format, else ``None``.

    >>> api_error({"error": {"code": "maxlag", "info": "Waiting for db1: 7 seconds lagged."}})
    ('maxlag', 'Waiting for db1: 7 seconds lagged.')
    >>> api_error({"errors": [{"code": "badvalue", "text": "Unrecognized value."}]})
    ('badvalue', 'Unrecognized value.')
    """
    if not isinstance(data, dict):
        return None
    err = data.get("error")
    if isinstance(err, dict):
        return str(err.get("code", "error")), str(err.get("info") or err.get("text") or err.get("*") or "")
    errs = data.get("errors")
    if isinstance(errs, list) and errs and isinstance(errs[0], dict):
        return str(errs[0].get("code", "error")), str(errs[0].get("text") or errs[0].get("*") or "")
    return None


def parse_answer(fetched: Fetched) -> list[_Page]:
    """The pages of a query answer; :class:`ServiceBusy` for maxlag and other "not now" errors,
    :class:`RejectedAnswer` for any other API error object, ``ValueError`` for garbage."""
    try:
        data = json.loads(fetched.content)
    except ValueError:
        raise ValueError("the answer is not MediaWiki JSON") from None
    error = api_error(data)
    if error is not None:
        code, text = error
        if code in BUSY_CODES:
            wait = parse_retry_after(fetched.headers.get("retry-after"))
            raise ServiceBusy(f"MediaWiki API {code}: {text}".rstrip(": "), wait if wait is not None else BUSY_CODES[code])
        raise RejectedAnswer(f"MediaWiki API error {code}: {text}".rstrip(": "))
    if not isinstance(data, dict):
        raise ValueError("the answer is not MediaWiki JSON")
    try:
        return _Answer.model_validate(data).query.pages
    except ValueError:
        raise ValueError("the answer is not MediaWiki JSON") from None


class WikipediaSource:
    """Searches Wikipedia for the claims' entities and key words and reads the pages found."""

    name = "wikipedia"

    def __init__(self, settings: SourceSettings) -> None:
        settings = with_defaults(settings, **DEFAULTS)
        if settings.max_concurrency > MAX_CONCURRENCY:
            settings = settings.model_copy(update={"max_concurrency": MAX_CONCURRENCY})
        self.settings = settings
        self.lang = settings.lang
        self.endpoint = (settings.base_url or DEFAULT_BASE_URL).replace("{lang}", settings.lang)

    async def collect(self, request: SourceRequest, http, out: SourceOutput) -> None:
        queries = wikipedia_queries(request.claims, limit=self.settings.max_queries)
        hits = await asyncio.gather(*(self._search(q.text, http, out) for q in queries))
        # interleave: the best hit of every query before the second of any, so each entity gets a page
        ranked: dict[int, _Page] = {}
        for rank in range(self.settings.max_results):
            for found in hits:
                if rank < len(found):
                    page = found[rank]
                    known = ranked.get(page.pageid)
                    if known is None or (not known.extract and page.extract):
                        ranked[page.pageid] = page
        chosen = list(ranked.values())[: self.settings.max_documents]
        with_text = [p for p in chosen if (p.extract or "").strip()]
        for page in with_text:
            self._add(page, out)
        await asyncio.gather(*(self._page(p.pageid, http, out) for p in chosen if p not in with_text))

    def _params(self, **extra: str) -> dict[str, str]:
        return {"action": "query", "format": "json", "formatversion": "2", "prop": "extracts|info",
                "explaintext": "1", "exsectionformat": "plain", "exlimit": "1", "inprop": "url",
                "redirects": "1", "maxlag": str(MAXLAG_S), "utf8": "1", **extra}

    async def _search(self, text: str, http, out: SourceOutput) -> list[_Page]:
        params = self._params(generator="search", gsrsearch=text, gsrnamespace="0",
                              gsrlimit=str(self.settings.max_results))
        pages = await self._call(params, http, out)
        hits = [p for p in pages if p.pageid is not None and p.ns == 0 and not p.missing and p.title]
        return sorted(hits, key=lambda p: (p.index if p.index is not None else 10_000, p.pageid))

    async def _page(self, pageid: int, http, out: SourceOutput) -> None:
        for page in await self._call(self._params(pageids=str(pageid)), http, out):
            self._add(page, out, fallback_id=pageid)

    def _add(self, page: _Page, out: SourceOutput, fallback_id: int | None = None) -> None:
        if page.missing or page.invalid or not page.title or not (page.extract or "").strip():
            return  # a page deleted since the search, or a partial answer without its text
        url = page.fullurl or f"https://{self.lang}.wikipedia.org/wiki/{page.title.replace(' ', '_')}"
        out.add_document(Document(
            id=f"wikipedia:{self.lang}:{page.pageid or fallback_id}",
            url=url,
            title=page.title,
            text=clip(page.extract.strip(), self.settings.max_chars),
            published=page.touched,
            source=self.name,
            publisher="Wikipedia",
        ))

    async def _call(self, params: dict, http, out: SourceOutput) -> list[_Page]:
        try:
            pages = await http.ask(self.endpoint, parse_answer, params=params, accept=JSON_TYPES,
                                   settings=self.settings)
        except (RejectedAnswer, ServiceBusy) as exc:
            out.fail(f"{self.endpoint}: {exc}")
            return []
        except FetchError as exc:
            out.fail(str(exc))
            return []
        except ValueError as exc:
            out.fail(f"{self.endpoint}: {exc}")
            return []
        out.requests += 1
        return pages


@register_source("wikipedia")
def _make(config: Config, settings: SourceSettings) -> Source:
    return WikipediaSource(settings)
