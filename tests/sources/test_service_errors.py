"""Each service's documented error and throttle shapes, served by a local server: the check warns (with the
service's own words), never caches the refusal, and the next check after the service recovered asks again
and gets its evidence."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta, timezone

from factdesk.evidence.sources import collect_live
from tests.sources.conftest import (
    CLAIMS,
    FACTCHECK,
    GDELT,
    RECENT,
    WIKI,
    make_article,
    live_args,
    source_config,
    templated,
    wiki_handler,
)
from tests.sources.server import Reply, fixture

TOWER = [c for c in CLAIMS if c.id == "tower"]
CHAD = [c for c in CLAIMS if c.id == "chad"]


def run(config, article=None, claims=CLAIMS, **kw):
    return collect_live(list(claims), article or make_article(), **live_args(config, **kw))


class Switch:
    """A route that gives ``bad`` until ``fixed`` is set, then the normal answer."""

    def __init__(self, bad: Reply, good) -> None:
        self.bad, self.good, self.fixed = bad, good, False

    def __call__(self, req):
        if self.fixed:
            return self.good(req) if callable(self.good) else self.good
        return self.bad


# -- Wikipedia (MediaWiki Action API) ---------------------------------------------------------------
def test_mediawiki_error_object_with_http_200_is_not_cached(server, tmp_path):
    # API:Errors_and_warnings: "the HTTP response will usually still be 200 OK"
    switch = Switch(Reply(body=fixture("wikipedia_error.json"), headers={"MediaWiki-API-Error": "nosrsearch"}),
                    wiki_handler)
    server.route(WIKI, switch)
    cfg = source_config(server, tmp_path, ["wikipedia"])
    first = run(cfg, claims=TOWER)
    assert first.documents == []
    assert len(first.warnings) == 1 and "nosrsearch" in first.warnings[0]
    asked = len(server.hits(WIKI))

    switch.fixed = True  # the service recovered: the next check asks again and finds the page
    second = run(cfg, claims=TOWER)
    assert len(server.hits(WIKI)) > asked, "the refusal was replayed from the cache"
    assert "Eiffel Tower" in {d.title for d in second.documents} and second.warnings == []


def test_maxlag_with_retry_after_is_waited_out_and_not_cached(server, tmp_path):
    # Manual:Maxlag_parameter: an error with HTTP 200, Retry-After and X-Database-Lag headers
    calls = {"n": 0}

    def lagged_once(req):
        calls["n"] += 1
        if calls["n"] == 1:
            return Reply(body=fixture("wikipedia_maxlag.json"),
                         headers={"Retry-After": "1", "X-Database-Lag": "6", "MediaWiki-API-Error": "maxlag"})
        return wiki_handler(req)

    server.route(WIKI, lagged_once)
    cfg = source_config(server, tmp_path, ["wikipedia"], sources_config={"wikipedia": {"retries": 2}})
    live = run(cfg, claims=TOWER)
    assert live.warnings == []
    assert "Eiffel Tower" in {d.title for d in live.documents}
    hits = server.hits(WIKI)
    assert hits[1].at - hits[0].at >= 0.95, "the retry did not wait for Retry-After"
    assert all(h.query.get("maxlag") == "5" for h in hits)
    # the lag answer was never stored: the same question again is answered by the cache (the good answer)
    n = len(server.hits(WIKI))
    again = run(cfg, claims=TOWER)
    assert len(server.hits(WIKI)) == n and "Eiffel Tower" in {d.title for d in again.documents}


def test_maxlag_that_lasts_ends_in_one_warning_and_is_not_cached(server, tmp_path):
    switch = Switch(Reply(body=fixture("wikipedia_maxlag.json"), headers={"Retry-After": "1"}), wiki_handler)
    server.route(WIKI, switch)
    cfg = source_config(server, tmp_path, ["wikipedia"], sources_config={"wikipedia": {"retries": 1, "max_queries": 1}})
    live = run(cfg, claims=TOWER)
    assert live.documents == [] and len(live.warnings) == 1 and "maxlag" in live.warnings[0]
    switch.fixed = True
    assert "Eiffel Tower" in {d.title for d in run(cfg, claims=TOWER).documents}


def test_missing_page_without_title_is_skipped_and_the_rest_kept(server, tmp_path):
    # a page id that no longer exists: {"pageid": N, "missing": true} and no title (formatversion=2)
    def handler(req):
        if req.query.get("pageids") == "18292":
            return Reply(body=fixture("wikipedia_missing.json"))
        return wiki_handler(req)

    server.route(WIKI, handler)
    live = run(source_config(server, tmp_path, ["wikipedia"]))
    titles = {d.title for d in live.documents}
    assert live.warnings == []
    assert "Lake Chad" not in titles and {"Eiffel Tower", "Chad Basin", "Gustave Eiffel"} <= titles


def test_wikipedia_asks_in_series_and_never_more_than_three_at_once(server, tmp_path):
    in_flight, peak, lock = [0], [0], threading.Lock()

    def slow(req):
        with lock:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
        time.sleep(0.08)
        with lock:
            in_flight[0] -= 1
        return wiki_handler(req)

    server.route(WIKI, slow)
    run(source_config(server, tmp_path, ["wikipedia"]))
    assert peak[0] == 1, "Wikimedia asks for requests in series"
    peak[0] = 0
    cfg = source_config(server, tmp_path, ["wikipedia"], cache_ttl_s=0,
                        sources_config={"wikipedia": {"max_concurrency": 20}})
    run(cfg)
    assert peak[0] > 1 and peak[0] <= 3


def test_user_agent_carries_a_configurable_contact(server, tmp_path):
    run(source_config(server, tmp_path, ["wikipedia"]), claims=TOWER)
    default = server.hits(WIKI)[0].headers["user-agent"]
    # Wikimedia User-Agent policy: <client>/<version> (<contact information>) <library>/<version>
    assert default.startswith("factdesk/") and "(https://" in default and " httpx/" in default
    server.reset()
    server.route(WIKI, wiki_handler)
    cfg = source_config(server, tmp_path, ["wikipedia"], cache_ttl_s=0,
                        http={"allowed_hosts": ["127.0.0.1"], "contact": "mailto:newsdesk@example.org"})
    run(cfg, claims=TOWER)
    assert {h.headers["user-agent"] for h in server.hits(WIKI)} == {
        default.replace(default[default.index("(") + 1: default.index(";")], "mailto:newsdesk@example.org")}


# -- GDELT DOC 2.0 ------------------------------------------------------------------------------------
def test_gdelt_rate_notice_with_http_200_is_waited_out_then_retried(server, tmp_path):
    # GDELT answers its rate notice as plain text with HTTP 200 and names the wait ("one every 5 seconds")
    calls = {"n": 0}

    def throttled_once(req):
        calls["n"] += 1
        if calls["n"] == 1:
            return Reply(body=fixture("gdelt_throttle.txt"), content_type="text/html; charset=utf-8")
        return Reply(body=templated(fixture("gdelt_artlist.json").decode(), server.base))

    server.route(GDELT, throttled_once)
    cfg = source_config(server, tmp_path, ["gdelt"], sources_config={"gdelt": {"max_queries": 1, "retries": 1}})
    live = run(cfg, claims=CHAD)
    hits = server.hits(GDELT)
    assert len(hits) == 2 and hits[1].at - hits[0].at >= 4.9, "the retry came before the stated 5 seconds"
    assert server.url("/news/lake-chad-fishermen") in {d.url for d in live.documents}
    assert not [w for w in live.warnings if "rate notice" in w or "refused the query" in w]


def test_gdelt_refusals_and_throttle_are_never_cached(server, tmp_path):
    for bad in ("gdelt_error.txt", "gdelt_throttle.txt"):
        server.reset()
        from tests.sources.conftest import install_routes

        install_routes(server)
        switch = Switch(Reply(body=fixture(bad), content_type="text/html; charset=utf-8"),
                        lambda req: Reply(body=templated(fixture("gdelt_artlist.json").decode(), server.base)))
        server.route(GDELT, switch)
        cfg = source_config(server, tmp_path / bad, ["gdelt"],
                            sources_config={"gdelt": {"max_queries": 1, "retries": 0}})
        first = run(cfg, claims=CHAD)
        gdelt_warnings = [w for w in first.warnings if w.startswith("source gdelt:")]
        assert len(gdelt_warnings) == 1
        assert fixture(bad).decode().strip()[:40] in gdelt_warnings[0]  # GDELT's own words
        switch.fixed = True
        second = run(cfg, claims=CHAD)
        assert len(server.hits(GDELT)) == 2, f"{bad} was replayed from the cache"
        assert server.url("/news/lake-chad-fishermen") in {d.url for d in second.documents}


def test_gdelt_json_with_invalid_escapes_is_read(server, tmp_path):
    server.route(GDELT, lambda req: Reply(body=templated(fixture("gdelt_artlist_lenient.json").decode(), server.base)))
    live = run(source_config(server, tmp_path, ["gdelt"]), claims=CHAD)
    assert [w for w in live.warnings if w.startswith("source gdelt:")] == []
    fisher = [d for d in live.documents if d.url == server.url("/news/lake-chad-fishermen")]
    assert fisher and fisher[0].title.startswith("Fishermen on Lake Chad: \\'we count the cost\\'")


def test_gdelt_window_is_clipped_to_its_last_three_months(server, tmp_path):
    cfg = source_config(server, tmp_path, ["gdelt"], cache_ttl_s=0)
    old = run(cfg, article=make_article(published=datetime(2019, 5, 1, tzinfo=timezone.utc)), claims=CHAD)
    assert server.hits(GDELT) == [], "an article older than GDELT's 3 months was searched anyway"
    assert any(w.startswith("source gdelt: not searched") and "2019-05-01" in w for w in old.warnings)

    edge = datetime.now(timezone.utc) - timedelta(days=80)
    clipped = run(cfg, article=make_article(published=edge), claims=CHAD)
    (q,) = {h.query["startdatetime"] for h in server.hits(GDELT)}
    start = datetime.strptime(q, "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
    assert datetime.now(timezone.utc) - start <= timedelta(days=90)
    assert any(w.startswith("source gdelt: searched from") for w in clipped.warnings)


def test_gdelt_sourcelang_follows_the_article_language(server, tmp_path):
    cfg = source_config(server, tmp_path, ["gdelt"], cache_ttl_s=0, sources_config={"gdelt": {"max_queries": 1}})
    run(cfg, article=make_article(language="fr-FR"), claims=CHAD)
    run(cfg, article=make_article(language=None), claims=CHAD)
    french, unknown = (h.query["query"] for h in server.hits(GDELT))
    assert french.endswith(" sourcelang:french") and "sourcelang:" not in unknown


# -- Google Fact Check Tools ----------------------------------------------------------------------------
def test_google_error_messages_reach_the_warning_and_are_not_cached(server, tmp_path):
    messages = {}
    for name, status in (("factcheck_error_invalid_key.json", 400), ("factcheck_error_disabled.json", 403)):
        server.route(FACTCHECK, Reply(status=status, body=fixture(name)))
        live = run(source_config(server, tmp_path, ["claimreview"]), claims=CHAD)
        (warning,) = live.warnings
        assert "TEST-SECRET-KEY" not in warning
        messages[status] = warning
    assert "INVALID_ARGUMENT: API key not valid" in messages[400]
    assert "PERMISSION_DENIED: Fact Check Tools API has not been used in project" in messages[403]
    server.route(FACTCHECK, Reply(body=fixture("factcheck_search.json")))
    live = run(source_config(server, tmp_path, ["claimreview"]), claims=CHAD)
    assert live.prior_fact_checks["chad"][0].rating == "Mostly true"


def test_google_quota_error_is_retried_with_its_message(server, tmp_path):
    server.route(FACTCHECK, Reply(status=429, body=fixture("factcheck_error_quota.json")))
    cfg = source_config(server, tmp_path, ["claimreview"],
                        sources_config={"claimreview": {"retries": 1, "backoff_s": 0.05, "rate_per_s": 50}})
    (warning,) = run(cfg, claims=CHAD).warnings
    assert len(server.hits(FACTCHECK)) == 2 and "RESOURCE_EXHAUSTED: Quota exceeded" in warning


# -- garbage and feeds -----------------------------------------------------------------------------------
def test_unparseable_answers_are_not_cached(server, tmp_path):
    switch = Switch(Reply(body=b'{"query": {"pages": [{"pageid": '), wiki_handler)
    server.route(WIKI, switch)
    cfg = source_config(server, tmp_path, ["wikipedia"], sources_config={"wikipedia": {"max_queries": 1}})
    assert run(cfg, claims=TOWER).documents == []
    switch.fixed = True
    assert "Eiffel Tower" in {d.title for d in run(cfg, claims=TOWER).documents}


def test_a_page_that_is_no_feed_is_not_cached(server, tmp_path):
    switch = Switch(Reply(body=b"<html><p>maintenance</p></html>", content_type="text/html"),
                    lambda req: Reply(body=templated(fixture("feed.rss").decode(), server.base),
                                      content_type="application/rss+xml"))
    server.route("/feeds/paris.rss", switch)
    cfg = source_config(server, tmp_path, ["feeds"], feeds=[server.url("/feeds/paris.rss")])
    assert run(cfg).documents == []
    switch.fixed = True
    assert server.url("/stories/tower-grows") in {d.url for d in run(cfg).documents}


def test_feed_items_outside_the_window_are_left_out(server, tmp_path):
    cfg = source_config(server, tmp_path, ["feeds"], feeds=[server.url("/feeds/paris.rss")])
    urls = {d.url for d in run(cfg).documents}
    assert server.url("/stories/tower-grows") in urls  # 3 days before the article
    assert server.url("/stories/tower-130") not in urls  # 2019: relevant words, far outside the window
    wide = source_config(server, tmp_path, ["feeds"], feeds=[server.url("/feeds/paris.rss")], cache_ttl_s=0,
                         sources_config={"feeds": {"window_days": 20000}})
    assert server.url("/stories/tower-130") in {d.url for d in run(wide).documents}
    assert RECENT  # the feed's dates are relative to the article's
