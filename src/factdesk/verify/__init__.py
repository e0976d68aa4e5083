"""Verify: stance model + exact alignment checks + aggregation into verdicts.

PLACEHOLDER (issue 6 replaces it). Contract:
``Verifier(runtime).verify_many(claims, candidates_by_claim_id, prior_by_claim_id) -> {claim_id: Verdict}``.
"""

from __future__ import annotations

from factdesk.models import Claim, PriorFactCheck, ScoredPassage, Verdict


class Verifier:
    def __init__(self, runtime) -> None:
        self.runtime = runtime

    def verify_many(
        self,
        claims: list[Claim],
        candidates: dict[str, list[ScoredPassage]],
        prior: dict[str, list[PriorFactCheck]],
    ) -> dict[str, Verdict]:
        return {}
