"""Fixtures for the real-time source tests: local servers that speak each service's documented API."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from urllib.parse import urlsplit

import httpx
import pytest

from factdesk.config import Config
from factdesk.models import Article, Claim
from tests.sources.server import FixtureServer, Reply, fixture

#: the articles' date: recent, so that GDELT's 3-month window and the feeds' window cover it
RECENT = (datetime.now(timezone.utc) - timedelta(days=10)).replace(hour=9, minute=0, second=0, microsecond=0)
WIKI = "/w/api.php"
FACTCHECK = "/factcheck/v1alpha1/claims:search"
GDELT = "/gdelt/api/v2/doc/doc"


def make_claim(cid: str, text: str, entities: list[tuple[str, str]] = (), dates: list[str] = ()) -> Claim:
    return Claim(id=cid, text=text, sentence=text, span=(0, len(text)), paragraph=0, checkworthiness=0.9,
                 checked=True, entities=[{"text": t, "label": lab} for t, lab in entities], dates=list(dates))


CLAIMS = [
    make_claim("tower", "The Eiffel Tower is 330 metres tall.", [("The Eiffel Tower", "FAC"), ("330 metres", "QUANTITY")]),
    make_claim("chad", "Lake Chad has shrunk by 90 percent since the 1960s.",
               [("Lake Chad", "LOC"), ("90 percent", "PERCENT"), ("the 1960s", "DATE")]),
    make_claim("kili", "Kilimanjaro's glaciers could disappear within two decades.", [("Kilimanjaro", "LOC")]),
]


def make_article(links: list[str] = (), url: str | None = None, published: datetime | None = RECENT,
                 language: str | None = "en") -> Article:
    return Article(title="Landmarks and lakes", url=url, published=published.isoformat() if published else None,
                   language=language, paragraphs=[c.text for c in CLAIMS], links=list(links))


def wiki_handler(req):
    """The MediaWiki Action API as factdesk asks it: generator=search, then extracts by page id."""
    q = req.query
    if q.get("generator") == "search":
        term = q.get("gsrsearch", "").lower()
        name = "eiffel" if "eiffel" in term else "chad" if "chad" in term else "empty"
        return Reply(body=fixture(f"wikipedia_gsearch_{name}.json"))
    if q.get("prop", "").startswith("extracts") and q.get("pageids"):
        pid = q["pageids"]
        try:
            return Reply(body=fixture(f"wikipedia_extract_{pid}.json"))
        except FileNotFoundError:  # as MediaWiki answers for a page id that does not exist: no title
            return Reply(body={"batchcomplete": True, "query": {"pages": [{"pageid": int(pid), "missing": True}]}})
    return Reply(body=fixture("wikipedia_error.json"))


def templated(text: str, base: str) -> str:
    """Fixture text with the local server's address and dates relative to :data:`RECENT`."""
    for days in range(0, 8):
        when = RECENT - timedelta(days=days)
        text = text.replace(f"{{rss_date_{days}}}", format_datetime(when, usegmt=True))
        text = text.replace(f"{{iso_date_{days}}}", when.strftime("%Y-%m-%dT%H:%M:%SZ"))
    return text.replace("{base}", base)


def _templated(name: str, base: str, ctype: str) -> Reply:
    return Reply(body=templated(fixture(name).decode(), base), content_type=ctype)


def install_routes(srv: FixtureServer) -> None:
    """The normal answers of every service, all on one local server."""
    base = srv.base
    srv.route(WIKI, wiki_handler)
    srv.route(FACTCHECK, Reply(body=fixture("factcheck_search.json")))
    srv.route(GDELT, lambda req: _templated("gdelt_artlist.json", base, "application/json"))
    srv.route("/robots.txt", Reply(body=fixture("robots.txt"), content_type="text/plain"))
    html = "text/html; charset=utf-8"
    srv.route("/news/lake-chad-fishermen", Reply(body=fixture("article_lake_chad.html"), content_type=html))
    srv.route("/checks/lake-chad-claim", Reply(body=fixture("factcheck_page.html"), content_type=html))
    srv.route("/private/members-only", Reply(body=fixture("private_page.html"), content_type=html))
    srv.route("/stories/tower", Reply(body=fixture("tower_story.html"), content_type=html))
    srv.route("/feeds/paris.rss", lambda req: _templated("feed.rss", base, "application/rss+xml"))
    srv.route("/feeds/sahel.atom", lambda req: _templated("feed.atom", base, "application/atom+xml"))


@pytest.fixture
def server():
    with FixtureServer() as srv:
        install_routes(srv)
        yield srv


@pytest.fixture
def server2():
    """A second host (another port) for a second service."""
    with FixtureServer() as srv:
        install_routes(srv)
        yield srv


def source_config(srv: FixtureServer, tmp_path, sources: list[str], **over) -> Config:
    settings = {
        "wikipedia": {"base_url": srv.url(WIKI), "retries": 1, "backoff_s": 0.05, "timeout_s": 5},
        "claimreview": {"base_url": srv.url("/factcheck"), "api_key": "TEST-SECRET-KEY", "retries": 1,
                        "backoff_s": 0.05},
        "gdelt": {"base_url": srv.url(GDELT), "retries": 1, "backoff_s": 0.05},
        "feeds": {"retries": 0},
        "web": {"retries": 0},
    }
    for name in settings:
        settings[name].setdefault("rate_per_s", 50.0)  # the rate limiter has its own test
        settings[name].setdefault("burst", 10)
    for name, extra in over.pop("sources_config", {}).items():
        settings.setdefault(name, {}).update(extra)
    if "feeds" in over:
        settings["feeds"]["urls"] = over.pop("feeds")
    section = {"use": sources, "deadline_s": 20, **settings}
    for key in ("urls", "deadline_s", "cache_ttl_s", "network_probe", "network_probe_ttl_s"):
        if key in over:
            section[key] = over.pop(key)
    data = {
        "db": str(tmp_path / "store.db"),
        "sources": section,
        "http": {"allowed_hosts": ["127.0.0.1"]},
    }
    data.update(over)
    return Config.model_validate(data)


def live_args(config: Config, *, store=None, host_limits=None) -> dict:
    """What ``collect_live`` takes besides the claims and the article: the config, the sources it names,
    the store, and host limits of the test's own (so tests do not share the process's); no embedder:
    lexical matching."""
    from factdesk.evidence.sources import build_sources
    from factdesk.evidence.sources.limits import ProcessHostLimits

    return {"config": config, "sources": build_sources(config), "store": store,
            "host_limits": host_limits if host_limits is not None else ProcessHostLimits()}


@pytest.fixture(autouse=True)
def only_loopback(monkeypatch):
    """Record every request the sources' HTTP client sends (redirect hops and robots.txt included)."""
    import factdesk.http as fhttp

    seen: list[str] = []
    original = fhttp.make_client

    def recording_client(config):
        client = original(config)

        async def record(request: httpx.Request) -> None:
            seen.append(str(request.url))

        client.event_hooks["request"].append(record)
        return client

    monkeypatch.setattr(fhttp, "make_client", recording_client)
    yield seen
    outside = [u for u in seen if urlsplit(u).hostname != "127.0.0.1"]
    assert not outside, f"requests left 127.0.0.1: {outside}"
