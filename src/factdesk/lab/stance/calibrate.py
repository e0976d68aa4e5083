"""Claim-level calibration and evaluation of the whole verifier on Climate-FEVER claims.

Each Climate-FEVER claim comes with five Wikipedia sentences and a claim label (SUPPORTS, REFUTES,
DISPUTED = mixed, NOT_ENOUGH_INFO). The verifier runs on the five sentences as candidates. The
confidence curve (logistic in the decision margin) is fitted on claims of the *calibration slice*
(training groups the stance model was not fitted on) and reported on the dev claims, with ECE before
and after.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from factdesk.models import Claim, Passage, ScoredPassage
from factdesk.verify.aggregate import Aggregator, Decision, ScoredEvidence
from factdesk.lab.stance.data import hash_split, shared_data_dir
from factdesk.lab.stance.metrics import accuracy, ece, macro_f1

LABEL = {"SUPPORTS": "supported", "REFUTES": "refuted", "DISPUTED": "mixed", "NOT_ENOUGH_INFO": "not_enough_evidence"}
VERDICTS = ("supported", "refuted", "mixed", "not_enough_evidence")


def climate_claims(root: Path | None = None) -> tuple[list, list]:
    """(calibration claims, dev claims) as (Claim, candidates, gold label)."""
    path = (root or shared_data_dir()) / "climate-fever" / "climate-fever.jsonl"
    calib, dev = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        group = "cf" + r["claim_id"]
        side = hash_split(group)
        if side == "train" and hash_split("calib" + group, 0.1) != "dev":
            continue
        claim = Claim(id=group, text=r["claim"], sentence=r["claim"], span=(0, len(r["claim"])), paragraph=0,
                      checkworthiness=0.9, checked=True)
        cands = [ScoredPassage(passage=Passage(id=f"{group}-{j}", doc_id=e["article"], text=e["evidence"],
                                               title=e["article"], source="wikipedia"), score=1 / (60 + j))
                 for j, e in enumerate(r["evidences"])]
        (dev if side == "dev" else calib).append((claim, cands, LABEL[r["claim_label"]]))
    return calib, dev


def _run(verifier, items) -> tuple[list[str], np.ndarray, np.ndarray]:
    claims = [c for c, _, _ in items]
    verdicts = verifier.verify_many(claims, {c.id: cands for c, cands, _ in items}, {})
    pred = [verdicts[c.id].label for c in claims]
    conf = np.array([verdicts[c.id].confidence for c in claims])
    return pred, conf, np.array([g for _, _, g in items])


@dataclass
class RecordingAggregator(Aggregator):
    """An aggregator that remembers every decision it makes: calibration reads their margins."""

    decisions: list[Decision] = field(default_factory=list, repr=False)

    def decide(self, evidence: list[ScoredEvidence]) -> Decision:
        decision = super().decide(evidence)
        self.decisions.append(decision)
        return decision


def _margins(verifier_with, base: Aggregator, items) -> tuple[list[str], np.ndarray]:
    """The aggregator's label and raw margin for each claim (before the confidence curve)."""
    recording = RecordingAggregator(**asdict(base))
    verifier_with(recording).verify_many([c for c, _, _ in items], {c.id: cands for c, cands, _ in items}, {})
    labels, margins = [], []
    for d in recording.decisions:
        labels.append(d.label)
        top, low = max(d.support, d.refute), min(d.support, d.refute)
        margins.append(base.min_score - top if d.label == "not_enough_evidence" else
                       low if d.label == "mixed" else top - low)
    return labels, np.array(margins)


def _fit(x: np.ndarray, y: np.ndarray, default: tuple[float, float]) -> tuple[float, float]:
    if len(x) < 15 or y.min() == y.max():
        return default
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=10.0).fit(x.reshape(-1, 1), y)
    a, b = float(lr.coef_[0, 0]), float(lr.intercept_[0])
    if a < 0:  # a larger margin must never mean less confidence: fall back to the base rate
        p = float(np.clip(y.mean(), 0.05, 0.95))
        return 0.0, float(np.log(p / (1 - p)))
    return a, b


def calibrate(embedder, model, cross=None, root: Path | None = None) -> dict:
    """Fit the confidence curves on calibration claims; return params and dev figures (before/after).

    The verifier runs the head ``model`` (and the cross-encoder ``cross``, for the cascade) over
    ``embedder``'s vectors: first with the aggregator fitted with the models (before), then with one
    that records its decisions (the calibration claims), then with the fitted parameters (after).
    """
    from factdesk.verify.verifier import Verifier, fitted_aggregator

    def verifier_with(aggregator: Aggregator) -> Verifier:
        return Verifier(embedder, model, cross, aggregator)

    calib, dev = climate_claims(root)
    agg = fitted_aggregator(model, cross)
    before_pred, before_conf, gold_dev = _run(verifier_with(agg), dev)
    thresholds = {"min_score": agg.min_score, "mixed_floor": agg.mixed_floor, "mixed_ratio": agg.mixed_ratio}
    labels, margins = _margins(verifier_with, agg, calib)
    gold_cal = np.array([g for _, _, g in calib])
    correct = np.array([lab == g for lab, g in zip(labels, gold_cal)], dtype=float)
    nee = np.array([lab == "not_enough_evidence" for lab in labels])
    a, b = _fit(margins[~nee], correct[~nee], (agg.calib_a, agg.calib_b))
    na, nb = _fit(margins[nee], correct[nee], (agg.nee_a, agg.nee_b))
    params = {**thresholds, "calib_a": round(a, 4), "calib_b": round(b, 4), "nee_a": round(na, 4), "nee_b": round(nb, 4)}
    pred, conf, _ = _run(verifier_with(Aggregator(**params)), dev)
    ok_before = np.array([p == g for p, g in zip(before_pred, gold_dev)], dtype=float)
    ok = np.array([p == g for p, g in zip(pred, gold_dev)], dtype=float)
    return {
        "params": params,
        "calibration_claims": len(calib),
        "dev_claims": len(dev),
        "dev": {
            "accuracy_before": round(accuracy(list(gold_dev), before_pred), 4),
            "accuracy": round(accuracy(list(gold_dev), pred), 4),
            "macro_f1": round(macro_f1(list(gold_dev), pred, VERDICTS), 4),
            "ece_before": round(ece(before_conf, ok_before), 4),
            "ece_after": round(ece(conf, ok), 4),
            "predicted": {v: pred.count(v) for v in VERDICTS},
            "gold": {v: int((gold_dev == v).sum()) for v in VERDICTS},
            "majority_accuracy": round(float((gold_dev == "supported").mean()), 4),
        },
    }
