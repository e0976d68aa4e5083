"""Short, seeded runs of the atheris targets this sweep added (long runs: ``bench/fuzz_all.py``).

A target that raises anything but its documented error, or breaks an invariant, makes atheris exit
non-zero with the crashing input: this test then fails and shows it."""

from __future__ import annotations

import concurrent.futures
import subprocess
import sys

import pytest

from tests.reliability.conftest import ROOT

TARGETS = ["fuzz_claims.py", "fuzz_verify_parsers.py", "fuzz_batch_inputs.py"]
RUNS = 300


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz")

    def one(target: str):
        proc = subprocess.run(
            [sys.executable, str(ROOT / "tests" / "fuzz" / target), f"-runs={RUNS}", "-max_len=2048", "-seed=7",
             "-timeout=30", "-rss_limit_mb=2048", f"-artifact_prefix={tmp}/"],
            capture_output=True, text=True, timeout=240, cwd=tmp,
        )
        return target, proc

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, TARGETS))


@pytest.mark.parametrize("target", TARGETS)
def test_target_runs_clean(runs, target):
    proc = runs[target]
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert f"Done {RUNS} runs" in proc.stderr, proc.stderr[-2000:]
