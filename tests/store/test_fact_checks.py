"""The prior-fact-check table, on both backends: idempotent writes, full-text search, migration of older stores."""

from __future__ import annotations

from factdesk.evidence.store import open_store
from factdesk.evidence.store.factchecks import FactCheckRecord, FactCheckStore
from factdesk.evidence.store.schema import SCHEMA_VERSION

RECORDS = [
    FactCheckRecord(claim="Lake Chad has shrunk by 90% since the 1960s", rating="Mostly true",
                    claimant="Viral post", publisher="Sahel Fact Desk", review_date="2023-03-04",
                    claim_date="2023-02-27", url="https://f.example/chad", language="en", origin="test"),
    FactCheckRecord(claim="The Eiffel Tower stands 330 metres high", rating="True", publisher="Paris Fact Check",
                    url="https://f.example/eiffel", origin="test"),
    FactCheckRecord(claim="Kilimanjaro's glaciers grew last year", rating="False", publisher="CC East Africa",
                    url="https://f.example/kili", origin="test"),
]


def test_fact_checks_write_search_and_update(any_store):
    assert isinstance(any_store, FactCheckStore)
    assert any_store.add_fact_checks(RECORDS) == (3, 0)
    assert any_store.add_fact_checks(RECORDS) == (0, 3)  # re-import: nothing new
    (hit, *_) = any_store.search_fact_checks("how much has lake chad shrunk", 5)
    assert hit == RECORDS[0]  # every field comes back as written
    assert [r.url for r in any_store.search_fact_checks("Eiffel tower height metres", 1)] == ["https://f.example/eiffel"]
    assert any_store.search_fact_checks("volcano", 5) == []
    changed = RECORDS[2].model_copy(update={"rating": "Mostly false"})
    assert changed.id == RECORDS[2].id
    assert any_store.add_fact_checks([changed]) == (1, 0)
    assert any_store.count_fact_checks() == 3
    assert [r.rating for r in any_store.search_fact_checks("Kilimanjaro glaciers", 5)] == ["Mostly false"]
    assert any_store.stats()["fact_checks"] == 3


def test_sqlite_store_of_version_3_gains_the_table(tmp_path, hash_embedder):
    from tests.store.test_sqlite import DOCS, _raw

    db = tmp_path / "v3.db"
    store = open_store(str(db), embedder=hash_embedder)
    store.add_documents(DOCS)
    store.close()
    conn = _raw(db)  # what version 3 wrote
    conn.execute("DROP TABLE fact_checks")
    conn.execute("DROP TABLE fact_checks_fts")
    conn.execute("UPDATE factdesk_meta SET value='3' WHERE key='schema_version'")
    conn.close()
    store = open_store(str(db), embedder=hash_embedder)
    try:
        assert store.stats()["schema_version"] == SCHEMA_VERSION == 4
        assert store.count_fact_checks() == 0 and store.stats()["documents"] == len(DOCS)
        assert store.add_fact_checks(RECORDS) == (3, 0) and store.integrity_check() == []
    finally:
        store.close()


def test_postgres_store_of_version_3_gains_the_table(pg_url, hash_embedder):
    import psycopg

    store = open_store(pg_url, embedder=hash_embedder)
    store.close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP TABLE factdesk_fact_checks")
        conn.execute("UPDATE factdesk_meta SET value='3' WHERE key='schema_version'")
    store = open_store(pg_url, embedder=hash_embedder)
    try:
        assert store.stats()["schema_version"] == 4
        assert store.add_fact_checks(RECORDS) == (3, 0)
        assert store.search_fact_checks("Lake Chad shrunk", 1)[0].publisher == "Sahel Fact Desk"
    finally:
        store.close()
