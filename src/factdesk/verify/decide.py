"""The claim-level decision: from every weighed passage to one verdict, a calibrated probability and
the reason a claim stays undecided.

Pair-level stance is not a verdict: most errors happen around the model (Schuster et al. 2019; our own
claim-level measurements). So the verdict is a small multinomial logistic model over features of the
claim's whole evidence — the strongest support and refutation weighed by relevance and trust, how
many relevant passages there are, whether a like-with-like frame check agrees or disagrees, a prior
fact-check — trained on claim-level development decisions (``factdesk train verdict``), then read
with per-label thresholds chosen for precision: a refutation the evidence does not carry firmly
becomes "not enough evidence", with the reason.

>>> model = VerdictModel.default()
>>> model.decide([]).label
'not_enough_evidence'
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

LABELS = ("supported", "refuted", "mixed", "not_enough_evidence")
#: a passage at least this relevant is "about the claim" (nothing-relevant vs none-settles-it)
RELEVANT = 0.45
FEATURE_NAMES = (
    "max_support", "max_refute", "max_neutral", "support_or", "refute_or", "max_relevance", "max_cosine",
    "support_top5", "refute_top5", "relevant_count", "top_support", "top_refute", "max_overlap",
    "second_support", "second_refute", "top_neutral", "frame_disagree", "frame_agree", "prior_stance",
    "support_refute_min",
)


@dataclass
class PairEvidence:
    """One passage as the decision sees it (after the alignment corrections)."""

    probs: tuple[float, float, float]  # supports, refutes, neutral
    relevance: float
    trust: float = 1.0
    recency: float = 1.0
    cosine: float = 0.0
    overlap: float = 0.0
    frame_agree: int = 0
    frame_disagree: int = 0
    prior: bool = False  # a prior fact-check, not a passage
    #: when this passage is the source of a quote claim's words: verbatim / trimmed / paraphrased /
    #: altered / not_found, or "misattributed" when it gives the words to someone else
    quote: str | None = None
    #: for a passage whose frames compared a value of the claim: the share of the claim's other content
    #: words (those values left out) that the passage, its title and the sentence before it hold
    restates: float = 0.0
    #: the claim's values (their character spans) that the passage's frames confirmed and contradicted
    agreed: tuple = ()
    disagreed: tuple = ()
    #: "yes" or "no" when the passage answers a yes/no question that restates the claim (``answers``)
    answer: str | None = None

    @property
    def weight(self) -> float:
        return self.relevance * self.trust * self.recency


def features(pairs: list[PairEvidence]) -> np.ndarray:
    """The claim-level features (``FEATURE_NAMES``) of one claim's evidence."""
    f = np.zeros(len(FEATURE_NAMES))
    passages = [p for p in pairs if not p.prior]
    priors = [p for p in pairs if p.prior]
    if priors:
        best = max(priors, key=lambda p: p.relevance)
        f[18] = (best.probs[0] - best.probs[1]) * best.relevance
    if not passages:
        return f
    probs = np.array([p.probs for p in passages], dtype=float)
    w = np.array([p.weight for p in passages])
    rel = np.array([p.relevance for p in passages])
    ws = w[:, None] * probs
    order = np.argsort(-rel, kind="stable")
    top = order[:5]
    sup, ref = np.sort(ws[:, 0]), np.sort(ws[:, 1])
    f[0], f[1], f[2] = ws[:, 0].max(), ws[:, 1].max(), ws[:, 2].max()
    f[3] = 1 - np.prod(1 - ws[:, 0] * (probs[:, 0] >= 0.5))
    f[4] = 1 - np.prod(1 - ws[:, 1] * (probs[:, 1] >= 0.5))
    f[5] = rel.max()
    f[6] = max(p.cosine for p in passages)
    f[7], f[8] = ws[top, 0].sum(), ws[top, 1].sum()
    f[9] = float((rel >= RELEVANT).sum()) / 10.0
    f[10], f[11], f[15] = probs[order[0], 0], probs[order[0], 1], probs[order[0], 2]
    f[12] = max(p.overlap for p in passages)
    f[13] = sup[-2] if len(sup) > 1 else 0.0
    f[14] = ref[-2] if len(ref) > 1 else 0.0
    f[16] = float(any(p.frame_disagree and p.relevance >= RELEVANT for p in passages))
    f[17] = float(any(p.frame_agree and not p.frame_disagree and p.relevance >= RELEVANT for p in passages))
    f[19] = min(f[0], f[1])
    return f


@dataclass
class Decision:
    label: str
    confidence: float
    probabilities: dict[str, float]
    #: for not_enough_evidence: "nothing_relevant" (no passage is about the claim) or "unsettled"
    #: (relevant sources found, none settles it); else None
    reason: str | None = None


#: a prior fact-check this close to the claim decides (unless the sources' own values conflict)
PRIOR_DECIDES = 0.85
#: a passage restating this share of the claim's other content words (``PairEvidence.restates``) that
#: states another value for the claim's subject and attribute refutes it. Measured on the 474 claims of
#: the 41 development article cases with no source confirming the value: at 0.6, 42 of the 46 such
#: claims were false; at 0.5, 46 of 50; at 0.4, 47 of 54; at 0.3, 51 of 60 (the shared sets' dev claims:
#: at 0.5 one Climate-FEVER claim more called false, whose gold is "mixed", one more rightly)
RESTATES_REFUTES = 0.5
#: the same for a passage that states the claim's own value, no source disagreeing (development claims:
#: 32 of 36 such claims were true at 0.6; at 0.3, 35 of 40. On the 25 development article cases, 0.4
#: turned two more needles right and none wrong; the shared sets' dev claims were unchanged)
RESTATES_SUPPORTS: float | None = 0.4


#: how sure a "No" to a question restating the claim makes a refutation: 54 of 63 on the AVeriTeC
#: development claims (``factdesk.verify.answers``)
ANSWERED_NO = 0.85


def _same_value_both_ways(agree: list[PairEvidence], disagree: list[PairEvidence]) -> bool:
    """Sources conflict about one value of the claim (one confirms its £4.2 million, another says £5.1
    million), not about two (its cost confirmed, its opening date wrong: one detail false). Evidence
    weighed before the values were recorded counts as a conflict, as it did then."""
    confirmed = {tuple(v) for x in agree for v in x.agreed}
    denied = {tuple(v) for x in disagree for v in x.disagreed}
    return not confirmed or not denied or bool(confirmed & denied)


def _denied_unconfirmed(passage: PairEvidence, agree: list[PairEvidence]) -> bool:
    """The passage contradicts a value of the claim that no agreeing source confirms. Evidence weighed
    before the values were recorded counts only when no source agrees, as it did then."""
    denied = {tuple(v) for v in passage.disagreed}
    if not denied:
        return not agree
    return bool(denied - {tuple(v) for x in agree for v in x.agreed})


def _rules(pairs: list[PairEvidence], probs: dict[str, float]) -> Decision | None:
    """What is settled before the model: sources that state conflicting values for the claim's subject
    and attribute (one confirms the claim's value, another states another one, each restating the
    claim) are "mixed"; a prior fact-check of the same claim decides its side; a quote whose source
    records other words, a source answering "No" to a question that restates the claim, and a passage
    that restates the claim with another value for its subject and attribute (a value no source confirms)
    refute it; a passage that restates it with its own value (and no source states another) supports it."""
    agree = [x for x in pairs if x.frame_agree and not x.frame_disagree and x.relevance >= RELEVANT and not x.prior]
    disagree = [x for x in pairs if x.frame_disagree and x.relevance >= RELEVANT and not x.prior]
    if agree and disagree and _same_value_both_ways(agree, disagree):
        strength = min(max(x.probs[0] for x in agree), max(x.probs[1] for x in disagree))
        return Decision("mixed", float(min(0.85, strength)), probs)
    priors = [x for x in pairs if x.prior and x.relevance >= PRIOR_DECIDES and max(x.probs[:2]) >= 0.9]
    if priors:
        best = max(priors, key=lambda x: x.relevance)
        label = "supported" if best.probs[0] > best.probs[1] else "refuted"
        return Decision(label, float(min(0.95, best.relevance * max(best.probs[:2]))), probs)
    if any(x.quote == "altered" for x in pairs):  # the source records the speaker's words, and they differ
        return Decision("refuted", 0.85, probs)
    if not agree and any(x.answer == "no" and x.relevance >= RELEVANT for x in pairs):
        # a source answers "No" to a question that restates the claim (``factdesk.verify.answers``)
        return Decision("refuted", ANSWERED_NO, probs)
    if any(x.restates >= RESTATES_REFUTES and _denied_unconfirmed(x, agree) for x in disagree):
        # the passage restates the claim about the same subject and attribute, with another value (no source
        # confirming that value: a plant's cost confirmed does not save its wrong opening month)
        return Decision("refuted", 0.85, probs)
    if RESTATES_SUPPORTS is not None and not disagree and any(x.restates >= RESTATES_SUPPORTS for x in agree):
        # the passage restates the claim and states its value for the same subject and attribute
        return Decision("supported", 0.85, probs)
    return None


def confidence_words(p: float) -> str:
    """How sure, in words a reader understands: low below 0.6, medium below 0.8, high from 0.8."""
    return "high" if p >= 0.8 else "medium" if p >= 0.6 else "low"


@dataclass
class VerdictModel:
    """Multinomial logistic regression over standardised claim features, then per-label thresholds."""

    coef: np.ndarray  # (labels, features)
    intercept: np.ndarray  # (labels,)
    mean: np.ndarray
    scale: np.ndarray
    #: a label is given only when its probability reaches this; otherwise not_enough_evidence
    thresholds: dict[str, float] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)

    def probabilities(self, pairs: list[PairEvidence]) -> np.ndarray:
        x = (features(pairs) - self.mean) / self.scale
        z = self.coef @ x + self.intercept
        z = z - z.max()
        e = np.exp(z)
        return e / e.sum()

    def decide(self, pairs: list[PairEvidence]) -> Decision:
        p = self.probabilities(pairs)
        probs = {lab: round(float(v), 4) for lab, v in zip(LABELS, p)}
        ruled = _rules(pairs, probs)
        if ruled is not None:
            return ruled
        relevant = any(x.relevance >= RELEVANT and not x.prior for x in pairs) or any(x.prior for x in pairs)
        # the most probable label that clears its threshold; otherwise not enough evidence
        for i in np.argsort(-p, kind="stable"):
            lab = LABELS[i]
            if lab == "not_enough_evidence":
                break
            if p[i] >= self.thresholds.get(lab, 0.0):
                return Decision(lab, float(p[i]), probs)
        nee = float(p[LABELS.index("not_enough_evidence")])
        conf = max(nee, 1.0 - max(p[:3])) if relevant else max(nee, 0.9)
        return Decision("not_enough_evidence", float(conf), probs, "unsettled" if relevant else "nothing_relevant")

    # -- files ---------------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {"labels": list(LABELS), "features": list(FEATURE_NAMES), "coef": self.coef.round(6).tolist(),
                "intercept": self.intercept.round(6).tolist(), "mean": self.mean.round(6).tolist(),
                "scale": self.scale.round(6).tolist(), "thresholds": self.thresholds, "meta": self.meta}

    @classmethod
    def from_dict(cls, d: dict) -> "VerdictModel":
        if d.get("features") != list(FEATURE_NAMES) or d.get("labels") != list(LABELS):
            raise ValueError("verdict model was trained on other features or labels")
        return cls(np.array(d["coef"], dtype=float), np.array(d["intercept"], dtype=float),
                   np.array(d["mean"], dtype=float), np.array(d["scale"], dtype=float),
                   {k: float(v) for k, v in d.get("thresholds", {}).items()}, d.get("meta", {}))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path | None = None) -> "VerdictModel":
        path = Path(path) if path else default_verdict_path()
        if not path.is_file():
            return cls.default()
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))

    @classmethod
    def default(cls) -> "VerdictModel":
        """A hand-set model for when none was trained: support/refute follow the strongest weighed
        stance; nothing strong means not enough evidence."""
        n = len(FEATURE_NAMES)
        coef = np.zeros((4, n))
        coef[0, 0], coef[0, 1] = 8.0, -4.0
        coef[1, 1], coef[1, 0] = 8.0, -4.0
        coef[1, 16] = 2.0
        coef[2, 19] = 6.0
        intercept = np.array([-2.0, -2.5, -4.0, 0.0])
        return cls(coef, intercept, np.zeros(n), np.ones(n), {}, {"name": "hand-set default"})


def default_verdict_path() -> Path:
    from factdesk.modelpaths import ModelPaths

    return ModelPaths().usual_dir("verdict") / "verdict.json"
