"""Helpers shared by the report renderers: verdict vocabulary, counts and body highlights.

Each renderer formats the same facts; this module decides what those facts are, once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from factdesk.models import VERDICT_LABELS, Claim, Report

#: How a verdict label is spoken to a reader.
LABEL_TEXT: dict[str, str] = {
    "supported": "Supported",
    "refuted": "Refuted",
    "mixed": "Mixed",
    "not_enough_evidence": "Not enough evidence",
}
UNCHECKED_TEXT = "Not checked"

#: One colour per verdict, shared by the terminal (rich names) and HTML (CSS hex).
LABEL_RICH_STYLE: dict[str, str] = {
    "supported": "bold green",
    "refuted": "bold red",
    "mixed": "bold yellow",
    "not_enough_evidence": "bold blue",
}

COMMENT_FLAG_TEXT: dict[str, str] = {
    "generic": "generic",
    "templated": "templated",
    "near_duplicate": "near duplicate",
    "machine_written": "machine-written",
    "coordinated": "coordinated",
}


def label_key(claim: Claim) -> str:
    """``supported`` … ``not_enough_evidence`` for a verdict, ``unchecked`` otherwise.

    >>> from factdesk.models import Claim
    >>> label_key(Claim(id="x", text="t", sentence="t", span=(0, 1), paragraph=0,
    ...                 checkworthiness=0.1, checked=False))
    'unchecked'
    """
    if claim.verdict is not None:
        return claim.verdict.label
    return "unchecked" if not claim.checked else "pending"


def label_text(claim: Claim) -> str:
    key = label_key(claim)
    if key == "pending":
        return "No verdict"
    return LABEL_TEXT.get(key, UNCHECKED_TEXT)


def verdict_counts(report: Report) -> dict[str, int]:
    """Number of claims per verdict label (every label present, zeros included), plus ``unchecked``."""
    counts = Counter(label_key(c) for c in report.claims)
    out = {label: counts.get(label, 0) for label in VERDICT_LABELS}
    out["unchecked"] = counts.get("unchecked", 0)
    if counts.get("pending"):
        out["pending"] = counts["pending"]
    return out


def one_line(text: str) -> str:
    """Collapse whitespace so that text from the page cannot break a table row or a heading."""
    return " ".join(str(text).split())


@dataclass
class Segment:
    """A run of paragraph text; ``claims`` are the claims whose sentence covers it."""

    text: str
    claims: list[Claim] = field(default_factory=list)

    @property
    def lead(self) -> Claim | None:
        """The claim the highlight shows: a checked claim with a verdict first, then any claim."""
        for c in self.claims:
            if c.verdict is not None:
                return c
        return self.claims[0] if self.claims else None


def paragraph_segments(report: Report) -> list[list[Segment]]:
    """Split each body paragraph at claim span boundaries (spans are offsets into ``Article.body``).

    Overlapping claims (atomic claims of one sentence share its span) fall in the same segments.
    Spans outside the body are clipped, empty or inverted spans ignored.
    """
    article = report.article
    offsets = article.paragraph_offsets()
    result: list[list[Segment]] = []
    claims = [c for c in report.claims if c.origin == "article"]
    for p_index, (start, para) in enumerate(zip(offsets, article.paragraphs)):
        end = start + len(para)
        local = []
        for c in claims:
            s, e = max(c.span[0], start), min(c.span[1], end)
            if e > s:
                local.append((s - start, e - start, c))
        cuts = sorted({0, len(para), *(s for s, _, _ in local), *(e for _, e, _ in local)})
        segments: list[Segment] = []
        for a, b in zip(cuts, cuts[1:]):
            covering = [c for s, e, c in local if s <= a and b <= e]
            segments.append(Segment(para[a:b], covering))
        result.append(segments or [Segment(para)])
    return result
