"""The standalone HTML report: one file, inline CSS, no script, nothing fetched when opened.

Every piece of text from the page or the evidence goes through Jinja2's autoescaping, links are
kept only for ``http(s)`` URLs, and a Content-Security-Policy forbids scripts and remote loads.
Claims are highlighted in the body by verdict colour and link to their card in the Fact Checker
panel. The body, the claim cards, the counts, the analysis and the comments are the same partials
the web page shows (``report/templates/_*.j2``).

>>> from factdesk.models import Article, Report
>>> page = render_html(Report(article=Article(title="<script>x</script>", paragraphs=["Body."])))
>>> "<script>x" in page, "&lt;script&gt;x" in page
(False, True)
"""

from __future__ import annotations

from functools import lru_cache

import jinja2

from factdesk.models import Report
from factdesk.report.highlight import highlighted_paragraphs
from factdesk.report.templating import environment
from factdesk.report.vocabulary import verdict_counts


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    return environment().get_template("report.html.j2")


def render_html(report: Report) -> str:
    """Render the report as a complete HTML document."""
    return _template().render(
        report=report,
        article=report.article,
        analysis=report.analysis,
        paragraphs=highlighted_paragraphs(report),
        counts=verdict_counts(report),
        comment_claims={},  # the panel lists them, each with its card
        open_evidence=True,  # no script: every card shows its evidence
    )
