"""Opening a store from the ``db`` string: the implementation is picked by URL scheme.

:data:`STORE_BACKENDS` is a registry keyed by URL scheme (a plain path means SQLite); the module of
each backend is imported only when a store of that kind is opened.

>>> from factdesk.embed import MiniLMEmbedder
>>> store = open_store("/tmp/evidence.db", embedder=MiniLMEmbedder())
>>> store.add_documents([Document(id="d1", text="The Eiffel Tower is 330 metres tall.")])
1
>>> [p.text for p, score in store.search_bm25("Eiffel Tower height", 5)]
['The Eiffel Tower is 330 metres tall.']
"""

from __future__ import annotations

import importlib

from factdesk.errors import StoreError
from factdesk.evidence.store.protocol import EvidenceStore

__all__ = ["STORE_BACKENDS", "open_store"]

#: URL scheme → "module:Class". A db string without "://" is a SQLite file path.
STORE_BACKENDS: dict[str, str] = {
    "sqlite": "factdesk.evidence.store.sqlite:SQLiteStore",
    "postgresql": "factdesk.evidence.store.postgres:PostgresStore",
    "postgres": "factdesk.evidence.store.postgres:PostgresStore",
}


def _scheme(db: str) -> str:
    return db.split("://", 1)[0].lower() if "://" in db else "sqlite"


def open_store(db: str, embedder=None, *, create: bool = True) -> EvidenceStore:
    """Open (creating if needed) the evidence store named by ``db``.

    ``db`` is a file path (SQLite; ``sqlite:///path`` also works) or a ``postgresql://`` URL.
    ``embedder`` (see :mod:`factdesk.embed`) is needed to add documents and for dense search.
    With ``create=False`` (read-only commands) a store that does not exist yet (a missing or empty
    file, a database without factdesk's tables) is a ``StoreError`` and nothing is written.
    """
    scheme = _scheme(str(db))
    target = STORE_BACKENDS.get(scheme)
    if target is None:
        known = ", ".join(sorted(STORE_BACKENDS))
        raise StoreError(f"unknown store type {scheme!r} in {db!r} (known: {known}, or a file path)")
    module_name, cls_name = target.split(":")
    cls = getattr(importlib.import_module(module_name), cls_name)
    return cls(str(db), embedder=embedder, create=create)
