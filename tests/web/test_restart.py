"""Reports live in the store: after the server restarts (a new process), the finished check is still there.

Runs after the API and browser tests (file order), so their shared server restarts only once, at the end."""

from __future__ import annotations


def test_report_survives_a_restart(server, seed_check):
    server.restart()
    with server.client() as client:
        body = client.get(f"/api/checks/{seed_check['id']}").json()
        page = client.get(f"/checks/{seed_check['id']}")
    assert body["status"] == "done"
    assert body["report"] == seed_check["report"]
    assert page.status_code == 200 and "Fact Checker" in page.text
