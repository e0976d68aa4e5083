"""The standalone HTML report: one file, inline CSS, no script, nothing fetched when opened.

Every piece of text from the page or the evidence goes through Jinja2's autoescaping, links are
kept only for ``http(s)`` URLs, and a Content-Security-Policy forbids scripts and remote loads.
Claims are highlighted in the body by verdict colour and link to their entry in the fact-check panel.

>>> from factdesk.models import Article, Report
>>> page = render_html(Report(article=Article(title="<script>x</script>", paragraphs=["Body."])))
>>> "<script>x" in page, "&lt;script&gt;x" in page
(False, True)
"""

from __future__ import annotations

import re
from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape

from factdesk.models import Report
from factdesk.report.vocabulary import (
    COMMENT_FLAG_TEXT,
    LABEL_TEXT,
    label_key,
    label_text,
    paragraph_segments,
    verdict_counts,
)


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) URL, else ``None`` (no ``javascript:`` links)."""
    if url and re.match(r"^https?://[^\s]+$", url.strip(), re.IGNORECASE):
        return url.strip()
    return None


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("factdesk.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["pct"] = lambda x: f"{x:.0%}"
    env.globals.update(label_key=label_key, label_text=label_text, LABEL_TEXT=LABEL_TEXT, FLAG_TEXT=COMMENT_FLAG_TEXT)
    return env


def render_html(report: Report) -> str:
    """Render the report as a complete HTML document."""
    return _env().get_template("report.html.j2").render(
        report=report,
        article=report.article,
        segments=paragraph_segments(report),
        counts=verdict_counts(report),
    )
