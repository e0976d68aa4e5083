"""Verify: stance models + exact alignment checks + aggregation into verdicts with cited sentences.

``Verifier(embedder, stance_model, cross_model=None).verify_many(claims, candidates, prior) -> {claim_id: Verdict}``

Modules: ``verifier`` (the stage), ``stance`` (the stance labels, the ``StanceModel`` protocols and
the designs), ``head`` and ``crossenc`` (the two stance models), ``align`` (what the exact checks
find in a pair and how it corrects the models), ``numbers``, ``dates``, ``entities``, ``negation``,
``quotes``, ``context`` (the checks), ``features`` (the alignment features the head reads),
``aggregate`` (evidence → label and confidence), ``rationale`` (the plain-words explanation).
"""

from factdesk.verify.aggregate import Aggregator
from factdesk.verify.align import PassageChecks
from factdesk.verify.stance import LABELS, STANCE_DESIGNS, EmbeddingStanceModel, StanceModel
from factdesk.verify.verifier import StoredVectors, Verifier, fitted_aggregator

__all__ = [
    "LABELS",
    "STANCE_DESIGNS",
    "Aggregator",
    "EmbeddingStanceModel",
    "PassageChecks",
    "StanceModel",
    "StoredVectors",
    "Verifier",
    "fitted_aggregator",
]
