"""How much a piece of evidence weighs: relevance, source trust, recency, and prior fact-check ratings.

Each piece of evidence has stance probabilities (model, corrected by the alignment checks) and a
weight = relevance × source trust × recency (:class:`ScoredEvidence`); the claim-level decision that
reads them is :mod:`factdesk.verify.decide`.

>>> source_weight("claimreview"), source_weight("wikipedia"), source_weight("feed")
(1.0, 0.9, 0.75)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

#: source name → trust (prior fact-check > encyclopedia/official > news > unknown)
SOURCE_WEIGHTS: dict[str, float] = {
    "claimreview": 1.0, "prior_fact_check": 1.0,
    "wikipedia": 0.9, "wikipedia-dump": 0.9, "official": 0.9, "encyclopedia": 0.9,
    "local": 0.85,
    "news": 0.75, "feed": 0.75, "gdelt": 0.75, "web": 0.7,
    "unknown": 0.6,
}
_OFFICIAL_URL = re.compile(r"^https?://([^/]+\.)?(gov|gouv|gob|govt|mil|int|europa\.eu|who\.int|un\.org)(\.[a-z]{2})?(/|$)")

#: prior fact-check ratings (lower case, substring) → stance
RATING_STANCES: list[tuple[str, str]] = [
    ("half", "mixed"), ("mixture", "mixed"), ("mixed", "mixed"), ("partly", "mixed"), ("misleading", "refutes"),
    ("mostly false", "refutes"), ("mostly true", "supports"), ("pants on fire", "refutes"), ("false", "refutes"),
    ("fake", "refutes"), ("incorrect", "refutes"), ("wrong", "refutes"), ("inaccurate", "refutes"),
    ("untrue", "refutes"), ("not true", "refutes"), ("hoax", "refutes"), ("correct", "supports"),
    ("accurate", "supports"), ("true", "supports"), ("right", "supports"),
]


def source_weight(source: str | None, url: str | None = None) -> float:
    if url and _OFFICIAL_URL.match(url.lower()):
        return SOURCE_WEIGHTS["official"]
    return SOURCE_WEIGHTS.get((source or "unknown").lower(), SOURCE_WEIGHTS["unknown"])


def rating_stance(rating: str) -> str:
    """``False`` → refutes, ``Mostly true`` → supports, ``Half true`` → mixed, unknown → neutral."""
    low = rating.lower()
    for key, stance in RATING_STANCES:
        if key in low:
            return stance
    return "neutral"


def recency_weight(published: str | None, today: date | None = None, half_life_years: float = 8.0) -> float:
    """1.0 for undated or recent evidence, decaying slowly (never below 0.6) with age."""
    if not published:
        return 1.0
    try:
        d = datetime.fromisoformat(published.replace("Z", "+00:00")[:19]).date()
    except ValueError:
        m = re.match(r"(\d{4})", published)
        if not m:
            return 1.0
        d = date(int(m.group(1)), 6, 30)
    age = max(0.0, ((today or date.today()) - d).days / 365.25)
    return max(0.6, 0.5 ** (age / half_life_years))


def relevance(cosine: float, overlap: float, retrieval: float | None = None) -> float:
    """0–1: how much the passage is about the claim (embedding cosine and shared content words)."""
    r = max(min(1.0, max(0.0, (cosine - 0.3) / 0.4)), min(1.0, overlap * 1.1))
    if retrieval is not None:
        r = 0.85 * r + 0.15 * retrieval
    return r


@dataclass
class ScoredEvidence:
    """Everything aggregation needs about one passage."""

    key: int
    probs: dict[str, float]  # supports / refutes / neutral
    relevance: float
    trust: float
    recency: float = 1.0
    checks: list[str] = field(default_factory=list)

    @property
    def weight(self) -> float:
        return self.relevance * self.trust * self.recency

    def side(self) -> str:
        return max(self.probs, key=self.probs.get)  # type: ignore[arg-type]
