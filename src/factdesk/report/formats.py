"""The report formats: :data:`RENDERERS` maps each format name (the CLI's ``--format``) to its renderer.

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
from factdesk.report.claimreview import render_claimreview
from factdesk.report.html import render_html
from factdesk.report.jsonout import render_json
from factdesk.report.markdown import render_markdown
from factdesk.report.terminal import render_terminal

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
