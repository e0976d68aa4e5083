"""SQLite-only behaviour: migrations from older schema versions, the binary-code dense path."""

from __future__ import annotations

import apsw
import numpy as np
import sqlite_vec

from factdesk.evidence.store import open_store
from factdesk.evidence.store.base import embed_text
from factdesk.evidence.store.schema import SCHEMA_VERSION
from factdesk.models import Document

DOCS = [
    Document(id=f"d{i}", title=f"Topic {i}", text=f"Fact {i} is about {w}. Another line on {w} and item {i}.")
    for i, w in enumerate("rivers mountains taxes trains vaccines elections museums bridges".split())
]


def _raw(path) -> apsw.Connection:
    conn = apsw.Connection(str(path))
    conn.enable_load_extension(True)
    conn.load_extension(sqlite_vec.loadable_path())
    return conn


def test_migrates_a_version_2_store_and_backfills_codes(tmp_path, hash_embedder):
    db = tmp_path / "old.db"
    store = open_store(str(db), embedder=hash_embedder)
    store.add_documents(DOCS)
    store.close()
    conn = _raw(db)  # turn it back into what version 2 wrote
    conn.execute("DROP TABLE passage_codes")
    conn.execute("DROP TABLE fact_checks")
    conn.execute("DROP TABLE fact_checks_fts")
    conn.execute("UPDATE factdesk_meta SET value='2' WHERE key='schema_version'")
    conn.close()

    store = open_store(str(db), embedder=hash_embedder)
    assert store.stats()["schema_version"] == SCHEMA_VERSION
    assert store.integrity_check() == []
    store.exact_search_max = 0  # force the binary-code path
    (p,) = store.get_passages(["d4#0"])
    hits = store.search_dense(hash_embedder.encode([embed_text(p)])[0], 3)
    assert hits[0][0].id == "d4#0" and abs(hits[0][1] - 1.0) < 1e-2
    store.close()


def test_code_path_agrees_with_exact_search(tmp_path, hash_embedder):
    store = open_store(str(tmp_path / "s.db"), embedder=hash_embedder)
    store.add_documents(DOCS)
    rng = np.random.default_rng(3)
    for _ in range(5):
        q = hash_embedder.encode([" ".join(rng.choice("fact rivers taxes trains item another line".split(), 4))])[0]
        store.exact_search_max = 10**9
        exact = store.search_dense(q, 5)
        store.exact_search_max = 0
        approx = store.search_dense(q, 5)
        # fewer passages than the rescoring depth: every passage is rescored, so the same scores in
        # the same order (ties may swap; float16 rounding)
        assert len(approx) == len(exact) == 5
        assert np.allclose([s for _, s in approx], [s for _, s in exact], atol=2e-3)
        assert {p.id for p, s in approx if s > exact[-1][1] + 2e-3} <= {p.id for p, _ in exact}
    # deleted passages never come back from the in-memory index
    store.delete_source("local")
    assert store.search_dense(q, 5) == []
    store.close()


def test_wal_mode_and_busy_timeout(tmp_path, hash_embedder):
    store = open_store(str(tmp_path / "w.db"), embedder=hash_embedder)
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
