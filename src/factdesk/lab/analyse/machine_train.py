"""Fit the machine-written model (``machine_written.json``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factdesk.analyse.comments import ArticleProfile, specificity
from factdesk.analyse.machine import FEATURES, features
from factdesk.lab.analyse.comment_data import DEV_ARTICLES, load_comment_set


def train_machine_model(folder: Path | None = None, *, seed: int = 0, c: float = 1.0) -> dict[str, Any]:
    """Fit the logistic model on the dev articles of the labelled comment set (style labels).

    Returns the parameters (to be written as JSON). Deterministic: liblinear-free lbfgs on fixed data.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from factdesk.claims.nlp import load_nlp

    nlp = load_nlp()  # the same article profile as at inference time
    xs, ys = [], []
    for article, rows in load_comment_set(folder):
        if not rows or rows[0]["article"] not in DEV_ARTICLES:
            continue
        prof = ArticleProfile.build(article, None, nlp)
        for r in rows:
            xs.append(features(r["text"], specificity(r["text"], prof)))
            ys.append(int(bool(r["machine_style"])))
    x, y = np.asarray(xs), np.asarray(ys)
    mean, scale = x.mean(0), x.std(0) + 1e-6
    model = LogisticRegression(C=c, max_iter=2000, random_state=seed).fit((x - mean) / scale, y)
    return {
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
        "trained": True,
        "data": f"the labelled comment set (resources/eval/comments): of articles {', '.join(DEV_ARTICLES)} ({len(y)} comments, "
        f"{int(y.sum())} machine-style)",
        "seed": seed,
        "C": c,
    }
