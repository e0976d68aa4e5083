"""The local evidence store: documents split into sentence passages, searchable by BM25 and by vector.

Two implementations share one protocol (:class:`EvidenceStore`) and one contract test suite:

- ``sqlite.py`` — the embedded default: one file, FTS5 for BM25, sqlite-vec for vectors (via apsw);
- ``postgres.py`` — for a team's shared store: tsvector + GIN, pgvector HNSW.

:func:`open_store` picks the implementation from the ``db`` string through :data:`STORE_BACKENDS`,
a registry keyed by URL scheme (a plain path means SQLite).

>>> from factdesk.embed import MiniLMEmbedder
>>> store = open_store("/tmp/evidence.db", embedder=MiniLMEmbedder())
>>> store.add_documents([Document(id="d1", text="The Eiffel Tower is 330 metres tall.")])
1
>>> [p.text for p, score in store.search_bm25("Eiffel Tower height", 5)]
['The Eiffel Tower is 330 metres tall.']
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np

from factdesk.errors import StoreError
from factdesk.models import Document, Passage

#: progress(done_documents, message) — called after each committed batch
AddProgress = Callable[[int, str], None]


@runtime_checkable
class EvidenceStore(Protocol):
    """What every evidence store offers. Scores are "higher is better" for both searches."""

    def add_documents(
        self, docs: Iterable[Document], *, batch_size: int = 256, progress: AddProgress | None = None
    ) -> int:
        """Split, embed and store documents; returns how many were new or changed.

        Idempotent by document id + content hash (re-adding the same document is a no-op, a changed
        one replaces the old version). One transaction per batch, so an interrupted import keeps
        every committed batch and a re-run resumes without duplicates.
        """
        ...

    def search_bm25(self, query: str, k: int) -> list[tuple[Passage, float]]:
        """Full-text search. ``query`` is plain words (any text is safe); terms are OR-ed."""
        ...

    def search_dense(self, vector: np.ndarray | Sequence[float], k: int) -> list[tuple[Passage, float]]:
        """Nearest passages to an embedding; the score is cosine similarity."""
        ...

    def get_passages(self, ids: Sequence[str]) -> list[Passage]: ...

    def get_vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored vectors (of ``embed_text(passage)``) by passage id; ids the store lacks are left out."""
        ...

    def stats(self) -> dict[str, Any]: ...

    def delete_source(self, name: str) -> int:
        """Delete every document of a source; returns the number of documents deleted."""
        ...

    def save_report(self, key: str, report_json: str, meta: dict | None = None) -> None: ...

    def get_report(self, key: str) -> str | None: ...

    def list_reports(self, limit: int = 50) -> list[dict]: ...

    def integrity_check(self) -> list[str]:
        """Problems found (an empty list means the store is sound)."""
        ...

    def close(self) -> None: ...


#: URL scheme → "module:Class". A db string without "://" is a SQLite file path.
STORE_BACKENDS: dict[str, str] = {
    "sqlite": "factdesk.evidence.store.sqlite:SQLiteStore",
    "postgresql": "factdesk.evidence.store.postgres:PostgresStore",
    "postgres": "factdesk.evidence.store.postgres:PostgresStore",
}


def _scheme(db: str) -> str:
    return db.split("://", 1)[0].lower() if "://" in db else "sqlite"


def open_store(db: str, embedder=None) -> EvidenceStore:
    """Open (creating if needed) the evidence store named by ``db``.

    ``db`` is a file path (SQLite; ``sqlite:///path`` also works) or a ``postgresql://`` URL.
    ``embedder`` (see :mod:`factdesk.embed`) is needed to add documents and for dense search.
    """
    scheme = _scheme(str(db))
    target = STORE_BACKENDS.get(scheme)
    if target is None:
        known = ", ".join(sorted(STORE_BACKENDS))
        raise StoreError(f"unknown store type {scheme!r} in {db!r} (known: {known}, or a file path)")
    module_name, cls_name = target.split(":")
    cls = getattr(importlib.import_module(module_name), cls_name)
    return cls(str(db), embedder=embedder)


__all__ = ["EvidenceStore", "STORE_BACKENDS", "open_store", "Document", "Passage", "AddProgress"]
