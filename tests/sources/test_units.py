"""Units of the source layer: cache, retry-after, rate limits, robots, JSON-LD, queries, matching, registry."""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import datetime, timezone

import pytest

from factdesk.config import Config, HttpConfig
from factdesk.errors import ConfigError, FetchError
from factdesk.evidence.cache import CachedResponse, HttpCache, cache_key, cache_path_for, redact_url
from factdesk.evidence.sources import SOURCE_REGISTRY, build_sources, source_names
from factdesk.evidence.sources.base import FoundFactCheck, SourceSettings, clip
from factdesk.evidence.sources.claimreview import extract_claimreviews, parse_search_response
from factdesk.evidence.sources.client import Deadline, SourceHttp, parse_retry_after
from factdesk.evidence.sources.match import match_fact_checks
from factdesk.evidence.sources.query import claim_entities, gdelt_queries, keywords, wikipedia_queries
from factdesk.http import make_client
from factdesk.models import Article, PriorFactCheck
from tests.sources.conftest import CLAIMS, make_claim
from tests.sources.server import FixtureServer, Reply, fixture


# -- cache ----------------------------------------------------------------------------------------
def test_cache_ttl_and_secret_free_keys(tmp_path):
    cache = HttpCache(tmp_path / "c.sqlite", ttl_s=60)
    key = cache_key("GET", "https://api.example/s", {"query": "x", "key": "SECRET"})
    assert "SECRET" not in key and key == cache_key("get", "https://api.example/s", {"query": "x"})
    cache.put(key, CachedResponse("https://api.example/s?query=x&key=SECRET", 200, "application/json", b"{}"),
              now=1000.0)
    assert cache.get(key, now=1059.0).content == b"{}"
    assert cache.get(key, now=1061.0) is None
    assert cache.get(key, now=1059.0).final_url == "https://api.example/s?query=x"
    assert cache.purge_expired(now=2000.0) == 1 and len(cache) == 0
    cache.close()


def test_cache_lives_next_to_the_sqlite_store(tmp_path, monkeypatch):
    assert cache_path_for(Config(db=str(tmp_path / "x" / "s.db"))) == tmp_path / "x" / "http-cache.sqlite"
    monkeypatch.setenv("FACTDESK_DATA_DIR", str(tmp_path / "data"))
    assert cache_path_for(Config(db="postgresql://u@h/db")) == tmp_path / "data" / "http-cache.sqlite"
    assert redact_url("https://x/a?b=1&api_key=z&token=t") == "https://x/a?b=1"


def test_retry_after_forms():
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == 10.0
    assert parse_retry_after("soon") is None and parse_retry_after("") is None


# -- client: rate limit, concurrency cap, robots ----------------------------------------------------
def _get_many(srv: FixtureServer, paths: list[str], settings: SourceSettings, **http_kw):
    async def main():
        async with make_client(HttpConfig(allowed_hosts=["127.0.0.1"], **http_kw)) as client:
            http = SourceHttp(client=client, config=HttpConfig(allowed_hosts=["127.0.0.1"], **http_kw),
                              cache=None, deadline=Deadline.after(20))
            results = await asyncio.gather(*(http.get(srv.url(p), settings=settings, robots=True) for p in paths),
                                           return_exceptions=True)
            return results, http.stats

    return asyncio.run(main())


def test_token_bucket_spaces_requests_to_one_host():
    with FixtureServer() as srv:
        srv.route("/robots.txt", Reply(status=404, body=b"", content_type="text/plain"))
        srv.route("/p", Reply(body=b"ok", content_type="text/plain"))
        results, _ = _get_many(srv, ["/p"] * 6, SourceSettings(rate_per_s=10, burst=1, retries=0))
        assert all(r.content == b"ok" for r in results)
        times = sorted(r.at for r in srv.hits("/p"))
        assert times[-1] - times[0] >= 0.45  # 6 requests at 10/s with no burst: at least 5 gaps of 0.1 s


def test_concurrency_cap_per_host():
    in_flight, peak, lock = [0], [0], threading.Lock()

    def slow(req):
        with lock:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
        time.sleep(0.15)
        with lock:
            in_flight[0] -= 1
        return Reply(body=b"ok", content_type="text/plain")

    with FixtureServer() as srv:
        srv.route("/robots.txt", Reply(status=404, body=b"", content_type="text/plain"))
        srv.route("/p", slow)
        _get_many(srv, ["/p"] * 6, SourceSettings(rate_per_s=100, burst=10, max_concurrency=2))
    assert peak[0] == 2


@pytest.mark.parametrize("status,allowed", [(404, True), (401, True), (403, True), (503, False)])
def test_robots_status_rules(status, allowed):
    with FixtureServer() as srv:
        srv.route("/robots.txt", Reply(status=status, body=b"", content_type="text/plain"))
        srv.route("/page", Reply(body=b"ok", content_type="text/plain"))
        (result,), stats = _get_many(srv, ["/page"], SourceSettings(retries=0))
        assert (not isinstance(result, FetchError)) is allowed
        assert len(srv.hits("/page")) == (1 if allowed else 0)


def test_robots_can_be_switched_off_by_the_operator():
    with FixtureServer() as srv:
        srv.route("/robots.txt", Reply(body=fixture("robots.txt"), content_type="text/plain"))
        srv.route("/private/x", Reply(body=b"ok", content_type="text/plain"))
        (refused,), _ = _get_many(srv, ["/private/x"], SourceSettings())
        assert isinstance(refused, FetchError) and "robots.txt" in str(refused)
        (ok,), _ = _get_many(srv, ["/private/x"], SourceSettings(), respect_robots=False)
        assert ok.content == b"ok"


# -- ClaimReview ----------------------------------------------------------------------------------
def test_claimreview_jsonld_shapes():
    page = fixture("factcheck_page.html").decode()
    (review,) = extract_claimreviews(page, page_url="https://checkers.example/p")
    assert review.claim_reviewed == "Lake Chad has lost 90 percent of its area since the 1960s"
    assert review.rating == "Mostly accurate" and review.publisher == "Checkers Collective"
    numeric = ('<script type="application/ld+json">[{"@type": "http://schema.org/ClaimReview", '
               '"claimReviewed": "Bridges fell", "reviewRating": {"ratingValue": "2", "bestRating": "5"},'
               ' "author": "Desk"}]</script>')
    (r2,) = extract_claimreviews(numeric, page_url="https://d.example/x")
    assert r2.rating == "2/5" and r2.publisher == "Desk" and r2.url == "https://d.example/x"
    assert extract_claimreviews('<script type="application/ld+json">{"@type": "ClaimReview"}</script>') == []
    assert extract_claimreviews("<html><p>no markup</p></html>") == []


def test_factcheck_response_parsing_and_garbage():
    reviews = parse_search_response(fixture("factcheck_search.json"))
    assert [r.rating for r in reviews] == ["Mostly true", "False"]
    assert parse_search_response(b"{}") == []
    with pytest.raises(ValueError):
        parse_search_response(b'{"claims": "nope"}')


# -- queries --------------------------------------------------------------------------------------
def test_queries_per_source():
    assert keywords("The minister said that 40 new schools were opened.") == ["minister", "schools", "opened"]
    assert claim_entities(CLAIMS[0]) == ["Eiffel Tower"]
    # no entities from the claims stage: capitalised phrases, not the sentence's first word
    bare = make_claim("b", "Officials in Nairobi said the Standard Gauge Railway lost money.")
    assert claim_entities(bare) == ["Nairobi", "Standard Gauge Railway"]
    texts = [q.text for q in wikipedia_queries(CLAIMS)]
    assert texts[:3] == ["Eiffel Tower", "Lake Chad", "Kilimanjaro"]
    shared = [make_claim("a", "Kenya and Uganda signed a deal.", [("Kenya", "GPE"), ("Uganda", "GPE")]),
              make_claim("b", "Uganda exports coffee.", [("Uganda", "GPE")])]
    first = wikipedia_queries(shared)[0]
    assert first.text == "Uganda" and first.claim_ids == ["a", "b"]
    art = Article(title="t", paragraphs=["p"], published="2023-07-01")
    now = datetime(2023, 8, 1, tzinfo=timezone.utc)
    (q, *_) = gdelt_queries(CLAIMS[1:2], art, window_days=10, now=now)
    assert q.text.startswith('"Lake Chad"') and q.start.isoformat().startswith("2023-06-21")
    assert q.end.isoformat().startswith("2023-07-11")


def test_clip_prefers_sentence_ends():
    text = "First sentence here. " * 20
    cut = clip(text, 100)
    assert len(cut) <= 100 and cut.endswith(".")


# -- matching -------------------------------------------------------------------------------------
def test_matching_attaches_only_similar_fact_checks():
    fcs = [
        FoundFactCheck(PriorFactCheck(claim_reviewed="The Eiffel Tower stands 330 metres high", rating="True", url="a")),
        FoundFactCheck(PriorFactCheck(claim_reviewed="Paris banned cars from its centre in 2020", rating="False", url="b")),
        FoundFactCheck(PriorFactCheck(claim_reviewed="Lake Chad shrank by 90 per cent after the 1960s", rating="Mostly true",
                                      url="c"), claim_id="chad"),
    ]
    m = match_fact_checks(CLAIMS, fcs)
    assert [p.url for p in m["tower"]] == ["a"]
    assert [p.url for p in m["chad"]] == ["c"]
    assert "kili" not in m


# -- registry -------------------------------------------------------------------------------------
def test_registry_and_config_errors(tmp_path):
    assert set(SOURCE_REGISTRY) >= {"wikipedia", "claimreview", "gdelt", "feeds", "web"}
    assert source_names(Config(db=str(tmp_path / "s.db"), sources={"use": ["local"]})) == []
    assert source_names(Config(db=str(tmp_path / "s.db"), sources={"use": ["all"]})) == list(SOURCE_REGISTRY)
    with pytest.raises(ConfigError, match="unknown source 'wikipeda'"):
        build_sources(Config(db=str(tmp_path / "s.db"), sources={"use": ["wikipeda"]}))
    with pytest.raises(ConfigError, match="sources.gdelt.timeout"):
        build_sources(Config(db=str(tmp_path / "s.db"), sources={"use": ["gdelt"], "gdelt": {"timeout": 3}}))
    with pytest.raises(ConfigError, match=r"unknown source 'wikipdia' in \[sources.wikipdia\]"):
        build_sources(Config(db=str(tmp_path / "s.db"), sources={"use": ["local"], "wikipdia": {"lang": "de"}}))
