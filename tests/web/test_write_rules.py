"""The newer routes obey the same rules as the rest, on a real server on 127.0.0.1 (no models loaded):

* ``GET /api/checks/{id}/report`` (the downloads) is a read of a stored check: with a token set it
  needs the token or the session cookie, like ``/api/checks/{id}``;
* ``POST /api/claims`` and ``POST /api/checks/{id}/rerun`` need the token, or the session cookie
  *with* the page's CSRF token (``X-CSRF-Token``, as the form's hidden field); the cookie alone is
  refused, and so is a wrong CSRF token;
* with no token set, they take ``application/json`` only (another site's page can send ``text/plain``
  or a form without asking) and refuse cross-site writes.

Requests that pass the rules are sent with a body the route then refuses (an empty claim list, a
check that does not exist), so a 422 or 404 shows the request got past authorisation without any
model loading."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.web.conftest import ThreadServer, form_post

TOKEN = "s3cret-token"
KEY = "0123456789abcdef0123456789abcdef"
MISSING = "fedcba9876543210fedcba9876543210"
BEARER = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def server_config(tmp_path, monkeypatch):
    from factdesk.config import load_config

    monkeypatch.setenv("FACTDESK_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.delenv("FACTDESK_API_TOKEN", raising=False)

    def make(**server):
        cfg = load_config(db=str(tmp_path / "store.db"))
        cfg.server = cfg.server.model_copy(update=server)
        return cfg

    return make


def _serve(cfg) -> ThreadServer:
    from tests.report.reports import rich_report

    srv = ThreadServer(cfg)
    srv.__enter__()
    srv.app.state.web.jobs.reports.save(KEY, rich_report().to_json(), {"kind": "report", "title": "Marathon"})
    return srv


def _writes(c: httpx.Client, headers: dict[str, str] | None = None) -> dict[str, httpx.Response]:
    """Each page write with a body that passes authorisation but not validation."""
    return {
        "claims": c.post("/api/claims", json={"claims": []}, headers=headers),
        "rerun": c.post(f"/api/checks/{MISSING}/rerun", json={"sources": ["local"]}, headers=headers),
    }


def _page_csrf(c: httpx.Client, path: str) -> str:
    page = c.get(path)
    assert page.status_code == 200, page.text[:300]
    found = re.findall(r'name="csrf" value="([0-9a-f]{64})"', page.text)
    assert found, f"{path} carries a CSRF token for its scripts"
    assert len(set(found)) == 1
    return found[0]


def test_downloads_need_the_read_token(server_config):
    srv = _serve(server_config(api_token=TOKEN))
    try:
        with httpx.Client(base_url=srv.base_url) as c:
            for fmt in ("json", "markdown", "html", "text", "claimreview"):
                resp = c.get(f"/api/checks/{KEY}/report", params={"format": fmt})
                assert resp.status_code == 401, fmt
                assert resp.headers["www-authenticate"] == "Bearer"
                assert "Marathon" not in resp.text
            wrong = c.get(f"/api/checks/{KEY}/report", headers={"Authorization": "Bearer wrong"})
            assert wrong.status_code == 401
            ok = c.get(f"/api/checks/{KEY}/report", headers=BEARER)
            assert ok.status_code == 200 and ok.json()["article"]["title"]
            # a browser that gave the token in the form downloads with its session cookie
            assert form_post(c, {"token": TOKEN}).status_code == 422  # no article, but the token was right
            assert c.get(f"/api/checks/{KEY}/report", params={"format": "markdown"}).status_code == 200
    finally:
        srv.__exit__(None, None, None)


def test_downloads_stay_open_without_a_token(server_config):
    srv = _serve(server_config())
    try:
        with httpx.Client(base_url=srv.base_url) as c:
            assert c.get(f"/api/checks/{KEY}/report").status_code == 200
    finally:
        srv.__exit__(None, None, None)


def test_page_writes_need_the_token_or_the_session_with_its_csrf_token(server_config):
    srv = _serve(server_config(api_token=TOKEN))
    try:
        with httpx.Client(base_url=srv.base_url) as stranger:
            for name, resp in _writes(stranger).items():
                assert resp.status_code == 401, (name, resp.text[:200])
                assert resp.headers["content-type"].startswith("application/problem+json")
            for name, resp in _writes(stranger, {"Authorization": "Bearer wrong"}).items():
                assert resp.status_code == 401, name
        with httpx.Client(base_url=srv.base_url) as api:
            passed = _writes(api, BEARER)
            assert passed["claims"].status_code == 422 and passed["rerun"].status_code == 404
        with httpx.Client(base_url=srv.base_url) as reader:
            assert form_post(reader, {"token": TOKEN}).status_code == 422  # signed in: the session cookie
            assert "factdesk_session" in reader.cookies
            csrf = _page_csrf(reader, f"/checks/{KEY}")
            # the session cookie alone does not write (a page of another site could ride on it)
            for name, resp in _writes(reader).items():
                assert resp.status_code == 403, (name, resp.text[:200])
            for name, resp in _writes(reader, {"X-CSRF-Token": "0" * 64}).items():
                assert resp.status_code == 403, name
            passed = _writes(reader, {"X-CSRF-Token": csrf})
            assert passed["claims"].status_code == 422 and passed["rerun"].status_code == 404
            # the same token serves the single-claim form of the home page
            assert _page_csrf(reader, "/") == csrf
    finally:
        srv.__exit__(None, None, None)


def test_article_page_asks_for_the_token_only_without_a_session(server_config):
    srv = _serve(server_config(api_token=TOKEN))
    try:
        with httpx.Client(base_url=srv.base_url) as api:
            page = api.get(f"/checks/{KEY}", headers=BEARER)
            assert page.status_code == 200 and 'id="rerun-token"' in page.text
        with httpx.Client(base_url=srv.base_url) as reader:
            form_post(reader, {"token": TOKEN})
            page = reader.get(f"/checks/{KEY}")
            assert page.status_code == 200 and 'id="rerun-token"' not in page.text
    finally:
        srv.__exit__(None, None, None)


def test_without_a_token_page_writes_take_json_from_this_site_only(server_config):
    srv = _serve(server_config())
    try:
        with httpx.Client(base_url=srv.base_url) as c:
            passed = _writes(c)  # an API client: no token needed when none is set
            assert passed["claims"].status_code == 422 and passed["rerun"].status_code == 404
            # what a form of another site can send without a preflight: text/plain, a form, no type
            for ctype in ("text/plain", "application/x-www-form-urlencoded", None):
                headers = {"Content-Type": ctype} if ctype else {}
                for path in ("/api/claims", f"/api/checks/{MISSING}/rerun"):
                    resp = c.post(path, content=b'{"claims": ["x"], "sources": ["local"]}', headers=headers)
                    assert resp.status_code == 415, (path, ctype, resp.status_code)
            for headers in ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
                for name, resp in _writes(c, headers).items():
                    assert resp.status_code == 403, (name, headers)
            for name, resp in _writes(c, {"X-CSRF-Token": "not-the-page-token"}).items():
                assert resp.status_code == 403, name
            assert srv.app.state.web.jobs.stats()["queued"] == 0
    finally:
        srv.__exit__(None, None, None)
