"""The nouns of factdesk.

Every stage speaks in these types; a newcomer reads this file first. The JSON report
(`Report.model_dump(mode="json")`) is a public contract: fields named here keep their names.

Spans are character offsets into ``Article.body`` (the paragraphs joined by a blank line).
"""

from __future__ import annotations

import hashlib
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from factdesk import __version__

PARAGRAPH_SEPARATOR = "\n\n"

CommentFlag = Literal["generic", "templated", "near_duplicate", "machine_written", "coordinated"]
COMMENT_FLAGS: tuple[str, ...] = ("generic", "templated", "near_duplicate", "machine_written", "coordinated")

ClaimType = Literal[
    "quote",
    "attribution",
    "number",
    "date",
    "event",
    "causal",
    "comparison",
    "factual",
    "opinion",
    "prediction",
    "rhetorical",
]
#: Claim types that are reported but never checked.
UNCHECKED_TYPES: frozenset[str] = frozenset({"opinion", "prediction", "rhetorical"})

Stance = Literal["supports", "refutes", "neutral"]
VerdictLabel = Literal["supported", "refuted", "mixed", "not_enough_evidence"]
VERDICT_LABELS: tuple[str, ...] = ("supported", "refuted", "mixed", "not_enough_evidence")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Comment(_Model):
    """One reader comment under an article."""

    index: int = Field(description="0-based position in the comment section")
    author: str | None = None
    posted: str | None = Field(default=None, description="timestamp as shown on the page, ISO 8601 when parsed")
    text: str
    reply_to: int | None = Field(default=None, description="index of the comment this one replies to (threads)")
    flags: list[CommentFlag] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)
    scores: dict[str, float] = Field(
        default_factory=dict, description="per-signal scores, e.g. machine_written likelihood, specificity"
    )
    cluster: int | None = Field(default=None, description="coordinated cluster id, if any")


class Article(_Model):
    """An ingested article: what a reader reads, without the page chrome."""

    title: str
    url: str | None = None
    published: str | None = Field(default=None, description="ISO 8601 date or datetime")
    author: str | None = None
    language: str | None = None
    paragraphs: list[str]
    comments: list[Comment] = Field(default_factory=list)
    links: list[str] = Field(default_factory=list, description="URLs cited in the article body")
    chrome: list[str] = Field(default_factory=list, description="page lines recognised as chrome and dropped")
    source_kind: Literal["text", "html", "url", "json"] = "text"

    @property
    def body(self) -> str:
        return PARAGRAPH_SEPARATOR.join(self.paragraphs)

    def paragraph_offsets(self) -> list[int]:
        """Start offset of each paragraph inside ``body``."""
        offsets, pos = [], 0
        for p in self.paragraphs:
            offsets.append(pos)
            pos += len(p) + len(PARAGRAPH_SEPARATOR)
        return offsets

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)

    def content_hash(self) -> str:
        h = hashlib.sha256()
        h.update(self.title.encode())
        for p in self.paragraphs:
            h.update(b"\x00" + p.encode())
        return h.hexdigest()


class Document(_Model):
    """A document to put in the evidence store (before it is split into passages)."""

    id: str
    url: str | None = None
    title: str | None = None
    text: str
    published: str | None = None
    source: str = "local"
    publisher: str | None = None


class Passage(_Model):
    """A sentence-level piece of a stored document: the unit of evidence."""

    id: str
    doc_id: str
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str = "local"
    publisher: str | None = None
    position: int = Field(0, description="sentence index inside the document")
    context: str | None = Field(default=None, description="neighbouring sentences, for reading")


class ScoredPassage(_Model):
    """A passage as retrieval found it, with both signals kept so a verdict can show why."""

    passage: Passage
    score: float = Field(description="fused score (reciprocal rank fusion or rerank)")
    bm25: float | None = None
    dense: float | None = None
    bm25_rank: int | None = None
    dense_rank: int | None = None


class Evidence(_Model):
    """A cited evidence sentence with the stance it takes on a claim."""

    text: str
    url: str | None = None
    title: str | None = None
    source: str
    stance: Stance
    score: float = Field(description="weight of this evidence in the verdict, 0-1")
    published: str | None = None
    publisher: str | None = None
    passage_id: str | None = None
    retrieval: dict[str, float | None] = Field(default_factory=dict, description="bm25, dense, fused scores")
    stance_probs: dict[str, float] = Field(default_factory=dict)
    checks: list[str] = Field(default_factory=list, description="alignment findings (numbers, dates, names, quotes)")


class PriorFactCheck(_Model):
    """A fact-check someone already published (schema.org ClaimReview)."""

    claim_reviewed: str
    rating: str
    publisher: str | None = None
    url: str | None = None
    date: str | None = None
    claimant: str | None = None
    similarity: float = 0.0
    source: str = "claimreview"


class Verdict(_Model):
    label: VerdictLabel
    confidence: float = Field(ge=0.0, le=1.0, description="calibrated probability that the label is right")
    confidence_level: Literal["low", "medium", "high"] | None = Field(
        default=None, description="the confidence in words: low below 0.6, medium below 0.8, high from 0.8")
    undecided: Literal["nothing_relevant", "unsettled"] | None = Field(
        default=None, description="for not_enough_evidence: nothing relevant was found, or relevant sources "
                                  "were found and none settles the claim")
    rationale: str
    evidence: list[Evidence] = Field(default_factory=list)
    prior_fact_checks: list[PriorFactCheck] = Field(default_factory=list)
    quote_check: dict[str, Any] | None = Field(
        default=None, description="for quote claims: match kind (verbatim/trimmed/paraphrased/altered/not_found)"
    )


class Claim(_Model):
    id: str = Field(description="stable hash of the claim text and its position")
    text: str = Field(description="self-contained claim (pronouns and references resolved)")
    sentence: str = Field(description="the original sentence")
    span: tuple[int, int] = Field(description="character span of the sentence in Article.body")
    paragraph: int
    type: ClaimType = "factual"
    speaker: str | None = None
    quote: str | None = Field(default=None, description="the quoted words, for quote / attribution claims")
    entities: list[dict[str, str]] = Field(default_factory=list, description="[{text, label}]")
    numbers: list[str] = Field(default_factory=list)
    dates: list[str] = Field(default_factory=list, description="absolute dates (ISO) where known")
    checkworthiness: float = Field(ge=0.0, le=1.0)
    checked: bool
    reason: str | None = Field(default=None, description="why the claim is not checked")
    origin: Literal["article", "comment"] = "article"
    comment_index: int | None = None
    group: int | None = Field(default=None, description="index of the sentence the claim was cut from (in the "
                              "article, or in its comment): the one-fact claims of one sentence share it")
    verdict: Verdict | None = None

    @staticmethod
    def make_id(text: str, span: tuple[int, int], origin: str = "article") -> str:
        return hashlib.sha1(f"{origin}|{span[0]}|{span[1]}|{text}".encode()).hexdigest()[:16]


class TechniqueSpan(_Model):
    technique: str
    span: tuple[int, int]
    text: str
    explanation: str
    score: float = 1.0
    shown: bool = Field(default=True, description="false: below the operating point measured precise enough "
                        "(span and technique precision >= 0.6 on held-out articles); kept for audits, never shown to readers")


class QuotedVoice(_Model):
    speaker: str
    role: str | None = None
    direct_quotes: int = 0
    indirect_quotes: int = 0
    words: int = 0


class Analysis(_Model):
    summary: str = ""
    techniques: list[TechniqueSpan] = Field(default_factory=list)
    voices: list[QuotedVoice] = Field(default_factory=list)
    vague_attributions: list[dict[str, Any]] = Field(default_factory=list)
    unattributed_claims: list[str] = Field(default_factory=list, description="claim ids with no attribution")
    headline: dict[str, Any] = Field(default_factory=dict)
    comments: dict[str, Any] = Field(default_factory=dict, description="comment-section summary")
    extra: dict[str, Any] = Field(default_factory=dict)


class ClaimsReport(_Model):
    """The result of checking claims without an article (``factdesk verify``, ``POST /api/claims``):
    one claim per text given, in order, each with its verdict."""

    claims: list[Claim] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    version: str = __version__
    created: str | None = None
    timings: dict[str, float] = Field(default_factory=dict, description="seconds per stage")

    def to_json(self, **kw: Any) -> str:
        return self.model_dump_json(indent=2, **kw)


class Report(_Model):
    article: Article
    claims: list[Claim] = Field(default_factory=list)
    comment_claims: list[Claim] = Field(default_factory=list, description="reader claims found in comments")
    analysis: Analysis = Field(default_factory=Analysis)
    warnings: list[str] = Field(default_factory=list)
    version: str = __version__
    created: str | None = None
    timings: dict[str, float] = Field(default_factory=dict, description="seconds per stage")

    def to_json(self, **kw: Any) -> str:
        return self.model_dump_json(indent=2, **kw)
