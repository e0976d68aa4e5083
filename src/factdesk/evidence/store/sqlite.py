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
import math
import os
import re
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import apsw
import numpy as np
import sqlite_vec

from factdesk.errors import StoreDamagedError, StoreError
from factdesk.evidence.store.base import BaseStore, batched, query_terms, report_meta
from factdesk.evidence.store.bitindex import BitIndex, binary_code
from factdesk.evidence.store.factchecks import FactCheckRecord, dedupe
from factdesk.evidence.store.prune import DocFreqCache, prune_terms
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
#: postings one BM25 query may read before its most frequent terms are dropped (see prune.py and
#: docs/store.md): FTS5 scores every passage holding any query term, ~0.7 µs per posting here, so
#: 20,000 postings keep BM25 near 20 ms whatever the store's size. None: never prune.
BM25_POSTINGS_BUDGET = 20_000
#: document frequencies kept in memory (LRU), per open store
DF_CACHE_TERMS = 50_000
#: when terms were pruned, this many of the pruned query's best passages are rescored with the
#: full query (dropped terms included); FTS5's bm25() constants
BM25_RESCORE_DEPTH = 200
_BM25_K1, _BM25_B = 1.2, 0.75
_TOKENIZE = re.compile(r"tokenize\s*=\s*'([^']*)'", re.IGNORECASE)

_PASSAGE_COLUMNS = (
    "p.rowid, p.id, p.doc_id, p.position, p.text, p.context, d.url, d.title, d.published, d.source, d.publisher"
)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _fts_totals(api: apsw.FTS5ExtensionApi, *args) -> str:
    """FTS5 auxiliary function: "<rows> <tokens in all rows>" of the whole index."""
    return f"{api.row_count} {api.column_total_size(-1)}"


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


def _fact_check(row: tuple) -> FactCheckRecord:
    claim, rating, claimant, publisher, site, claim_date, review_date, url, language, origin = row
    return FactCheckRecord(claim=claim, rating=rating, claimant=claimant, publisher=publisher, publisher_site=site,
                           claim_date=claim_date, review_date=review_date, url=url, language=language, origin=origin)


SQLITE_MAGIC = b"SQLite format 3\x00"


def unreadable_reason(path: str, exc: Exception) -> StoreError:
    """Why a file SQLite refuses cannot be used: not a database at all, or a damaged one (a cut-off
    file keeps the SQLite header, whose page count says how long it should be)."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
        size = os.path.getsize(path)
    except OSError:
        header, size = b"", 0
    if len(header) < 6 or not SQLITE_MAGIC.startswith(header[: len(SQLITE_MAGIC)]):
        return StoreError(f"{path} is not a factdesk store (not an SQLite database)")
    if len(header) >= 32:
        page_size = int.from_bytes(header[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        pages = int.from_bytes(header[28:32], "big")
        expected = page_size * pages
        if pages and size < expected:
            return StoreDamagedError(f"{path} is a damaged store: cut off at {size} of its {expected} bytes "
                                     "(restore it from a backup)")
    elif len(header) < 100:
        return StoreDamagedError(f"{path} is a damaged store: cut off at {size} bytes, inside its header "
                                 "(restore it from a backup)")
    return StoreDamagedError(f"{path} is a damaged store ({exc}); `factdesk store check` lists what is wrong")


class SQLiteStore(BaseStore):
    """``EvidenceStore`` over one SQLite file (``path`` or ``sqlite:///path``).

    With ``create=False`` (read-only commands) a missing file, an empty one and an SQLite database
    without a factdesk schema are refused before anything is written to them."""

    def __init__(self, db: str, embedder=None, *, create: bool = True) -> None:
        path = db[len("sqlite://") :] if db.startswith("sqlite://") else db
        self.path = str(Path(path).expanduser()) if path != ":memory:" else path
        self.embedder = embedder
        self.exact_search_max = EXACT_SEARCH_MAX
        self.bm25_postings_budget: int | None = BM25_POSTINGS_BUDGET
        self._bits: BitIndex | None = None
        self._df = DocFreqCache(DF_CACHE_TERMS)
        self._tokenizer = None
        self._totals: tuple | None = None
        self._df_version: tuple | None = None
        self._writes = 0  # passage writes through this connection (other connections: data_version)
        self._lock = threading.RLock()
        self.create = create
        flags = apsw.SQLITE_OPEN_READWRITE | (apsw.SQLITE_OPEN_CREATE if create else 0)
        if self.path != ":memory:":
            p = Path(self.path)
            if p.is_dir():
                raise StoreError(f"{self.path} is a directory, not a store file")
            if not create and not p.is_file():
                raise StoreError(f"no evidence store at {self.path}")
            try:
                if create:
                    p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the store folder {p.parent}: {exc.strerror or exc}") from None
        else:
            flags |= apsw.SQLITE_OPEN_CREATE
        try:
            self.conn = apsw.Connection(self.path, flags=flags)
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
                raise unreadable_reason(self.path, exc) from None
            raise StoreError(f"cannot open the store {self.path}: {exc}") from None

    # -- opening, schema -----------------------------------------------------------------------
    def _open(self) -> None:
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table','view')")}
        if tables and "factdesk_meta" not in tables:
            raise StoreError(f"{self.path} is not a factdesk store (an SQLite database with other tables)")
        if not tables and not self.create and self.path != ":memory:":
            what = "an empty file" if os.path.getsize(self.path) == 0 else "an empty SQLite database"
            raise StoreError(f"{self.path} is not a factdesk store ({what}; `factdesk store add` creates one)")
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
        self._writes += 1
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
        self._writes += 1
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

    def _fts_tokens(self, term: str) -> tuple[str, ...]:
        """The index tokens of one query term, by the full-text table's own tokenizer (stemmed)."""
        if self._tokenizer is None:
            sql = self.conn.execute("SELECT sql FROM sqlite_master WHERE name='passages_fts'").fetchone()[0]
            m = _TOKENIZE.search(sql or "")
            name, *args = (m.group(1) if m else "unicode61").split()
            self._tokenizer = self.conn.fts5_tokenizer(name, args)
        tokens = self._tokenizer(term.encode(), apsw.FTS5_TOKENIZE_QUERY, None, include_offsets=False)
        return tuple(t[0] for t in tokens)

    def _doc_freqs(self, tokens: list[str]) -> dict[str, int]:
        # one equality lookup per token: fts5vocab seeks on `term = ?` but scans on `term IN (...)`
        self.conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.factdesk_fts_vocab USING fts5vocab(main, passages_fts, row)"
        )
        out = {}
        for t in tokens:
            row = self.conn.execute("SELECT doc FROM temp.factdesk_fts_vocab WHERE term = ?", (t,)).fetchone()
            out[t] = row[0] if row else 0
        return out

    def _bm25_plan(self, query: str) -> tuple[list[str], dict[str, tuple[str, int]]]:
        """(terms to search, {dropped single-token term: (token, document frequency)})."""
        terms = query_terms(query)
        if not terms:
            return [], {}
        with self._lock:
            tokens = {t: self._fts_tokens(t) for t in terms}
            version = (self.conn.execute("PRAGMA data_version").fetchone()[0], self._writes)
            df = self._df.get([x for ts in tokens.values() for x in ts], version, self._doc_freqs)
            self._df_version = version
        # a term of several tokens is a phrase: it can only match where all of them occur
        cost = {t: sum(df[x] for x in ts) if ts and all(df[x] for x in ts) else 0 for t, ts in tokens.items()}
        kept = prune_terms(terms, cost, self.bm25_postings_budget)
        dropped = {t: (tokens[t][0], df[tokens[t][0]]) for t in terms
                   if cost[t] > 0 and t not in kept and len(tokens[t]) == 1}
        return kept, dropped

    def bm25_terms(self, query: str) -> list[str]:
        """The query terms a BM25 search really uses: terms that occur in no passage are dropped, and
        on large stores the most frequent ones beyond the postings budget (see :mod:`.prune`).

        >>> store.bm25_terms("global warming is increasing sea levels")  # doctest: +SKIP
        ['global', 'warming', 'sea']
        """
        return self._bm25_plan(query)[0]

    def search_bm25(self, query: str, k: int) -> list[tuple[Passage, float]]:
        """BM25 (FTS5, title weighted 0.3). When frequent terms were pruned, the best
        ``max(k, BM25_RESCORE_DEPTH)`` passages of the pruned query are rescored with the full query's
        BM25 (the dropped terms' parts computed here with FTS5's own formula and statistics)."""
        if k <= 0:
            return []
        terms, dropped = self._bm25_plan(query)
        if not terms:
            return []
        match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        w = ",".join(str(x) for x in BM25_WEIGHTS)
        depth = max(int(k), BM25_RESCORE_DEPTH) if dropped else int(k)
        with self._lock:
            hits = self.conn.execute(
                f"SELECT rowid, bm25(passages_fts, {w}) AS s FROM passages_fts WHERE passages_fts MATCH ? "
                "ORDER BY s LIMIT ?",
                (match, depth),
            ).fetchall()
            if dropped and hits:
                scored = self._rescore(hits, dropped, terms[0])[:k]
            else:
                scored = [(r, -float(s)) for r, s in hits]
        found = self._passages_by_rowid([r for r, _ in scored])
        return [(found[r], s) for r, s in scored if r in found]

    def _fts_totals(self, any_term: str) -> tuple[int, float]:
        """(rows, mean tokens per row) of the full-text index, as FTS5's bm25() sees them."""
        if self._totals is None or self._totals[0] != self._df_version:
            if self._totals is None:  # registered on first use: it needs an opened, valid store
                self.conn.register_fts5_function("factdesk_fts_totals", _fts_totals)
            rows, tokens = self.conn.execute(
                "SELECT factdesk_fts_totals(passages_fts) FROM passages_fts WHERE passages_fts MATCH ? LIMIT 1",
                ('"' + any_term.replace('"', '""') + '"',),
            ).fetchone()[0].split()
            self._totals = (self._df_version, int(rows), int(tokens) / max(1, int(rows)))
        return self._totals[1], self._totals[2]

    def _rescore(self, hits: list[tuple[int, float]], dropped: dict[str, tuple[str, int]], any_term: str):
        """Add the dropped terms' BM25 parts to the pruned scores: FTS5's bm25() (k1 = 1.2, b = 0.75,
        idf = ln((N - n + 0.5) / (n + 0.5)), at least 1e-6; column-weighted term frequency; row length
        in tokens over all columns). The title and sentence are re-tokenised by the index's tokenizer."""
        n_rows, avgdl = self._fts_totals(any_term)
        idf = {}
        for t, (_token, n) in dropped.items():
            v = math.log((n_rows - n + 0.5) / (n + 0.5))
            idf[t] = v if v > 0 else 1e-6
        marks = ",".join("?" * len(hits))
        texts = {
            r: (title, text)
            for r, text, title in self.conn.execute(
                f"SELECT p.rowid, p.text, coalesce(d.title, '') FROM passages p JOIN documents d ON d.id = p.doc_id "
                f"WHERE p.rowid IN ({marks})",
                [h[0] for h in hits],
            )
        }
        scored = []
        for rowid, s in hits:
            score = -float(s)
            if rowid in texts:
                counts = [Counter(x[0] for x in self._tokenizer(col.encode(), apsw.FTS5_TOKENIZE_DOCUMENT, None,
                                                                include_offsets=False)) for col in texts[rowid]]
                length = sum(sum(c.values()) for c in counts)
                norm = _BM25_K1 * (1 - _BM25_B + _BM25_B * length / avgdl)
                for t, (token, _n) in dropped.items():
                    f = sum(wc * c[token] for wc, c in zip(BM25_WEIGHTS, counts))
                    if f:
                        score += idf[t] * f * (_BM25_K1 + 1) / (f + norm)
            scored.append((rowid, score))
        scored.sort(key=lambda e: (-e[1], e[0]))
        return scored

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

    def get_vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        ids = list(dict.fromkeys(ids))
        out: dict[str, np.ndarray] = {}
        for start in range(0, len(ids), 500):  # well inside SQLite's bound-parameter limit
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            with self._lock:
                rows = self.conn.execute(
                    f"SELECT p.id, v.embedding FROM passages p JOIN passages_vec v ON v.rowid = p.rowid "
                    f"WHERE p.id IN ({marks})",
                    chunk,
                ).fetchall()
            out.update((r[0], np.frombuffer(r[1], dtype=np.float32).copy()) for r in rows)
        return out

    def stats(self) -> dict[str, Any]:
        with self._lock:
            counts = self._table_counts("documents", "passages", "reports", "fact_checks")
        size = 0
        if self.path != ":memory:":
            size = sum(os.path.getsize(p) for p in (self.path, self.path + "-wal") if os.path.exists(p))
        return {"backend": "sqlite", "location": self.path, **counts, "size_bytes": size}

    # -- prior fact-checks ---------------------------------------------------------------------
    def add_fact_checks(self, records, *, batch_size: int = 500) -> tuple[int, int]:
        """Write prior fact-checks (see :class:`~factdesk.evidence.store.factchecks.FactCheckStore`)."""
        written = unchanged = 0
        for batch in batched(records, batch_size):
            now = _now()
            with self._transaction():
                for rec in dedupe(batch).values():
                    digest = rec.content_hash()
                    row = self.conn.execute("SELECT rowid, content_hash FROM fact_checks WHERE id=?", (rec.id,)).fetchone()
                    if row is not None and row[1] == digest:
                        unchanged += 1
                        continue
                    if row is not None:
                        self.conn.execute("DELETE FROM fact_checks_fts WHERE rowid=?", (row[0],))
                        self.conn.execute("DELETE FROM fact_checks WHERE rowid=?", (row[0],))
                    rowid = self.conn.execute(
                        "INSERT INTO fact_checks(id, content_hash, claim, claimant, rating, publisher, publisher_site,"
                        " claim_date, review_date, url, language, origin, added_at)"
                        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING rowid",
                        (rec.id, digest, rec.claim, rec.claimant, rec.rating, rec.publisher, rec.publisher_site,
                         rec.claim_date, rec.review_date, rec.url, rec.language, rec.origin, now),
                    ).fetchone()[0]
                    self.conn.execute("INSERT INTO fact_checks_fts(rowid, claim) VALUES (?,?)", (rowid, rec.claim))
                    written += 1
        return written, unchanged

    def search_fact_checks(self, query: str, k: int) -> list[FactCheckRecord]:
        """BM25 over the fact-checked claims (terms OR-ed), best first, ties by insertion order."""
        terms = query_terms(query)
        if k <= 0 or not terms:
            return []
        match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        with self._lock:
            rows = self.conn.execute(
                "SELECT f.claim, f.rating, f.claimant, f.publisher, f.publisher_site, f.claim_date, f.review_date,"
                " f.url, f.language, f.origin FROM fact_checks_fts JOIN fact_checks f ON f.rowid = fact_checks_fts.rowid"
                " WHERE fact_checks_fts MATCH ? ORDER BY bm25(fact_checks_fts), f.rowid LIMIT ?",
                (match, int(k)),
            ).fetchall()
        return [_fact_check(r) for r in rows]

    def count_fact_checks(self) -> int:
        with self._lock:
            return self.conn.execute("SELECT count(*) FROM fact_checks").fetchone()[0]

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
        return [{"key": k, "meta": report_meta(m), "created": c, "updated": u} for k, m, c, u in rows]

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
