"""Token, rate limit, body limit, CORS and headers, each on its own small app served by uvicorn in a thread.

None of these requests runs a check, so no model is loaded."""

from __future__ import annotations

import httpx
import pytest

from factdesk.config import load_config
from tests.web.conftest import ThreadServer, form_post


@pytest.fixture
def make_config(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTDESK_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.delenv("FACTDESK_API_TOKEN", raising=False)

    def make(**server):
        cfg = load_config(db=str(tmp_path / "store.db"))
        cfg.server = cfg.server.model_copy(update=server)
        return cfg

    return make


def _is_problem(resp: httpx.Response, status: int) -> dict:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json")
    assert "Traceback" not in resp.text
    return resp.json()


def test_token_guards_writes_only(make_config):
    with ThreadServer(make_config(api_token="s3cret-token")) as srv, httpx.Client(base_url=srv.base_url) as c:
        missing = _is_problem(c.post("/api/checks", json={"text": "A title\n\nA body."}), 401)
        assert "token" in missing["detail"].lower()
        assert c.post("/api/checks", json={"text": "x"}).headers["www-authenticate"] == "Bearer"
        _is_problem(c.post("/api/checks", json={"text": "x"}, headers={"Authorization": "Bearer wrong"}), 401)
        # the right token gets past the guard to input validation (empty text → 422, not 401)
        _is_problem(c.post("/api/checks", json={"text": " "}, headers={"Authorization": "Bearer s3cret-token"}), 422)
        _is_problem(c.post("/api/checks", json={"text": " "}, headers={"X-API-Token": "s3cret-token"}), 422)
        # the HTML form is a write too
        form = form_post(c, {"text": "A title\n\nA body."})
        assert form.status_code == 401 and "API token" in form.text
        assert c.get("/api/health").status_code == 200  # reads need no token


def test_env_token_is_read(monkeypatch, tmp_path):
    monkeypatch.setenv("FACTDESK_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("FACTDESK_API_TOKEN", "from-env")
    assert load_config().server.api_token == "from-env"


def test_rate_limit_per_client(make_config):
    with ThreadServer(make_config(rate_limit_per_minute=3)) as srv, httpx.Client(base_url=srv.base_url) as c:
        codes = [c.post("/api/checks", json={"text": ""}).status_code for _ in range(5)]
        assert codes[:3] == [422, 422, 422] and codes[3:] == [429, 429]
        limited = c.post("/api/checks", json={"text": ""})
        body = _is_problem(limited, 429)
        assert int(limited.headers["retry-after"]) >= 1 and "rate limit" in body["detail"]
        # reads have their own, larger budget
        assert c.get("/api/health").status_code == 200


def test_body_limit_declared_and_streamed(make_config):
    with ThreadServer(make_config(max_body_bytes=1000)) as srv, httpx.Client(base_url=srv.base_url) as c:
        _is_problem(c.post("/api/checks", json={"text": "y" * 2000}), 413)

        def chunks():  # no Content-Length: the limit applies while reading
            for _ in range(10):
                yield b"z" * 500

        _is_problem(c.post("/api/checks", content=chunks(), headers={"content-type": "application/json"}), 413)
        upload = c.post("/api/checks", files={"file": ("big.txt", b"w " * 2000, "text/plain")})
        _is_problem(upload, 413)


def test_cors_off_by_default_and_on_when_configured(make_config):
    origin = "http://127.0.0.1:9"
    with ThreadServer(make_config()) as srv, httpx.Client(base_url=srv.base_url) as c:
        resp = c.get("/api/health", headers={"Origin": origin})
        assert "access-control-allow-origin" not in resp.headers
        pre = c.options("/api/checks", headers={"Origin": origin, "Access-Control-Request-Method": "POST"})
        assert "access-control-allow-origin" not in pre.headers
    with ThreadServer(make_config(cors_origins=[origin])) as srv, httpx.Client(base_url=srv.base_url) as c:
        assert c.get("/api/health", headers={"Origin": origin}).headers["access-control-allow-origin"] == origin
        other = c.get("/api/health", headers={"Origin": "http://127.0.0.1:10"})
        assert "access-control-allow-origin" not in other.headers


def test_security_headers_and_html_errors(make_config):
    with ThreadServer(make_config()) as srv, httpx.Client(base_url=srv.base_url) as c:
        resp = c.get("/checks/not-a-check", headers={"Accept": "text/html"})
        assert resp.status_code == 404 and resp.headers["content-type"].startswith("text/html")
        csp = resp.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert resp.headers["x-content-type-options"] == "nosniff"
        # the form refuses bad input with a page, not a trace, and keeps what was typed (escaped)
        form = form_post(c, {"url": "javascript:alert(1)<b>"})
        assert form.status_code == 422 and "Traceback" not in form.text
        assert "&lt;b&gt;" in form.text and "alert(1)<b>" not in form.text
