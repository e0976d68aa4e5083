"""Prior fact-checks from the store, matched offline: the Fact Check Tools search without a key or a network.

For each claim the store's fact-check table is searched with the claim's key terms (the same
terms :func:`~factdesk.evidence.sources.query.claimreview_query` would send to Google), and the
candidates go to the runner as fact-checks *found for that claim*, exactly like the API's results:
:func:`~factdesk.evidence.sources.match.match_fact_checks` then keeps those similar enough
(``THRESHOLD_HINTED``) and the report shows them under the verdict's ``prior_fact_checks``.

The runner adds this source by itself when the runtime's store holds imported fact-checks
(``factdesk store import-claimreview``); it sends nothing over the network.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from factdesk.evidence.sources.base import FoundFactCheck, SourceOutput, SourceRequest, SourceSettings
from factdesk.evidence.sources.query import keywords
from factdesk.evidence.store.factchecks import FactCheckStore

#: candidates read per claim (the matching keeps the similar ones)
CANDIDATES = 10


@dataclass
class StoredFactChecks:
    """An offline ``Source`` over a :class:`FactCheckStore`."""

    store: Any
    settings: SourceSettings = field(default_factory=SourceSettings)
    name = "factchecks"
    offline = True

    @classmethod
    def for_store(cls, store, settings: SourceSettings | None = None) -> "StoredFactChecks | None":
        """The source when ``store`` holds prior fact-checks, else ``None`` (nothing to ask)."""
        if store is None or not isinstance(store, FactCheckStore):
            return None
        try:
            if store.count_fact_checks() == 0:
                return None
        except Exception:  # noqa: BLE001 - a store of another kind or version: nothing to match against
            return None
        return cls(store, settings or SourceSettings())

    async def collect(self, request: SourceRequest, http, out: SourceOutput) -> None:
        k = max(CANDIDATES, self.settings.max_results)
        for claim in request.claims:
            terms = " ".join(keywords(claim.text, 12))
            if not terms:
                continue
            found = await asyncio.to_thread(self.store.search_fact_checks, terms, k)
            out.requests += 1
            out.fact_checks.extend(FoundFactCheck(record.to_prior(), claim.id) for record in found)


def match_stored(claims, store, embedder=None) -> dict:
    """Claim id → the store's prior fact-checks about it (the same matching as the live results).

    A plain function for callers outside a check (``factdesk verify`` on claims alone, tests).
    """
    from factdesk.evidence.sources.match import match_fact_checks

    found = []
    for claim in claims:
        terms = " ".join(keywords(claim.text, 12))
        if terms:
            found.extend(FoundFactCheck(r.to_prior(), claim.id) for r in store.search_fact_checks(terms, CANDIDATES))
    return match_fact_checks(list(claims), found, embedder=embedder)
