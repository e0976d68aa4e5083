"""The job queue: bounded (503 when full), failures reported without a trace, progress only moves forward.

Jobs here use article factories that block or fail, so no pipeline (and no model) ever runs."""

from __future__ import annotations

import threading
import time

import httpx

from factdesk.config import load_config
from factdesk.errors import InputError
from tests.web.conftest import ThreadServer, form_post

ARTICLE = ("Harbour Reopens After the Storm\n\nThe harbour reopened on Monday after three days of closure "
           "caused by the storm, the port authority said.")


def _blocking(gate: threading.Event, message: str):
    def make_article(progress):
        progress("ingest", 0.5, "fetching")
        gate.wait(10)
        raise InputError(message)

    return make_article


def _wait_status(jobs, job_id: str, status: str, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = jobs.get(job_id)
        if job is not None and job.status == status:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} never reached {status}")


def test_full_queue_answers_503_and_failures_carry_their_reason(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTDESK_CONFIG", str(tmp_path / "none.toml"))
    cfg = load_config(db=str(tmp_path / "store.db"))
    cfg.server = cfg.server.model_copy(update={"workers": 1, "max_queued_jobs": 2})
    with ThreadServer(cfg) as srv, httpx.Client(base_url=srv.base_url, timeout=30) as client:
        jobs = srv.app.state.web.jobs
        gate = threading.Event()
        first = jobs.submit(_blocking(gate, "the page at http://127.0.0.1:9/x has no article"))
        second = jobs.submit(_blocking(gate, "second"))
        running = _wait_status(jobs, first.id, "running")
        assert running.stage == "ingest" and 0 < running.fraction < 0.05
        assert jobs.get(second.id).status == "queued"

        full = client.post("/api/checks", json={"text": ARTICLE})
        assert full.status_code == 503 and full.headers["retry-after"] == "30"
        assert full.headers["content-type"].startswith("application/problem+json")
        page = form_post(client, {"text": ARTICLE})
        assert page.status_code == 503 and "waiting" in page.text

        gate.set()
        _wait_status(jobs, second.id, "failed")
        body = client.get(f"/api/checks/{first.id}").json()
        assert body["status"] == "failed" and body["report"] is None
        assert body["error"] == "the page at http://127.0.0.1:9/x has no article"
        html = client.get(f"/checks/{first.id}", headers={"Accept": "text/html"})
        assert html.status_code == 422 and "has no article" in html.text and "Traceback" not in html.text
        assert jobs.stats()["failed"] == 2 and jobs.stats()["queued"] == 0

        again = jobs.submit(_blocking(gate, "room again"))  # the queue has room once jobs finish
        _wait_status(jobs, again.id, "failed")


def test_a_bug_in_a_job_is_logged_not_shown(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTDESK_CONFIG", str(tmp_path / "none.toml"))
    from factdesk.runtime import Runtime
    from factdesk.web.jobs import JobManager

    jobs = JobManager(Runtime(load_config(db=str(tmp_path / "store.db"))), workers=1, max_queued=4)
    try:
        def broken(progress):
            raise ZeroDivisionError("secret internals")

        job = _wait_status(jobs, jobs.submit(broken).id, "failed")
        assert "secret" not in job.error and "internal error" in job.error
    finally:
        jobs.shutdown()


def test_progress_only_moves_forward(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTDESK_CONFIG", str(tmp_path / "none.toml"))
    from factdesk.runtime import Runtime
    from factdesk.web.jobs import Job, JobManager

    jobs = JobManager(Runtime(load_config(db=str(tmp_path / "store.db"))), workers=1, max_queued=4)
    try:
        job = Job(id="0" * 32)
        progress = jobs._progress_for(job)
        seen = []
        for stage, fraction in [("ingest", 0.0), ("claims", 0.0), ("claims", 1.0), ("evidence", 0.5),
                                ("evidence", 0.2), ("unknown-stage", 0.9), ("verify", 0.0), ("analyse", 1.0),
                                ("save", 0.0), ("done", 1.0)]:
            progress(stage, fraction, "working")
            seen.append(job.fraction)
        assert seen == sorted(seen) and seen[-1] == 1.0 and max(seen[:-1]) < 1.0
        assert job.version == len(seen)
    finally:
        jobs.shutdown()
