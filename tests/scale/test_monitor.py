"""Feed monitoring: new, updated and unchanged articles; reports in the store; a clean stop on SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

from factdesk.config import load_config
from factdesk.evidence.store import open_store
from factdesk.scale import FeedMonitor
from tests.scale.conftest import publish


def test_monitor_checks_each_article_once_and_says_what_changed(site, scale_config, tmp_path):
    cfg = load_config(scale_config)
    items = publish(site, 3, start=200)
    store = open_store(cfg.db)
    try:
        mon = FeedMonitor([f"{site.base}/feed.xml"], cfg, tmp_path / "mon", store=store)
        first = mon.poll_once()
        assert len(first.new) == 3 and not first.updated and first.unchanged == 0

        second = mon.poll_once()
        assert not second.new and not second.updated and second.unchanged == 3

        # one story changes, one is added, one leaves the feed
        publish(site, 3, start=201, version=1)
        third = mon.poll_once()
        titles = [t for t, _ in items]
        assert len(third.updated) == 2  # 201 and 202 changed text
        assert len(third.new) == 1  # 203 is new
        assert third.gone == [titles[0]]
        stored = store.list_reports(limit=100)
        assert len(stored) == 6  # 3 first versions + 2 updated + 1 new, each checked once
        reports = list((tmp_path / "mon" / "reports").glob("*.json"))
        assert len(reports) == 6
        one = json.loads(reports[0].read_text())
        assert one["article"]["title"] and one["version"]
    finally:
        store.close()


def test_monitor_stops_cleanly_on_sigterm(site, scale_config, tmp_path):
    publish(site, 2, start=300)
    out = tmp_path / "mon"
    env = {**os.environ, "FACTDESK_CONFIG": "/nonexistent.toml", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "factdesk", "monitor", f"{site.base}/feed.xml", "--interval", "60",
         "--out", str(out), "--config", str(scale_config)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
    )
    try:
        first_line = proc.stdout.readline()  # printed after the first poll
        assert first_line.startswith("poll 1: 2 new"), first_line + proc.stderr.read()
        proc.send_signal(signal.SIGTERM)
        rc = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert rc == 0, proc.stderr.read()
    state = json.loads((out / "monitor-state.json").read_text())
    assert len(state["items"]) == 2
    assert len(list((out / "reports").glob("*.json"))) == 2
