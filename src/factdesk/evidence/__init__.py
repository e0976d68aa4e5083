"""Evidence: the local store, real-time sources, and hybrid retrieval over both.

``EvidenceGatherer(retriever, store, sources, config=config).gather(claims, article) -> EvidenceFound``

Modules: ``gather`` (the stage), ``retrieve`` (hybrid BM25 + dense retrieval with rank fusion),
``store/`` (the evidence store: SQLite or PostgreSQL behind one protocol), ``sources/`` (live
sources: Wikipedia, ClaimReview, GDELT, feeds, any URL), ``cache`` (the HTTP cache of the sources).
"""

from factdesk.evidence.gather import EvidenceFound, EvidenceGatherer, article_filter

__all__ = ["EvidenceFound", "EvidenceGatherer", "article_filter"]
