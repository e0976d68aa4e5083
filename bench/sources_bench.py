"""Source stage wall time: one article with 20 claims, five live sources, local fixture servers with
50–500 ms injected latency → bench/results/sources.json.

Each service runs on its own 127.0.0.1 server with its own latency per answer. The bench measures

- every source alone (cold cache), and their sum — what a sequential stage would cost;
- all sources together (cold cache) — concurrency means this should track the slowest single source;
- all sources again (warm cache) — every answer should come from the HTTP cache (0 network requests);

each with the default politeness settings (5 requests/s per host, burst 5, 4 in flight per host;
GDELT's API one request per 5 s, as GDELT asks) and with the rate limits lifted (so the figure shows
latency and concurrency, not the limiter). GDELT's listed articles live on a sixth server ("news"),
another host as in real life.

    .venv/bin/python -m bench.sources_bench [--repeats 3] [--out bench/results/sources.json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.sources.server import FixtureServer, Reply  # noqa: E402  (the tests' real HTTP server)

#: injected latency per answer, seconds (50–500 ms)
LATENCY = {"wikipedia": 0.05, "claimreview": 0.15, "web": 0.2, "gdelt": 0.3, "feeds": 0.5}

TOPICS = [
    ("Danube", "LOC", "The Danube flows through ten countries before reaching the Black Sea."),
    ("Mount Kenya", "LOC", "Mount Kenya is the second highest mountain in Africa."),
    ("European Central Bank", "ORG", "The European Central Bank raised its deposit rate to 4 percent in 2023."),
    ("Sahara", "LOC", "The Sahara covers about nine million square kilometres."),
    ("Toyota", "ORG", "Toyota sold more than 11 million vehicles in 2023."),
    ("Amazon River", "LOC", "The Amazon River discharges more water than any other river."),
    ("World Health Organization", "ORG", "The World Health Organization was founded in 1948."),
    ("Great Barrier Reef", "LOC", "The Great Barrier Reef suffered mass bleaching in 2024."),
    ("Norway", "GPE", "Norway's sovereign wealth fund is worth more than one trillion dollars."),
    ("Nelson Mandela", "PERSON", "Nelson Mandela was released from prison in February 1990."),
    ("Suez Canal", "FAC", "The Suez Canal opened to shipping in 1869."),
    ("Bangladesh", "GPE", "Bangladesh is one of the largest exporters of garments."),
    ("Hubble Space Telescope", "PRODUCT", "The Hubble Space Telescope was launched in 1990."),
    ("Lagos", "GPE", "Lagos has a population of more than 15 million people."),
    ("International Monetary Fund", "ORG", "The International Monetary Fund has 190 member countries."),
    ("Aral Sea", "LOC", "The Aral Sea has lost most of its volume since the 1960s."),
    ("Chile", "GPE", "Chile is the world's largest producer of copper."),
    ("Marie Curie", "PERSON", "Marie Curie won Nobel Prizes in physics and chemistry."),
    ("Panama Canal", "FAC", "Drought cut traffic through the Panama Canal in 2023."),
    ("Iceland", "GPE", "Iceland gets almost all of its electricity from renewable sources."),
]


def _text(topic: str, n: int = 12) -> str:
    return " ".join(f"{topic} is discussed in sentence {i} of this generated page about {topic}." for i in range(n))


def _pid(q: str) -> int:
    return int(hashlib.sha1(q.encode()).hexdigest()[:6], 16)


def start_servers() -> dict[str, FixtureServer]:
    servers = {name: FixtureServer().start() for name in [*LATENCY, "news"]}
    LATENCY_ALL = {**LATENCY, "news": LATENCY["gdelt"]}
    for name, srv in servers.items():
        srv.route("/robots.txt", Reply(status=404, body=b"", content_type="text/plain", delay=LATENCY_ALL[name]))

    def wiki(req):
        q = req.query
        if q.get("list") == "search":
            term = q.get("srsearch", "")
            hits = [{"ns": 0, "title": f"{term} ({k})", "pageid": _pid(term) * 10 + k} for k in range(2)]
            return Reply(body={"query": {"search": hits}}, delay=LATENCY["wikipedia"])
        pid = int(q.get("pageids", "0"))
        page = {"pageid": pid, "title": f"Page {pid}", "extract": _text(f"Page {pid}"),
                "fullurl": f"https://en.wikipedia.org/?curid={pid}", "touched": "2024-01-01T00:00:00Z"}
        return Reply(body={"query": {"pages": [page]}}, delay=LATENCY["wikipedia"])

    servers["wikipedia"].route("/w/api.php", wiki)

    def factcheck(req):
        text = req.query.get("query", "")
        claims = [{"text": text, "claimant": "someone", "claimReview": [{
            "publisher": {"name": "Bench Checks"}, "url": f"https://checks.example/{_pid(text)}",
            "reviewDate": "2024-01-02T00:00:00Z", "textualRating": "Mostly true"}]}]
        return Reply(body={"claims": claims}, delay=LATENCY["claimreview"])

    servers["claimreview"].route("/v1alpha1/claims:search", factcheck)

    g = servers["gdelt"]

    def gdelt(req):
        q = req.query.get("query", "")
        arts = [{"url": servers["news"].url(f"/news/{_pid(q)}-{k}"), "title": f"{q} news {k}", "seendate": "20240301T120000Z",
                 "domain": "news.example"} for k in range(2)]
        return Reply(body={"articles": arts}, delay=LATENCY["gdelt"])

    g.route("/doc", gdelt)  # the articles it lists live on the "news" server (another host, as in life)

    f = servers["feeds"]
    items = "".join(
        f"<item><title>{t[0]} update</title><link>{f.url(f'/item/{i}')}</link>"
        f"<description>{t[2]} {_text(t[0], 3)}</description></item>" for i, t in enumerate(TOPICS)
    )
    f.route("/feed.rss", Reply(body=f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench feed</title>'
                                    f"{items}</channel></rss>", content_type="application/rss+xml",
                               delay=LATENCY["feeds"]))
    for i, t in enumerate(TOPICS):
        f.route(f"/item/{i}", Reply(body=f"<html><body><article><p>{t[2]} {_text(t[0])}</p></article></body></html>",
                                    content_type="text/html", delay=LATENCY["feeds"]))
    w = servers["web"]
    for i in range(5):
        w.route(f"/cited/{i}", Reply(body=f"<html><body><article><p>{_text(TOPICS[i][0])}</p></article></body></html>",
                                     content_type="text/html", delay=LATENCY["web"]))
    return servers


def _route_gdelt_pages(g: FixtureServer) -> None:
    """GDELT article URLs are made from query hashes: route them lazily through a wrapper."""
    original = dict(g.routes)

    class Routes(dict):
        def get(self, path, default=None):
            if path.startswith("/news/"):
                return lambda req: Reply(
                    body=f"<html><body><article><h1>{path}</h1><p>{_text(path)}</p></article></body></html>",
                    content_type="text/html", delay=LATENCY["gdelt"])
            return super().get(path, default)

    g.routes = Routes(original)


def build_config(servers, db: Path, sources: list[str], lifted: bool):
    from factdesk.config import Config

    common = {"rate_per_s": 1000.0, "burst": 100, "max_concurrency": 16} if lifted else {}
    sc = {
        "wikipedia": {"base_url": servers["wikipedia"].url("/w/api.php"), "max_queries": 20, **common},
        "claimreview": {"base_url": servers["claimreview"].base, "api_key": "BENCH", **common},
        "gdelt": {"base_url": servers["gdelt"].url("/doc"), **common},
        "feeds": {"urls": [servers["feeds"].url("/feed.rss")], **common},
        "web": dict(common),
    }
    return Config.model_validate({
        "db": str(db), "sources": {"use": sources, "deadline_s": 60, "cache_ttl_s": 3600, **sc},
        "http": {"allowed_hosts": ["127.0.0.1"]},
    })


def article_and_claims(servers):
    from factdesk.models import Article, Claim

    claims = [Claim(id=f"c{i}", text=t[2], sentence=t[2], span=(0, 1), paragraph=i, checkworthiness=0.9,
                    checked=True, entities=[{"text": t[0], "label": t[1]}]) for i, t in enumerate(TOPICS)]
    article = Article(title="Twenty facts", published="2024-03-01", paragraphs=[t[2] for t in TOPICS],
                      links=[servers["web"].url(f"/cited/{i}") for i in range(5)])
    return article, claims


def run_once(servers, db: Path, sources: list[str], lifted: bool):
    from factdesk.evidence.sources import build_sources, collect_live

    cfg = build_config(servers, db, sources, lifted)
    article, claims = article_and_claims(servers)
    sources = build_sources(cfg)
    t0 = time.perf_counter()
    live = collect_live(claims, article, config=cfg, sources=sources)
    wall = time.perf_counter() - t0
    return wall, live


def match_eval() -> dict:
    """Precision/recall of prior-fact-check matching on tests/data/sources/match_pairs.jsonl (32 pairs
    written for the purpose: same claim reworded vs same subject, different claim)."""
    from factdesk.embed import MiniLMEmbedder
    from factdesk.evidence.sources.match import THRESHOLD, THRESHOLD_HINTED, lexical_similarity

    pairs = [json.loads(line) for line in (ROOT / "tests" / "data" / "sources" / "match_pairs.jsonl").open()]
    vecs = MiniLMEmbedder().encode([p["claim"] for p in pairs] + [p["reviewed"] for p in pairs])
    n = len(pairs)
    lexical = [lexical_similarity(p["claim"], p["reviewed"]) for p in pairs]
    combined = [max(lexical[i], float(vecs[i] @ vecs[n + i])) for i in range(n)]
    gold = [p["same"] for p in pairs]

    def pr(scores, t):
        pred = [s >= t for s in scores]
        tp = sum(p and g for p, g in zip(pred, gold))
        fp = sum(p and not g for p, g in zip(pred, gold))
        fn = sum(g and not p for p, g in zip(pred, gold))
        return {"precision": round(tp / (tp + fp), 3) if tp + fp else None,
                "recall": round(tp / (tp + fn), 3) if tp + fn else None}

    grid = [0.6, 0.65, 0.7, 0.72, 0.75, 0.8, 0.85]
    return {"pairs": n, "same": sum(gold), "threshold": THRESHOLD, "threshold_hinted": THRESHOLD_HINTED,
            "embedding_plus_lexical": {str(t): pr(combined, t) for t in grid},
            "lexical_only": {str(t): pr(lexical, t) for t in grid}}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "sources.json")
    args = ap.parse_args()

    load_before = os.getloadavg()
    servers = start_servers()
    _route_gdelt_pages(servers["news"])
    names = list(LATENCY)
    results: dict = {"latency_s": LATENCY, "claims": len(TOPICS), "repeats": args.repeats, "modes": {}}
    try:
        for mode, lifted in (("default_rate_limits", False), ("rate_limits_lifted", True)):
            single: dict[str, list[float]] = {n: [] for n in names}
            together, warm, warm_network, docs, warnings, requests = [], [], [], 0, [], {}
            for _ in range(args.repeats):
                for name in names:
                    with tempfile.TemporaryDirectory() as tmp:
                        wall, _live = run_once(servers, Path(tmp) / "s.db", [name], lifted)
                        single[name].append(wall)
                with tempfile.TemporaryDirectory() as tmp:
                    wall, live = run_once(servers, Path(tmp) / "s.db", names, lifted)
                    together.append(wall)
                    docs, warnings = len(live.documents), live.warnings
                    requests = live.stats["http"]["network"]
                    per_source = live.stats["sources"]
                    wall2, live2 = run_once(servers, Path(tmp) / "s.db", names, lifted)
                    warm.append(wall2)
                    warm_network.append(live2.stats["http"]["network"])
            med = {n: round(statistics.median(v), 3) for n, v in single.items()}
            results["modes"][mode] = {
                "single_source_cold_s": med,
                "sum_of_single_s": round(sum(med.values()), 3),
                "slowest_single_s": max(med.values()),
                "all_concurrent_cold_s": round(statistics.median(together), 3),
                "all_concurrent_warm_s": round(statistics.median(warm), 3),
                "warm_network_requests": max(warm_network),
                "cold_network_requests": requests,
                "documents": docs,
                "warnings": warnings,
                "per_source_cold": per_source,
            }
    finally:
        for srv in servers.values():
            srv.stop()
    results["matching"] = match_eval()
    results["machine"] = {"python": platform.python_version(), "platform": platform.platform(),
                          "cpus": os.cpu_count(), "load_avg_1m_before_after": [round(load_before[0], 2),
                                                                             round(os.getloadavg()[0], 2)],
                          "note": "the fixture servers run in the bench's own process (threads)"}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({m: {k: v for k, v in r.items() if k != "per_source_cold"} for m, r in results["modes"].items()},
                     indent=2))
    print(json.dumps(results["matching"], indent=2))


if __name__ == "__main__":
    main()
