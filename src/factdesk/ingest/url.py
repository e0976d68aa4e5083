"""A URL → ``Article``: fetched with every safety rule of :mod:`factdesk.http`, then read as HTML/text.

>>> article = await fetch_article("https://example.org/story", config)   # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import concurrent.futures

from factdesk.config import Config
from factdesk.errors import FetchError
from factdesk.http import HTML_TYPES, TEXT_TYPES, fetch
from factdesk.models import Article

#: content types URL ingest accepts (anything else, e.g. application/pdf, is refused)
PAGE_TYPES: tuple[str, ...] = HTML_TYPES + TEXT_TYPES


def is_url(source: str) -> bool:
    """``True`` for http(s) URLs (any other scheme is a path, or refused by the fetcher)."""
    head = source[:8].lower()
    return head.startswith("http://") or head.startswith("https://")


async def fetch_article(url: str, config: Config | None = None) -> Article:
    """Fetch ``url`` and extract its article; ``FetchError``/``InputError`` say what went wrong."""
    from factdesk.ingest import article_from_bytes  # noqa: PLC0415 - the package imports this module lazily

    config = config or Config()
    limit = min(config.http.max_bytes, config.max_input_bytes)
    fetched = await fetch(url, config=config.http, accept=PAGE_TYPES, max_bytes=limit)
    if not fetched.content:
        raise FetchError(f"{url}: the server sent an empty page")
    kind = "html" if fetched.content_type in HTML_TYPES else ("text" if fetched.content_type in TEXT_TYPES else None)
    article = article_from_bytes(
        fetched.content, origin=url, encoding=fetched.encoding, url=fetched.final_url, kind=kind
    )
    return article.model_copy(update={"url": article.url or fetched.final_url, "source_kind": "url"})


def fetch_article_sync(url: str, config: Config | None = None) -> Article:
    """Blocking :func:`fetch_article` (works inside and outside a running event loop)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(fetch_article(url, config))
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, fetch_article(url, config)).result()
