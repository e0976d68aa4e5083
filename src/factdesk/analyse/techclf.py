"""Sentence-level technique classifier: logistic heads over MiniLM sentence embeddings.

One binary head per PTC technique, trained on the PTC training sentences (a sentence is positive
for a technique when one of its spans covers half of the sentence or half of the span lies in it).
The detector uses it to decide *which sentences* carry a technique; the mined lexicon then narrows
the span to the words where it can. Trained by ``factdesk train propaganda`` (seeded), stored as
``resources/models/analyse/technique_classifier.json`` (weights only, ~60 KB).

>>> split_sentences("One. Two!\\nThree")
[(0, 4), (5, 9), (10, 15)]
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np

from factdesk.errors import ModelError
from factdesk.modelpaths import shipped_models_dir

MODEL_DIR = shipped_models_dir() / "analyse"
CLASSIFIER_PATH = MODEL_DIR / "technique_classifier.json"
SPLIT_RE = re.compile(r"(?<=[.!?])[\"”’)]*\s+|\n+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence-like piece (split after . ! ? and at line breaks)."""
    out, pos = [], 0
    for m in list(SPLIT_RE.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        piece = text[pos:end]
        if len(piece.strip()) > 3:
            start = pos + len(piece) - len(piece.lstrip())
            out.append((start, end))
        pos = m.end() if m else len(text)
    return out


def sentence_labels(article: dict[str, Any], bounds: list[tuple[int, int]], techniques: list[str]) -> np.ndarray:
    y = np.zeros((len(bounds), len(techniques)), dtype=np.int8)
    col = {t: k for k, t in enumerate(techniques)}
    for g in article["technique_spans"]:
        k = col.get(g["technique"])
        if k is None:
            continue
        for i, (s, e) in enumerate(bounds):
            ov = max(0, min(e, g["end"]) - max(s, g["start"]))
            if ov > 0 and (ov >= 0.5 * (g["end"] - g["start"]) or ov >= 0.5 * (e - s)):
                y[i, k] = 1
    return y


class SentenceTechniqueClassifier:
    """``probs(vectors) -> (n, techniques)``; ``threshold`` marks a sentence as carrying a technique."""

    def __init__(self, params: dict[str, Any]) -> None:
        self.params = params
        self.techniques: list[str] = list(params["techniques"])
        self.coef = np.asarray(params["coef"], dtype=np.float32)
        self.intercept = np.asarray(params["intercept"], dtype=np.float32)
        self.threshold = float(params["threshold"])

    @classmethod
    def load(cls, path: Path | None = None) -> "SentenceTechniqueClassifier":
        path = path or CLASSIFIER_PATH
        if not path.is_file():
            raise ModelError(f"technique classifier missing: {path} (run `factdesk train propaganda`)")
        return cls(json.loads(path.read_text()))

    def probs(self, vectors: np.ndarray) -> np.ndarray:
        z = vectors @ self.coef.T + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


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
