"""The local evidence store: documents split into sentence passages, searchable by BM25 and by vector.

Two implementations share one protocol (:class:`EvidenceStore`) and one contract test suite:

- ``sqlite.py`` — the embedded default: one file, FTS5 for BM25, sqlite-vec for vectors (via apsw);
- ``postgres.py`` — for a team's shared store: tsvector + GIN, pgvector HNSW.

:func:`open_store` (``open.py``) picks the implementation from the ``db`` string through
:data:`STORE_BACKENDS`, a registry keyed by URL scheme (a plain path means SQLite). The other
modules: ``protocol`` (the protocol), ``base`` (what both stores share), ``split`` (documents →
passages), ``schema``, ``bitindex``, ``prune``, ``importers``.
"""

from factdesk.evidence.store.open import STORE_BACKENDS, open_store
from factdesk.evidence.store.protocol import AddProgress, EvidenceStore
from factdesk.models import Document, Passage

__all__ = ["AddProgress", "Document", "EvidenceStore", "Passage", "STORE_BACKENDS", "open_store"]
