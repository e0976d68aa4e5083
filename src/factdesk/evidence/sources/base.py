"""The ``Source`` protocol, the registry that config picks sources from, and what a source gets and gives.

A source is a small object with a ``name`` and one coroutine, ``collect(request, http, out)``: it
reads the claims in ``request``, asks its service through ``http`` (a :class:`SourceHttp`, which
caches, rate-limits, retries and keeps to the deadline) and appends what it found to ``out``. It
never decides what is a warning: failures are recorded in ``out.errors`` (or raised as
``FetchError`` / ``ValueError``) and the runner turns them into one warning per source.

New sources register themselves by name::

    @register_source("mysource")
    def _make(config: Config, settings: SourceSettings) -> Source:
        return MySource(settings)

and are then chosen with ``--sources mysource`` or ``sources = ["mysource"]`` in the config.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from factdesk.config import Config
from factdesk.models import Article, Claim, Document, PriorFactCheck


class SourceSettings(BaseModel):
    """Per-source settings, read from ``[sources_config.<name>]`` in the config file.

    Every key is optional; each connector fills its own defaults (its documented base URL…).
    """

    model_config = ConfigDict(extra="forbid")

    base_url: str | None = Field(default=None, description="the service endpoint; tests point it at 127.0.0.1")
    lang: str = "en"
    api_key: str | None = None
    timeout_s: float = Field(default=10.0, gt=0, description="per request")
    budget_s: float | None = Field(default=None, gt=0, description="the whole source, per check (within deadline_s)")
    max_results: int = Field(default=5, ge=0, description="results asked of the service per query")
    max_documents: int = Field(default=10, ge=0, description="documents kept per check")
    max_queries: int = Field(default=20, ge=0, description="service queries per check")
    max_chars: int = Field(default=20_000, gt=0, description="text kept per document")
    max_bytes: int | None = Field(default=None, description="response size cap (default: http.max_bytes)")
    rate_per_s: float = Field(default=5.0, gt=0, description="requests per second per host (token bucket)")
    burst: int = Field(default=5, ge=1)
    max_concurrency: int = Field(default=4, ge=1, description="requests in flight per host")
    retries: int = Field(default=2, ge=0, description="retries on 429 and 5xx (never on other errors)")
    backoff_s: float = Field(default=0.5, ge=0, description="first backoff; doubles each retry")
    max_retry_after_s: float = Field(default=30.0, ge=0, description="longest Retry-After honoured")
    window_days: int = Field(default=30, ge=1, description="GDELT/feeds: how far around the article date")
    feeds: list[str] = Field(default_factory=list, description="feeds: more feed URLs (as urls)")
    urls: list[str] = Field(default_factory=list, description="feeds: the feeds to read; web: pages fetched "
                            "when the web source runs, besides [sources] urls")
    follow_article_links: bool = Field(default=True, description="web: fetch the links cited in the article")


def with_defaults(settings: SourceSettings, **defaults) -> SourceSettings:
    """``settings`` with a connector's own defaults for the keys the config did not set.

    >>> with_defaults(SourceSettings(burst=3), burst=1, rate_per_s=0.2).model_dump(include={"burst", "rate_per_s"})
    {'rate_per_s': 0.2, 'burst': 3}
    """
    unset = {k: v for k, v in defaults.items() if k not in settings.model_fields_set}
    return settings.model_copy(update=unset)


@dataclass
class SourceRequest:
    """What every source is asked about: the claims to check and the article they come from."""

    claims: list[Claim]
    article: Article
    config: Config
    #: the runtime's evidence store, for sources that read it (prior fact-checks imported offline)
    store: Any = None


@dataclass
class FoundFactCheck:
    """A prior fact-check a source found, before it is matched to a claim.

    ``claim_id`` is the claim whose query found it (a hint; matching still measures similarity).
    """

    fact_check: PriorFactCheck
    claim_id: str | None = None


@dataclass
class SourceOutput:
    """What one source gathered in one check; partial results survive a deadline."""

    name: str
    documents: list[Document] = field(default_factory=list)
    fact_checks: list[FoundFactCheck] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: things the reader should know that are not failures (a date window clipped…): one warning each
    notices: list[str] = field(default_factory=list)
    requests: int = 0

    def add_document(self, doc: Document) -> None:
        self.documents.append(doc)

    def fail(self, message: str) -> None:
        self.errors.append(message)

    def notice(self, message: str) -> None:
        if message not in self.notices:
            self.notices.append(message)


@runtime_checkable
class Source(Protocol):
    """A real-time evidence source (see the module docstring).

    A source that needs no network sets ``offline = True``: the runner then starts no HTTP client
    for a check that has only such sources. A source that has nothing to ask (no API key, no feeds)
    sets ``configured = False``: ``auto`` sources leave it out quietly, while a source named on purpose
    says why it did nothing.
    """

    name: str
    settings: SourceSettings

    async def collect(self, request: SourceRequest, http: "SourceHttp", out: SourceOutput) -> None:  # noqa: F821
        ...


SourceFactory = Callable[[Config, SourceSettings], Source]

#: name → factory; filled by ``@register_source`` in each connector module.
SOURCE_REGISTRY: dict[str, SourceFactory] = {}


def register_source(name: str) -> Callable[[SourceFactory], SourceFactory]:
    """Class/function decorator adding a source factory to :data:`SOURCE_REGISTRY`."""

    def deco(factory: SourceFactory) -> SourceFactory:
        SOURCE_REGISTRY[name] = factory
        return factory

    return deco


@dataclass
class UnavailableSource:
    """Stands in for a configured source that cannot run (no API key…): it yields one warning."""

    name: str
    reason: str
    settings: SourceSettings = field(default_factory=SourceSettings)
    configured = False

    async def collect(self, request: SourceRequest, http, out: SourceOutput) -> None:
        out.fail(self.reason)


def doc_id(source: str, url: str) -> str:
    """A stable document id for a fetched URL.

    >>> doc_id("web", "https://example.org/a")
    'web:579f2a2ceeee0bc3'
    """
    return f"{source}:{hashlib.sha1(url.encode()).hexdigest()[:16]}"


def clip(text: str, max_chars: int) -> str:
    """Cut ``text`` at a paragraph or sentence end before ``max_chars``."""
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    for sep in ("\n\n", "\n", ". "):
        pos = cut.rfind(sep)
        if pos > max_chars // 2:
            return cut[: pos + (1 if sep == ". " else 0)].rstrip()
    return cut.rstrip()
