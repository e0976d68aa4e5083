"""The components a check needs, built from the config once and reused (a process, a server, a worker).

Nothing here is global: a ``Runtime`` is an ordinary object. Heavy parts (models, the store) load
lazily on first use, so ``factdesk check --sources local`` on a text never opens what it does not need.
Implementations are picked through registries keyed by config values, not ``if`` chains.
"""

from __future__ import annotations

import threading
from functools import cached_property
from typing import Any

from factdesk.config import Config


class Runtime:
    def __init__(self, config: Config) -> None:
        self.config = config
        self._lock = threading.RLock()

    # -- shared models -------------------------------------------------------------------------
    @cached_property
    def embedder(self):
        from factdesk.embed import make_embedder

        return make_embedder(self.config.embedder)

    @cached_property
    def nlp(self):
        from factdesk.claims.nlp import load_nlp

        return load_nlp()

    # -- stages --------------------------------------------------------------------------------
    @cached_property
    def store(self):
        from factdesk.evidence.store import open_store

        return open_store(self.config.db, embedder=self.embedder)

    @cached_property
    def claim_extractor(self):
        from factdesk.claims import ClaimExtractor

        return ClaimExtractor(self)

    @cached_property
    def retriever(self):
        from factdesk.evidence.retrieve import Retriever

        return Retriever(self.store, self.embedder)

    @cached_property
    def sources(self) -> list[Any]:
        from factdesk.evidence.sources import build_sources

        return build_sources(self.config)

    @cached_property
    def verifier(self):
        from factdesk.verify import Verifier

        return Verifier(self)

    @cached_property
    def analyser(self):
        from factdesk.analyse import Analyser

        return Analyser(self)

    def built(self, name: str) -> Any:
        """A lazily built part if something already built it, else None (never builds it)."""
        return self.__dict__.get(name)

    def close(self) -> None:
        store = self.built("store")
        if store is not None:
            store.close()

    def __enter__(self) -> "Runtime":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
