"""The claim highlighter: each body paragraph cut into plain text and highlighted claims.

Claim spans are character offsets into ``Article.body`` (paragraphs joined by a blank line); the claims
cut from one sentence share its span. :func:`paragraph_runs` cuts every paragraph into :class:`Run` s:
inside a sentence that holds several claims, each claim's own words (found by
:func:`factdesk.report.locate.sentence_parts`) are a run of their own, so a sentence can show a refuted
and a supported part. :func:`highlighted_paragraphs` turns the runs into the HTML that the standalone
report and the web page both show, escaping every run here, so a template only ever receives
``Markup`` built from escaped text. Each sentence with claims is one ``span.sent``, each claim part a
link to its claim's card:

``<span class="sent" data-sentence="120"><mark class="v-refuted"><a class="hl hl-refuted" href="#claim-ID"
data-claim="ID" data-claims="ID" title="Refuted" aria-describedby="claim-ID-label">the refuted part</a></mark>
and <mark class="v-supported">…</mark></span>``

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
from factdesk.report.locate import sentence_parts
from factdesk.report.vocabulary import most_serious, verdict_key, verdict_text


@dataclass(frozen=True)
class Run:
    """A run of paragraph text; ``claims`` are the claims highlighted on it (none for plain text);
    ``sentence`` is the body offset of the claims' sentence the run lies in (``None`` outside one)."""

    text: str
    claims: tuple[Claim, ...] = ()
    sentence: int | None = None

    @property
    def key(self) -> str | None:
        """The verdict key the highlight shows: the most serious of its claims' (``None`` for plain text)."""
        return most_serious([verdict_key(c) for c in self.claims]) if self.claims else None


def paragraph_runs(report: Report) -> list[list[Run]]:
    """Every body paragraph as runs, in order; joined, a paragraph's runs are its text unchanged.

    Claims with the same span (the one-fact claims of one sentence) are placed inside it by their
    words, each part highlighted for the claims it holds; a span overlapping an earlier one keeps only
    its part after it; spans outside their claim's paragraph are clipped to it, empty ones ignored."""
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
            sentence = text[lo:hi]
            for a, b, claims in sentence_parts(sentence, by_span[key]):
                runs.append(Run(sentence[a:b], claims, start_of + lo))
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


def _paragraph_html(runs: list[Run]) -> str:
    out: list[str] = []
    current: int | None = None
    for run in runs:
        if run.sentence != current:
            if current is not None:
                out.append("</span>")
            if run.sentence is not None:
                out.append(f'<span class="sent" data-sentence="{run.sentence}">')
            current = run.sentence
        out.append(_html(run))
    if current is not None:
        out.append("</span>")
    return "".join(out)


def highlighted_paragraphs(report: Report) -> list[dict[str, Any]]:
    """One entry per paragraph: ``{"index", "offset", "html"}``, the claims in it highlighted and linked
    to their card (``#claim-<id>``)."""
    offsets = report.article.paragraph_offsets()
    return [
        {"index": i, "offset": offsets[i], "html": Markup(_paragraph_html(runs))}
        for i, runs in enumerate(paragraph_runs(report))
    ]

