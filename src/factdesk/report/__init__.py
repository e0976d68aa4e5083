"""Reports: terminal, JSON, Markdown, HTML, schema.org ClaimReview.

PLACEHOLDER (issue 9 replaces it). Contract: ``render(report, fmt) -> str``.
"""

from __future__ import annotations

from factdesk.models import Report


def render(report: Report, fmt: str) -> str:
    return report.to_json()
