"""Politeness: per-host limits shared by every check of a process (and by a batch's workers on Ray),
robots.txt per RFC 9309, ClaimReview JSON-LD as publishers write it."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from factdesk.config import HttpConfig
from factdesk.errors import FetchError
from factdesk.evidence.sources import collect_live
from factdesk.evidence.sources.base import SourceSettings
from factdesk.evidence.sources.claimreview import extract_claimreviews
from factdesk.evidence.sources.client import Deadline, SourceHttp
from factdesk.evidence.sources.limits import HostGate, HostPolicy, ProcessHostLimits
from factdesk.http import make_client
from tests.sources.conftest import CLAIMS, GDELT, make_article, live_args, source_config
from tests.sources.server import FixtureServer, Reply, fixture

CHAD = [c for c in CLAIMS if c.id == "chad"]


# -- limits shared by the checks of a process ---------------------------------------------------------
def _two_checks_at_once(cfg, limits):
    results, errors = [], []

    def one():
        try:
            results.append(collect_live(list(CLAIMS), make_article(), **live_args(cfg, host_limits=limits)))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    return results


def test_one_rate_per_host_for_all_checks_of_a_process(server, tmp_path):
    server.route(GDELT, Reply(body=fixture("gdelt_empty.json")))
    # GDELT's own shape of limit (one request per interval, one at a time), scaled to 0.4 s for the test
    cfg = source_config(server, tmp_path, ["gdelt"], cache_ttl_s=0,
                        sources_config={"gdelt": {"rate_per_s": 2.5, "burst": 1, "max_queries": 2}})
    _two_checks_at_once(cfg, ProcessHostLimits())
    times = sorted(h.at for h in server.hits(GDELT))
    assert len(times) == 4
    gaps = [b - a for a, b in zip(times, times[1:])]
    # 4 requests at one per 0.4 s take at least 1.2 s (scheduling jitter aside); two checks on their own
    # limits would send pairs at once (the control below)
    assert times[-1] - times[0] >= 1.1 and min(gaps) >= 0.25, f"faster than the host's rate: {gaps}"


def test_separate_limits_would_let_two_checks_burst_together(server, tmp_path):
    """The control: each check with its own limits (what the code did before) sends at twice the rate."""
    server.route(GDELT, Reply(body=fixture("gdelt_empty.json")))
    cfg = source_config(server, tmp_path, ["gdelt"], cache_ttl_s=0,
                        sources_config={"gdelt": {"rate_per_s": 2.5, "burst": 1, "max_queries": 2}})
    results, threads = [], []
    for _ in range(2):
        threads.append(threading.Thread(target=lambda: results.append(
            collect_live(list(CHAD), make_article(), **live_args(cfg, host_limits=ProcessHostLimits())))))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    times = sorted(h.at for h in server.hits(GDELT))
    assert min(b - a for a, b in zip(times, times[1:])) < 0.2


def test_a_hold_off_one_check_was_told_holds_every_check(server, tmp_path):
    calls = {"n": 0}
    lock = threading.Lock()

    def first_busy(req):
        with lock:
            calls["n"] += 1
            n = calls["n"]
        if n == 1:
            return Reply(status=429, body=b"", headers={"Retry-After": "1"}, content_type="text/plain")
        return Reply(body=fixture("gdelt_empty.json"))

    server.route(GDELT, first_busy)
    cfg = source_config(server, tmp_path, ["gdelt"], cache_ttl_s=0,
                        sources_config={"gdelt": {"rate_per_s": 50, "burst": 5, "max_concurrency": 5,
                                                  "max_queries": 1, "retries": 1}})
    _two_checks_at_once(cfg, ProcessHostLimits())
    times = sorted(h.at for h in server.hits(GDELT))
    assert len(times) == 3
    # whichever check was told to wait, no request of either went out within the second after the 429
    assert all(t - times[0] >= 0.95 for t in times[1:]) or times[1] - times[0] < 0.2 and times[2] - times[0] >= 0.95


def test_host_gate_schedule_and_cap():
    gate = HostGate(HostPolicy(rate_per_s=10, burst=3, max_concurrency=2))
    a, b = gate.enter(0.0), gate.enter(0.0)
    assert a[1] == 0.0 and b[1] == 0.0 and gate.enter(0.0) is None  # cap of 2
    gate.leave(a[0])
    c = gate.enter(0.0)
    assert c[1] == 0.0  # still inside the burst of 3
    gate.leave(b[0]), gate.leave(c[0])
    d = gate.enter(0.0)
    assert d[1] == pytest.approx(0.1)  # burst spent: one every 0.1 s
    gate.hold_off(0.0, 5.0)
    gate.leave(d[0])
    assert gate.enter(0.0)[1] == pytest.approx(5.0)
    gate.tighten(HostPolicy(rate_per_s=1, burst=5, max_concurrency=9))
    assert gate.policy == HostPolicy(rate_per_s=1, burst=3, max_concurrency=2)


@pytest.mark.slow
def test_a_batch_on_ray_shares_one_limiter_per_host(tmp_path):
    ray = pytest.importorskip("ray")
    from factdesk.scale.limits import RayHostLimits

    with FixtureServer() as srv:
        srv.route("/api", Reply(body=b"{}", content_type="application/json"))
        started_here = not ray.is_initialized()
        if started_here:
            ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False,
                     object_store_memory=128 * 1024 * 1024)
        limits = RayHostLimits("test-batch")
        try:
            @ray.remote(num_cpus=1)
            def worker(url: str, shared) -> int:
                async def go():
                    cfg = HttpConfig(allowed_hosts=["127.0.0.1"])
                    async with make_client(cfg) as client:
                        http = SourceHttp(cfg, client, None, Deadline.after(30), limits=shared)
                        settings = SourceSettings(rate_per_s=2.5, burst=1, max_concurrency=1, retries=0)
                        for _ in range(3):
                            await http.get(url, settings=settings)
                asyncio.run(go())
                return 3

            assert sum(ray.get([worker.remote(srv.url("/api"), limits) for _ in range(2)])) == 6
        finally:
            limits.shutdown()
            if started_here:
                ray.shutdown()
        times = sorted(h.at for h in srv.hits("/api"))
    assert len(times) == 6
    gaps = [b - a for a, b in zip(times, times[1:])]
    # the limiter spaces the reservations 0.4 s apart; when each request leaves depends on when its worker
    # wakes (seconds late on a loaded machine), so the span is measured, not each gap: two workers with a
    # limiter each would send 6 requests in about 0.8 s
    assert times[-1] - times[0] >= 1.8, f"two Ray workers went past the host's rate: {gaps}"


# -- robots.txt (RFC 9309) --------------------------------------------------------------------------------
def _fetch(srv: FixtureServer, paths: list[str], **http_kw):
    async def main():
        cfg = HttpConfig(allowed_hosts=["127.0.0.1"], **http_kw)
        async with make_client(cfg) as client:
            http = SourceHttp(cfg, client, None, Deadline.after(20), limits=ProcessHostLimits())
            settings = SourceSettings(rate_per_s=100, burst=20, max_concurrency=4, retries=0)
            return await asyncio.gather(*(http.get(srv.url(p), settings=settings, robots=True) for p in paths),
                                        return_exceptions=True)

    return asyncio.run(main())


def _allowed(results) -> list[bool]:
    return [not isinstance(r, FetchError) for r in results]


@pytest.mark.parametrize("robots,path,allowed", [
    ("User-agent: *\nAllow: /\nDisallow: /search\n", "/search", False),          # most specific rule wins
    ("User-agent: *\nAllow: /\nDisallow: /search\n", "/news", True),
    ("User-agent: *\nDisallow: /*?\n", "/news?page=2", False),                    # * wildcard
    ("User-agent: *\nDisallow: /*?\n", "/news", True),
    ("User-agent: *\nDisallow: /*.pdf$\n", "/files/report.pdf", False),           # $ end anchor
    ("User-agent: *\nDisallow: /*.pdf$\n", "/files/report.pdf.html", True),
    ("User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n", "/wp-admin/admin-ajax.php", True),
    ("User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n", "/wp-admin/options.php", False),
    ("User-agent: *\nDisallow: /\n\nUser-agent: factdesk\nAllow: /\n", "/news", True),  # our own group
])
def test_robots_rules_rfc9309(robots, path, allowed):
    with FixtureServer() as srv:
        srv.route("/robots.txt", Reply(body=robots, content_type="text/plain"))
        for p in ("/search", "/news", "/files/report.pdf", "/files/report.pdf.html", "/wp-admin/admin-ajax.php",
                  "/wp-admin/options.php"):
            srv.route(p, Reply(body=b"ok", content_type="text/plain"))
        assert _allowed(_fetch(srv, [path])) == [allowed]


def test_robots_statuses_rfc9309():
    outcomes = {}
    for status in (401, 403, 404, 500, 503):
        with FixtureServer() as srv:
            srv.route("/robots.txt", Reply(status=status, body=b"", content_type="text/plain"))
            srv.route("/page", Reply(body=b"ok", content_type="text/plain"))
            outcomes[status] = _allowed(_fetch(srv, ["/page"]))[0]
    # 4xx: "unavailable", the crawler MAY access any resource; 5xx: "unreachable", assume complete disallow
    assert outcomes == {401: True, 403: True, 404: True, 500: False, 503: False}


def test_a_large_robots_txt_is_cut_at_512_kib_not_refused():
    body = "User-agent: *\nDisallow: /private/\n" + "# padding line for a very large robots file\n" * 14_000
    assert len(body.encode()) > 600 * 1024
    with FixtureServer() as srv:
        srv.route("/robots.txt", Reply(body=body, content_type="text/plain"))
        srv.route("/news", Reply(body=b"ok", content_type="text/plain"))
        srv.route("/private/x", Reply(body=b"ok", content_type="text/plain"))
        assert _allowed(_fetch(srv, ["/news", "/private/x"])) == [True, False]


def test_a_redirect_to_another_host_is_checked_against_that_hosts_robots():
    with FixtureServer() as a, FixtureServer() as b:
        a.route("/robots.txt", Reply(body="User-agent: *\nAllow: /\n", content_type="text/plain"))
        a.route("/go", Reply(status=302, body=b"", headers={"Location": b.url("/members/story")}))
        b.route("/robots.txt", Reply(body="User-agent: *\nDisallow: /members/\n", content_type="text/plain"))
        b.route("/members/story", Reply(body=b"secret", content_type="text/plain"))
        (result,) = _fetch(a, ["/go"])
        assert isinstance(result, FetchError) and "robots.txt" in str(result)
        assert len(b.hits("/robots.txt")) == 1 and b.hits("/members/story") == []


# -- ClaimReview JSON-LD as publishers write it -------------------------------------------------------------
def test_claimreview_author_reference_rating_list_and_unquoted_type():
    (review,) = extract_claimreviews(fixture("factcheck_page_refs.html").decode(), page_url="https://p.example/x")
    assert review.claim_reviewed == "The Eiffel Tower stands 330 metres high"
    assert review.publisher == "Paris Fact Check"  # author: {"@id": "https://parisfacts.example/#org"}
    assert review.claimant == "A tour guide video"  # itemReviewed.author by @id as well
    assert review.rating == "True"  # reviewRating: [ {...} ]
    assert review.url == "https://parisfacts.example/eiffel-height" and review.date == "2022-03-16"


def test_a_fetched_page_with_such_markup_becomes_a_prior_fact_check(server, tmp_path):
    server.route("/checks/eiffel", Reply(body=fixture("factcheck_page_refs.html"), content_type="text/html"))
    cfg = source_config(server, tmp_path, ["web"], source_urls=[server.url("/checks/eiffel")])
    live = collect_live(list(CLAIMS), make_article(), **live_args(cfg))
    (pf,) = live.prior_fact_checks["tower"]
    assert pf.publisher == "Paris Fact Check" and pf.rating == "True"


def test_slot_waits_across_event_loops_of_one_process():
    """The limits are used from a new event loop per check (the web app runs checks in threads)."""
    limits, policy, stamps = ProcessHostLimits(), HostPolicy(rate_per_s=5, burst=1, max_concurrency=1), []

    async def one():
        async with limits.slot("h", policy):
            stamps.append(time.monotonic())

    threads = [threading.Thread(target=lambda: asyncio.run(one())) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stamps.sort()
    assert min(b - a for a, b in zip(stamps, stamps[1:])) >= 0.18
