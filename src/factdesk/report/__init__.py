"""Reports: terminal (rich), JSON (the contract), Markdown, standalone HTML, schema.org ClaimReview.

``render(report, fmt)`` picks the renderer from :data:`RENDERERS` (``formats.py``); each one returns
a string. Every format, and the web page, speaks with one vocabulary (``vocabulary.py``: verdict
words, confidence in words, the kinds of not enough evidence, colours), says the analysis as prose
and tables (``readable.py``), highlights claims within their sentences with one highlighter
(``highlight.py`` over ``locate.py``) and renders HTML with one template environment
(``templating.py``: the standalone report and the partials and stylesheet the web page includes);
the web app also uses ``claim_reviews(report, base_url=…)``.

>>> from factdesk.models import Article, Report
>>> render(Report(article=Article(title="A title", paragraphs=["One paragraph."])), "markdown").splitlines()[0]
'# A title'
"""

from factdesk.report.claimreview import claim_reviews, render_claimreview, rests_on_evidence
from factdesk.report.formats import FORMATS, RENDERERS, render
from factdesk.report.highlight import Run, highlighted_paragraphs, paragraph_runs
from factdesk.report.html import render_html
from factdesk.report.jsonout import render_json
from factdesk.report.locate import sentence_parts
from factdesk.report.markdown import render_markdown
from factdesk.report.readable import Section, Table, analysis_sections
from factdesk.report.terminal import render_terminal
from factdesk.report.vocabulary import (
    VERDICT_COLOURS,
    VERDICT_TEXT,
    confidence_text,
    undecided_text,
    verdict_counts,
    verdict_key,
    verdict_text,
)

__all__ = [
    "FORMATS",
    "RENDERERS",
    "VERDICT_COLOURS",
    "VERDICT_TEXT",
    "Run",
    "Section",
    "Table",
    "analysis_sections",
    "claim_reviews",
    "confidence_text",
    "highlighted_paragraphs",
    "paragraph_runs",
    "render",
    "render_claimreview",
    "render_html",
    "render_json",
    "render_markdown",
    "render_terminal",
    "rests_on_evidence",
    "sentence_parts",
    "undecided_text",
    "verdict_counts",
    "verdict_key",
    "verdict_text",
]
