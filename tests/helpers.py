"""Helpers shared by tests (import as `from tests.helpers import run_cli`)."""

from __future__ import annotations

import os
import sys


def run_cli(*args: str, input: str | bytes | None = None, env: dict | None = None, timeout: float = 300):
    """Run the real ``factdesk`` CLI in a subprocess; returns CompletedProcess (text)."""
    import subprocess

    full_env = {**os.environ, "FACTDESK_CONFIG": "/nonexistent/factdesk.toml", **(env or {})}
    data = input.encode() if isinstance(input, str) else input
    proc = subprocess.run(
        [sys.executable, "-m", "factdesk", *args],
        input=data,
        capture_output=True,
        env=full_env,
        timeout=timeout,
    )
    proc.stdout = proc.stdout.decode("utf-8", "replace")
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc


def stop_pgserver(server) -> None:
    """Stop a test's pgserver at once and remove its files; its postmaster may already be gone when pgserver's
    cleanup goes to signal it (then there is nothing left to stop)."""
    import pgserver
    import psutil

    pgserver.pg_ctl(["-w", "-m", "immediate", "stop"], pgdata=server.pgdata, user=server.system_user)
    try:
        server.cleanup()
    except psutil.NoSuchProcess:
        pass
