"""The ingest entry points: a path, URL, stdin, text, HTML or bytes → ``Article`` (see the package docstring)."""


from __future__ import annotations

import re

from factdesk.config import Config
from factdesk.errors import InputError
from factdesk.ingest import detect
from factdesk.ingest.page_text import split_page
from factdesk.models import Article


__all__ = ["article_from_bytes", "article_from_html", "article_from_text", "fetch_article", "is_url", "load_article"]

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]{0,20}://")


# lxml/trafilatura and httpx are imported only when an HTML page or a URL comes in
def article_from_html(html: str | bytes, url: str | None = None, *, origin: str = "html") -> Article:
    """The article of an HTML page (see :func:`factdesk.ingest.html.article_from_html`)."""
    from factdesk.ingest.html import article_from_html as _from_html

    return _from_html(html, url, origin=origin)


async def fetch_article(url: str, config: Config | None = None) -> Article:
    """Fetch a URL safely and extract its article (see :func:`factdesk.ingest.url.fetch_article`)."""
    from factdesk.ingest.url import fetch_article as _fetch

    return await _fetch(url, config)


def is_url(source: str) -> bool:
    """``True`` for http(s) URLs."""
    head = source[:8].lower()
    return head.startswith("http://") or head.startswith("https://")


def article_from_text(text: str, url: str | None = None, *, origin: str = "text") -> Article:
    """The article in the plain text of a scraped page (chrome and comments separated)."""
    page = split_page(text, origin=origin)
    return Article(
        title=page.title,
        url=url,
        published=page.published,
        author=page.author,
        paragraphs=page.paragraphs,
        comments=page.comments,
        chrome=page.chrome,
        source_kind="text",
    )


def article_from_bytes(
    data: bytes,
    *,
    origin: str,
    encoding: str | None = None,
    url: str | None = None,
    kind: str | None = None,
) -> Article:
    """Refuse empty/binary bytes, decode them, and read them as HTML or text.

    HTML when ``kind`` says so (a server's content type) or the content holds markup; text otherwise.
    """
    detect.check_text_bytes(data, origin=origin)
    text = detect.decode_bytes(data, origin=origin, encoding=encoding)
    if not text.strip():
        raise InputError(f"{origin}: empty input (only whitespace)")
    sniffed = detect.sniff_kind(text)
    if sniffed == "feed":
        raise InputError(f"{origin}: is an RSS/Atom feed, not an article page")
    if kind == "html" or sniffed == "html":  # a declared HTML type, or markup found in the content
        return article_from_html(text, url=url, origin=origin)
    return article_from_text(text, url=url, origin=origin)


def load_article(source: str, config: Config | None = None) -> Article:
    """Read an article from a path, an http(s) URL, or ``-`` (standard input).

    >>> load_article("story.html")                      # doctest: +SKIP
    >>> load_article("https://example.org/story", cfg)  # doctest: +SKIP
    """
    config = config or Config()
    limit = config.ingest.max_input_bytes
    if not source or not source.strip():
        raise InputError("no input given (a path, an http(s) URL or '-' for stdin)")
    if source == "-":
        return article_from_bytes(detect.read_stdin(limit=limit), origin="stdin")
    if is_url(source):
        from factdesk.ingest.url import fetch_article_sync

        return fetch_article_sync(source, config)
    if _SCHEME.match(source):
        scheme = source.split(":", 1)[0]
        raise InputError(f"{source}: unsupported URL scheme {scheme!r} (only http and https)")
    data = detect.read_path(source, limit=limit)
    return article_from_bytes(data, origin=source)
