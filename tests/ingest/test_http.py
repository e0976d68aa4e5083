"""factdesk.http against a real local server: limits, timeouts, redirects and the SSRF guard."""

from __future__ import annotations

import asyncio
import ipaddress

import pytest

from factdesk.config import HttpConfig
from factdesk.errors import FetchError
from factdesk.http import HTML_TYPES, TEXT_TYPES, _ip_is_forbidden, check_url_allowed, fetch_sync

PAGE = HTML_TYPES + TEXT_TYPES


def run(coro):
    return asyncio.run(coro)


@pytest.mark.parametrize(
    "ip",
    ["127.0.0.1", "127.1.2.3", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
     "::1", "fe80::1", "fd00:ec2::254", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "2002:7f00:1::", "64:ff9b::a00:1",
     "224.0.0.1", "240.0.0.1"],
)
def test_forbidden_addresses(ip):
    assert _ip_is_forbidden(ipaddress.ip_address(ip))


@pytest.mark.parametrize("ip", ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "64:ff9b::808:808"])
def test_public_addresses_allowed(ip):
    assert not _ip_is_forbidden(ipaddress.ip_address(ip))


@pytest.mark.parametrize(
    "url, fragment",
    [
        ("http://127.0.0.1/", "private or local address"),
        ("http://[::1]:8080/", "private or local address"),
        ("http://169.254.169.254/latest/meta-data/", "private or local address"),
        ("http://2130706433/", "private or local address"),  # 127.0.0.1 as one integer
        ("http://0x7f.0.0.1/", "private or local address"),
        ("http://localhost:1/", "private or local address"),
        ("file:///etc/passwd", "only http and https"),
        ("gopher://127.0.0.1:70/", "only http and https"),
        ("http://[::1/", "malformed"),
        ("http://example.org:99999/", "malformed"),
        ("http:///nohost", "no host"),
    ],
)
def test_default_config_refuses_before_connecting(url, fragment):
    with pytest.raises(FetchError, match=fragment):
        run(check_url_allowed(url, HttpConfig()))


def test_default_config_refuses_loopback_fetch(http_server):
    with pytest.raises(FetchError, match="private or local address"):
        fetch_sync(http_server + "/article.html", config=HttpConfig())


def test_fetch_ok_sends_user_agent(http_server, local_http, seen_agents):
    got = fetch_sync(http_server + "/article.html", config=local_http, accept=PAGE)
    assert got.status == 200 and got.content_type == "text/html"
    assert b"Storm Closes Harbour" in got.content
    assert seen_agents and seen_agents[-1].startswith("factdesk/")


def test_redirect_chain_followed_within_cap(http_server, local_http):
    got = fetch_sync(http_server + "/chain/3", config=local_http, accept=PAGE)
    assert got.final_url.endswith("/article.html")


def test_redirect_chain_over_cap(http_server, local_http):
    with pytest.raises(FetchError, match="too many redirects"):
        fetch_sync(http_server + "/chain/9", config=local_http)


@pytest.mark.parametrize(
    "path, fragment",
    [
        ("/missing", "HTTP 404"),
        ("/loop", "redirect loop"),
        ("/pdf", "unsupported content type 'application/pdf'"),
        ("/declared-huge", "too large"),
        ("/stream-big", "too large"),
        ("/gzip-bomb", "too large"),
        ("/slow", "timed out"),
        ("/drip", "timed out"),
        ("/no-location", "redirect without a Location"),
        ("/to-private", "10.0.0.1 resolves to a private or local address"),
        ("/to-metadata", "169.254.169.254 resolves to a private or local address"),
        ("/to-loopback-alias", "127.0.0.2 resolves to a private or local address"),
        ("/to-file", "only http and https"),
    ],
)
def test_hostile_responses(http_server, local_http, path, fragment):
    with pytest.raises(FetchError, match=fragment):
        fetch_sync(http_server + path, config=local_http, accept=PAGE)


def test_gzip_decoded_within_cap(http_server, local_http):
    got = fetch_sync(http_server + "/gzip-ok", config=local_http, accept=PAGE)
    assert got.content.startswith(b"<!doctype html>")


def test_fetch_sync_inside_running_loop(http_server, local_http):
    async def inner():
        return fetch_sync(http_server + "/article.html", config=local_http)

    assert run(inner()).status == 200


def test_peer_address_checked_after_connect(http_server, monkeypatch):
    """DNS rebinding: even if the name check passed (simulated by switching it off), the address the
    connection reached is checked before the body is read."""
    import factdesk.http as http

    async def passes(url, config):
        return None

    monkeypatch.setattr(http, "check_url_allowed", passes)
    with pytest.raises(FetchError, match="connected to a private or local address"):
        fetch_sync(http_server + "/article.html", config=HttpConfig())
