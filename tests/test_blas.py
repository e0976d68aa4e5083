"""``import factdesk`` runs numpy's OpenBLAS on one thread, unless ``OPENBLAS_NUM_THREADS`` says otherwise.

Each case runs in a fresh interpreter: the thread count is process-wide and read when OpenBLAS loads.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PROBE = """
from threadpoolctl import threadpool_info
print(sorted({lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"}))
"""


def _threads(code: str, env_threads: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if env_threads is not None:
        env["OPENBLAS_NUM_THREADS"] = env_threads
    out = subprocess.run([sys.executable, "-c", code + PROBE], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: OpenBLAS starts with one thread anyway")
def test_numpy_without_factdesk_uses_more_than_one_thread():
    assert _threads("import numpy", None) != "[1]"  # so the cases below can fail


@pytest.mark.parametrize("imports", ["import factdesk, numpy", "import numpy, factdesk"])
def test_import_factdesk_limits_blas_to_one_thread(imports):
    assert _threads(imports, None) == "[1]"


def test_an_explicit_setting_is_kept():
    assert _threads("import factdesk, numpy", "2") == "[2]"
