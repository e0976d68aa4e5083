"""Analyse: the article's language and sourcing, its headline, and its comment section.

``Analyser(...).analyse(article, claims) -> (Analysis, comments_with_flags)``

Parts: ``language`` (propaganda techniques with spans), ``sourcing`` (voices, vague and missing
attributions), ``headline`` (support, sensationalism), ``comments`` (flags with reasons),
``summary`` (the reader's summary); ``analyser`` puts them together.
"""

from factdesk.analyse.analyser import Analyser

__all__ = ["Analyser"]
