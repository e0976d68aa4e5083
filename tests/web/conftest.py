"""One real ``factdesk serve`` per test session (subprocess, 127.0.0.1), one finished seed check shared.

The server's store is seeded with a few evidence documents of our own (tests/data/web/evidence.jsonl)
so that claims find evidence; speech uses espeak-ng so Listen is quick. Its live sources all point at
one local server (:data:`LIVE_PAGE`: a Wikipedia that knows one page), so a check with live sources
never leaves 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT, SEED

WEB_DATA = ROOT / "tests" / "data" / "web"
ARTIFACTS = ROOT / "test-artifacts"
CHECK_TIMEOUT_S = 240.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen | None = None, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            if httpx.get(url, timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def wait_done(client: httpx.Client, job_id: str, timeout: float = CHECK_TIMEOUT_S) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"/api/checks/{job_id}").json()
        if body["status"] in ("done", "failed"):
            return body
        time.sleep(0.3)
    raise TimeoutError(f"check {job_id} not finished within {timeout} s")


def write_config(path: Path, live: str | None = None, *, voice: str | None = None, **server: object) -> Path:
    """A config file: local sources by default, the live ones (when ``live`` is the base URL of a local
    stand-in) pointed at it, the Listen voice, and ``[server]`` settings."""
    lines = ["[sources]", 'use = ["local"]', "", "[http]", 'allowed_hosts = ["127.0.0.1"]', ""]
    if live:
        for name, url in (("wikipedia", f"{live}/w/api.php"), ("gdelt", f"{live}/gdelt/api/v2/doc/doc"),
                          ("claimreview", f"{live}/factcheck")):
            lines += [f"[sources.{name}]", f"base_url = {json.dumps(url)}", "retries = 0", "rate_per_s = 50.0", ""]
    if voice is not None:
        lines += ["[listen]", f"voice = {json.dumps(voice)}", ""]
    lines.append("[server]")
    for key, value in server.items():
        lines.append(f"{key} = {json.dumps(value)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


#: what the local Wikipedia stand-in knows: one page, about the documentary the seed article discusses
LIVE_PAGE = {
    "title": "Surviving CECOT",
    "extract": ("Surviving CECOT is an 11-minute documentary published by PBS Frontline in 2025. The documentary "
                "features Juan José Ramos Ramos, Andry Blanco Bonilla and Wilmer Vega Sandia, three Venezuelan men "
                "who were deported by the United States to the CECOT prison in El Salvador."),
}


def _wikipedia(base: str):
    from tests.sources.server import Reply

    def answer(req):
        page = {"pageid": 777001, "ns": 0, "title": LIVE_PAGE["title"], "index": 1,
                "fullurl": f"{base}/wiki/Surviving_CECOT", "touched": "2025-04-20T10:00:00Z",
                "extract": LIVE_PAGE["extract"]}
        return Reply(body={"batchcomplete": True, "query": {"pages": [page]}})

    return answer


@pytest.fixture(scope="session")
def live_sources():
    """The stand-in for the live sources: Wikipedia answers every search with :data:`LIVE_PAGE`; any other
    path is a 404 (a failed source, a warning)."""
    from tests.sources.server import FixtureServer

    with FixtureServer() as srv:
        srv.route("/w/api.php", _wikipedia(srv.base))
        yield srv


class Server:
    """A ``factdesk serve`` subprocess that can be restarted on the same port and store."""

    def __init__(self, workdir: Path, config: Path) -> None:
        self.workdir, self.config = workdir, config
        self.db = workdir / "store.db"
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.log = workdir / "server.log"

    def start(self) -> None:
        self.launch()
        self.wait()

    def wait(self) -> None:
        wait_for(self.base_url + "/api/health", self.proc)

    def launch(self) -> None:
        from factdesk.commands.common import create_store

        create_store(str(self.db))  # `factdesk serve` serves a store that exists
        env = {**os.environ, "FACTDESK_CONFIG": "/nonexistent/factdesk.toml", "FACTDESK_DATA_DIR": str(self.workdir),
               "OMP_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false", "PYTHONPATH": str(ROOT / "src")}
        env.pop("FACTDESK_API_TOKEN", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "factdesk", "serve", "--host", "127.0.0.1", "--port", str(self.port),
             "--db", str(self.db), "--config", str(self.config), "--log-level", "warning"],
            stdout=self.log.open("ab"), stderr=subprocess.STDOUT, env=env, cwd=str(self.workdir),
        )

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def client(self, timeout: float = 60.0, **kw) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, timeout=timeout, **kw)


@pytest.fixture(scope="session")
def server(tmp_path_factory, embedder, live_sources):
    from factdesk.evidence.store import open_store
    from factdesk.models import Document

    workdir = tmp_path_factory.mktemp("web")
    config = write_config(workdir / "factdesk.toml", live=live_sources.base, rate_limit_per_minute=100000,
                          voice="espeak", max_body_bytes=2 * 1024 * 1024)
    srv = Server(workdir, config)
    srv.launch()  # the server loads its models while this process adds the evidence documents
    store = open_store(str(srv.db), embedder=embedder)
    try:
        docs = [Document(**json.loads(line)) for line in (WEB_DATA / "evidence.jsonl").read_text().splitlines()
                if line.strip()]
        store.add_documents(docs)
    finally:
        store.close()
    srv.wait()
    yield srv
    srv.stop()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]


@pytest.fixture(scope="package")
def browser():
    """Debian's Chromium (never a downloaded one), headless, through Playwright. Closed when the web tests end:
    Playwright's sync API keeps an event loop running on the main thread while it is open, and the
    tests of another package run after these (in parallel workers, in any order) call ``asyncio.run``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="package")
def seed_check(server, browser, artifacts) -> dict:
    """The seed checked once per run of the web tests, submitted the way a reader does it: pasted into the home
    page in Chromium, followed through the live progress page to the article page. Every test that
    needs a finished check reads this one."""
    context = browser.new_context(base_url=server.base_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto("/")
        page.get_by_label("Article text").fill(SEED.read_text(encoding="utf-8"))
        page.screenshot(path=str(artifacts / "home.png"))
        page.get_by_role("button", name="Check the article").click()
        page.wait_for_url(re.compile(r"/checks/[0-9a-f]{32}$"))
        job_id = page.url.rsplit("/", 1)[1]
        progress_seen = page.locator("#progress-bar").count() == 1
        if progress_seen:
            page.screenshot(path=str(artifacts / "progress.png"))
        page.wait_for_selector("#story-title", timeout=CHECK_TIMEOUT_S * 1000)
        landed = {"url": page.url, "title": page.locator("#story-title").inner_text(), "errors": errors}
    finally:
        context.close()
    with server.client() as client:
        body = client.get(f"/api/checks/{job_id}").json()
    assert body["status"] == "done", body
    return {"id": job_id, "report": body["report"], "progress_seen": progress_seen, "landed": landed}


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


class ThreadServer:
    """``create_app`` under uvicorn in a thread of the test process (for cheap, differently configured apps)."""

    def __init__(self, config) -> None:
        import uvicorn

        from factdesk.web.app import create_app

        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.app = create_app(config, warm=False)
        self.uv = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning",
                                                lifespan="on"))
        self.thread = threading.Thread(target=self.uv.run, daemon=True)

    def __enter__(self) -> "ThreadServer":
        self.thread.start()
        wait_for(self.base_url + "/api/health")
        return self

    def __exit__(self, *exc: object) -> None:
        self.uv.should_exit = True
        self.thread.join(timeout=10)


def form_post(c: httpx.Client, data: dict) -> httpx.Response:
    """POST the home page form the way a browser does: load the page (its CSRF cookie and hidden
    field), then submit with the field."""
    import re

    page = c.get("/")
    token = re.search(r'name="csrf" value="([0-9a-f]{64})"', page.text)
    assert token, "the home page form carries a CSRF token"
    return c.post("/checks", data={**data, "csrf": token.group(1)})
