"""End to end: `factdesk check ARTICLE --sources all` through the real CLI, every connector pointed at
local servers, one of them failing: the report is still produced, with one warning for that source."""

from __future__ import annotations

import json
import sqlite3

from tests.helpers import run_cli
from tests.sources.conftest import FACTCHECK, GDELT, RECENT, WIKI
from tests.sources.server import Reply

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A landmark and a lake in the spotlight</title>
<meta property="article:published_time" content="{published}"></head>
<body><article>
<h1>A landmark and a lake in the spotlight</h1>
<p>The Eiffel Tower is 330 metres tall, the company that runs the monument said on Monday.</p>
<p>Lake Chad has shrunk by 90 percent since the 1960s, according to
<a href="{cited}">researchers at the Lake Chad Basin Commission</a>.</p>
<p>Officials in Chad said the government will spend 200 million dollars on irrigation next year.</p>
</article></body></html>
"""


def test_check_with_all_sources_one_failing(server, server2, tmp_path):
    server2.route(GDELT, Reply(status=500, body=b"internal error", content_type="text/plain"))
    article = tmp_path / "article.html"
    article.write_text(ARTICLE.replace("{cited}", server.url("/checks/lake-chad-claim"))
                       .replace("{published}", RECENT.strftime("%Y-%m-%dT%H:%M:%SZ")), encoding="utf-8")
    cfg = tmp_path / "factdesk.toml"
    cfg.write_text(f"""
db = "{tmp_path / 'store.db'}"

[sources]
deadline_s = 60

[sources.feeds]
urls = ["{server.url('/feeds/paris.rss')}"]

[http]
allowed_hosts = ["127.0.0.1"]

[sources.wikipedia]
base_url = "{server.url(WIKI)}"

[sources.claimreview]
base_url = "{server.url('/factcheck')}"
api_key = "E2E-KEY"

[sources.gdelt]
base_url = "{server2.url(GDELT)}"
retries = 1
backoff_s = 0.05
""", encoding="utf-8")
    run_cli("store", "init", "--db", str(tmp_path / "store.db"))
    proc = run_cli("check", str(article), "--sources", "all", "--config", str(cfg), "--format", "json", "-q",
                   "--source-url", server.url("/stories/tower"), timeout=240)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)

    gdelt_warnings = [w for w in report["warnings"] if w.startswith("source gdelt:")]
    assert len(gdelt_warnings) == 1 and "HTTP 500" in gdelt_warnings[0]
    assert not [w for w in report["warnings"] if w.startswith("source ") and not w.startswith("source gdelt:")]

    # every other connector asked its (local) service
    assert server.hits(WIKI) and server.hits(FACTCHECK) and server.hits("/feeds/paris.rss")
    assert server.hits("/stories/tower")  # --source-url
    assert server.hits("/checks/lake-chad-claim")  # cited in the article (only there)
    assert {h.query["key"] for h in server.hits(FACTCHECK)} == {"E2E-KEY"}
    assert "E2E-KEY" not in proc.stdout + proc.stderr

    # live evidence reached the verdicts: cited passages from live sources, and the prior fact-check
    cited = [e for c in report["claims"] if c.get("verdict") for e in c["verdict"]["evidence"]]
    assert {e["source"] for e in cited} & {"wikipedia", "web", "feeds"}, cited
    priors = [p for c in report["claims"] if c.get("verdict") for p in c["verdict"].get("prior_fact_checks", [])]
    assert any(p["publisher"] == "Sahel Fact Desk" and p["rating"] == "Mostly true" for p in priors), priors

    # the answers are cached next to the store (a second check of the subject asks no service again;
    # tests/sources/test_connectors.py runs that second check), and the API key is not in the cache
    cache = tmp_path / "http-cache.sqlite"
    rows = sqlite3.connect(cache).execute("SELECT url, status FROM http_cache").fetchall()
    assert any("/w/api.php" in url for url, _ in rows) and any("claims:search" in url for url, _ in rows)
    assert all(200 <= status < 300 for url, status in rows if "robots.txt" not in url)
    assert b"E2E-KEY" not in cache.read_bytes()
