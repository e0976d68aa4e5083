"""Train the sentence technique classifier (``technique_classifier.json``): one balanced logistic
head per PTC technique over MiniLM sentence embeddings of the training articles' sentences."""

from __future__ import annotations

from typing import Any

import numpy as np

from factdesk.analyse.techclf import sentence_labels, split_sentences


def train_classifier(
    articles: list[dict[str, Any]], embedder: Any, techniques: list[str], *, threshold: float = 0.8,
    min_positive: int = 10, c: float = 1.0, seed: int = 0, progress: Any = None,
) -> dict[str, Any]:
    """Fit one balanced logistic head per technique on the sentences of ``articles``."""
    from sklearn.linear_model import LogisticRegression

    texts, ys = [], []
    for art in articles:
        bounds = split_sentences(art["text"])
        texts += [art["text"][s:e] for s, e in bounds]
        ys.append(sentence_labels(art, bounds, techniques))
    x = np.concatenate([embedder.encode(texts[i : i + 512]) for i in range(0, len(texts), 512)]) if texts else np.zeros((0, 384))
    y = np.concatenate(ys)
    kept, coef, intercept = [], [], []
    for k, tech in enumerate(techniques):
        if int(y[:, k].sum()) < min_positive:
            continue
        model = LogisticRegression(C=c, max_iter=1000, class_weight="balanced", random_state=seed).fit(x, y[:, k])
        kept.append(tech)
        coef.append([round(float(v), 6) for v in model.coef_[0]])
        intercept.append(round(float(model.intercept_[0]), 6))
        if progress:
            progress(tech)
    return {"techniques": kept, "coef": coef, "intercept": intercept, "threshold": threshold,
            "sentences": len(texts), "positives": {t: int(y[:, techniques.index(t)].sum()) for t in kept},
            "embedder": getattr(embedder, "name", "all-MiniLM-L6-v2"), "C": c, "seed": seed}
