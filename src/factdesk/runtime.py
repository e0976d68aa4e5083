"""The components a check needs, built from the config once and reused (a process, a server, a worker).

``Runtime`` is the only place that wires the stages: each stage's constructor names the
collaborators it uses (models, the store, the sources) and gets them here. Nothing here is global:
a ``Runtime`` is an ordinary object. Heavy parts (models, the store) load lazily on first use, so
``factdesk check --sources local`` on a text never opens what it does not need; each part is built
once, under a lock, so checks on several threads share one. Implementations are picked through
registries keyed by config values, not ``if`` chains.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from factdesk.config import Config
from factdesk.modelpaths import ModelPaths

T = TypeVar("T")


class _part(Generic[T]):
    """A part of the runtime built on first use, once, under the runtime's lock.

    Like ``functools.cached_property`` (the value is kept in the instance ``__dict__``, so a test may
    set it beforehand), but two threads asking at once get the same object.
    """

    def __init__(self, build: Callable[[Any], T]) -> None:
        self.build = build
        self.name = build.__name__
        self.__doc__ = build.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, runtime: Runtime | None, owner: type | None = None) -> T:
        if runtime is None:
            return self  # type: ignore[return-value]
        with runtime._lock:
            if self.name not in runtime.__dict__:
                runtime.__dict__[self.name] = self.build(runtime)
            return runtime.__dict__[self.name]


class Runtime:
    def __init__(self, config: Config, *, host_limits: Any = None) -> None:
        self.config = config
        #: where every model is read from (``[models] dir`` honoured)
        self.model_paths = ModelPaths.from_config(config)
        #: the live sources' per-host limiters when they are shared beyond this process (a Ray batch)
        self.host_limits = host_limits
        self._lock = threading.RLock()

    # -- shared models -------------------------------------------------------------------------
    @_part
    def embedder(self):
        from factdesk.embed import make_embedder

        return make_embedder(self.config.models.embedder, graph_dir=self.model_paths.dir("embedder"))

    @_part
    def nlp(self):
        from factdesk.claims.nlp import load_nlp

        return load_nlp()

    # -- evidence ------------------------------------------------------------------------------
    @_part
    def store(self):
        from factdesk.evidence.store import open_store

        return open_store(self.config.db, embedder=self.embedder)

    @_part
    def retriever(self):
        from factdesk.evidence.retrieve import Retriever

        return Retriever(self.store, self.embedder)

    @_part
    def sources(self) -> list[Any]:
        from factdesk.evidence.sources import build_sources

        return build_sources(self.config)

    # -- stages --------------------------------------------------------------------------------
    @_part
    def claim_extractor(self):
        from functools import partial

        from factdesk.claims.checkworthy import CheckworthyModel
        from factdesk.claims.extractor import ClaimExtractor
        from factdesk.claims.verifiability_model import VerifiabilityModel

        # loaded on first use: a model that cannot be loaded is a warning in the report
        return ClaimExtractor(self.nlp, self.embedder,
                              partial(CheckworthyModel.load, self.model_paths.dir("checkworthy")),
                              min_checkworthiness=self.config.claims.min_checkworthiness,
                              verifiability_model=partial(VerifiabilityModel.load, self.model_paths.dir("verifiable")))

    @_part
    def evidence(self):
        from factdesk.evidence.gather import EvidenceGatherer

        sources = self.sources  # an unknown source name is refused before the store opens
        return EvidenceGatherer(self.retriever, self.store, sources, config=self.config, embedder=self.embedder,
                                host_limits=self.host_limits)

    @_part
    def verifier(self):
        from factdesk.verify.decide import VerdictModel
        from factdesk.verify.frames import FrameReader
        from factdesk.verify.head import OnnxStanceModel
        from factdesk.verify.stance import STANCE_DESIGNS
        from factdesk.verify.verifier import Verifier

        paths, settings = self.model_paths, self.config.verify
        load_cross = STANCE_DESIGNS[settings.stance]
        return Verifier(self.embedder, OnnxStanceModel.load(self.embedder, paths.dir("stance")),
                        load_cross(paths.dir("stance-cross")) if load_cross else None,
                        VerdictModel.load(paths.dir("verdict") / "verdict.json"), frames=FrameReader(self.nlp),
                        stored_vectors=self._stored_vectors, cross_top_k=settings.cross_top_k)

    @_part
    def analyser(self):
        from factdesk.analyse.analyser import Analyser

        return Analyser(self.nlp, self.embedder, model_dir=self.model_paths.dir("analyse"))

    def _stored_vectors(self, ids: Sequence[str]) -> dict:
        """Passage vectors the evidence store holds, if this runtime already opened it (the pipeline
        does, to retrieve): verifying never opens one."""
        store = self.built("store")
        return store.get_vectors(list(ids)) if store is not None else {}

    # ------------------------------------------------------------------------------------------
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
