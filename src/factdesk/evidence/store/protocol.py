"""The protocol every evidence store implements (SQLite, PostgreSQL), and the progress callback of an import."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np

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


__all__ = ["AddProgress", "EvidenceStore"]
