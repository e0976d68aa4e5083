"""Verify: stance models + exact alignment checks + aggregation into verdicts with cited sentences.

``Verifier(...).verify_many(claims, candidates_by_claim_id, prior_by_claim_id) -> {claim_id: Verdict}``

Modules: ``verifier`` (the stage), ``head`` and ``crossenc`` (the two stance models and the
``StanceModel`` protocol), ``align`` (what the exact checks find in a pair and how it corrects the
model), ``numbers``, ``dates``, ``entities``, ``negation``, ``quotes``, ``context`` (the checks),
``features`` (the alignment features the head reads), ``aggregate`` (evidence → label and
confidence), ``rationale`` (the plain-words explanation).
"""

from factdesk.verify.align import PassageChecks, align
from factdesk.verify.head import StanceModel
from factdesk.verify.verifier import STANCE_DESIGNS, Verifier

__all__ = ["STANCE_DESIGNS", "PassageChecks", "StanceModel", "Verifier", "align"]
