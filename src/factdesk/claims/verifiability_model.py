"""The verifiability model: a logistic regression over the claim's MiniLM embedding and the
check-worthiness features (``checkworthy.features``), trained on the development claims articles
(``factdesk train verifiable``; trainer in ``factdesk.lab.verifiable``).

It backs the rules of :mod:`factdesk.claims.verifiable`: a claim the rules let through is left
unchecked only when the model is confident that it asserts nothing checkable (probability of
"verifiable" below ``meta["veto_below"]``). It reads the embeddings the stage computes anyway for
check-worthiness, so it costs one dot product per claim. Weights are a numpy ``.npz`` (no pickle).

>>> model = VerifiabilityModel.load()
>>> model.probability(["Unemployment fell to 3.9 percent in May."], embeddings)
array([0.98], dtype=float32)
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from factdesk.claims.checkworthy import feature_matrix
from factdesk.errors import ModelError
from factdesk.modelpaths import shipped_models_dir

DEFAULT_DIR = shipped_models_dir() / "verifiable"
WEIGHTS = "weights.npz"
META = "meta.json"


class VerifiabilityModel:
    def __init__(self, weights: np.ndarray, bias: float, mean: np.ndarray, scale: np.ndarray, meta: dict) -> None:
        self.weights = weights.astype(np.float32)
        self.bias = float(bias)
        self.mean = mean.astype(np.float32)
        self.scale = scale.astype(np.float32)
        self.meta = meta

    @property
    def veto_below(self) -> float:
        return float(self.meta.get("veto_below", 0.05))

    @classmethod
    def load(cls, directory: str | Path | None = None) -> "VerifiabilityModel":
        d = Path(directory) if directory else DEFAULT_DIR
        try:
            with np.load(d / WEIGHTS, allow_pickle=False) as z:
                weights, bias, mean, scale = z["w"], float(z["b"]), z["mean"], z["scale"]
            meta = json.loads((d / META).read_text(encoding="utf-8"))
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(f"verifiability model missing or unreadable in {d} (run `factdesk train verifiable`): {exc}") from None
        return cls(weights, bias, mean, scale, meta)

    def save(self, directory: str | Path) -> None:
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(d / WEIGHTS, w=self.weights, b=np.array(self.bias, dtype=np.float32),
                            mean=self.mean, scale=self.scale)
        (d / META).write_text(json.dumps(self.meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    def inputs(self, texts: list[str], embeddings: np.ndarray) -> np.ndarray:
        return np.hstack([np.asarray(embeddings, dtype=np.float32), feature_matrix(texts)])

    def probability(self, texts: list[str], embeddings: np.ndarray) -> np.ndarray:
        """Probability (0–1) that each text asserts something a source could confirm or contradict."""
        if not len(texts):
            return np.zeros(0, dtype=np.float32)
        x = (self.inputs(texts, embeddings) - self.mean) / self.scale
        z = np.clip(x @ self.weights + self.bias, -40, 40)
        return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)
