"""Each connector against a real HTTP server on 127.0.0.1 that answers in the service's documented shape."""

from __future__ import annotations

import sqlite3
import time

from factdesk.evidence.sources import collect_live
from datetime import datetime, timedelta, timezone

from tests.sources.conftest import (
    CLAIMS,
    RECENT,
    FACTCHECK,
    GDELT,
    WIKI,
    make_article,
    live_args,
    source_config,
)
from tests.sources.server import Reply, fixture


def run(config, article=None, claims=CLAIMS):
    return collect_live(list(claims), article or make_article(), **live_args(config))


# -- Wikipedia ------------------------------------------------------------------------------------
def test_wikipedia_finds_pages_and_second_run_is_served_from_cache(server, tmp_path):
    cfg = source_config(server, tmp_path, ["wikipedia"])
    live = run(cfg)
    assert live.warnings == []
    by_title = {d.title: d for d in live.documents}
    assert {"Eiffel Tower", "Gustave Eiffel", "Lake Chad", "Chad Basin"} <= set(by_title)
    tower = by_title["Eiffel Tower"]
    assert tower.source == "wikipedia" and tower.publisher == "Wikipedia"
    assert tower.url == "https://en.wikipedia.org/wiki/Eiffel_Tower"
    assert "330 metres tall" in tower.text and tower.published == "2024-05-02T08:01:10Z"
    searches = [r.query for r in server.hits(WIKI) if r.query.get("generator") == "search"]
    assert any(q["gsrsearch"] == "Eiffel Tower" for q in searches)  # entity, leading "The" dropped
    assert all(q["format"] == "json" and q["action"] == "query" and q["maxlag"] == "5" and
               q["gsrnamespace"] == "0" and q["prop"] == "extracts|info" for q in searches)
    # a page whose extract came with the search is not asked for again; the others are, by id
    by_id = [r.query["pageids"] for r in server.hits(WIKI) if "pageids" in r.query]
    assert sorted(by_id) == ["12345", "18292"]
    assert all(r.headers["user-agent"].startswith("factdesk/") for r in server.hits())
    first_count = len(server.hits())
    assert first_count == len(searches) + len(by_id)

    again = run(cfg)
    assert len(server.hits()) == first_count, "the second run must be answered by the cache"
    assert sorted(d.id for d in again.documents) == sorted(d.id for d in live.documents)
    assert again.stats["http"]["network"] == 0 and again.stats["http"]["cache_hits"] > 0
    assert (tmp_path / "http-cache.sqlite").is_file()


def test_wikipedia_cache_ttl_zero_fetches_again(server, tmp_path):
    cfg = source_config(server, tmp_path, ["wikipedia"], cache_ttl_s=0)
    run(cfg)
    n = len(server.hits())
    run(cfg)
    assert len(server.hits()) == 2 * n


def test_wikipedia_empty_results_give_nothing_and_no_warning(server, tmp_path):
    server.route(WIKI, Reply(body=fixture("wikipedia_gsearch_empty.json")))
    live = run(source_config(server, tmp_path, ["wikipedia"]))
    assert live.documents == [] and live.warnings == []


def test_429_with_retry_after_is_honoured(server, tmp_path):
    from tests.sources.conftest import wiki_handler

    calls = {"n": 0}

    def flaky(req):
        calls["n"] += 1
        if calls["n"] == 1:
            return Reply(status=429, body={"error": "slow down"}, headers={"Retry-After": "1"})
        return wiki_handler(req)

    server.route(WIKI, flaky)
    chad = [c for c in CLAIMS if c.id == "chad"]
    cfg = source_config(server, tmp_path, ["wikipedia"],
                        sources_config={"wikipedia": {"max_concurrency": 1, "retries": 2}})
    live = run(cfg, claims=chad)
    assert live.warnings == []
    assert sorted(d.title for d in live.documents) == ["Chad Basin", "Lake Chad"]
    hits = server.hits(WIKI)
    assert hits[1].at - hits[0].at >= 0.9, "the retry came before Retry-After elapsed"
    assert live.stats["http"]["retries"] == 1


def test_retry_after_longer_than_allowed_gives_up_with_a_warning(server, tmp_path):
    server.route(WIKI, Reply(status=429, body=b"", headers={"Retry-After": "120"}))
    live = run(source_config(server, tmp_path, ["wikipedia"], sources_config={"wikipedia": {"max_queries": 1}}),
               claims=CLAIMS[:1])
    assert live.documents == []
    assert len(live.warnings) == 1 and "HTTP 429" in live.warnings[0]
    assert len(server.hits(WIKI)) == 1


def test_500_is_retried_then_reported_once(server, tmp_path):
    server.route(WIKI, Reply(status=500, body=b"oops", content_type="text/plain"))
    live = run(source_config(server, tmp_path, ["wikipedia"], sources_config={"wikipedia": {"max_queries": 1}}),
               claims=CLAIMS[:1])
    assert live.documents == []
    assert len(live.warnings) == 1
    assert live.warnings[0].startswith("source wikipedia:") and "HTTP 500" in live.warnings[0]
    assert len(server.hits(WIKI)) == 2  # one try + one retry (retries=1)


def test_404_is_not_retried(server, tmp_path):
    server.route(WIKI, Reply(status=404, body=b"gone", content_type="text/plain"))
    live = run(source_config(server, tmp_path, ["wikipedia"], sources_config={"wikipedia": {"max_queries": 1}}),
               claims=CLAIMS[:1])
    assert len(server.hits(WIKI)) == 1
    assert "HTTP 404" in live.warnings[0]


def test_slow_answer_past_the_timeout(server, tmp_path):
    server.route(WIKI, Reply(body=fixture("wikipedia_gsearch_eiffel.json"), delay=3))
    cfg = source_config(server, tmp_path, ["wikipedia"],
                        sources_config={"wikipedia": {"timeout_s": 0.5, "max_queries": 1}})
    start = time.monotonic()
    live = run(cfg, claims=CLAIMS[:1])
    assert time.monotonic() - start < 2.5
    assert live.documents == []
    assert len(live.warnings) == 1 and "timed out" in live.warnings[0]


def test_malformed_json(server, tmp_path):
    server.route(WIKI, Reply(body=b'{"query": {"pages": [{"title": "Eiffel Tower", "pageid": '))
    live = run(source_config(server, tmp_path, ["wikipedia"]))
    assert live.documents == []
    assert len(live.warnings) == 1 and "not MediaWiki JSON" in live.warnings[0]


def test_api_error_object_is_a_warning(server, tmp_path):
    server.route(WIKI, Reply(body=fixture("wikipedia_error.json")))
    live = run(source_config(server, tmp_path, ["wikipedia"]))
    assert live.documents == [] and "nosrsearch" in live.warnings[0]


def test_enormous_body_is_cut_off(server, tmp_path):
    huge = b'{"query": {"pages": [' + b'{"ns": 0, "title": "x", "pageid": 1},' * 60_000 + b"{}]}}"
    server.route(WIKI, Reply(body=huge, no_length=True))
    cfg = source_config(server, tmp_path, ["wikipedia"],
                        sources_config={"wikipedia": {"max_bytes": 200_000, "max_queries": 1}})
    live = run(cfg, claims=CLAIMS[:1])
    assert live.documents == []
    assert "too large" in live.warnings[0]


def test_redirect_loop(server, tmp_path):
    server.route(WIKI, Reply(status=302, body=b"", headers={"Location": "/loop"}))
    server.route("/loop", Reply(status=302, body=b"", headers={"Location": WIKI}))
    live = run(source_config(server, tmp_path, ["wikipedia"], sources_config={"wikipedia": {"max_queries": 1}}),
               claims=CLAIMS[:1])
    assert live.documents == [] and "redirect loop" in live.warnings[0]
    assert len(server.hits()) <= 6  # never more than 1 + max_redirects (5) requests


def test_endless_redirect_chain(server, tmp_path):
    def chain(req):
        n = int(req.query.get("n", "0"))
        return Reply(status=302, body=b"", headers={"Location": f"/chain?n={n + 1}"})

    server.route("/chain", chain)
    server.route(WIKI, Reply(status=301, body=b"", headers={"Location": "/chain?n=1"}))
    live = run(source_config(server, tmp_path, ["wikipedia"], sources_config={"wikipedia": {"max_queries": 1}}),
               claims=CLAIMS[:1])
    assert live.documents == [] and "too many redirects" in live.warnings[0]
    assert len(server.hits()) == 6  # 1 + max_redirects (5) hops, then refused


def test_loopback_refused_without_operator_permission(server, tmp_path):
    cfg = source_config(server, tmp_path, ["wikipedia"], http={})
    live = run(cfg)
    assert server.hits() == []
    assert len(live.warnings) == 1 and "private or local address" in live.warnings[0]


# -- Fact Check Tools / ClaimReview ---------------------------------------------------------------
def test_factcheck_api_matches_prior_fact_checks_to_their_claim(server, tmp_path):
    cfg = source_config(server, tmp_path, ["claimreview"])
    live = run(cfg)
    assert live.warnings == []
    assert set(live.prior_fact_checks) == {"chad"}
    (pf,) = live.prior_fact_checks["chad"]
    assert pf.rating == "Mostly true" and pf.publisher == "Sahel Fact Desk"
    assert pf.url == "https://sahelfacts.example/checks/lake-chad-90-percent"
    assert pf.date == "2023-03-04T00:00:00Z" and pf.claimant == "Viral social media post"
    assert pf.similarity >= 0.6
    hits = server.hits(FACTCHECK)
    assert len(hits) == len(CLAIMS)
    assert {h.query["query"] for h in hits} == {c.text for c in CLAIMS}
    assert all(h.query["key"] == "TEST-SECRET-KEY" and h.query["languageCode"] == "en" for h in hits)
    # the API key never reaches the cache file
    raw = sqlite3.connect(tmp_path / "http-cache.sqlite").execute("SELECT key, url FROM http_cache").fetchall()
    assert raw and "TEST-SECRET-KEY" not in repr(raw)
    assert b"TEST-SECRET-KEY" not in (tmp_path / "http-cache.sqlite").read_bytes()


def test_factcheck_without_key_is_skipped_with_one_warning(server, tmp_path, monkeypatch):
    monkeypatch.delenv("FACTDESK_FACTCHECK_API_KEY", raising=False)
    cfg = source_config(server, tmp_path, ["claimreview"], sources_config={"claimreview": {"api_key": None}})
    live = run(cfg)
    assert server.hits() == []
    assert len(live.warnings) == 1 and "no Fact Check Tools API key" in live.warnings[0]


def test_factcheck_key_from_environment(server, tmp_path, monkeypatch):
    """The key comes from the environment through the config (the one place that reads it)."""
    from factdesk.config import load_config

    monkeypatch.setenv("FACTDESK_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("FACTDESK_FACTCHECK_API_KEY", "ENV-KEY")
    base = source_config(server, tmp_path, ["claimreview"], sources_config={"claimreview": {"api_key": None}})
    cfg = load_config(None, **base.model_dump(exclude_none=True))
    assert cfg.source_settings("claimreview")["api_key"] == "ENV-KEY"
    run(cfg)
    assert {h.query["key"] for h in server.hits(FACTCHECK)} == {"ENV-KEY"}


def test_factcheck_empty_answer_and_error_warning_hides_the_key(server, tmp_path):
    server.route(FACTCHECK, Reply(body=fixture("factcheck_empty.json")))
    live = run(source_config(server, tmp_path, ["claimreview"]))
    assert live.prior_fact_checks == {} and live.warnings == []
    server.route(FACTCHECK, Reply(status=400, body=fixture("factcheck_error_invalid_key.json")))
    live = run(source_config(server, tmp_path, ["claimreview"], cache_ttl_s=0))
    assert len(live.warnings) == 1 and "HTTP 400" in live.warnings[0]
    assert "TEST-SECRET-KEY" not in live.warnings[0]


# -- GDELT ----------------------------------------------------------------------------------------
def test_gdelt_searches_then_fetches_articles_respecting_robots(server, tmp_path):
    live = run(source_config(server, tmp_path, ["gdelt"]))
    docs = {d.url: d for d in live.documents}
    fisher = docs[server.url("/news/lake-chad-fishermen")]
    assert fisher.source == "gdelt" and fisher.publisher == "sahelherald.example"
    assert fisher.published == "2024-03-10T08:45:00+00:00"
    assert "26,000 square kilometres" in fisher.text and "Newsletter" not in fisher.text
    assert server.url("/checks/lake-chad-claim") in docs
    # robots.txt forbids /private/: never fetched, and said so
    assert server.hits("/private/members-only") == []
    assert len(server.hits("/robots.txt")) == 1
    assert len(live.warnings) == 1 and "robots.txt" in live.warnings[0]
    # the fact-check page's ClaimReview markup becomes a prior fact-check for the matching claim
    (pf,) = live.prior_fact_checks["chad"]
    assert pf.publisher == "Checkers Collective" and pf.rating == "Mostly accurate"
    assert pf.claimant == "A regional governor" and pf.date == "2024-03-12"
    # entity phrase + date window around the article's date (RECENT - 30 days … today), the article's language
    queries = [h.query for h in server.hits(GDELT)]
    assert any(q["query"].startswith('"Lake Chad"') for q in queries)
    assert all(q["mode"] == "ArtList" and q["format"] == "json" for q in queries)
    assert all(q["query"].endswith(" sourcelang:english") for q in queries)
    assert {q["startdatetime"] for q in queries} == {(RECENT - timedelta(days=30)).strftime("%Y%m%d%H%M%S")}
    ends = {datetime.strptime(q["enddatetime"], "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc) for q in queries}
    assert all(timedelta(0) <= datetime.now(timezone.utc) - e < timedelta(hours=1) for e in ends)
    # a second check is answered by the cache, robots.txt included
    n = len(server.hits())
    again = run(source_config(server, tmp_path, ["gdelt"]))
    assert len(server.hits()) == n and len(again.documents) == len(live.documents)


def test_gdelt_empty_and_refused_queries(server, tmp_path):
    server.route(GDELT, Reply(body=fixture("gdelt_empty.json")))
    live = run(source_config(server, tmp_path, ["gdelt"]))
    assert live.documents == [] and live.warnings == []
    server.route(GDELT, Reply(body=fixture("gdelt_error.txt"), content_type="text/html"))
    live = run(source_config(server, tmp_path, ["gdelt"], cache_ttl_s=0))
    assert live.documents == []
    assert len(live.warnings) == 1 and "The specified phrase is too short." in live.warnings[0]


# -- feeds ----------------------------------------------------------------------------------------
def test_feeds_keep_relevant_items_only(server, tmp_path):
    cfg = source_config(server, tmp_path, ["feeds"],
                        feeds=[server.url("/feeds/paris.rss"), server.url("/feeds/sahel.atom")])
    live = run(cfg)
    assert live.warnings == []
    docs = {d.url: d for d in live.documents}
    grows = docs[server.url("/stories/tower-grows")]  # full text in the feed: not fetched
    assert "helicopter lowered a new digital radio antenna" in grows.text
    assert grows.publisher == "Paris Notebook" and grows.published == (RECENT - timedelta(days=3)).isoformat()
    assert server.hits("/stories/tower-grows") == []
    assert server.url("/news/lake-chad-fishermen") in docs  # short summary: page fetched
    assert server.url("/checks/lake-chad-claim") in docs
    assert server.hits("/sport/derby") == [] and server.url("/sport/derby") not in docs
    assert "chad" in live.prior_fact_checks


def test_feed_that_is_not_a_feed(server, tmp_path):
    server.route("/feeds/broken.rss", Reply(body=b"\x00\x01 not xml at all", content_type="application/rss+xml"))
    live = run(source_config(server, tmp_path, ["feeds"], feeds=[server.url("/feeds/broken.rss")]))
    assert live.documents == []
    assert len(live.warnings) == 1 and "not an RSS/Atom feed" in live.warnings[0]


# -- any URL --------------------------------------------------------------------------------------
def test_web_fetches_user_urls_and_article_links(server, tmp_path):
    server.route("/files/report.pdf", Reply(body=b"%PDF-1.4", content_type="application/pdf"))
    cfg = source_config(server, tmp_path, ["web"], urls=[server.url("/stories/tower")])
    article = make_article(links=[server.url("/news/lake-chad-fishermen"), server.url("/files/report.pdf"),
                                  "mailto:desk@example.org", server.url("/article-itself")],
                           url=server.url("/article-itself"))
    live = run(cfg, article=article)
    docs = {d.url: d for d in live.documents}
    assert set(docs) == {server.url("/stories/tower"), server.url("/news/lake-chad-fishermen")}
    tower = docs[server.url("/stories/tower")]
    assert tower.title == "How tall is the Eiffel Tower, really?" and tower.publisher == "Paris Notebook"
    assert tower.source == "web" and "330 metres" in tower.text
    assert server.hits("/article-itself") == []
    assert len(live.warnings) == 1 and "unsupported content type 'application/pdf'" in live.warnings[0]


def test_source_url_alone_adds_the_web_source_without_article_links(server, tmp_path):
    cfg = source_config(server, tmp_path, ["local"], urls=[server.url("/stories/tower")])
    live = run(cfg, article=make_article(links=[server.url("/news/lake-chad-fishermen")]))
    assert [d.url for d in live.documents] == [server.url("/stories/tower")]
    assert server.hits("/news/lake-chad-fishermen") == []


# -- all together ---------------------------------------------------------------------------------
def test_all_sources_together_one_failing(server, server2, tmp_path):
    server2.route(GDELT, Reply(status=503, body=b"maintenance", content_type="text/plain"))
    cfg = source_config(server, tmp_path, ["all"], feeds=[server.url("/feeds/paris.rss")],
                        sources_config={"gdelt": {"base_url": server2.url(GDELT)}})
    live = run(cfg)
    sources = {d.source for d in live.documents}
    assert {"wikipedia", "feeds"} <= sources and "gdelt" not in sources
    gdelt_warnings = [w for w in live.warnings if w.startswith("source gdelt:")]
    assert len(gdelt_warnings) == 1 and "HTTP 503" in gdelt_warnings[0]
    assert [w for w in live.warnings if not w.startswith("source gdelt:")] == []
    assert live.prior_fact_checks["chad"][0].rating == "Mostly true"


def test_deadline_stops_a_slow_source_and_keeps_the_others(server, server2, tmp_path):
    server2.route(GDELT, Reply(body=fixture("gdelt_empty.json"), delay=4))
    cfg = source_config(server, tmp_path, ["wikipedia", "gdelt"], deadline_s=1.5,
                        sources_config={"gdelt": {"base_url": server2.url(GDELT), "timeout_s": 30}})
    start = time.monotonic()
    live = run(cfg)
    assert time.monotonic() - start < 3.5
    assert {d.source for d in live.documents} == {"wikipedia"}
    assert [w for w in live.warnings if "deadline" in w] == [w for w in live.warnings if w.startswith("source gdelt")]
    assert len(live.warnings) == 1


def test_redirects_to_private_metadata_or_file_urls_are_refused_on_the_hop(server, tmp_path):
    targets = {"/to-metadata": "http://169.254.169.254/latest/meta-data/",
               "/to-private": "http://10.20.30.40/admin",
               "/to-file": "file:///etc/passwd"}
    for path, location in targets.items():
        server.route(path, Reply(status=302, body=b"", headers={"Location": location}))
    cfg = source_config(server, tmp_path, ["web"], urls=[server.url(p) for p in targets])
    live = run(cfg, article=make_article(links=["file:///etc/shadow", "ftp://127.0.0.1/x"]))
    assert live.documents == []
    (warning,) = live.warnings
    assert warning.startswith("source web: refused URL") and "(and 2 more failures)" in warning
    # only the three redirecting pages (and robots.txt) were asked; the fixture checks nothing else was
    assert {r.path for r in server.hits()} == set(targets) | {"/robots.txt"}


def test_collect_live_inside_a_running_event_loop(server, tmp_path):
    """The web server calls the pipeline from async code: the sources must still run."""
    import asyncio

    async def caller():
        return run(source_config(server, tmp_path, ["wikipedia"]))

    live = asyncio.run(caller())
    assert {"Eiffel Tower", "Lake Chad"} <= {d.title for d in live.documents}


def test_a_source_budget_stops_only_that_source(server, server2, tmp_path):
    server2.route(GDELT, Reply(body=fixture("gdelt_empty.json"), delay=3))
    cfg = source_config(server, tmp_path, ["wikipedia", "gdelt"],
                        sources_config={"gdelt": {"base_url": server2.url(GDELT), "budget_s": 0.5}})
    live = run(cfg)
    assert {d.source for d in live.documents} == {"wikipedia"}
    assert live.warnings == ["source gdelt: stopped at its own time limit (0.5 s)"]
