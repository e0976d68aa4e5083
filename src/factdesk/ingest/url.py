"""A URL → ``Article``: fetched with every safety rule of :mod:`factdesk.http`, then read as HTML/text.

>>> article = await fetch_article("https://example.org/story", config)   # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging

from factdesk.config import Config
from factdesk.errors import FetchError, InputError
from factdesk.ingest import detect
from factdesk.http import HTML_TYPES, TEXT_TYPES, fetch
from factdesk.models import Article

#: content types URL ingest accepts (anything else, e.g. application/pdf, is refused)
PAGE_TYPES: tuple[str, ...] = HTML_TYPES + TEXT_TYPES


def is_url(source: str) -> bool:
    """``True`` for http(s) URLs (any other scheme is a path, or refused by the fetcher)."""
    head = source[:8].lower()
    return head.startswith("http://") or head.startswith("https://")


async def fetch_article(url: str, config: Config | None = None) -> Article:
    """Fetch ``url`` and extract its article; ``FetchError``/``InputError`` say what went wrong.

    ``config.ingest.render`` decides whether the page is also rendered in a browser
    (:mod:`factdesk.ingest.render`): ``"always"``; ``"auto"`` (the default) when the static HTML has
    no article body — the rendered page is read instead — or has no comments but a comment widget
    that loads by script — the rendered page's comments are added; ``"never"``.
    """
    from factdesk.ingest import article_from_bytes  # noqa: PLC0415 - the package imports this module lazily

    config = config or Config()
    mode = config.ingest.render
    if mode == "always":
        return await _rendered_article(url, config)
    limit = min(config.http.max_bytes, config.ingest.max_input_bytes)
    fetched = await fetch(url, config=config.http, accept=PAGE_TYPES, max_bytes=limit)
    if not fetched.content:
        raise FetchError(f"{url}: the server sent an empty page")
    kind = "html" if fetched.content_type in HTML_TYPES else ("text" if fetched.content_type in TEXT_TYPES else None)
    try:
        article = article_from_bytes(
            fetched.content, origin=url, encoding=fetched.encoding, url=fetched.final_url, kind=kind
        )
    except InputError as exc:
        if mode != "auto" or "no article found" not in str(exc) or not _is_html(fetched, kind):
            raise
        try:  # an empty shell that a script fills in
            return await _rendered_article(url, config)
        except FetchError as render_exc:
            log.info("render of %s failed: %s", url[:200], render_exc)
            raise exc from None
    article = article.model_copy(update={"url": article.url or fetched.final_url, "source_kind": "url"})
    if mode == "auto" and not article.comments and _is_html(fetched, kind):
        widget = _comment_widget(fetched)
        if widget:
            try:
                rendered = await _rendered_article(url, config)
            except (FetchError, InputError) as render_exc:
                log.info("render of %s (%s comments) failed: %s", url[:200], widget, render_exc)
                return article
            if rendered.comments:
                return article.model_copy(update={"comments": rendered.comments})
    return article


log = logging.getLogger(__name__)


def _is_html(fetched, kind: str | None) -> bool:
    if kind == "html":
        return True
    return kind is None and detect.sniff_kind(fetched.content[:detect.SNIFF_BYTES].decode("utf-8", "ignore")) == "html"


def _comment_widget(fetched) -> str | None:
    """The comment widget the static page loads by script (Disqus, Coral, OpenWeb…), if any."""
    from factdesk.ingest.comments import comment_embed
    from factdesk.ingest.html import parse_html

    try:
        text = detect.decode_bytes(fetched.content, origin=fetched.url, encoding=fetched.encoding)
        return comment_embed(parse_html(text))
    except InputError:
        return None


async def _rendered_article(url: str, config: Config) -> Article:
    from factdesk.ingest.html import article_from_html
    from factdesk.ingest.render import render_page

    rendered = await render_page(url, config)
    article = article_from_html(rendered.html, url=rendered.final_url, origin=url)
    return article.model_copy(update={"url": article.url or rendered.final_url, "source_kind": "url"})


def fetch_article_sync(url: str, config: Config | None = None) -> Article:
    """Blocking :func:`fetch_article` (works inside and outside a running event loop)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(fetch_article(url, config))
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, fetch_article(url, config)).result()
