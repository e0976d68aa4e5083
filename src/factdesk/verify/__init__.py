"""Verify: stance models, like-with-like alignment and a claim-level decision, with cited sentences.

``Verifier(embedder, stance_model, cross_model=None).verify_many(claims, candidates, prior) -> {claim_id: Verdict}``

Modules: ``verifier`` (the stage), ``stance`` (the stance labels, the ``StanceModel`` protocols and
the designs), ``head`` and ``crossenc`` (the two stance models), ``frames`` (which subject and
attribute a stated value belongs to), ``align`` (what the exact checks find in a pair and how it
corrects the models), ``numbers``, ``dates``, ``entities``, ``negation``, ``quotes``, ``context``
(the checks), ``features`` (the alignment features the head reads), ``aggregate`` (how much a piece
of evidence weighs), ``decide`` (the claim-level decision), ``rationale`` (the plain-words explanation).
"""

from factdesk.verify.align import PassageChecks
from factdesk.verify.decide import VerdictModel
from factdesk.verify.frames import FrameReader
from factdesk.verify.stance import LABELS, STANCE_DESIGNS, EmbeddingStanceModel, StanceModel
from factdesk.verify.verifier import StoredVectors, Verifier, Weighed

__all__ = [
    "LABELS",
    "STANCE_DESIGNS",
    "EmbeddingStanceModel",
    "FrameReader",
    "PassageChecks",
    "StanceModel",
    "StoredVectors",
    "VerdictModel",
    "Verifier",
    "Weighed",
]
