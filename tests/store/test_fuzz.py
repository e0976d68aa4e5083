"""A short, bounded run of the store-input fuzz target (longer runs: see its docstring)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_fuzz_store_input_short_run(tmp_path, test_data):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, name in enumerate(["news.jsonl", "feed.rss", "wiki_dump.xml"]):
        (corpus / name).write_bytes(bytes([i]) + (test_data / "store" / name).read_bytes()[:2000])
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "store" / "fuzz_store_input.py"), "-runs=400", "-max_len=2048",
         "-seed=5", "-timeout=20", "-rss_limit_mb=2048", str(corpus)],
        capture_output=True, text=True, timeout=240, cwd=tmp_path,
        env={**__import__("os").environ, "PYTHONPATH": f"{ROOT / 'src'}"},
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Done 400 runs" in proc.stderr, proc.stderr[-2000:]
