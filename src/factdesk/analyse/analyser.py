"""The analysis stage: the article's language and sourcing, its headline, and its comment section.

Contract: ``Analyser(nlp, embedder).analyse(article, claims) -> (Analysis, comments_with_flags)``.

>>> from factdesk.claims.nlp import load_nlp
>>> from factdesk.models import Article
>>> analysis, comments = Analyser(load_nlp()).analyse(Article(title="t", paragraphs=["p"]), [])  # doctest: +SKIP

Parts: ``language`` (propaganda techniques with spans), ``sourcing`` (voices, vague and missing
attributions), ``headline`` (support, sensationalism), ``comments`` (flags with reasons),
``summary`` (the reader's summary). Each works on its own; this class only puts them together.
"""

from __future__ import annotations

from pathlib import Path

from factdesk.models import PARAGRAPH_SEPARATOR, Analysis, Article, Claim, Comment

#: characters of body text the analysis reads (the claims stage reads as many): the spaCy parse, the
#: propaganda tagger and the headline comparison grow with the text, and spaCy refuses more than
#: 1,000,000 characters in one parse. The rest of a longer body is named in a warning.
MAX_BODY_CHARS = 100_000


class Analyser:
    """The analysis stage over a spaCy pipeline (``nlp``) and, optionally, the shared sentence
    ``embedder``: with it the sentence classifier picks the propaganda sentences and the headline is
    compared by meaning; without it (``None``) the lexicon alone and word overlap are used. Its
    lexicons and models load when it is built, from ``model_dir`` (default: the shipped
    ``resources/models/analyse``); it keeps no per-call state."""

    def __init__(self, nlp, embedder=None, *, model_dir: Path | None = None) -> None:
        from factdesk.analyse.comments import CommentAnalyser
        from factdesk.analyse.language import TechniqueDetector
        from factdesk.analyse.machine import load_machine_model

        self.nlp = nlp
        self.embedder = embedder
        if model_dir is None:
            self.techniques = TechniqueDetector.load(embedder=embedder)
            self.comment_analyser = CommentAnalyser()
        else:
            model_dir = Path(model_dir)
            self.techniques = TechniqueDetector.load(model_dir / "propaganda_lexicon.json", embedder=embedder,
                                                     tagger_dir=model_dir / "propaganda-tagger")
            self.comment_analyser = CommentAnalyser(machine=load_machine_model(model_dir / "machine_written.json"))

    def analyse(self, article: Article, claims: list[Claim]) -> tuple[Analysis, list[Comment]]:
        from factdesk.analyse.headline import compare_headline
        from factdesk.analyse.sourcing import analyse_sourcing
        from factdesk.analyse.summary import reader_summary

        nlp = self.nlp
        full = article
        article, warnings = _bounded(full, MAX_BODY_CHARS)
        article_claims = [c for c in claims if c.origin == "article" and c.span[1] <= len(article.body)]
        techniques = self.techniques.detect(article.body)
        doc = nlp(article.body)  # one parse, shared by sourcing and the comment profile
        sourcing = analyse_sourcing(article, article_claims, nlp, doc)
        headline = compare_headline(article, self.embedder)
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
        if warnings:  # the pipeline moves these into the report's warnings
            analysis.extra["warnings"] = warnings
        analysis.summary = reader_summary(analysis, claims)
        if len(comments) < len(full.comments):  # never happens today; kept so no comment is ever lost
            comments = comments + full.comments[len(comments):]
        return analysis, comments


def _bounded(article: Article, budget: int) -> tuple[Article, list[str]]:
    """``article`` with its body cut to the leading ``budget`` characters (whole paragraphs, the last
    one cut), so every span found stays an offset into the full body; and the warning, if cut."""
    if len(article.body) <= budget:
        return article, []
    kept, used = [], 0
    for para in article.paragraphs:
        room = budget - used
        if room <= 0:
            break
        kept.append(para[:room])
        used += len(kept[-1]) + len(PARAGRAPH_SEPARATOR)
    warning = (f"the article body is {len(article.body)} characters long; only the first {budget} were "
               "analysed for language, sourcing and the headline")
    return article.model_copy(update={"paragraphs": kept}), [warning]
