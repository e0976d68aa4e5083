"""Batch checking on a real local Ray cluster and on the local engine, with a worker killed mid-batch."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from factdesk.config import load_config
from factdesk.scale import BatchOutput, RayEngine, expand_inputs, run_jobs
from tests.scale.conftest import publish


def _stable(report_json: str) -> dict:
    """A report without what legitimately differs between runs (clock, timings), floats rounded."""

    def clean(value):
        if isinstance(value, float):
            return round(value, 3)
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if k not in {"created", "timings"}}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    return clean(json.loads(report_json))


def _manifest(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines() if line.strip()]


@pytest.fixture(scope="module")
def batch_inputs(corpus, site):
    publish(site, 6)
    return [str(corpus), f"{site.base}/feed.xml"]


def _jobs(inputs, cfg):
    from factdesk.http import fetch_sync

    def fetch(url):
        got = fetch_sync(url, config=cfg.http)
        return got.content, got.content_type

    return expand_inputs(inputs, fetch=fetch)


def test_ray_batch_survives_a_killed_worker_and_matches_local(batch_inputs, scale_config, tmp_path):
    cfg = load_config(scale_config)
    jobs = _jobs(batch_inputs, cfg)
    assert len(jobs) >= 21, "16 files + 1 broken file + 6 feed items"

    ray_out = BatchOutput(tmp_path / "ray")
    engine = RayEngine(cfg, workers=2, batch_size=2)
    try:
        pids = engine.actor_pids()
        assert len(set(pids)) == 2
        results: list[dict] = []
        killed = threading.Event()

        def on_first_result(done, failed, total, rate):
            if not killed.is_set() and done + failed >= 2:
                killed.set()
                os.kill(pids[0], signal.SIGKILL)  # a worker dies mid-batch

        summary = run_jobs(jobs, cfg, ray_out, engine_instance=engine, progress=on_first_result)
        assert killed.is_set(), "the worker was never killed: the test proves nothing"
        after = engine.actor_pids()
        assert pids[0] not in after, "the killed actor should have been restarted in a new process"
    finally:
        engine.close()

    keys = {j.key for j in jobs}
    manifest = _manifest(tmp_path / "ray")
    assert sorted(m["key"] for m in manifest) == sorted(keys), "every article exactly once"
    failed = [m for m in manifest if m["status"] == "failed"]
    assert len(failed) == 1 and "broken.txt" in failed[0]["label"]
    assert summary.done == len(jobs) - 1
    report_files = sorted(p.stem for p in (tmp_path / "ray" / "reports").glob("*.json"))
    assert report_files == sorted(m["key"] for m in manifest if m["status"] == "done")

    # the same batch on the local engine gives the same reports
    local_out = BatchOutput(tmp_path / "local")
    local = run_jobs(jobs, cfg, local_out, engine="local")
    assert local.done == summary.done and local.failed == 1
    for key in report_files:
        ray_report = (tmp_path / "ray" / "reports" / f"{key}.json").read_text()
        local_report = (tmp_path / "local" / "reports" / f"{key}.json").read_text()
        assert _stable(ray_report) == _stable(local_report), key

    # re-running skips what is done (idempotent); only the failed article is tried again
    again = run_jobs(jobs, cfg, BatchOutput(tmp_path / "local"), engine="local")
    assert again.skipped == len(jobs) - 1 and again.done == 0 and again.failed == 1
    done_lines = [m["key"] for m in _manifest(tmp_path / "local") if m["status"] == "done"]
    assert sorted(done_lines) == report_files, "no article got a second report"
