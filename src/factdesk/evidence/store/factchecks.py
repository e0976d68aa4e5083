"""Prior fact-checks kept in the store: the record, and the protocol both backends implement.

A record is one published fact-check (a schema.org ClaimReview) as the bulk exports carry it:
the claim, who made it, the rating, the publisher, the dates, the review's URL and its language.
``factdesk store import-claimreview`` writes them (see :mod:`factdesk.evidence.claimreview_import`);
every check then matches its claims against them offline
(:class:`factdesk.evidence.sources.stored.StoredFactChecks`), with the same matching and the same
report fields as the Fact Check Tools API's results.

>>> r = FactCheckRecord(claim="Lake Chad has shrunk by 90%", rating="Mostly true", url="https://f.example/1")
>>> r.id == FactCheckRecord(claim="Lake Chad has shrunk by 90%", rating="False", url="https://f.example/1").id
True
>>> r.to_prior().rating
'Mostly true'
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field, computed_field

from factdesk.models import PriorFactCheck

#: what a prior fact-check from the store says it came from (the Fact Check Tools API's and a page's
#: ClaimReview say "claimreview"; the report fields are the same)
STORED_SOURCE = "claimreview"


class FactCheckRecord(BaseModel):
    """One prior fact-check as stored."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    claim: str = Field(min_length=1)
    rating: str = Field(min_length=1)
    claimant: str | None = None
    publisher: str | None = None
    publisher_site: str | None = None
    claim_date: str | None = None
    review_date: str | None = None
    url: str | None = None
    language: str | None = None
    #: which export it came from (datacommons-feed, fact-check-insights-csv, …)
    origin: str = "claimreview"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def id(self) -> str:
        """Stable identity: the review's URL and the claim it reviews (a re-import updates, never duplicates)."""
        key = f"{(self.url or '').strip()}\n{' '.join(self.claim.split()).lower()}\n{(self.publisher or '').lower()}"
        return "fc:" + hashlib.sha1(key.encode()).hexdigest()[:20]

    def content_hash(self) -> str:
        """What a re-import compares (the same review found in another export is unchanged)."""
        return hashlib.sha1(self.model_dump_json(exclude={"id", "origin"}).encode()).hexdigest()

    def to_prior(self) -> PriorFactCheck:
        """The report's shape, as the live Fact Check Tools results have it."""
        return PriorFactCheck(
            claim_reviewed=self.claim,
            rating=self.rating,
            publisher=self.publisher or self.publisher_site,
            url=self.url,
            date=self.review_date or self.claim_date,
            claimant=self.claimant,
            source=STORED_SOURCE,
        )


@runtime_checkable
class FactCheckStore(Protocol):
    """The prior-fact-check table of an evidence store (SQLite and PostgreSQL both implement it)."""

    def add_fact_checks(self, records: Iterable[FactCheckRecord], *, batch_size: int = 500) -> tuple[int, int]:
        """Write records (one transaction per batch); returns (new or changed, unchanged)."""
        ...

    def search_fact_checks(self, query: str, k: int) -> list[FactCheckRecord]:
        """Full-text search over the claims (terms OR-ed, best first)."""
        ...

    def count_fact_checks(self) -> int: ...


def dedupe(records: Sequence[FactCheckRecord]) -> dict[str, FactCheckRecord]:
    """The last record of each id in a batch wins (a re-export lists updated reviews again)."""
    return {r.id: r for r in records}
