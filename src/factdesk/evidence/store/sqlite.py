"""The embedded evidence store: one SQLite file, FTS5 (BM25) + sqlite-vec (cosine), through apsw.

Crash safety: WAL journal, ``synchronous=NORMAL`` (a committed transaction survives a killed
process), a busy timeout so concurrent writers wait for each other, and one ``BEGIN IMMEDIATE``
transaction per batch (never a half-written batch; a re-run skips what was committed).

>>> store = SQLiteStore("/tmp/evidence.db", embedder=my_embedder)
>>> store.stats()["passages"]
0
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import apsw
import numpy as np
import sqlite_vec

from factdesk.errors import StoreError
from factdesk.evidence.store.base import BaseStore, query_terms
from factdesk.evidence.store.bitindex import BitIndex, binary_code
from factdesk.evidence.store.schema import APP_ID, SCHEMA_VERSION, SQLITE_MIGRATIONS
from factdesk.models import Document, Passage

DEFAULT_DIM = 384
BUSY_TIMEOUT_MS = 60_000
#: bm25 column weights: (title, text)
BM25_WEIGHTS = (0.3, 1.0)
#: up to this many passages, dense search is exact (sqlite-vec); above, binary codes + rescoring
EXACT_SEARCH_MAX = 50_000
#: binary candidates rescored per result wanted (at least RESCORE_MIN)
RESCORE_FACTOR, RESCORE_MIN = 8, 400

_PASSAGE_COLUMNS = (
    "p.rowid, p.id, p.doc_id, p.position, p.text, p.context, d.url, d.title, d.published, d.source, d.publisher"
)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _passage(row: tuple) -> Passage:
    _rowid, pid, doc_id, position, text, context, url, title, published, source, publisher = row
    return Passage(
        id=pid,
        doc_id=doc_id,
        position=position,
        text=text,
        context=context,
        url=url,
        title=title,
        published=published,
        source=source,
        publisher=publisher,
    )


class SQLiteStore(BaseStore):
    """``EvidenceStore`` over one SQLite file (``path`` or ``sqlite:///path``)."""

    def __init__(self, db: str, embedder=None) -> None:
        path = db[len("sqlite://") :] if db.startswith("sqlite://") else db
        self.path = str(Path(path).expanduser()) if path != ":memory:" else path
        self.embedder = embedder
        self.exact_search_max = EXACT_SEARCH_MAX
        self._bits: BitIndex | None = None
        self._lock = threading.RLock()
        if self.path != ":memory:":
            p = Path(self.path)
            if p.is_dir():
                raise StoreError(f"{self.path} is a directory, not a store file")
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the store folder {p.parent}: {exc.strerror or exc}") from None
        try:
            self.conn = apsw.Connection(self.path)
        except apsw.Error as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from None
        self.conn.setbusytimeout(BUSY_TIMEOUT_MS)
        try:
            self.conn.enable_load_extension(True)
            self.conn.load_extension(sqlite_vec.loadable_path())
            self.conn.enable_load_extension(False)
            self._open()
        except StoreError:
            self.conn.close()
            raise
        except apsw.Error as exc:
            self.conn.close()
            if isinstance(exc, (apsw.NotADBError, apsw.CorruptError)):
                raise StoreError(f"{self.path} is not a factdesk store (not an SQLite database)") from None
            raise StoreError(f"cannot open the store {self.path}: {exc}") from None

    # -- opening, schema -----------------------------------------------------------------------
    def _open(self) -> None:
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table','view')")}
        if tables and "factdesk_meta" not in tables:
            raise StoreError(f"{self.path} is not a factdesk store (an SQLite database with other tables)")
        if self.path != ":memory:":
            mode = self.conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"cannot switch {self.path} to WAL journaling (got {mode})")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self._migrate()
        meta = self._meta()
        self.dim = int(meta.get("embedding_dim", DEFAULT_DIM))
        self._check_embedder(meta.get("embedder"), self.dim)

    def _version(self) -> int:
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "factdesk_meta" not in tables:
            return 0
        meta = self._meta()
        if meta.get("app") != APP_ID:
            raise StoreError(f"{self.path} is not a factdesk store (its meta table belongs to something else)")
        return int(meta.get("schema_version", "0"))

    def _migrate(self) -> None:
        version = self._version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has store schema version {version}, newer than this factdesk knows "
                f"({SCHEMA_VERSION}); upgrade factdesk to use it"
            )
        if version == SCHEMA_VERSION:
            return
        with self._transaction():
            version = self._version()  # another process may have migrated while we waited
            if version > SCHEMA_VERSION:
                raise StoreError(f"{self.path} has a newer store schema ({version})")
            dim = int(getattr(self.embedder, "dim", DEFAULT_DIM)) if version == 0 else None
            for v in range(version + 1, SCHEMA_VERSION + 1):
                for stmt in SQLITE_MIGRATIONS[v]:
                    self.conn.execute(stmt.format(dim=dim))
                if v == 1:
                    self.conn.executemany(
                        "INSERT INTO factdesk_meta(key, value) VALUES (?, ?)",
                        [("app", APP_ID), ("embedding_dim", str(dim)), ("created", _now())],
                    )
                if v == 3 and version >= 1:
                    self._backfill_codes()
                self.conn.execute(
                    "INSERT INTO factdesk_meta(key, value) VALUES ('schema_version', ?) "
                    "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                    (str(v),),
                )

    def _backfill_codes(self) -> None:
        """Migration 3 on a store that already has vectors: derive their codes."""
        last = 0
        while True:
            rows = self.conn.execute(
                "SELECT rowid, embedding FROM passages_vec WHERE rowid > ? ORDER BY rowid LIMIT 2000", (last,)
            ).fetchall()
            if not rows:
                return
            for rowid, blob in rows:
                vec = np.frombuffer(blob, dtype=np.float32)
                self.conn.execute(
                    "INSERT INTO passage_codes(rowid, bits, half) VALUES (?,?,?)",
                    (rowid, binary_code(vec).tobytes(), vec.astype(np.float16).tobytes()),
                )
            last = rows[-1][0]

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")

    # -- writing -------------------------------------------------------------------------------
    def _existing_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        with self._lock:
            for i in range(0, len(ids), 500):
                chunk = list(ids[i : i + 500])
                marks = ",".join("?" * len(chunk))
                out.update(
                    self.conn.execute(f"SELECT id, content_hash FROM documents WHERE id IN ({marks})", chunk).fetchall()
                )
        return out

    def _delete_docs(self, doc_ids: Sequence[str]) -> None:
        for doc_id in doc_ids:
            rowids = [r[0] for r in self.conn.execute("SELECT rowid FROM passages WHERE doc_id=?", (doc_id,))]
            self.conn.executemany("DELETE FROM passages_fts WHERE rowid=?", [(r,) for r in rowids])
            self.conn.executemany("DELETE FROM passages_vec WHERE rowid=?", [(r,) for r in rowids])
            self.conn.executemany("DELETE FROM passage_codes WHERE rowid=?", [(r,) for r in rowids])
            self.conn.execute("DELETE FROM passages WHERE doc_id=?", (doc_id,))
            self.conn.execute("DELETE FROM documents WHERE id=?", (doc_id,))

    def _write_batch(self, docs, hashes, passages, vectors) -> int:
        written, offset, now = 0, 0, _now()
        bits, halves = binary_code(vectors), vectors.astype(np.float16)
        spans = {}
        for d in docs:
            spans[d.id] = (offset, offset + len(passages[d.id]))
            offset += len(passages[d.id])
        with self._transaction():
            self._set_embedder_once()
            current = self._existing_hashes([d.id for d in docs])
            todo = [d for d in docs if current.get(d.id) != hashes[d.id]]
            self._delete_docs([d.id for d in todo if d.id in current])
            for d in todo:
                ps = passages[d.id]
                self.conn.execute(
                    "INSERT INTO documents(id, content_hash, url, title, published, source, publisher, n_passages,"
                    " added_at) VALUES (?,?,?,?,?,?,?,?,?)",
                    (d.id, hashes[d.id], d.url, d.title, d.published, d.source, d.publisher, len(ps), now),
                )
                start, _ = spans[d.id]
                for j, p in enumerate(ps):
                    rowid = self.conn.execute(
                        "INSERT INTO passages(id, doc_id, position, text, context) VALUES (?,?,?,?,?) RETURNING rowid",
                        (p.id, d.id, p.position, p.text, p.context),
                    ).fetchone()[0]
                    self.conn.execute(
                        "INSERT INTO passages_fts(rowid, title, text) VALUES (?,?,?)", (rowid, d.title or "", p.text)
                    )
                    self.conn.execute(
                        "INSERT INTO passages_vec(rowid, embedding) VALUES (?,?)", (rowid, vectors[start + j].tobytes())
                    )
                    self.conn.execute(
                        "INSERT INTO passage_codes(rowid, bits, half) VALUES (?,?,?)",
                        (rowid, bits[start + j].tobytes(), halves[start + j].tobytes()),
                    )
                written += 1
        return written

    def _set_embedder_once(self) -> None:
        name = getattr(self.embedder, "name", "unknown")
        self.conn.execute("INSERT OR IGNORE INTO factdesk_meta(key, value) VALUES ('embedder', ?)", (name,))
        stored = self.conn.execute("SELECT value FROM factdesk_meta WHERE key='embedder'").fetchone()[0]
        if stored != name:
            raise StoreError(f"this store was built with the embedder {stored!r}, not {name!r}")

    def delete_source(self, name: str) -> int:
        with self._transaction():
            ids = [r[0] for r in self.conn.execute("SELECT id FROM documents WHERE source=?", (name,))]
            self._delete_docs(ids)
        return len(ids)

    # -- reading -------------------------------------------------------------------------------
    def _passages_by_rowid(self, rowids: Sequence[int]) -> dict[int, Passage]:
        if not rowids:
            return {}
        marks = ",".join("?" * len(rowids))
        with self._lock:
            rows = self.conn.execute(
                f"SELECT {_PASSAGE_COLUMNS} FROM passages p JOIN documents d ON d.id = p.doc_id "
                f"WHERE p.rowid IN ({marks})",
                list(rowids),
            ).fetchall()
        return {r[0]: _passage(r) for r in rows}

    def search_bm25(self, query: str, k: int) -> list[tuple[Passage, float]]:
        terms = query_terms(query)
        if not terms or k <= 0:
            return []
        match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        w = ",".join(str(x) for x in BM25_WEIGHTS)
        with self._lock:
            hits = self.conn.execute(
                f"SELECT rowid, bm25(passages_fts, {w}) AS s FROM passages_fts WHERE passages_fts MATCH ? "
                "ORDER BY s LIMIT ?",
                (match, int(k)),
            ).fetchall()
        found = self._passages_by_rowid([h[0] for h in hits])
        return [(found[r], -float(s)) for r, s in hits if r in found]

    def search_dense(self, vector, k: int) -> list[tuple[Passage, float]]:
        if k <= 0:
            return []
        vec = np.asarray(vector, dtype=np.float32).reshape(-1)
        if vec.shape[0] != self.dim:
            raise StoreError(f"query vector has {vec.shape[0]} dimensions, the store {self.dim}")
        with self._lock:
            size = self.conn.execute("SELECT max(rowid) FROM passages").fetchone()[0] or 0
            if size > self.exact_search_max:
                scored = self._search_codes(vec, k)
            else:
                hits = self.conn.execute(
                    "SELECT rowid, distance FROM passages_vec WHERE embedding MATCH ? AND k = ? ORDER BY distance",
                    (vec.tobytes(), int(k)),
                ).fetchall()
                scored = [(r, 1.0 - float(d)) for r, d in hits]
        found = self._passages_by_rowid([r for r, _ in scored])
        return [(found[r], s) for r, s in scored if r in found]

    def _search_codes(self, vec: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Large stores: Hamming candidates from the in-memory BitIndex, rescored by cosine (float16)."""
        if self._bits is None or self._bits.dim != self.dim:
            self._bits = BitIndex(self.dim)
        self._bits.refresh(self.conn)
        cands = self._bits.candidates(vec, max(RESCORE_MIN, RESCORE_FACTOR * k))
        if len(cands) == 0:
            return []
        marks = ",".join("?" * len(cands))
        rows = self.conn.execute(f"SELECT rowid, half FROM passage_codes WHERE rowid IN ({marks})", cands.tolist()).fetchall()
        if not rows:
            return []
        mat = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float16).reshape(len(rows), self.dim)
        mat = mat.astype(np.float32)
        sims = mat @ vec / (np.linalg.norm(mat, axis=1) * (np.linalg.norm(vec) or 1.0) + 1e-12)
        order = np.argsort(-sims, kind="stable")[:k]
        return [(int(rows[i][0]), float(sims[i])) for i in order]

    def get_passages(self, ids: Sequence[str]) -> list[Passage]:
        ids = list(ids)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        with self._lock:
            rows = self.conn.execute(
                f"SELECT {_PASSAGE_COLUMNS} FROM passages p JOIN documents d ON d.id = p.doc_id WHERE p.id IN ({marks})",
                ids,
            ).fetchall()
        by_id = {r[1]: _passage(r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    def stats(self) -> dict[str, Any]:
        with self._lock:
            counts = self._table_counts("documents", "passages", "reports")
        size = 0
        if self.path != ":memory:":
            size = sum(os.path.getsize(p) for p in (self.path, self.path + "-wal") if os.path.exists(p))
        return {"backend": "sqlite", "location": self.path, **counts, "size_bytes": size}

    # -- reports -------------------------------------------------------------------------------
    def save_report(self, key: str, report_json: str, meta: dict | None = None) -> None:
        now = _now()
        with self._transaction():
            self.conn.execute(
                "INSERT INTO reports(key, report_json, meta_json, created, updated) VALUES (?,?,?,?,?) "
                "ON CONFLICT(key) DO UPDATE SET report_json=excluded.report_json, meta_json=excluded.meta_json,"
                " updated=excluded.updated",
                (key, report_json, json.dumps(meta or {}, sort_keys=True), now, now),
            )

    def get_report(self, key: str) -> str | None:
        with self._lock:
            row = self.conn.execute("SELECT report_json FROM reports WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def list_reports(self, limit: int = 50) -> list[dict]:
        with self._lock:
            rows = self.conn.execute(
                "SELECT key, meta_json, created, updated FROM reports ORDER BY updated DESC, key LIMIT ?", (int(limit),)
            ).fetchall()
        return [{"key": k, "meta": json.loads(m or "{}"), "created": c, "updated": u} for k, m, c, u in rows]

    # -- integrity -----------------------------------------------------------------------------
    def integrity_check(self) -> list[str]:
        problems: list[str] = []
        with self._lock:
            try:
                for (msg,) in self.conn.execute("PRAGMA integrity_check").fetchall():
                    if msg != "ok":
                        problems.append(f"sqlite: {msg}")
                try:
                    self.conn.execute("INSERT INTO passages_fts(passages_fts, rank) VALUES ('integrity-check', 0)")
                except apsw.Error as exc:
                    problems.append(f"full-text index: {exc}")
                n_pass = self.conn.execute("SELECT count(*) FROM passages").fetchone()[0]
                n_vec = self.conn.execute("SELECT count(*) FROM passages_vec").fetchone()[0]
                n_fts = self.conn.execute("SELECT count(*) FROM passages_fts").fetchone()[0]
                n_codes = self.conn.execute("SELECT count(*) FROM passage_codes").fetchone()[0]
                if n_codes != n_pass:
                    problems.append(f"binary code table has {n_codes} rows for {n_pass} passages")
                if n_vec != n_pass:
                    problems.append(f"vector index has {n_vec} rows for {n_pass} passages")
                if n_fts != n_pass:
                    problems.append(f"full-text index has {n_fts} rows for {n_pass} passages")
                problems += self._consistency_problems("documents", "passages")
            except apsw.Error as exc:
                problems.append(f"sqlite: {exc}")
        return problems

    def close(self) -> None:
        with self._lock:
            try:
                self.conn.close()
            except apsw.Error:
                pass
