"""What a client may submit (text, HTML, a URL or an uploaded file) and how it becomes an ``Article``.

Parsing is always the ingest stage's (``factdesk.ingest``); this module only picks the entry point.
Text and HTML are parsed before the job is queued, so bad input is answered at once with a 4xx;
a URL is checked against the SSRF guard at once and fetched inside the job.

>>> req = CheckRequest(text="Title\\n\\nFirst paragraph.")
>>> req.kind
'text'
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from factdesk.config import Config
from factdesk.errors import InputError
from factdesk.models import Article

SOURCE_NAME = re.compile(r"^[a-z][a-z0-9_\-]{0,31}$")


class ClaimsRequest(BaseModel):
    """Body of ``POST /api/claims``: claims to check without an article, one per string."""

    model_config = ConfigDict(extra="forbid")

    claims: list[str] = Field(min_length=1, max_length=100, description="the claims, each checked as written")
    sources: list[str] | None = Field(default=None, max_length=16,
                                      description="evidence sources for these claims (default: the server's)")

    @model_validator(mode="after")
    def _valid(self) -> "ClaimsRequest":
        if not any(c.strip() for c in self.claims):
            raise ValueError("every claim is empty")
        for i, c in enumerate(self.claims):
            if len(c) > 2000:
                raise ValueError(f"claim {i + 1} is longer than 2000 characters")
        for name in self.sources or []:
            if not SOURCE_NAME.match(name):
                raise ValueError(f"invalid source name {name[:40]!r}")
        return self


class RerunRequest(BaseModel):
    """Body of ``POST /api/checks/{id}/rerun``: the stored article checked again with these sources."""

    model_config = ConfigDict(extra="forbid")

    sources: list[str] | None = Field(default=None, max_length=16,
                                      description="evidence sources for the new check (default: the server's)")

    @model_validator(mode="after")
    def _valid(self) -> "RerunRequest":
        for name in self.sources or []:
            if not SOURCE_NAME.match(name):
                raise ValueError(f"invalid source name {name[:40]!r}")
        return self


class CheckRequest(BaseModel):
    """Body of ``POST /api/checks``: exactly one of ``text``, ``url`` or ``html``."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="plain text of an article or scraped page")
    html: str | None = Field(default=None, description="an HTML page")
    url: str | None = Field(default=None, max_length=2048, description="an http(s) URL to fetch")
    sources: list[str] | None = Field(default=None, max_length=16,
                                      description="evidence sources for this check (default: the server's)")

    @model_validator(mode="after")
    def _one_input(self) -> "CheckRequest":
        given = [k for k in ("text", "html", "url") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        value = getattr(self, given[0])
        if not value.strip():
            raise ValueError(f"{given[0]} is empty")
        for name in self.sources or []:
            if not SOURCE_NAME.match(name):
                raise ValueError(f"invalid source name {name[:40]!r}")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in ("text", "html", "url") if getattr(self, k) is not None)


def article_from_text(text: str, config: Config) -> Article:
    """Pasted text is read as the plain text of a page (even if it holds markup: it is shown as text)."""
    from factdesk.ingest import article_from_text as from_text

    if "\x00" in text:
        raise InputError("the text contains NUL bytes: it looks like a binary file")
    return from_text(text, origin="text")


def article_from_html(html: str, config: Config, url: str | None = None) -> Article:
    from factdesk.ingest import article_from_html as from_html

    return from_html(html, url=url, origin="html")


def article_from_upload(data: bytes, filename: str | None, config: Config) -> Article:
    """An uploaded file: empty/binary refused, encoding detected, HTML or text told apart by content."""
    from factdesk.ingest import article_from_bytes

    if len(data) > config.ingest.max_input_bytes:
        raise InputError(f"the uploaded file is too large (limit {config.ingest.max_input_bytes} bytes)")
    name = Path(filename or "upload").name[:100] or "upload"
    return article_from_bytes(data, origin=name)


def fetch_article(url: str, config: Config) -> Article:
    """Fetch and parse a URL in a worker thread, through ``factdesk.http`` (SSRF guard on every hop)."""
    from factdesk.ingest import fetch_article as fetch

    return asyncio.run(fetch(url, config))
