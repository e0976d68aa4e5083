"""Evidence: the local store, real-time sources, and hybrid retrieval over both.

PLACEHOLDER (issues 5 and 7 replace it). Contract:
``gather_evidence(claims, article, runtime, progress=None) -> EvidenceFound``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factdesk.models import Article, Claim, PriorFactCheck, ScoredPassage


@dataclass
class EvidenceFound:
    candidates: dict[str, list[ScoredPassage]] = field(default_factory=dict)
    prior_fact_checks: dict[str, list[PriorFactCheck]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def gather_evidence(claims: list[Claim], article: Article, runtime, progress=None) -> EvidenceFound:
    return EvidenceFound()
