"""The claim highlighter: each body paragraph cut into plain text and highlighted claims.

Claim spans are character offsets into ``Article.body`` (paragraphs joined by a blank line).
:func:`paragraph_runs` cuts every paragraph into :class:`Run` s; :func:`highlighted_paragraphs`
turns them into the HTML that the standalone report and the web page both show, escaping every
run here, so a template only ever receives ``Markup`` built from escaped text:

``<mark class="v-refuted"><a class="hl hl-refuted" href="#claim-ID" data-claim="ID" data-claims="ID ID2"
title="Refuted; Supported" aria-describedby="claim-ID-label">the sentence</a></mark>``

>>> from factdesk.models import Article, Report
>>> paragraphs = highlighted_paragraphs(Report(article=Article(title="T", paragraphs=["A <b>bold</b> claim."])))
>>> str(paragraphs[0]["html"])
'A &lt;b&gt;bold&lt;/b&gt; claim.'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from factdesk.models import Claim, Report
from factdesk.report.vocabulary import most_serious, verdict_key, verdict_text


@dataclass(frozen=True)
class Run:
    """A run of paragraph text; ``claims`` are the claims highlighted on it (none for plain text)."""

    text: str
    claims: tuple[Claim, ...] = ()

    @property
    def key(self) -> str | None:
        """The verdict key the highlight shows: the most serious of its claims' (``None`` for plain text)."""
        return most_serious([verdict_key(c) for c in self.claims]) if self.claims else None


def paragraph_runs(report: Report) -> list[list[Run]]:
    """Every body paragraph as runs, in order; joined, a paragraph's runs are its text unchanged.

    Claims with the same span (atomic claims split from one sentence) share one highlight; a span
    overlapping an earlier one keeps only its part after it; spans outside their claim's paragraph
    are clipped to it, empty ones ignored."""
    article = report.article
    offsets = article.paragraph_offsets()
    by_span: dict[tuple[int, int, int], list[Claim]] = {}
    for claim in report.claims:
        if claim.origin == "article" and 0 <= claim.paragraph < len(article.paragraphs):
            by_span.setdefault((claim.paragraph, claim.span[0], claim.span[1]), []).append(claim)
    out: list[list[Run]] = []
    for i, text in enumerate(article.paragraphs):
        start_of = offsets[i]
        runs: list[Run] = []
        pos = 0
        for key in sorted((k for k in by_span if k[0] == i), key=lambda k: (k[1], -k[2])):
            lo, hi = max(key[1] - start_of, pos), min(key[2] - start_of, len(text))
            if hi <= lo:  # outside this paragraph, or inside a span already highlighted
                continue
            if lo > pos:
                runs.append(Run(text[pos:lo]))
            runs.append(Run(text[lo:hi], tuple(by_span[key])))
            pos = hi
        if pos < len(text) or not runs:
            runs.append(Run(text[pos:]))
        out.append(runs)
    return out


def _html(run: Run) -> str:
    if not run.claims:
        return str(escape(run.text))
    key = run.key
    first = escape(run.claims[0].id)
    ids = escape(" ".join(c.id for c in run.claims))
    title = escape("; ".join(verdict_text(c) for c in run.claims))
    return (
        f'<mark class="v-{key}"><a class="hl hl-{key}" href="#claim-{first}" data-claim="{first}" '
        f'data-claims="{ids}" title="{title}" aria-describedby="claim-{first}-label">{escape(run.text)}</a></mark>'
    )


def highlighted_paragraphs(report: Report) -> list[dict[str, Any]]:
    """One entry per paragraph: ``{"index", "offset", "html"}``, the claims in it highlighted and linked
    to their card (``#claim-<id>``)."""
    offsets = report.article.paragraph_offsets()
    return [
        {"index": i, "offset": offsets[i], "html": Markup("".join(_html(run) for run in runs))}
        for i, runs in enumerate(paragraph_runs(report))
    ]

