r"""GDELT DOC 2.0 news search, then the articles found, fetched and extracted.

``GET {base_url}?query=Q sourcelang:LANG&mode=ArtList&format=json&maxrecords=N&sort=HybridRel
&startdatetime=YYYYMMDDHHMMSS&enddatetime=YYYYMMDDHHMMSS`` answers ``{"articles": [{"url",
"url_mobile", "title", "seendate": "20250320T121500Z", "socialimage", "domain", "language",
"sourcecountry"}]}``, or ``{}`` when nothing matched. Otherwise GDELT answers in plain text, often
with HTTP 200:

- "Please limit requests to one every 5 seconds or contact … for larger queries." — its rate
  notice: retried after the wait it names (and the whole process holds off that host as long);
- a refusal such as "The specified phrase is too short." — a warning, not retried;

neither is ever cached. The JSON is read leniently: GDELT sometimes sends invalid escapes
(``\'``) or raw control characters inside titles, which a strict parser rejects whole.

The API searches only the last 3 months: the window (±``window_days`` around the article's date)
is clipped to it, and an older article gets a warning instead of a silently empty answer.
``sourcelang:`` is set from the article's language when it is one GDELT knows.

``base_url`` defaults to ``https://api.gdeltproject.org/api/v2/doc/doc``.
"""

from __future__ import annotations

import asyncio
import json
import re
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
from factdesk.evidence.sources.client import RejectedAnswer, ServiceBusy
from factdesk.evidence.sources.query import gdelt_queries, gdelt_window
from factdesk.evidence.sources.web import fetch_pages_into
from factdesk.http import JSON_TYPES, Fetched

DEFAULT_BASE_URL = "https://api.gdeltproject.org/api/v2/doc/doc"
#: GDELT asks for at most one request every 5 seconds; the article pages are other hosts
API_DEFAULTS = {"rate_per_s": 0.2, "burst": 1, "max_concurrency": 1, "max_queries": 3}
PAGE_LIMITS = {"rate_per_s": 2.0, "burst": 2, "max_concurrency": 2}
#: GDELT answers JSON as text/html or text/plain on some deployments; the body decides.
_ACCEPT = JSON_TYPES + ("text/html", "text/plain")
_RATE_NOTICE = re.compile(r"limit requests to one every\s+(\d+(?:\.\d+)?)\s+seconds?", re.IGNORECASE)
_BAD_ESCAPE = re.compile(r'\\(?!["\\/bfnrt]|u[0-9a-fA-F]{4})')
#: ISO 639-1 → the language names ``sourcelang:`` takes (GDELT's machine-translated languages and English)
SOURCELANG = {
    "af": "afrikaans", "sq": "albanian", "ar": "arabic", "hy": "armenian", "az": "azerbaijani", "eu": "basque",
    "be": "belarusian", "bn": "bengali", "bs": "bosnian", "bg": "bulgarian", "ca": "catalan", "zh": "chinese",
    "hr": "croatian", "cs": "czech", "da": "danish", "nl": "dutch", "en": "english", "et": "estonian",
    "fi": "finnish", "fr": "french", "gl": "galician", "ka": "georgian", "de": "german", "el": "greek",
    "gu": "gujarati", "he": "hebrew", "hi": "hindi", "hu": "hungarian", "is": "icelandic", "id": "indonesian",
    "it": "italian", "ja": "japanese", "kn": "kannada", "kk": "kazakh", "ko": "korean", "lv": "latvian",
    "lt": "lithuanian", "mk": "macedonian", "ms": "malay", "ml": "malayalam", "mr": "marathi", "mn": "mongolian",
    "ne": "nepali", "no": "norwegian", "nb": "norwegian", "nn": "norwegian", "fa": "persian", "pl": "polish",
    "pt": "portuguese", "pa": "punjabi", "ro": "romanian", "ru": "russian", "sr": "serbian", "si": "sinhalese",
    "sk": "slovak", "sl": "slovenian", "so": "somali", "es": "spanish", "sw": "swahili", "sv": "swedish",
    "tl": "tagalog", "ta": "tamil", "te": "telugu", "th": "thai", "tr": "turkish", "uk": "ukrainian",
    "ur": "urdu", "vi": "vietnamese",
}


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


def loads_lenient(text: str):
    r"""JSON that tolerates GDELT's slips: raw control characters in strings and invalid escapes.

    >>> loads_lenient('{"t": "a\qb"}')["t"]
    'a\\qb'
    """
    try:
        return json.loads(text, strict=False)
    except json.JSONDecodeError:
        return json.loads(_BAD_ESCAPE.sub(r"\\\\", text), strict=False)


def sourcelang(language: str | None) -> str | None:
    """GDELT's name for an article language (``en-GB`` → ``english``); ``None`` when unknown."""
    if not language:
        return None
    return SOURCELANG.get(language.strip().lower().replace("_", "-").split("-")[0])


def parse_artlist(fetched: Fetched) -> list[_Article]:
    """The articles of an ArtList answer; :class:`ServiceBusy` for the rate notice,
    :class:`RejectedAnswer` (with GDELT's own words) for any other text."""
    text = fetched.content.decode("utf-8", "replace").strip().lstrip("\ufeff")
    if not text.startswith("{"):
        busy = _RATE_NOTICE.search(text)
        if busy:
            raise ServiceBusy(f"GDELT rate notice: {text.splitlines()[0][:160]}", float(busy.group(1)))
        raise RejectedAnswer(text.splitlines()[0][:200] if text else "empty answer")
    try:
        data = loads_lenient(text)
    except (ValueError, RecursionError):
        raise ValueError("not an ArtList JSON answer (unreadable JSON)") from None
    if not isinstance(data, dict):
        raise ValueError("not an ArtList JSON answer")
    return _ArtList.model_validate(data).articles


class GdeltSource:
    """Searches recent news around the article's date for the claims' entities."""

    name = "gdelt"

    def __init__(self, settings: SourceSettings) -> None:
        self.settings = with_defaults(settings, **API_DEFAULTS)
        self.page_settings = with_defaults(settings, **PAGE_LIMITS)
        self.endpoint = settings.base_url or DEFAULT_BASE_URL

    async def collect(self, request: SourceRequest, http, out: SourceOutput) -> None:
        window = gdelt_window(request.claims, request.article, window_days=self.settings.window_days)
        if window.wanted_start is not None:
            when = window.center.date().isoformat() if window.center else "unknown"
            if window.empty:
                out.notice(f"not searched: the article is from {when} and GDELT searches only the last 3 months")
                return
            out.notice(f"searched from {window.start.date().isoformat()} only: the article is from {when} and "
                       "GDELT searches only the last 3 months")
        queries = gdelt_queries(request.claims, request.article, limit=self.settings.max_queries, window=window)
        lang = sourcelang(request.article.language)
        results = await asyncio.gather(*(self._search(q, lang, http, out) for q in queries))
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

    async def _search(self, query, lang: str | None, http, out: SourceOutput) -> list[_Article]:
        text = f"{query.text} sourcelang:{lang}" if lang else query.text
        params = {"query": text, "mode": "ArtList", "format": "json",
                  "maxrecords": str(self.settings.max_results), "sort": "HybridRel"}
        if query.start and query.end:
            params["startdatetime"] = query.start.strftime("%Y%m%d%H%M%S")
            params["enddatetime"] = query.end.strftime("%Y%m%d%H%M%S")
        try:
            articles = await http.ask(self.endpoint, parse_artlist, params=params, accept=_ACCEPT,
                                      settings=self.settings)
        except (RejectedAnswer, ServiceBusy) as exc:
            out.fail(f"{self.endpoint}: GDELT refused the query ({exc})")
            return []
        except FetchError as exc:
            out.fail(str(exc))
            return []
        except ValueError as exc:
            out.fail(f"{self.endpoint}: {str(exc).splitlines()[0][:160]}")
            return []
        out.requests += 1
        return articles


@register_source("gdelt")
def _make(config: Config, settings: SourceSettings) -> Source:
    return GdeltSource(settings)
