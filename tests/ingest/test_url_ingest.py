"""URL ingest against the local server: HTML, text, charset from the header, hostile answers."""

from __future__ import annotations

import asyncio

import pytest

from factdesk.config import Config
from factdesk.errors import FetchError, InputError
from factdesk.ingest import fetch_article, load_article


def _config(local_http) -> Config:
    return Config(http=local_http)


def test_url_html(http_server, local_http):
    art = load_article(http_server + "/article.html", _config(local_http))
    assert art.title == "Storm Closes Harbour for Three Days"
    assert len(art.paragraphs) == 4 and len(art.comments) == 3
    assert art.source_kind == "url"
    assert art.url == "https://gazette.example/2025/02/storm-harbour"  # the page's canonical URL


def test_url_plain_text(http_server, local_http):
    art = asyncio.run(fetch_article(http_server + "/article.txt", _config(local_http)))
    assert art.title == "Stadtrat beschließt neuen Haushalt für 2026"
    assert (len(art.paragraphs), len(art.comments)) == (5, 3)
    assert art.url == http_server + "/article.txt"


def test_url_charset_from_header(http_server, local_http):
    art = load_article(http_server + "/latin1.html", _config(local_http))
    assert art.title == "El puerto amplía su terminal de contenedores"


def test_url_after_redirect_and_gzip(http_server, local_http):
    assert load_article(http_server + "/to-article", _config(local_http)).title.startswith("Storm")
    assert load_article(http_server + "/gzip-ok", _config(local_http)).title.startswith("Storm")


def test_untyped_response_sniffed(http_server, local_http):
    assert load_article(http_server + "/untyped", _config(local_http)).title.startswith("Storm")


@pytest.mark.parametrize(
    "path, error, fragment",
    [
        ("/pdf-as-html", InputError, "binary file (a PDF document)"),
        ("/empty", FetchError, "empty page"),
        ("/nav-only", InputError, "no article found"),
        ("/missing", FetchError, "HTTP 404"),
    ],
)
def test_url_bad_pages(http_server, local_http, path, error, fragment):
    with pytest.raises(error, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        load_article(http_server + path, _config(local_http))


def test_default_config_refuses_loopback(http_server):
    with pytest.raises(FetchError, match="private or local"):
        load_article(http_server + "/article.html", Config())


def test_allow_private_switch(http_server):
    from factdesk.config import HttpConfig

    art = load_article(http_server + "/article.html", Config(http=HttpConfig(allow_private=True)))
    assert art.title.startswith("Storm")
