"""Reports live in the store: after the server restarts (a new process), the finished check is still there.

Runs after the API and browser tests (file order), so their shared server restarts only once, at the end."""

from __future__ import annotations

import time

from tests.web.conftest import WEB_DATA


def test_report_survives_a_restart(server, seed_check):
    text = (WEB_DATA / "plain_article.txt").read_text(encoding="utf-8")
    with server.client() as client:
        job = client.post("/api/checks", json={"text": text}).json()
        deadline = time.monotonic() + 60
        while client.get(f"/api/checks/{job['id']}").json()["status"] == "queued" and time.monotonic() < deadline:
            time.sleep(0.05)
    server.restart()  # SIGTERM while that check runs: it finishes and is saved before the process exits
    with server.client() as client:
        body = client.get(f"/api/checks/{seed_check['id']}").json()
        page = client.get(f"/checks/{seed_check['id']}")
        interrupted = client.get(f"/api/checks/{job['id']}").json()
    assert interrupted["status"] == "done", interrupted
    assert interrupted["report"]["article"]["title"] == "City Council Approves New Bike Lanes on Harbour Road"
    assert body["status"] == "done"
    assert body["report"] == seed_check["report"]
    assert page.status_code == 200 and "Fact Checker" in page.text
