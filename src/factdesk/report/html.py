"""The standalone HTML report: one file, inline CSS, no script, nothing fetched when opened.

Every piece of text from the page or the evidence goes through Jinja2's autoescaping, links are
kept only for ``http(s)`` URLs, and a Content-Security-Policy forbids scripts and remote loads.
Claims are highlighted in the body by verdict colour and link to their card in the Fact Checker
panel. The story, the panel with its claim cards, the analysis, the comments and the stylesheet are
the same partials the web page shows (``report/templates/_*.j2``), so the two look alike.

>>> from factdesk.models import Article, Report
>>> page = render_html(Report(article=Article(title="<script>x</script>", paragraphs=["Body."])))
>>> "<script>x" in page, "&lt;script&gt;x" in page
(False, True)
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jinja2

from factdesk.models import Claim, Report
from factdesk.report.highlight import highlighted_paragraphs
from factdesk.report.templating import environment
from factdesk.report.vocabulary import verdict_counts


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    return environment().get_template("report.html.j2")


def render_html(report: Report) -> str:
    """Render the report as a complete HTML document."""
    return _template().render(page_context(report, evidence_open="all"))  # no script: all evidence shown


def page_context(report: Report, *, evidence_open: str) -> dict[str, Any]:
    """What the shared partials need (the standalone report's, and the web page's before it adds its own):
    the report, its highlighted paragraphs, verdict counts and comment claims by comment."""
    comment_claims: dict[int, list[Claim]] = {}
    for claim in report.comment_claims:
        if claim.comment_index is not None:
            comment_claims.setdefault(claim.comment_index, []).append(claim)
    return {
        "report": report,
        "article": report.article,
        "analysis": report.analysis,
        "paragraphs": highlighted_paragraphs(report),
        "counts": verdict_counts(report),
        "comment_claims": comment_claims,
        "evidence_open": evidence_open,
        "story_extra": None,
        "checker_top": None,
        "checker_bottom": None,
    }
