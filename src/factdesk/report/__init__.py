"""Reports: terminal (rich), JSON (the contract), Markdown, standalone HTML, schema.org ClaimReview.

``render(report, fmt)`` picks the renderer from :data:`RENDERERS`; each one returns a string.
Every format, and the web page, speaks with one vocabulary (``report/vocabulary.py``: verdict words,
confidence, colours), highlights claims with one highlighter (``report/highlight.py``) and renders
HTML with one template environment (``report/templating.py``: the standalone report and the
partials the web page includes); the web app also uses ``claim_reviews(report, base_url=…)``.

>>> from factdesk.models import Article, Report
>>> r = Report(article=Article(title="A title", paragraphs=["One paragraph."]))
>>> sorted(RENDERERS)
['claimreview', 'html', 'json', 'markdown', 'text']
>>> render(r, "markdown").splitlines()[0]
'# A title'
"""

from __future__ import annotations

from collections.abc import Callable

from factdesk.errors import InputError
from factdesk.models import Report
from factdesk.report.claimreview import claim_reviews, render_claimreview
from factdesk.report.highlight import Run, highlighted_paragraphs, paragraph_runs
from factdesk.report.html import render_html
from factdesk.report.jsonout import render_json
from factdesk.report.markdown import render_markdown
from factdesk.report.terminal import render_terminal
from factdesk.report.vocabulary import (
    VERDICT_COLOURS,
    VERDICT_TEXT,
    confidence_text,
    verdict_counts,
    verdict_key,
    verdict_text,
)

#: format name → renderer
RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": render_terminal,
    "json": render_json,
    "markdown": render_markdown,
    "html": render_html,
    "claimreview": render_claimreview,
}

FORMATS: tuple[str, ...] = tuple(RENDERERS)


def render(report: Report, fmt: str) -> str:
    """Render ``report`` in ``fmt`` (one of :data:`FORMATS`); an unknown format is an ``InputError``."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise InputError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    return renderer(report)


__all__ = [
    "FORMATS",
    "RENDERERS",
    "VERDICT_COLOURS",
    "VERDICT_TEXT",
    "Run",
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
    "verdict_counts",
    "verdict_key",
    "verdict_text",
]
