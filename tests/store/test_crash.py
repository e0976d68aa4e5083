"""Nothing lost: real subprocess writers killed with SIGKILL mid-import, and two writers at once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from factdesk.evidence.store import open_store
from tests.conftest import ROOT

N_DOCS = 600
BATCH = 100


def _writer(db: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'src'}", "OMP_NUM_THREADS": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.writer", db, *args],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _wait_for(proc: subprocess.Popen, prefix: str, count: int = 1, timeout: float = 60) -> int:
    seen, deadline = 0, time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"writer ended early: {proc.stderr.read()}")
        if line.startswith(prefix):
            seen += 1
            if seen >= count:
                return seen
    raise AssertionError("writer too slow")


def _counts(db: str) -> tuple[int, int, list[str]]:
    store = open_store(db)
    try:
        st = store.stats()
        return st["documents"], st["passages"], store.integrity_check()
    finally:
        store.close()


def test_kill_9_mid_import_loses_nothing_and_resumes(store_url):
    rng = random.Random(7)
    committed_max = 0
    for attempt in range(2):
        proc = _writer(store_url, "import", "0", str(N_DOCS), str(BATCH))
        _wait_for(proc, "committed", count=attempt + 1)
        time.sleep(rng.uniform(0.0, 0.05))  # land anywhere: embedding, or inside the next transaction
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        docs, passages, problems = _counts(store_url)
        assert problems == []
        assert docs % BATCH == 0, "a batch was half-written"
        assert docs >= (attempt + 1) * BATCH, "a committed batch was lost"
        assert passages == 3 * docs
        committed_max = max(committed_max, docs)
    proc = _writer(store_url, "import", "0", str(N_DOCS), str(BATCH))
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    docs, passages, problems = _counts(store_url)
    assert (docs, passages, problems) == (N_DOCS, 3 * N_DOCS, [])


def test_two_processes_importing_at_once(store_url):
    open_store(store_url, embedder=__import__("tests.doubles", fromlist=["x"]).HashEmbedder()).close()
    a = _writer(store_url, "import", "0", "400", "40")
    b = _writer(store_url, "import", "200", "600", "40")  # overlaps a on doc-200..doc-399
    for proc in (a, b):
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.strip().endswith("done")
    docs, passages, problems = _counts(store_url)
    assert (docs, passages, problems) == (600, 1800, [])


def test_report_readable_after_kill(store_url):
    proc = _writer(store_url, "report", "after-crash")
    _wait_for(proc, "saved")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    store = open_store(store_url)
    try:
        assert store.get_report("after-crash") == '{"saved": true}'
        assert store.list_reports()[0]["meta"] == {"by": "writer"}
    finally:
        store.close()
