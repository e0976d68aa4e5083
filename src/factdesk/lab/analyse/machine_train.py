"""Fit, calibrate and measure the "reads like generated text" model (``machine_written.json``).

Data: TweepFake's training split (tweets from human accounts vs bot accounts imitating them; 90 %
fitted, 10 % held back for calibration, seeded) plus the dev half (articles a1–a4) of the labelled
comment set, up-weighted (``comment_weight``) because it is small. Model: logistic regression over
word 1–2-gram TF-IDF (``max_terms`` most frequent) and the twelve stylometric signals of
``factdesk.analyse.machine``; then Platt scaling on the calibration slice. The flag threshold is the
lowest score whose precision on the calibration slice reaches ``target_precision``.

Measured through the runtime model (what ships): TweepFake's validation split and the held-out half
of the comment set (a5–a8). ``show_flag`` is true only when the TweepFake validation AUC reaches
``min_auc`` and the precision at the threshold reaches 0.6 there — otherwise the comment panel shows
no such flag.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from factdesk.analyse.machine import FEATURES, MachineWrittenModel, features
from factdesk.lab.analyse.comment_data import DEV_ARTICLES, comment_samples, load_tweepfake
from factdesk.lab.analyse.comment_eval import auc, eval_machine_written as measure


def fit_machine_model(texts: list[str], styles: np.ndarray, labels: np.ndarray, weights: np.ndarray,
                      calib_texts: list[str], calib_styles: np.ndarray, calib_labels: np.ndarray, *,
                      max_terms: int = 5000, c: float = 1.0, seed: int = 0,
                      target_precision: float = 0.9) -> dict[str, Any]:
    """The model's parameters (JSON-ready): TF-IDF terms with idf and weight, the stylometric weights,
    the Platt pair and the flag threshold."""
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=3, sublinear_tf=True, max_features=max_terms)
    tfidf = vec.fit_transform(texts)
    mean, scale = styles.mean(0), styles.std(0) + 1e-6

    def design(m, st):
        return sp.hstack([m, sp.csr_matrix((st - mean) / scale)]).tocsr()

    model = LogisticRegression(C=c, max_iter=5000, random_state=seed).fit(design(tfidf, styles), labels, sample_weight=weights)
    n_terms = tfidf.shape[1]
    coef = model.coef_[0]
    terms = {t: [round(float(vec.idf_[j]), 6), round(float(coef[j]), 6)] for t, j in sorted(vec.vocabulary_.items())}
    params: dict[str, Any] = {
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in coef[n_terms:]],
        "intercept": round(float(model.intercept_[0]), 6),
        "ngrams": {"kind": "word 1-2-gram TF-IDF (sublinear tf, smooth idf, L2 norm)", "terms": terms},
        "platt": [1.0, 0.0],
        "trained": True,
    }
    # the runtime must compute what scikit-learn computed (up to the rounding of stored weights)
    runtime = MachineWrittenModel(params)
    sample = list(range(0, len(calib_texts), max(1, len(calib_texts) // 200)))
    ours = np.array([runtime._z(calib_texts[i], list(calib_styles[i]))[0] for i in sample])
    theirs = model.decision_function(design(vec.transform([calib_texts[i] for i in sample]), calib_styles[sample]))
    if np.max(np.abs(ours - theirs)) > 1e-3:
        raise AssertionError(f"runtime TF-IDF differs from scikit-learn's by {np.max(np.abs(ours - theirs)):.4f}")
    # Platt scaling on the calibration slice
    z = np.array([runtime._z(t, list(s))[0] for t, s in zip(calib_texts, calib_styles)])
    platt = LogisticRegression(C=1e6, max_iter=1000).fit(z.reshape(-1, 1), calib_labels)
    params["platt"] = [round(float(platt.coef_[0][0]), 6), round(float(platt.intercept_[0]), 6)]
    p = 1.0 / (1.0 + np.exp(-(params["platt"][0] * z + params["platt"][1])))
    flag_at = 0.95
    for t in np.arange(0.5, 0.951, 0.05):
        chosen = p >= t
        if chosen.sum() >= 20 and calib_labels[chosen].mean() >= target_precision:
            flag_at = float(round(t, 2))
            break
    params["flag_at"] = flag_at
    params["calibration_slice"] = {"n": len(calib_texts), "auc": auc(list(p), list(calib_labels)),
                                   "precision_at_flag": round(float(calib_labels[p >= flag_at].mean()), 4) if (p >= flag_at).any() else None}
    return params


def train_machine_model(comment_folder: Path | None = None, tweepfake_dir: Path | None = None, *, seed: int = 0,
                        c: float = 1.0, comment_weight: float = 40.0, max_terms: int = 5000,
                        calib_fraction: float = 0.1, min_auc: float = 0.6,
                        progress: Callable[[str], None] = print) -> dict[str, Any]:
    """Fit on TweepFake train + the comment set's dev half, calibrate, measure; returns the JSON params."""
    from factdesk.claims.nlp import load_nlp

    nlp = load_nlp()
    tweets = load_tweepfake("train", folder=tweepfake_dir)
    order = list(range(len(tweets)))
    random.Random(seed).shuffle(order)
    n_cal = int(len(order) * calib_fraction)
    cal = [tweets[i] for i in sorted(order[:n_cal])]
    fit = [tweets[i] for i in sorted(order[n_cal:])]
    comments = comment_samples(comment_folder, dev=True, nlp=nlp)
    progress(f"fitting on {len(fit)} TweepFake training tweets + {len(comments)} dev comments "
             f"(×{comment_weight:g}); calibrating on {len(cal)} held-back training tweets")
    texts = [t for t, _ in fit] + [t for t, _, _ in comments]
    styles = np.array([features(t) for t, _ in fit] + [features(t, s) for t, s, _ in comments])
    labels = np.array([y for _, y in fit] + [y for _, _, y in comments])
    weights = np.array([1.0] * len(fit) + [comment_weight] * len(comments))
    cal_styles = np.array([features(t) for t, _ in cal])
    params = fit_machine_model(texts, styles, labels, weights, [t for t, _ in cal], cal_styles,
                               np.array([y for _, y in cal]), max_terms=max_terms, c=c, seed=seed)
    model = MachineWrittenModel(params)
    progress("measuring on TweepFake validation and the held-out comments")
    val = measure(model, [(t, None, y) for t, y in load_tweepfake("validation", folder=tweepfake_dir)])
    held = measure(model, comment_samples(comment_folder, dev=False, nlp=nlp))
    params["measured"] = {
        "TweepFake tweets (human vs bot accounts, validation split)": {k: val[k] for k in ("n", "auc", "precision", "recall")},
        "labelled comments (held-out half, style label)": {k: held[k] for k in ("n", "auc", "precision", "recall")},
    }
    params["measurements"] = {"tweepfake_validation": val, "comments_held_out": held}
    params["show_flag"] = bool(val["auc"] >= min_auc and val["precision"] >= 0.6)
    params["data"] = (f"TweepFake train ({len(fit)} tweets fitted, {len(cal)} for calibration) + the labelled comment "
                      f"set's dev articles {', '.join(DEV_ARTICLES)} ({len(comments)} comments, weight {comment_weight:g})")
    params.update({"seed": seed, "C": c, "comment_weight": comment_weight, "max_terms": max_terms})
    return params
