"""Hybrid retrieval: BM25 and dense candidates, fused by reciprocal rank, de-duplicated, optionally
re-ranked. Both signals' scores and ranks are kept on every :class:`ScoredPassage`.

>>> retriever = Retriever(store, embedder)
>>> hits = retriever.retrieve("The Eiffel Tower is 330 metres tall", k=5)
>>> hits[0].passage.text, hits[0].bm25_rank, hits[0].dense_rank
('The tower is 330 metres (1,083 ft) tall.', 1, 2)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Literal, Protocol, runtime_checkable

import numpy as np

from factdesk.evidence.store import EvidenceStore
from factdesk.evidence.store.base import query_terms
from factdesk.models import Claim, Passage, ScoredPassage

Mode = Literal["hybrid", "bm25", "dense"]
#: the usual reciprocal-rank-fusion constant (Cormack et al., 2009)
RRF_K = 60

# A short English stop list (function words only), so that searching never has to load spaCy.
STOP_WORDS: frozenset[str] = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves s t said says say according""".split()
)


@runtime_checkable
class Reranker(Protocol):
    """Re-orders fused candidates (e.g. a cross-encoder); must return ScoredPassage with ``score`` set."""

    def rerank(self, query: str, candidates: list[ScoredPassage]) -> list[ScoredPassage]: ...


def formulate_query(claim: Claim | str) -> str:
    """Key words of a claim for full-text search: entities and numbers first, then content words.

    >>> formulate_query("The president said that unemployment fell to 3.5% in 2023.")
    'president unemployment fell 3 5 2023'
    """
    if isinstance(claim, str):
        text, entities, numbers = claim, [], []
    else:
        text = claim.text
        entities = [e.get("text", "") for e in claim.entities]
        numbers = list(claim.numbers)
    terms: dict[str, None] = {}
    for part in (*entities, *numbers, text):
        for term in query_terms(part):
            if term not in STOP_WORDS and (len(term) > 1 or term.isdigit()):
                terms.setdefault(term, None)
    if not terms:  # a query of stop words only: search them rather than nothing
        terms = dict.fromkeys(query_terms(text))
    return " ".join(terms)


def _norm_text(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _query_text(claim: Claim | str) -> str:
    return claim if isinstance(claim, str) else claim.text


def _key(claim: Claim | str) -> str:
    return claim if isinstance(claim, str) else claim.id


class Retriever:
    """Hybrid search over an :class:`EvidenceStore`.

    ``depth`` candidates are taken from each signal (at least ``k``); fusion is reciprocal rank
    fusion; passages with the same normalised text are kept once (the best-ranked).
    """

    def __init__(
        self,
        store: EvidenceStore,
        embedder,
        reranker: Reranker | None = None,
        *,
        depth: int = 50,
        rrf_k: int = RRF_K,
    ) -> None:
        self.store, self.embedder, self.reranker = store, embedder, reranker
        self.depth, self.rrf_k = depth, rrf_k

    def retrieve(
        self,
        claim_or_query: Claim | str,
        k: int = 20,
        *,
        mode: Mode = "hybrid",
        exclude: Callable[[Passage], bool] | None = None,
    ) -> list[ScoredPassage]:
        """The ``k`` best passages for one claim (or plain query text)."""
        return self.retrieve_many([claim_or_query], k, mode=mode, exclude=exclude)[_key(claim_or_query)]

    def retrieve_many(
        self,
        claims: Sequence[Claim | str],
        k: int = 20,
        *,
        mode: Mode = "hybrid",
        exclude: Callable[[Passage], bool] | None = None,
    ) -> dict[str, list[ScoredPassage]]:
        """``{claim.id (or the query string): passages}``; query embeddings are computed in one batch."""
        claims = list(claims)
        vectors: np.ndarray | None = None
        if mode in ("hybrid", "dense") and claims:
            vectors = np.asarray(self.embedder.encode([_query_text(c) for c in claims]), dtype=np.float32)
        out: dict[str, list[ScoredPassage]] = {}
        for i, claim in enumerate(claims):
            depth = max(self.depth, k)
            bm25 = self.store.search_bm25(formulate_query(claim), depth) if mode in ("hybrid", "bm25") else []
            dense = self.store.search_dense(vectors[i], depth) if vectors is not None else []
            fused = self._fuse(bm25, dense, exclude)
            if self.reranker is not None and fused:
                fused = self.reranker.rerank(_query_text(claim), fused)
            out[_key(claim)] = fused[:k]
        return out

    def _fuse(
        self,
        bm25: list[tuple[Passage, float]],
        dense: list[tuple[Passage, float]],
        exclude: Callable[[Passage], bool] | None,
    ) -> list[ScoredPassage]:
        found: dict[str, dict] = {}
        for signal, hits in (("bm25", bm25), ("dense", dense)):
            for rank, (passage, score) in enumerate(hits, start=1):
                entry = found.setdefault(passage.id, {"passage": passage, "score": 0.0})
                entry[signal], entry[f"{signal}_rank"] = float(score), rank
                entry["score"] += 1.0 / (self.rrf_k + rank)
        ranked = sorted(found.values(), key=lambda e: (-e["score"], e["passage"].id))
        seen_texts: set[str] = set()
        result: list[ScoredPassage] = []
        for entry in ranked:
            passage = entry["passage"]
            if exclude is not None and exclude(passage):
                continue
            norm = _norm_text(passage.text)
            if norm in seen_texts:
                continue
            seen_texts.add(norm)
            result.append(ScoredPassage(**entry))
        return result
