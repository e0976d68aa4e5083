"""Prior fact-checks: the Google Fact Check Tools API and schema.org ClaimReview JSON-LD in any page.

**Fact Check Tools** (``GET {base_url}/v1alpha1/claims:search?query=…&key=…&languageCode=…``)
answers ``{"claims": [{"text", "claimant", "claimDate", "claimReview": [{"publisher": {"name",
"site"}, "url", "title", "reviewDate", "textualRating", "languageCode"}]}], "nextPageToken"}``.
It needs an API key: ``FACTDESK_FACTCHECK_API_KEY`` or ``[sources.claimreview] api_key`` (both read
by :mod:`factdesk.config`); without one, ``auto`` sources leave it out and a check that names it gets
one warning.

Google's error answers (``{"error": {"code", "message", "status"}}``, e.g. ``INVALID_ARGUMENT: API
key not valid`` or ``PERMISSION_DENIED: … API has not been used in project … or it is disabled``)
reach the warning with Google's own words; the key never does.

**ClaimReview JSON-LD** (``<script type="application/ld+json">`` with ``"@type": "ClaimReview"``,
the ``type`` attribute quoted or not) is read from every page the other sources fetch (web, GDELT,
feeds), with or without a key; ``{"@id": …}`` references are followed and a list of ratings is read.

>>> html = '<script type="application/ld+json">{"@type": "ClaimReview", "claimReviewed": "X",'
>>> html += ' "reviewRating": {"alternateName": "False"}, "author": {"name": "Desk"}}</script>'
>>> [(f.claim_reviewed, f.rating, f.publisher) for f in extract_claimreviews(html)]
[('X', 'False', 'Desk')]
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from factdesk.config import Config
from factdesk.errors import FetchError
from factdesk.evidence.sources.base import (
    FoundFactCheck,
    Source,
    SourceOutput,
    SourceRequest,
    SourceSettings,
    UnavailableSource,
    register_source,
)
from factdesk.evidence.sources.query import claimreview_fallback_query, claimreview_query
from factdesk.evidence.sources.client import RejectedAnswer
from factdesk.http import JSON_TYPES, Fetched
from factdesk.models import PriorFactCheck

DEFAULT_BASE_URL = "https://factchecktools.googleapis.com"
API_KEY_ENV = "FACTDESK_FACTCHECK_API_KEY"

_LD_SCRIPT = re.compile(
    r"<script\b[^>]*\btype\s*=\s*(?:\"application/ld\+json[^\"]*\"|'application/ld\+json[^']*'|application/ld\+json(?=[\s>/]))"
    r"[^>]*>(.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
_MAX_LD_NODES = 10_000


# -- JSON-LD ------------------------------------------------------------------------------------
def extract_claimreviews(html: str, *, page_url: str | None = None) -> list[PriorFactCheck]:
    """Every schema.org ClaimReview in the JSON-LD blocks of ``html`` (garbage blocks are skipped).

    ``{"@id": …}`` references (an ``author`` or ``itemReviewed`` given elsewhere in the page's
    graph) are followed; ``reviewRating`` may be one rating or a list of them.
    """
    blocks = []
    for block in _LD_SCRIPT.findall(html):
        try:
            blocks.append(json.loads(block.strip()))
        except (ValueError, RecursionError):
            continue
    ids = node_index(blocks)
    found: list[PriorFactCheck] = []
    for data in blocks:
        for node in walk(data):
            fields = claimreview_fields(node, ids, page_url)
            if fields is not None:
                found.append(PriorFactCheck(
                    claim_reviewed=fields["claim"], rating=fields["rating"],
                    publisher=fields["publisher"] or fields["publisher_site"], url=fields["url"],
                    date=fields["review_date"] or fields["claim_date"], claimant=fields["claimant"],
                    source="claimreview",
                ))
    return found


def walk(data: Any):
    """Depth-first over dicts in a JSON-LD document (``@graph``, lists, nesting), bounded."""
    stack, seen = [data], 0
    while stack and seen < _MAX_LD_NODES:
        item = stack.pop()
        seen += 1
        if isinstance(item, dict):
            yield item
            stack.extend(v for v in reversed(list(item.values())) if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def node_index(documents: list[Any]) -> dict[str, dict]:
    """``@id`` → the node that describes it (more than a bare reference), over all ``documents``."""
    ids: dict[str, dict] = {}
    for data in documents:
        for node in walk(data):
            key = node.get("@id")
            if isinstance(key, str) and len(node) > 1 and set(node) - {"@id", "@type"}:
                ids.setdefault(key, node)
    return ids


def _resolve(value: Any, ids: dict[str, dict]) -> Any:
    if isinstance(value, list):
        return [_resolve(v, ids) for v in value]
    if isinstance(value, dict) and isinstance(value.get("@id"), str) and not (set(value) - {"@id", "@type"}):
        return ids.get(value["@id"], value)
    return value


def _types(node: dict) -> set[str]:
    t = node.get("@type", [])
    items = t if isinstance(t, list) else [t]
    return {str(x).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for x in items}


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("alternateName") or value.get("@value") or value.get("url")
                     or value.get("@id"))
    if isinstance(value, list) and value:
        return next((t for t in (_text(v) for v in value) if t), None)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return None


def _first_dict(value: Any) -> dict:
    if isinstance(value, dict):
        return value
    if isinstance(value, list):
        return next((v for v in value if isinstance(v, dict)), {})
    return {}


def _rating(value: Any, ids: dict[str, dict]) -> str | None:
    """A rating's words (``alternateName``), else ``ratingValue/bestRating``; the first usable of a list."""
    ratings = value if isinstance(value, list) else [value]
    for node in ratings:
        node = _resolve(node, ids)
        if isinstance(node, str):
            return node.strip() or None
        if not isinstance(node, dict):
            continue
        words = _text(node.get("alternateName")) or _text(node.get("name"))
        if words:
            return words
        number = _text(node.get("ratingValue"))
        if number:
            best = _text(node.get("bestRating"))
            return f"{number}/{best}" if best else number
    return None


def claimreview_fields(node: dict, ids: dict[str, dict] | None = None, page_url: str | None = None) -> dict | None:
    """The fields factdesk keeps of one ClaimReview node (``None`` when it is none, or lacks a claim
    or a rating): claim, rating, claimant, publisher, publisher_site, claim_date, review_date, url,
    language. ``ids`` resolves ``{"@id": …}`` references."""
    ids = ids or {}
    if not isinstance(node, dict) or "ClaimReview" not in _types(node):
        return None
    item = _first_dict(_resolve(node.get("itemReviewed"), ids))
    claim = _text(node.get("claimReviewed")) or _text(item.get("name"))
    rating = _rating(node.get("reviewRating"), ids)
    if not claim or not rating:
        return None
    author = _first_dict(_resolve(node.get("author"), ids)) or _first_dict(_resolve(node.get("publisher"), ids))
    author_text = _text(_resolve(node.get("author"), ids)) or _text(_resolve(node.get("publisher"), ids))
    claimant = _resolve(item.get("author"), ids)
    language = node.get("inLanguage") or item.get("inLanguage")
    return {
        "claim": claim,
        "rating": rating,
        "claimant": _text(claimant),
        "publisher": (_text(author.get("name")) if author else None) or author_text,
        "publisher_site": _text(author.get("url")) if author else None,
        "claim_date": _text(item.get("datePublished")),
        "review_date": _text(node.get("datePublished")),
        "url": _text(node.get("url")) or page_url,
        "language": _language(_resolve(language, ids)),
    }


def _language(value: Any) -> str | None:
    """``inLanguage`` as a code when one is given (``"en"``, ``{"alternateName": "en"}``), else its name."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _text(value.get("alternateName")) or _text(value.get("name"))
    return _text(value)


# -- Fact Check Tools API -----------------------------------------------------------------------
class _Publisher(BaseModel):
    model_config = ConfigDict(extra="ignore")
    name: str | None = None
    site: str | None = None


class _Review(BaseModel):
    model_config = ConfigDict(extra="ignore")
    publisher: _Publisher | None = None
    url: str | None = None
    title: str | None = None
    reviewDate: str | None = None
    textualRating: str | None = None
    languageCode: str | None = None


class _Claim(BaseModel):
    model_config = ConfigDict(extra="ignore")
    text: str | None = None
    claimant: str | None = None
    claimDate: str | None = None
    claimReview: list[_Review] = Field(default_factory=list)


class _SearchResponse(BaseModel):
    model_config = ConfigDict(extra="ignore")
    claims: list[_Claim] = Field(default_factory=list)
    nextPageToken: str | None = None


def google_error_message(content: bytes) -> str | None:
    """The message of a Google API error body (``{"error": {"code", "message", "status"}}``).

    >>> google_error_message(b'{"error": {"code": 400, "message": "API key not valid.", "status": "INVALID_ARGUMENT"}}')
    'INVALID_ARGUMENT: API key not valid.'
    """
    try:
        data = json.loads(content)
    except (ValueError, RecursionError):
        return None
    err = data.get("error") if isinstance(data, dict) else None
    if not isinstance(err, dict):
        return None
    message = " ".join(str(err.get("message") or "").split())[:240]
    status = str(err.get("status") or "").strip()
    return ": ".join(x for x in (status, message) if x) or None


def parse_search_response(content: bytes | Fetched) -> list[PriorFactCheck]:
    """Prior fact-checks from a ``claims:search`` answer; ``ValueError`` when it is not one."""
    if isinstance(content, Fetched):
        content = content.content
    message = google_error_message(content)
    if message:
        raise RejectedAnswer(f"Fact Check Tools error {message}")
    data = _SearchResponse.model_validate_json(content)
    out = []
    for claim in data.claims:
        for review in claim.claimReview:
            if not (claim.text and review.textualRating):
                continue
            out.append(PriorFactCheck(
                claim_reviewed=claim.text,
                rating=review.textualRating,
                publisher=(review.publisher.name or review.publisher.site) if review.publisher else None,
                url=review.url,
                date=review.reviewDate or claim.claimDate,
                claimant=claim.claimant,
                source="claimreview",
            ))
    return out


class FactCheckToolsSource:
    """Searches published fact-checks for each claim's text."""

    name = "claimreview"

    def __init__(self, settings: SourceSettings, api_key: str) -> None:
        self.settings = settings
        self.api_key = api_key
        self.endpoint = (settings.base_url or DEFAULT_BASE_URL).rstrip("/") + "/v1alpha1/claims:search"

    async def collect(self, request: SourceRequest, http, out: SourceOutput) -> None:
        claims = request.claims[: self.settings.max_queries]

        async def ask(text: str):
            params = {"query": text, "languageCode": self.settings.lang,
                      "pageSize": str(self.settings.max_results), "key": self.api_key}
            reviews = await http.ask(self.endpoint, parse_search_response, params=params, accept=JSON_TYPES,
                                     settings=self.settings, explain=google_error_message)
            out.requests += 1
            return reviews

        async def one(claim) -> None:
            try:
                reviews = await ask(claimreview_query(claim).text)
                fallback = None if reviews else claimreview_fallback_query(claim)
                if fallback is not None:  # the sentence found nothing: its key words may
                    reviews = await ask(fallback.text)
            except RejectedAnswer as exc:
                out.fail(f"{self.endpoint}: {exc}")
                return
            except FetchError as exc:
                out.fail(str(exc))
                return
            except ValueError:
                out.fail(f"{self.endpoint}: the answer is not a Fact Check Tools search result")
                return
            out.fact_checks.extend(FoundFactCheck(r, claim.id) for r in reviews)

        await asyncio.gather(*(one(c) for c in claims))


@register_source("claimreview")
def _make(config: Config, settings: SourceSettings) -> Source:
    key = settings.api_key  # or FACTDESK_FACTCHECK_API_KEY, which the config reads into it
    if not key:
        return UnavailableSource(
            "claimreview",
            f"skipped: no Fact Check Tools API key (set {API_KEY_ENV} or [sources.claimreview] api_key);"
            " ClaimReview markup in fetched pages is still read",
            settings,
        )
    return FactCheckToolsSource(settings, key)
