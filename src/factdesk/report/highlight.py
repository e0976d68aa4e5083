"""Turn a ``Report`` into what the article page shows: paragraphs with highlighted claims, escaped.

Claim spans are character offsets into ``Article.body`` (paragraphs joined by a blank line); each
paragraph is cut into plain and highlighted runs, and every run is HTML-escaped here, so the
template only ever receives ``Markup`` built from escaped text.

>>> paragraphs = highlighted_paragraphs(report)
>>> str(paragraphs[0]["html"])[:40]
'El Salvadoran President <a class="hl ...'
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from factdesk.models import Claim, Report

VERDICT_TEXT = {
    "supported": "Supported",
    "refuted": "Refuted",
    "mixed": "Mixed evidence",
    "not_enough_evidence": "Not enough evidence",
    "unchecked": "Not checked",
}

FLAG_TEXT = {
    "generic": "Generic",
    "templated": "Templated",
    "near_duplicate": "Near-duplicate",
    "machine_written": "Machine-written?",
    "coordinated": "Coordinated",
}


def verdict_key(claim: Claim) -> str:
    return claim.verdict.label if claim.verdict is not None else "unchecked"


#: when several claims share one sentence, its highlight takes the most serious verdict
SEVERITY = ("refuted", "mixed", "supported", "not_enough_evidence", "unchecked")


def highlighted_paragraphs(report: Report) -> list[dict[str, Any]]:
    """One entry per paragraph: ``{"index", "offset", "html"}`` with claims wrapped in links.

    Claims with the same span (atomic claims split from one sentence) share one highlight that
    lists all their ids in ``data-claims``; overlapping spans keep the first."""
    article = report.article
    offsets = article.paragraph_offsets()
    by_span: dict[tuple[int, int, int], list[Claim]] = {}
    for claim in report.claims:
        if claim.origin == "article" and 0 <= claim.paragraph < len(article.paragraphs):
            by_span.setdefault((claim.paragraph, claim.span[0], claim.span[1]), []).append(claim)
    out = []
    for i, text in enumerate(article.paragraphs):
        start_of = offsets[i]
        runs: list[str] = []
        pos = 0
        spans = sorted((k for k in by_span if k[0] == i), key=lambda k: (k[1], -k[2]))
        for key in spans:
            claims = by_span[key]
            lo, hi = max(key[1] - start_of, pos), min(key[2] - start_of, len(text))
            if hi <= lo:  # outside this paragraph, or inside a span already highlighted
                continue
            runs.append(str(escape(text[pos:lo])))
            verdict = min((verdict_key(c) for c in claims), key=SEVERITY.index)
            first = escape(claims[0].id)
            ids = escape(" ".join(c.id for c in claims))
            title = "; ".join(VERDICT_TEXT[verdict_key(c)] for c in claims)
            runs.append(
                f'<a class="hl hl-{verdict}" href="#claim-{first}" data-claim="{first}" data-claims="{ids}" '
                f'title="{escape(title)}" aria-describedby="claim-{first}-label">{escape(text[lo:hi])}</a>'
            )
            pos = hi
        runs.append(str(escape(text[pos:])))
        out.append({"index": i, "offset": start_of, "html": Markup("".join(runs))})
    return out


def verdict_counts(report: Report) -> dict[str, int]:
    counts = {k: 0 for k in VERDICT_TEXT}
    for claim in report.claims:
        counts[verdict_key(claim)] += 1
    return {k: v for k, v in counts.items() if v}


def comment_claims_by_index(report: Report) -> dict[int, list[Claim]]:
    out: dict[int, list[Claim]] = {}
    for claim in report.comment_claims:
        if claim.comment_index is not None:
            out.setdefault(claim.comment_index, []).append(claim)
    return out


def percent(value: float | None) -> str:
    return "" if value is None else f"{round(100 * float(value))}%"


def when(value: str | None) -> str:
    """An ISO timestamp as a reader reads it: ``25 Nov 2026, 02:00 UTC`` (unparsable text as is)."""
    from datetime import datetime

    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if len(str(value)) <= 10:
        return moment.strftime("%-d %b %Y")
    zone = " UTC" if moment.utcoffset() is not None and moment.utcoffset().total_seconds() == 0 else ""
    return moment.strftime("%-d %b %Y, %H:%M") + zone
