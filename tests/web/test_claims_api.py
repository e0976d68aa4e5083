"""``POST /api/claims`` on a real ``factdesk serve``: claims checked without an article."""

from __future__ import annotations


def test_the_api_checks_claims(server):
    with server.client() as client:
        r = client.post("/api/claims", json={"claims": ["CECOT opened in 2023.", "CECOT opened in 2019."]})
        assert r.status_code == 200, r.text
        got = {c["text"]: c["verdict"]["label"] for c in r.json()["claims"]}
        assert got == {"CECOT opened in 2023.": "supported", "CECOT opened in 2019.": "refuted"}
        bad = client.post("/api/claims", json={"claims": []})
        assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")
        assert client.post("/api/claims", json={"claims": ["x"], "extra": 1}).status_code == 422
