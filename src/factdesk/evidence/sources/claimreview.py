"""Prior fact-checks: the Google Fact Check Tools API and schema.org ClaimReview JSON-LD in any page.

**Fact Check Tools** (``GET {base_url}/v1alpha1/claims:search?query=…&key=…&languageCode=…``)
answers ``{"claims": [{"text", "claimant", "claimDate", "claimReview": [{"publisher": {"name",
"site"}, "url", "title", "reviewDate", "textualRating", "languageCode"}]}], "nextPageToken"}``.
It needs an API key: ``FACTDESK_FACTCHECK_API_KEY`` or ``[sources_config.claimreview] api_key``;
without one the source is skipped with one warning.

**ClaimReview JSON-LD** (``<script type="application/ld+json">`` with ``"@type": "ClaimReview"``)
is read from every page the other sources fetch (web, GDELT, feeds), with or without a key.

>>> html = '<script type="application/ld+json">{"@type": "ClaimReview", "claimReviewed": "X",'
>>> html += ' "reviewRating": {"alternateName": "False"}, "author": {"name": "Desk"}}</script>'
>>> [(f.claim_reviewed, f.rating, f.publisher) for f in extract_claimreviews(html)]
[('X', 'False', 'Desk')]
"""

from __future__ import annotations

import asyncio
import json
import os
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
from factdesk.evidence.sources.query import claimreview_query
from factdesk.http import JSON_TYPES
from factdesk.models import PriorFactCheck

DEFAULT_BASE_URL = "https://factchecktools.googleapis.com"
API_KEY_ENV = "FACTDESK_FACTCHECK_API_KEY"

_LD_SCRIPT = re.compile(
    r"<script[^>]*type\s*=\s*[\"']application/ld\+json[\"'][^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL
)
_MAX_LD_NODES = 10_000


# -- JSON-LD ------------------------------------------------------------------------------------
def extract_claimreviews(html: str, *, page_url: str | None = None) -> list[PriorFactCheck]:
    """Every schema.org ClaimReview in the JSON-LD blocks of ``html`` (garbage blocks are skipped)."""
    found: list[PriorFactCheck] = []
    for block in _LD_SCRIPT.findall(html):
        try:
            data = json.loads(block.strip())
        except (ValueError, RecursionError):
            continue
        for node in _walk(data):
            review = _claimreview_from_node(node, page_url)
            if review is not None:
                found.append(review)
    return found


def _walk(data: Any):
    """Depth-first over dicts in a JSON-LD document (``@graph``, lists, nesting), bounded."""
    stack, seen = [data], 0
    while stack and seen < _MAX_LD_NODES:
        item = stack.pop()
        seen += 1
        if isinstance(item, dict):
            yield item
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend(item)


def _types(node: dict) -> set[str]:
    t = node.get("@type", [])
    items = t if isinstance(t, list) else [t]
    return {str(x).rsplit("/", 1)[-1] for x in items}


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("@id") or value.get("url"))
    if isinstance(value, list) and value:
        return _text(value[0])
    if isinstance(value, (int, float)):
        return str(value)
    return None


def _claimreview_from_node(node: dict, page_url: str | None) -> PriorFactCheck | None:
    if "ClaimReview" not in _types(node):
        return None
    claim = _text(node.get("claimReviewed"))
    rating_node = node.get("reviewRating") or {}
    rating = None
    if isinstance(rating_node, dict):
        rating = _text(rating_node.get("alternateName")) or _text(rating_node.get("ratingValue"))
        if rating and rating_node.get("alternateName") is None and rating_node.get("bestRating") is not None:
            rating = f"{rating}/{_text(rating_node.get('bestRating'))}"
    item = node.get("itemReviewed") if isinstance(node.get("itemReviewed"), dict) else {}
    claim = claim or _text(item.get("name"))
    if not claim or not rating:
        return None
    return PriorFactCheck(
        claim_reviewed=claim,
        rating=rating,
        publisher=_text(node.get("author")) or _text(node.get("publisher")),
        url=_text(node.get("url")) or page_url,
        date=_text(node.get("datePublished")),
        claimant=_text(item.get("author")),
        source="claimreview",
    )


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


def parse_search_response(content: bytes) -> list[PriorFactCheck]:
    """Prior fact-checks from a ``claims:search`` answer; ``ValueError`` when it is not one."""
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

        async def one(claim) -> None:
            query = claimreview_query(claim)
            params = {"query": query.text, "languageCode": self.settings.lang,
                      "pageSize": str(self.settings.max_results), "key": self.api_key}
            try:
                fetched = await http.get(self.endpoint, params=params, accept=JSON_TYPES, settings=self.settings)
                out.requests += 1
                reviews = parse_search_response(fetched.content)
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
    key = settings.api_key or os.environ.get(API_KEY_ENV)
    if not key:
        return UnavailableSource(
            "claimreview",
            f"skipped: no Fact Check Tools API key (set {API_KEY_ENV} or sources_config.claimreview.api_key);"
            " ClaimReview markup in fetched pages is still read",
            settings,
        )
    return FactCheckToolsSource(settings, key)
