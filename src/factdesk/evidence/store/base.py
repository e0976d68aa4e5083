"""What both stores share: batching, hashing, splitting and embedding before a batch is written."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

import numpy as np

from factdesk.errors import StoreError
from factdesk.evidence.store.protocol import AddProgress
from factdesk.evidence.store.schema import SCHEMA_VERSION
from factdesk.evidence.store.split import content_hash, split_document
from factdesk.models import Document, Passage

#: at most this many terms go into one full-text query (long claims stay fast)
MAX_QUERY_TERMS = 32
_TERM = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*", re.UNICODE)


def query_terms(query: str) -> list[str]:
    """Plain word terms of a query, lower-cased and de-duplicated, safe for any full-text syntax.

    >>> query_terms('NEAR("x") OR "U.S." -- drop; 3.5% * ^title:')
    ['near', 'x', 'or', 'u', 's', 'drop', '3', '5', 'title']
    """
    seen: dict[str, None] = {}
    for m in _TERM.finditer(query.lower()):
        for part in re.split(r"['’.]", m.group(0)):
            if part:
                seen.setdefault(part, None)
    return list(seen)[:MAX_QUERY_TERMS]


def report_meta(text: str | None) -> dict[str, Any]:
    """A saved report's metadata; unreadable metadata (a damaged row) reads as ``{}``, so one bad
    row never hides the others from a listing."""
    import json

    try:
        meta = json.loads(text or "{}")
    except (ValueError, RecursionError):
        return {}
    return meta if isinstance(meta, dict) else {}


def batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def titled(text: str, title: str | None) -> str:
    """A sentence with its document title as context, the way passages are embedded.

    >>> titled("It opened in 1889.", "Eiffel Tower")
    'Eiffel Tower: It opened in 1889.'
    """
    if title and title.lower() not in text.lower():
        return f"{title}: {text}"
    return text


def embed_text(p: Passage) -> str:
    """What the embedder sees for a passage (stored vectors, and the stance model's passage side)."""
    return titled(p.text, p.title)


class BaseStore:
    """Implements ``add_documents`` over three hooks a backend provides, and what both backends share."""

    embedder: Any
    dim: int
    conn: Any

    def _meta(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM factdesk_meta").fetchall())

    def _table_counts(self, documents: str, passages: str, reports: str, fact_checks: str | None = None) -> dict[str, Any]:
        """What every backend's ``stats()`` reports from its tables (the caller holds the connection)."""
        meta = self._meta()
        return {
            "schema_version": int(meta.get("schema_version", 0)),
            "embedder": meta.get("embedder"),
            "embedding_dim": self.dim,
            "documents": self.conn.execute(f"SELECT count(*) FROM {documents}").fetchone()[0],
            "passages": self.conn.execute(f"SELECT count(*) FROM {passages}").fetchone()[0],
            "sources": dict(
                self.conn.execute(f"SELECT source, count(*) FROM {documents} GROUP BY source ORDER BY source").fetchall()
            ),
            "reports": self.conn.execute(f"SELECT count(*) FROM {reports}").fetchone()[0],
            **({"fact_checks": self.conn.execute(f"SELECT count(*) FROM {fact_checks}").fetchone()[0]}
               if fact_checks else {}),
        }

    def _consistency_problems(self, documents: str, passages: str) -> list[str]:
        """Checks every backend makes: passages without a document, documents without the passages
        they list, and the schema version."""
        problems: list[str] = []
        orphans = self.conn.execute(
            f"SELECT count(*) FROM {passages} p LEFT JOIN {documents} d ON d.id = p.doc_id WHERE d.id IS NULL"
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} passages belong to no document")
        bad = self.conn.execute(
            f"SELECT count(*) FROM {documents} d WHERE n_passages != "
            f"(SELECT count(*) FROM {passages} p WHERE p.doc_id = d.id)"
        ).fetchone()[0]
        if bad:
            problems.append(f"{bad} documents do not have the passages they list")
        version = int(self._meta().get("schema_version", 0))
        if version != SCHEMA_VERSION:
            problems.append(f"schema version {version}, expected {SCHEMA_VERSION}")
        return problems

    def close(self) -> None:  # pragma: no cover - every backend defines it
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- hooks ---------------------------------------------------------------------------------
    def _existing_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        raise NotImplementedError

    def _write_batch(
        self, docs: list[Document], hashes: dict[str, str], passages: dict[str, list[Passage]], vectors: np.ndarray
    ) -> int:
        """Write one batch in ONE transaction; re-check hashes inside it; return docs written."""
        raise NotImplementedError

    # -- shared --------------------------------------------------------------------------------
    def _check_embedder(self, stored_name: str | None, stored_dim: int | None) -> None:
        if self.embedder is None:
            return
        name, dim = getattr(self.embedder, "name", "unknown"), int(self.embedder.dim)
        if stored_dim is not None and dim != stored_dim:
            raise StoreError(
                f"this store holds {stored_dim}-dimensional vectors but the embedder {name!r} makes {dim}"
            )
        if stored_name is not None and name != stored_name:
            raise StoreError(f"this store was built with the embedder {stored_name!r}, not {name!r}")

    def add_documents(
        self, docs: Iterable[Document], *, batch_size: int = 256, progress: AddProgress | None = None
    ) -> int:
        if self.embedder is None:
            raise StoreError("adding documents needs an embedder (open the store with embedder=...)")
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        written = seen = 0
        for batch in batched(docs, batch_size):
            unique = {d.id: d for d in batch}  # last version of an id in a batch wins
            hashes = {i: content_hash(d) for i, d in unique.items()}
            existing = self._existing_hashes(list(unique))
            todo = [d for i, d in unique.items() if existing.get(i) != hashes[i]]
            if todo:
                passages = {d.id: split_document(d) for d in todo}
                flat = [p for d in todo for p in passages[d.id]]
                vectors = self.embedder.encode([embed_text(p) for p in flat]) if flat else np.zeros((0, self.dim))
                vectors = np.asarray(vectors, dtype=np.float32)
                if vectors.shape != (len(flat), self.dim):
                    raise StoreError(f"embedder returned shape {vectors.shape}, expected ({len(flat)}, {self.dim})")
                written += self._write_batch(todo, hashes, passages, vectors)
            seen += len(batch)
            if progress is not None:
                progress(seen, f"{written} new or changed")
        return written
