"""``open_store(db, create=False)`` (what the read-only commands use) on both backends: a location
without a factdesk store is refused and left without one; an existing store opens as usual."""

from __future__ import annotations

import pytest

from factdesk.errors import StoreError
from factdesk.evidence.store import open_store
from tests.helpers import run_cli


def _has_store(url: str) -> bool:
    if "://" not in url:
        from pathlib import Path

        return Path(url).exists()
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute("SELECT to_regclass('factdesk_meta') IS NOT NULL").fetchone()[0]


def test_no_store_is_created_by_a_read_only_open(store_url, hash_embedder):
    with pytest.raises(StoreError, match="no (factdesk store|evidence store)"):
        open_store(store_url, create=False)
    assert not _has_store(store_url)
    open_store(store_url, embedder=hash_embedder).close()  # create=True (the default) makes one
    store = open_store(store_url, create=False)
    try:
        assert store.stats()["documents"] == 0
    finally:
        store.close()


@pytest.mark.postgres
def test_store_stats_on_an_empty_postgresql_database_is_one_line(pg_url):
    proc = run_cli("store", "stats", "--db", pg_url, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "no factdesk store" in lines[0]
    assert not _has_store(pg_url)
