"""A short, bounded run of the atheris fuzz target (the long run is manual: see the target's docstring)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_fuzz_ingest_short_run(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for src in sorted((ROOT / "tests" / "data" / "ingest").glob("*.*"))[:6]:
        (corpus / src.name).write_bytes(src.read_bytes()[:4096])
    # started from a shell it forks: libFuzzer's rss limit reads the process's peak memory, which Linux carries
    # over from the process that forked it (a test worker holding its models would count against the limit)
    proc = subprocess.run(
        ["sh", "-c", '"$0" "$@" & wait $!', sys.executable, str(ROOT / "tests" / "fuzz" / "fuzz_ingest.py"),
         "-runs=200", "-max_len=4096", "-seed=1", "-timeout=20", "-rss_limit_mb=2048", str(corpus)],
        capture_output=True, text=True, timeout=240, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Done 200 runs" in proc.stderr or "DONE" in proc.stderr, proc.stderr[-2000:]
