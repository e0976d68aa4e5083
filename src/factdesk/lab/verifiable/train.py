"""Train the verifiability model (``factdesk train verifiable``) on the development claims articles.

Examples: every sentence of ``tests/data/claims/eval/dev`` (label: verifiable or not) and every
expected atom of its verifiable sentences (verifiable: at run time the model reads claims, which are
atoms). Features: the MiniLM embedding of the text and the check-worthiness features. A logistic
regression (L2, balanced classes) is scored by leave-one-article-out cross-validation on the
sentences (an article's atoms stay with it), alone and as a veto behind the rules of
``factdesk.claims.verifiable``; the held-out articles are never read here. The veto threshold is
the highest of ``THRESHOLDS`` at which the veto costs no cross-validated recall against the rules
alone (0 when every threshold costs some: the model then vetoes nothing), and the report says what
each threshold costs and buys.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np

from factdesk.claims.verifiability_model import VerifiabilityModel
from factdesk.errors import InputError

THRESHOLDS = (0.5, 0.3, 0.1, 0.05, 0.02, 0.01, 0.005)


def default_data() -> Path:
    return Path(__file__).resolve().parents[4] / "tests" / "data" / "claims" / "eval" / "dev"


def _examples(folder: Path) -> list[tuple[str, str, int, bool]]:
    """(article id, text, label, is a whole sentence) for every sentence and expected atom."""
    out = []
    files = sorted(Path(folder).glob("*.json"))
    if not files:
        raise InputError(f"no claims evaluation articles (*.json) in {folder}")
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        for s in data["sentences"]:
            out.append((data["id"], s["text"], int(bool(s["verifiable"])), True))
            out += [(data["id"], a, 1, False) for a in s.get("atoms", [])]
    return out


def _fit(x: np.ndarray, y: np.ndarray, seed: int):
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    clf = LogisticRegression(C=0.5, max_iter=3000, class_weight="balanced", random_state=seed)
    clf.fit((x - mean) / scale, y)
    return clf.coef_[0], float(clf.intercept_[0]), mean, scale


def _pr(pred: np.ndarray, gold: np.ndarray) -> dict:
    tp = int(((pred == 1) & (gold == 1)).sum())
    fp = int(((pred == 1) & (gold == 0)).sum())
    fn = int(((pred == 0) & (gold == 1)).sum())
    return {"precision": round(tp / max(tp + fp, 1), 4), "recall": round(tp / max(tp + fn, 1), 4)}


def train(embedder, nlp, *, data: Path | None = None, seed: int = 13) -> tuple[VerifiabilityModel, dict]:
    """The model trained on every example of ``data`` and its cross-validated report."""
    from factdesk.claims.decontext import Decontextualizer, quote_mask
    from factdesk.claims.verifiable import judge, named_speaker

    folder = Path(data) if data else default_data()
    examples = _examples(folder)
    texts = [e[1] for e in examples]
    model0 = VerifiabilityModel(np.zeros(1), 0.0, np.zeros(1), np.ones(1), {})
    x = model0.inputs(texts, embedder.encode(texts))
    y = np.array([e[2] for e in examples])
    articles = np.array([e[0] for e in examples])
    sentence = np.array([e[3] for e in examples])

    # the rules' verdict on each sentence, as the stage reaches it (speech and speakers from decontextualisation)
    rules = np.ones(len(examples), dtype=int)
    for path in sorted(folder.glob("*.json")):
        art = json.loads(path.read_text(encoding="utf-8"))
        idx = [i for i, e in enumerate(examples) if e[0] == art["id"] and e[3]]
        sents = [s["text"] for s in art["sentences"]]
        for i, an in zip(idx, Decontextualizer(nlp, one_fact=True).run(art["title"], sents, None)):
            rules[i] = int(judge(an.doc, speech=an.speech, quote_mask=quote_mask(an.doc),
                                 speaker_named=named_speaker(an.speaker, an.entities, known=an.speaker_named)).verifiable)

    probs = np.zeros(len(examples))
    for art in sorted(set(articles)):
        test = articles == art
        w, b, mean, scale = _fit(x[~test], y[~test], seed)
        probs[test] = 1 / (1 + np.exp(-(((x[test] - mean) / scale) @ w + b)))
    gold = y[sentence]
    report = {
        "data": str(folder.name), "trained": date.today().isoformat(), "seed": seed,
        "examples": {"sentences": int(sentence.sum()), "atoms": int((~sentence).sum()),
                     "not_verifiable": int((y == 0).sum()), "articles": len(set(articles))},
        "cross_validation": "leave one article out, on the sentences",
        "rules_alone": _pr(rules[sentence], gold),
        "model_alone": {str(t): _pr((probs[sentence] >= t).astype(int), gold) for t in THRESHOLDS},
        "rules_with_model_veto": {str(t): _pr(((rules[sentence] == 1) & (probs[sentence] >= t)).astype(int), gold)
                                  for t in THRESHOLDS},
        "atoms_vetoed_at_threshold": {str(t): int((probs[~sentence] < t).sum()) for t in THRESHOLDS},
        # the other way: the model overrules the rules' "not verifiable" when it is confident
        "rules_with_model_rescue": {str(t): _pr(((rules[sentence] == 1) | (probs[sentence] >= t)).astype(int), gold)
                                    for t in (0.9, 0.95, 0.98)},
    }
    base = report["rules_alone"]["recall"]
    free = [t for t in THRESHOLDS if report["rules_with_model_veto"][str(t)]["recall"] >= base]
    report["veto_below"] = max(free) if free else 0.0
    w, b, mean, scale = _fit(x, y, seed)
    meta = {"embedding": getattr(embedder, "name", "all-MiniLM-L6-v2"), "features": "checkworthy.features",
            "veto_below": report["veto_below"], "train_report": report}
    return VerifiabilityModel(np.asarray(w), b, np.asarray(mean), np.asarray(scale), meta), report


def model_card(report: dict) -> str:
    cv = report["rules_with_model_veto"]
    lines = [
        "# Verifiability model (`claims/verifiability_model.py`)",
        "",
        "Logistic regression (L2, C 0.5, balanced classes) over the MiniLM sentence embedding and the 19",
        "check-worthiness features. It backs the rules of `claims/verifiable.py`: a claim the rules let",
        f"through is left unchecked only when the model's probability of \"verifiable\" is below {report['veto_below']}.",
        "",
        f"**Data**: the development claims articles (`tests/data/claims/eval/dev`, written for factdesk):",
        f"{report['examples']['sentences']} sentences ({report['examples']['not_verifiable']} not verifiable) and "
        f"{report['examples']['atoms']} expected atoms, {report['examples']['articles']} articles. The held-out",
        "articles are never read by the trainer.",
        "",
        "**Leave-one-article-out cross-validation on the sentences** (precision / recall of \"verifiable\"):",
        "",
        "| threshold | model alone | rules + model veto |",
        "| --- | --- | --- |",
    ]
    for t, alone in report["model_alone"].items():
        lines.append(f"| {t} | {alone['precision']:.3f} / {alone['recall']:.3f} | {cv[t]['precision']:.3f} / {cv[t]['recall']:.3f} |")
    r = report["rules_alone"]
    lines += ["", f"Rules alone: {r['precision']:.3f} / {r['recall']:.3f} (the rules were written on these articles,",
              "so this figure is optimistic; the held-out articles give the honest one, see docs/claims.md).", "",
              "**Limits**: 30 articles written for the project; the model has seen no real newswire. It reads the",
              "claim as written (after the split and the resolved references), a text it was trained on only",
              "through the expected atoms. Retrain with `factdesk train verifiable` (a minute on two cores).", ""]
    return "\n".join(lines)
