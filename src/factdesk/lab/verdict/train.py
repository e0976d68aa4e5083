"""``factdesk train verdict``: fit the claim-level decision (:mod:`factdesk.verify.decide`) on development claims.

Pair-level stance is not a verdict. The decision reads features of a claim's whole weighed evidence;
this trainer collects them the way a check does (a store per set from its own evidence; the verifier's
``weigh``) for claims whose true verdict is known, fits a multinomial logistic regression, and picks
per-label thresholds for precision on out-of-fold predictions:

- the claim sets' development claims (SciFact, Climate-FEVER, AVeriTeC: the claims the stance models'
  data split keeps out of their training, so the models never saw them), and
- article cases (``--cases DIR``: a folder laid out as ``factdesk eval verdicts`` reads it; each
  checked claim holding a needle takes the needle's verdict).

Each set weighs the same in the fit (a set's claims share its weight), so the small sets count.
Thresholds: the most macro-F1 (mean over sets) less half the mean shortfall from the precision
targets ("refuted" ``refute_precision``, "supported" ``support_precision``, per set).
Reproducible: the folds are seeded; the model is a JSON file of weights (no pickle).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from factdesk.lab.eval.verdicts import (
    LABELS,
    Bench,
    ClaimSet,
    case_documents,
    default_sets,
    detect_layout,
    load_cases,
    load_claim_set,
    metrics,
)
from factdesk.verify.decide import FEATURE_NAMES, PairEvidence, VerdictModel, default_verdict_path, features


@dataclass
class Collected:
    """Claims with known verdicts: their weighed evidence, gold label and set."""

    pairs: list[list[PairEvidence]] = field(default_factory=list)
    gold: list[str] = field(default_factory=list)
    sets: list[str] = field(default_factory=list)

    def add(self, pairs: list[PairEvidence], gold: str, name: str) -> None:
        self.pairs.append(pairs)
        self.gold.append(gold)
        self.sets.append(name)

    def save(self, path: Path) -> None:
        """As JSON (the weighed evidence of every claim), so the decision can be refitted without
        verifying everything again."""
        rows = [{"gold": g, "set": s, "pairs": [asdict(p) for p in ps]} for ps, g, s in zip(self.pairs, self.gold, self.sets)]
        path.write_text(json.dumps(rows) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "Collected":
        out = cls()
        for row in json.loads(path.read_text(encoding="utf-8")):
            out.add([PairEvidence(**{**p, "probs": tuple(p["probs"])}) for p in row["pairs"]], row["gold"], row["set"])
        return out


def collect_claim_set(bench: Bench, cs: ClaimSet, out: Collected, progress=None) -> None:
    from factdesk.models import Article

    db = bench.store_for(cs.documents, cs.layout, cs.name, progress)
    with bench.runtime(db) as rt:
        for start in range(0, len(cs.claims), 64):
            batch = cs.claims[start:start + 64]
            claims = rt.claim_extractor.single([c.text for c in batch]).claims
            found = rt.evidence.gather(claims, Article(title="", paragraphs=[c.text for c in batch]),
                                       own_text_is_evidence=True)
            weighed = rt.verifier.weigh(claims, found.candidates, found.prior_fact_checks)
            for gc, claim in zip(batch, claims):
                out.add(weighed[claim.id].pairs, gc.gold, cs.name)
            if progress:
                progress(f"{cs.name}: weighed {min(start + 64, len(cs.claims))}/{len(cs.claims)} claims")


def collect_cases(bench: Bench, folder: Path, out: Collected, progress=None) -> None:
    from factdesk.ingest import load_article
    from factdesk.lab.eval.verdicts import _norm

    cases = load_cases(folder)
    for i, case in enumerate(cases, 1):
        db = bench.store_for(case_documents(case), "case", case.name, None)
        with bench.runtime(db) as rt:
            article = load_article(str(case.article), config=bench.config)
            claims = [c for c in rt.claim_extractor.run(article).claims if c.checked]
            found = rt.evidence.gather(claims, article)
            weighed = rt.verifier.weigh(claims, found.candidates, found.prior_fact_checks)
        for needle in case.needles:
            key = _norm(needle.needle)
            for c in claims:
                if key in _norm(c.text):
                    out.add(weighed[c.id].pairs, needle.verdict, folder.name)
        if progress:
            progress(f"{folder.name}: weighed {i}/{len(cases)} cases")


def _fit(X: np.ndarray, y: np.ndarray, w: np.ndarray, c: float) -> VerdictModel:
    from sklearn.linear_model import LogisticRegression

    mean, scale = X.mean(0), X.std(0)
    scale[scale < 1e-9] = 1.0
    present = sorted(set(y.tolist()))
    lr = LogisticRegression(C=c, max_iter=5000)
    lr.fit((X - mean) / scale, y, sample_weight=w)
    coef = np.full((len(LABELS), X.shape[1]), 0.0)
    intercept = np.full(len(LABELS), -30.0)  # a label never seen in training is never predicted
    for row, lab in enumerate(lr.classes_):
        coef[lab], intercept[lab] = lr.coef_[row], lr.intercept_[row]
    if len(present) == 2:  # sklearn's binary form: one row for the second class
        coef[present[0]], intercept[present[0]] = -lr.coef_[0] / 2, -lr.intercept_[0] / 2
        coef[present[1]], intercept[present[1]] = lr.coef_[0] / 2, lr.intercept_[0] / 2
    return VerdictModel(coef, intercept, mean, scale)


def _decide_all(rules: list, probs: np.ndarray, th: dict[str, float]) -> list[str]:
    """``VerdictModel.decide`` for many claims at once, from their rule outcomes and probabilities."""
    out = []
    nee = LABELS.index("not_enough_evidence")
    for rule, p in zip(rules, probs):
        if rule is not None:
            out.append(rule)
            continue
        label = "not_enough_evidence"
        for i in np.argsort(-p, kind="stable"):
            if i == nee:
                break
            if p[i] >= th.get(LABELS[i], 0.0):
                label = LABELS[i]
                break
        out.append(label)
    return out


#: a set's precision of a label holds the thresholds to its target only over at least this many calls (on
#: three "refuted" calls, one wrong one is a precision of 0.67 and says little)
MIN_CALLS = 10


def _shortfalls(m: dict, refute_precision: float, support_precision: float) -> list[float]:
    """How far one set's precision of "refuted" and "supported" falls short of its target (``metrics``
    output), counted only where the label is predicted at least ``MIN_CALLS`` times."""
    out = []
    for label, target in (("refuted", refute_precision), ("supported", support_precision)):
        calls = sum(row.get(label, 0) for row in m["confusion"].values())
        if label in m["precision"] and calls >= MIN_CALLS:
            out.append(max(0.0, target - m["precision"][label]))
    return out


def _choose_thresholds(oof: list[tuple[list, np.ndarray, list[int]]], data: Collected, refute_precision: float,
                       support_precision: float) -> tuple[dict[str, float], dict]:
    """The thresholds with the best mean macro-F1 over sets, less half the mean shortfall from the
    precision targets (a shortfall is the target less the precision, where the label is predicted at
    all): precision counts, but abstaining on nearly everything to reach an unreachable target does not
    win."""
    grid = [0.0, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]
    mixed_grid = [0.4, 0.5, 0.6, 0.99]
    names = sorted(set(data.sets))
    by_set = {name: [i for i, s in enumerate(data.sets) if s == name] for name in names}
    best, best_key = None, None
    for ts in grid:
        for tr in grid:
            for tm in mixed_grid:
                th = {"supported": ts, "refuted": tr, "mixed": tm}
                pred = [""] * len(data.gold)
                for rules, probs, idx in oof:
                    for i, lab in zip(idx, _decide_all(rules, probs, th)):
                        pred[i] = lab
                per = {name: metrics([data.gold[i] for i in ids], [pred[i] for i in ids]) for name, ids in by_set.items()}
                short = [x for m in per.values() for x in _shortfalls(m, refute_precision, support_precision)]
                f1 = float(np.mean([m["macro_f1"] for m in per.values()]))
                key = (round(f1 - 0.5 * float(np.mean(short or [0.0])), 4), f1)
                if best_key is None or key > best_key:
                    best_key, best = key, (th, per)
    return best  # type: ignore[return-value]


def train_verdict(data: Collected, *, seed: int = 13, c: float = 0.5, refute_precision: float = 0.9,
                  support_precision: float = 0.85, folds: int = 5, progress=print) -> tuple[VerdictModel, dict]:
    """Fit the decision on ``data``; out-of-fold figures choose the thresholds and are reported."""
    from sklearn.model_selection import StratifiedKFold

    X = np.array([features(p) for p in data.pairs])
    y = np.array([LABELS.index(g) for g in data.gold])
    sizes = Counter(data.sets)
    w = np.array([len(data.sets) / (len(sizes) * sizes[s]) for s in data.sets])
    strata = np.array([f"{s}|{g}" for s, g in zip(data.sets, data.gold)])
    counts = Counter(strata.tolist())
    strata = np.array([s if counts[s] >= folds else s.split("|")[0] for s in strata])
    from factdesk.verify.decide import _rules

    oof: list[tuple[list, np.ndarray, list[int]]] = []
    for tr, te in StratifiedKFold(folds, shuffle=True, random_state=seed).split(X, strata):
        fold = _fit(X[tr], y[tr], w[tr], c)
        idx = te.tolist()
        probs = np.array([fold.probabilities(data.pairs[i]) for i in idx])
        rules = []
        for i, p in zip(idx, probs):
            r = _rules(data.pairs[i], {lab: float(v) for lab, v in zip(LABELS, p)})
            rules.append(r.label if r is not None else None)
        oof.append((rules, probs, idx))
    thresholds, per_set = _choose_thresholds(oof, data, refute_precision, support_precision)
    progress(f"thresholds {thresholds}")
    model = _fit(X, y, w, c)
    model.thresholds = thresholds
    model.meta = {
        "name": "claim-level logistic regression",
        "features": list(FEATURE_NAMES),
        "trained_on": {name: dict(Counter(g for g, s in zip(data.gold, data.sets) if s == name)) for name in sizes},
        "c": c, "seed": seed, "folds": folds,
        "refute_precision_target": refute_precision, "support_precision_target": support_precision,
        "out_of_fold": {name: {k: m[k] for k in ("n", "accuracy", "macro_f1", "precision", "recall", "coverage")}
                        for name, m in per_set.items()},
    }
    return model, per_set


def collect(folders: list[Path] | None, cases: list[Path], config, cache_dir: Path, progress=print) -> Collected:
    from factdesk.config import shared_data_dir
    from factdesk.lab.stance.data import DEV_FRACTIONS, hash_split

    bench = Bench(config, cache_dir)
    out = Collected()
    if folders:
        sets = [load_claim_set(f) for f in folders]
    else:
        sets = default_sets(shared_data_dir(), lambda key, ds: hash_split(key, DEV_FRACTIONS.get(ds, 0.2)))
    for cs in sets:
        collect_claim_set(bench, cs, out, progress)
    for folder in cases:
        if detect_layout(folder) != "cases":
            raise ValueError(f"{folder}: not a folder of article cases")
        collect_cases(bench, folder, out, progress)
    return out


def write_card(model: VerdictModel, out_dir: Path, seconds: float, refit: bool = False) -> None:
    lines = ["# Claim-level verdict model (factdesk verify, the decision)", "",
             "Reads features of a claim's whole weighed evidence (the strongest support and refutation weighed "
             "by relevance and trust, how many relevant passages, like-with-like frame agreements and "
             "disagreements, prior fact-checks) and gives supported / refuted / mixed / not enough evidence with "
             "a calibrated probability. A multinomial logistic regression (JSON weights, no pickle), then per-label "
             "thresholds chosen for precision on out-of-fold predictions. Produced by `factdesk train verdict` "
             + (f"--refit from a file of weighed evidence in {seconds:.0f} s (collecting that evidence, verifying every "
                "claim, takes minutes)." if refit else f"in {seconds:.0f} s, collecting included.")
             + " Before the model, rules decide (`verify/decide.py`): sources stating conflicting values for the "
             "claim's subject and attribute make it mixed; a matching prior fact-check decides its side; an altered "
             "quote, a source answering \"No\" to a yes/no question that restates the claim, or a passage restating the "
             "claim with another value for its subject and attribute, refutes it; a "
             "passage restating it with its own value, no source disagreeing, supports it.",
             "", "## Data", ""]
    for name, counts in model.meta.get("trained_on", {}).items():
        lines.append(f"- {name}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    lines += ["", "Claim sets: their development claims only (never the stance models' training claims). "
              "Article cases: the project's own, development folder only.", "",
              f"## Thresholds: {json.dumps(model.thresholds)}", "",
              "## Out-of-fold figures (each claim predicted by a model not fitted on it)", "",
              "| set | n | accuracy | macro-F1 | P(supported) | P(refuted) | coverage |", "|---|---|---|---|---|---|---|"]
    for name, m in model.meta.get("out_of_fold", {}).items():
        lines.append(f"| {name} | {m['n']} | {m['accuracy']:.3f} | {m['macro_f1']:.3f} | "
                     f"{m['precision'].get('supported', 0):.3f} | {m['precision'].get('refuted', 0):.3f} | {m['coverage']:.3f} |")
    lines += ["", "## Limits", "",
              "- The figures are out-of-fold on development data the thresholds were chosen on: optimistic; the "
              "held-out splits are the honest measure (`factdesk eval verdicts --data …`).",
              "- Prior fact-checks and source conflicts are decided by rules before the model (`verify/decide.py`).",
              "- Retrain after any change to the stance models or the alignment checks: the features move with them."]
    (out_dir / "MODEL_CARD.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def default_out() -> Path:
    return default_verdict_path().parent
