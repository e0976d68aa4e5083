"""The analysis stage: the article's language and sourcing, its headline, and its comment section.

Contract: ``Analyser(runtime).analyse(article, claims) -> (Analysis, comments_with_flags)``.

>>> from factdesk.config import load_config
>>> from factdesk.runtime import Runtime
>>> from factdesk.models import Article
>>> with Runtime(load_config()) as rt:  # doctest: +SKIP
...     analysis, comments = Analyser(rt).analyse(Article(title="t", paragraphs=["p"]), [])

Parts: ``language`` (propaganda techniques with spans), ``sourcing`` (voices, vague and missing
attributions), ``headline`` (support, sensationalism), ``comments`` (flags with reasons),
``summary`` (the reader's summary). Each works on its own; this class only puts them together.
"""

from __future__ import annotations

from functools import cached_property

from factdesk.models import Analysis, Article, Claim, Comment


class Analyser:
    """The analysis stage, built once per runtime (its lexicons and models load lazily)."""

    def __init__(self, runtime, *, use_embedder: bool = True) -> None:
        self.runtime = runtime
        self.use_embedder = use_embedder

    @cached_property
    def techniques(self):
        from factdesk.analyse.language import TechniqueDetector

        # with the shared MiniLM embedder the sentence classifier picks the sentences; else the lexicon alone
        return TechniqueDetector.load(embedder=self.runtime.embedder if self.use_embedder else None)

    @cached_property
    def comment_analyser(self):
        from factdesk.analyse.comments import CommentAnalyser

        return CommentAnalyser()

    def analyse(self, article: Article, claims: list[Claim]) -> tuple[Analysis, list[Comment]]:
        from factdesk.analyse.headline import compare_headline
        from factdesk.analyse.sourcing import analyse_sourcing
        from factdesk.analyse.summary import reader_summary

        nlp = self.runtime.nlp
        article_claims = [c for c in claims if c.origin == "article"]
        techniques = self.techniques.detect(article.body)
        doc = nlp(article.body)  # one parse, shared by sourcing and the comment profile
        sourcing = analyse_sourcing(article, article_claims, nlp, doc)
        embedder = self.runtime.embedder if self.use_embedder else None
        headline = compare_headline(article, embedder)
        comments, comment_summary = self.comment_analyser.analyse(article, article_claims, nlp, doc)
        analysis = Analysis(
            techniques=techniques,
            voices=sourcing.voices,
            vague_attributions=sourcing.vague,
            unattributed_claims=sourcing.unattributed_claims,
            headline=headline,
            comments=comment_summary,
            extra={
                "quotes": sourcing.quotes,
                "unattributed_sentences": sourcing.unattributed_sentences,
                "balance": sourcing.balance,
            },
        )
        analysis.summary = reader_summary(analysis, claims)
        return analysis, comments
