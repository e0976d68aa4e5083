"""From scored evidence to one verdict: weights, the decision rule, and a calibrated confidence.

Each piece of evidence has stance probabilities (model, corrected by the alignment checks) and a
weight = relevance × source trust × recency. The claim's support score S and refute score R are
noisy-OR combinations of the weighted stances; then

- nothing relevant and strong (max(S, R) < ``min_score``) → ``not_enough_evidence`` (never a guess);
- both S and R strong and close → ``mixed``;
- otherwise the larger side wins.

Confidence maps the decision margin through a logistic curve fitted on claim-level data not used to
train the stance model (see :mod:`factdesk.lab.stance.calibrate`).

>>> source_weight("claimreview"), source_weight("wikipedia"), source_weight("feed")
(1.0, 0.9, 0.75)
"""

from __future__ import annotations

import math
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


@dataclass
class Decision:
    label: str
    support: float
    refute: float
    confidence: float


@dataclass
class Aggregator:
    min_score: float = 0.35
    side_floor: float = 0.5
    mixed_ratio: float = 0.6
    mixed_floor: float = 0.45
    #: logistic calibration of the margin: confidence = sigmoid(a * margin + b)
    calib_a: float = 4.0
    calib_b: float = -0.5
    nee_a: float = 4.0
    nee_b: float = 0.5

    def scores(self, evidence: list[ScoredEvidence]) -> tuple[float, float]:
        """Noisy-OR of the passages that take a side (their stance ≥ ``side_floor``): many weak,
        mostly-neutral passages do not add up to a stance."""
        s_keep, r_keep = 1.0, 1.0
        for e in evidence:
            sup, ref = e.probs.get("supports", 0.0), e.probs.get("refutes", 0.0)
            if sup >= self.side_floor:
                s_keep *= 1 - e.weight * sup
            if ref >= self.side_floor:
                r_keep *= 1 - e.weight * ref
        return 1 - s_keep, 1 - r_keep

    def decide(self, evidence: list[ScoredEvidence]) -> Decision:
        s, r = self.scores(evidence)
        top = max(s, r)
        if top < self.min_score:
            conf = _sigmoid(self.nee_a * (self.min_score - top) + self.nee_b)
            return Decision("not_enough_evidence", s, r, conf)
        if min(s, r) >= self.mixed_floor and min(s, r) / top >= self.mixed_ratio:
            return Decision("mixed", s, r, _sigmoid(self.calib_a * min(s, r) + self.calib_b))
        label = "supported" if s >= r else "refuted"
        margin = top - min(s, r)
        return Decision(label, s, r, _sigmoid(self.calib_a * margin + self.calib_b))


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))
