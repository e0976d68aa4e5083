"""Versioned schemas of both stores. A migration is a list of SQL statements; ``{dim}`` is the
embedding dimension. Stores record their version in ``factdesk_meta`` and refuse newer versions.

Version history:
  1. documents, sentence passages, full-text and vector indexes, meta table
  2. reports table (saved check reports for the web app and the batch runner); index on document URL
  3. SQLite only: passage_codes (1-bit codes + float16 vectors) for fast dense search on large stores
     (existing vectors are back-filled by the store); PostgreSQL: nothing to do (HNSW)
  4. prior fact-checks (``factdesk store import-claimreview``): claim, claimant, rating, publisher,
     dates, URL, language, with a full-text index on the claim; an older store gains the (empty)
     table when it is next opened
"""

from __future__ import annotations

SCHEMA_VERSION = 4
APP_ID = "factdesk-evidence-store"

SQLITE_MIGRATIONS: dict[int, list[str]] = {
    1: [
        "CREATE TABLE factdesk_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE documents(
             id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, url TEXT, title TEXT, published TEXT,
             source TEXT NOT NULL, publisher TEXT, n_passages INTEGER NOT NULL, added_at TEXT NOT NULL)""",
        "CREATE INDEX documents_source ON documents(source)",
        """CREATE TABLE passages(
             rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc_id TEXT NOT NULL,
             position INTEGER NOT NULL, text TEXT NOT NULL, context TEXT)""",
        "CREATE INDEX passages_doc ON passages(doc_id)",
        # contentless: the text lives once, in `passages`; rows are deleted by rowid
        """CREATE VIRTUAL TABLE passages_fts USING fts5(
             title, text, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2')""",
        "CREATE VIRTUAL TABLE passages_vec USING vec0(embedding float[{dim}] distance_metric=cosine)",
    ],
    2: [
        """CREATE TABLE reports(
             key TEXT PRIMARY KEY, report_json TEXT NOT NULL, meta_json TEXT,
             created TEXT NOT NULL, updated TEXT NOT NULL)""",
        "CREATE INDEX reports_updated ON reports(updated)",
        "CREATE INDEX documents_url ON documents(url)",
    ],
    3: ["CREATE TABLE passage_codes(rowid INTEGER PRIMARY KEY, bits BLOB NOT NULL, half BLOB NOT NULL)"],
    4: [
        """CREATE TABLE fact_checks(
             rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, content_hash TEXT NOT NULL,
             claim TEXT NOT NULL, claimant TEXT, rating TEXT NOT NULL, publisher TEXT, publisher_site TEXT,
             claim_date TEXT, review_date TEXT, url TEXT, language TEXT, origin TEXT NOT NULL,
             added_at TEXT NOT NULL)""",
        """CREATE VIRTUAL TABLE fact_checks_fts USING fts5(
             claim, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2')""",
    ],
}

POSTGRES_MIGRATIONS: dict[int, list[str]] = {
    1: [
        "CREATE EXTENSION IF NOT EXISTS vector",
        """CREATE TABLE factdesk_documents(
             id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, url TEXT, title TEXT, published TEXT,
             source TEXT NOT NULL, publisher TEXT, n_passages INTEGER NOT NULL,
             added_at TIMESTAMPTZ NOT NULL DEFAULT now())""",
        "CREATE INDEX factdesk_documents_source ON factdesk_documents(source)",
        """CREATE TABLE factdesk_passages(
             pk BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE,
             doc_id TEXT NOT NULL REFERENCES factdesk_documents(id) ON DELETE CASCADE,
             position INTEGER NOT NULL, text TEXT NOT NULL, context TEXT,
             tsv tsvector NOT NULL, embedding vector({dim}) NOT NULL)""",
        "CREATE INDEX factdesk_passages_doc ON factdesk_passages(doc_id)",
        "CREATE INDEX factdesk_passages_tsv ON factdesk_passages USING gin(tsv)",
        "CREATE INDEX factdesk_passages_hnsw ON factdesk_passages USING hnsw (embedding vector_cosine_ops)",
    ],
    2: [
        """CREATE TABLE factdesk_reports(
             key TEXT PRIMARY KEY, report_json TEXT NOT NULL, meta_json TEXT,
             created TIMESTAMPTZ NOT NULL DEFAULT now(), updated TIMESTAMPTZ NOT NULL DEFAULT now())""",
        "CREATE INDEX factdesk_reports_updated ON factdesk_reports(updated)",
        "CREATE INDEX factdesk_documents_url ON factdesk_documents(url)",
    ],
    3: [],
    4: [
        """CREATE TABLE factdesk_fact_checks(
             pk BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, content_hash TEXT NOT NULL,
             claim TEXT NOT NULL, claimant TEXT, rating TEXT NOT NULL, publisher TEXT, publisher_site TEXT,
             claim_date TEXT, review_date TEXT, url TEXT, language TEXT, origin TEXT NOT NULL,
             added_at TIMESTAMPTZ NOT NULL DEFAULT now(), tsv tsvector NOT NULL)""",
        "CREATE INDEX factdesk_fact_checks_tsv ON factdesk_fact_checks USING gin(tsv)",
    ],
}
