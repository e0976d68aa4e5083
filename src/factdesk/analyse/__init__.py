"""Analyse: the article's language and sourcing, and its comment section.

PLACEHOLDER (issue 8 replaces it). Contract:
``Analyser(runtime).analyse(article, claims) -> (Analysis, comments_with_flags)``.
"""

from __future__ import annotations

from factdesk.models import Analysis, Article, Claim, Comment


class Analyser:
    def __init__(self, runtime) -> None:
        self.runtime = runtime

    def analyse(self, article: Article, claims: list[Claim]) -> tuple[Analysis, list[Comment]]:
        return Analysis(), list(article.comments)
