"""Claims: sentences → check-worthiness → self-contained atomic claims with types.

PLACEHOLDER (issue 4 replaces it): every sentence-ish paragraph becomes one unchecked claim.
Contract: ``ClaimExtractor(runtime).extract(article) -> (claims, warnings)`` and
``.extract_comment_claims(article) -> claims`` (reader claims, origin="comment").
"""

from __future__ import annotations

from factdesk.models import Article, Claim


class ClaimExtractor:
    def __init__(self, runtime) -> None:
        self.runtime = runtime

    def extract(self, article: Article) -> tuple[list[Claim], list[str]]:
        return [], []

    def extract_comment_claims(self, article: Article) -> list[Claim]:
        return []
