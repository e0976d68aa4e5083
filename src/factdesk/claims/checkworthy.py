"""Check-worthiness: how much a sentence makes a factual, verifiable assertion worth checking (0–1).

A small two-layer network over the packaged MiniLM sentence embedding plus a handful of linguistic
features (numbers, capitalised names, first person, modals, questions…). Its weights are a numpy
``.npz`` (no pickle) produced by ``factdesk train checkworthy``; inference is plain numpy.

>>> model = CheckworthyModel.load()
>>> model.score(["Unemployment fell to 3.9 percent in May.", "Thank you very much."], embedder)
array([0.93, 0.02], dtype=float32)
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from factdesk.errors import ModelError
from factdesk.modelpaths import shipped_models_dir

DEFAULT_DIR = shipped_models_dir() / "checkworthy"
WEIGHTS = "weights.npz"
META = "meta.json"

_NUM = re.compile(r"\d")
_NUMBER_TOKEN = re.compile(r"\b\d[\d,.]*\b")
_MAGNITUDE = re.compile(r"\b(percent|per cent|million|billion|trillion|thousand|hundred|dozen|half|twice|double|triple)\b|%|\$|£|€", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_FIRST_SING = re.compile(r"\b(I|me|my|mine|I'm|I've|I'll|I'd)\b")
_FIRST_PLUR = re.compile(r"\b(we|us|our|ours|we're|we've|we'll)\b", re.I)
_SECOND = re.compile(r"\b(you|your|yours|you're)\b", re.I)
_MODAL = re.compile(r"\b(will|would|could|should|might|may|must|can|shall|going to|gonna)\b", re.I)
_OPINION = re.compile(r"\b(think|believe|feel|hope|wish|want|love|hate|guess|opinion|seems?|probably|maybe|perhaps)\b", re.I)
_COMPARE = re.compile(r"\b(more|less|fewer|most|least|than|highest|lowest|largest|biggest|smallest|record|increase[ds]?|decrease[ds]?|rose|fell|doubled|tripled)\b", re.I)
_NEG = re.compile(r"\b(not|never|no|n't|none|nobody|nothing)\b", re.I)
_CAP = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z]+")
_QUOTE = re.compile(r"[\"“”]")
_SAY = re.compile(r"\b(said|says|say|told|tell|claimed|claims|according to|reported|stated|wrote)\b", re.I)
_GREETING = re.compile(r"^\s*(thank|thanks|good (evening|morning|night)|welcome|hello|ladies and gentlemen|okay|ok|well|yes|no)\b", re.I)

FEATURE_NAMES = (
    "has_digit", "n_numbers", "magnitude", "year", "first_singular", "first_plural", "second_person",
    "modal", "opinion_word", "comparison", "negation", "capitalised", "quote", "say_verb", "question",
    "exclamation", "greeting", "log_words", "short",
)


def features(text: str) -> np.ndarray:
    """Linguistic features of one sentence (cheap regexes, same at training and inference)."""
    words = text.split()
    n = max(len(words), 1)
    return np.array(
        [
            float(bool(_NUM.search(text))),
            min(len(_NUMBER_TOKEN.findall(text)), 5) / 5.0,
            float(bool(_MAGNITUDE.search(text))),
            float(bool(_YEAR.search(text))),
            float(bool(_FIRST_SING.search(text))),
            float(bool(_FIRST_PLUR.search(text))),
            float(bool(_SECOND.search(text))),
            float(bool(_MODAL.search(text))),
            float(bool(_OPINION.search(text))),
            float(bool(_COMPARE.search(text))),
            float(bool(_NEG.search(text))),
            min(len(_CAP.findall(text)) / n, 1.0),
            float(bool(_QUOTE.search(text))),
            float(bool(_SAY.search(text))),
            float(text.rstrip().endswith("?")),
            float("!" in text),
            float(bool(_GREETING.search(text))),
            float(np.log1p(n) / 5.0),
            float(n < 6),
        ],
        dtype=np.float32,
    )


def feature_matrix(texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
    return np.stack([features(t) for t in texts])


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -40, 40)))


@runtime_checkable
class CheckworthyScorer(Protocol):
    """What the claim stage asks of a check-worthiness model: a 0–1 score per sentence (from its
    embedding, computed here with ``embedder`` unless ``embeddings`` are given) and the threshold
    from which a claim is checked."""

    threshold: float

    def score(self, texts: list[str], embedder, embeddings: np.ndarray | None = None) -> np.ndarray: ...


class CheckworthyModel:
    """An MLP (or logistic regression when it has no hidden layer) over [embedding ‖ features]."""

    def __init__(self, layers: list[tuple[np.ndarray, np.ndarray]], mean: np.ndarray, scale: np.ndarray,
                 threshold: float, meta: dict) -> None:
        self.layers = layers
        self.mean = mean
        self.scale = scale
        self.threshold = float(threshold)
        self.meta = meta

    # -- persistence ---------------------------------------------------------------------------
    @classmethod
    def load(cls, directory: str | Path | None = None) -> "CheckworthyModel":
        d = Path(directory) if directory else DEFAULT_DIR
        try:
            with np.load(d / WEIGHTS, allow_pickle=False) as z:
                n = int(z["n_layers"])
                layers = [(z[f"W{i}"].astype(np.float32), z[f"b{i}"].astype(np.float32)) for i in range(n)]
                mean, scale = z["mean"].astype(np.float32), z["scale"].astype(np.float32)
            meta = json.loads((d / META).read_text(encoding="utf-8"))
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(f"check-worthiness model missing or unreadable in {d} (run `factdesk train checkworthy`): {exc}") from None
        return cls(layers, mean, scale, meta.get("threshold", 0.5), meta)

    def save(self, directory: str | Path) -> None:
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        arrays = {"n_layers": np.array(len(self.layers)), "mean": self.mean, "scale": self.scale}
        for i, (w, b) in enumerate(self.layers):
            arrays[f"W{i}"] = w.astype(np.float32)
            arrays[f"b{i}"] = b.astype(np.float32)
        np.savez_compressed(d / WEIGHTS, **arrays)
        (d / META).write_text(json.dumps({**self.meta, "threshold": self.threshold}, indent=2, sort_keys=True) + "\n")

    # -- inference -----------------------------------------------------------------------------
    def predict_inputs(self, x: np.ndarray) -> np.ndarray:
        h = (x - self.mean) / self.scale  # on one BLAS thread: see factdesk.blas
        for i, (w, b) in enumerate(self.layers):
            h = h @ w + b
            if i < len(self.layers) - 1:
                h = np.maximum(h, 0.0)
        return _sigmoid(h[:, 0]).astype(np.float32)

    def inputs(self, texts: list[str], embeddings: np.ndarray) -> np.ndarray:
        return np.hstack([embeddings.astype(np.float32), feature_matrix(texts)])

    def score(self, texts: list[str], embedder, embeddings: np.ndarray | None = None) -> np.ndarray:
        """Probability (0–1) that each sentence is check-worthy."""
        if not texts:
            return np.zeros(0, dtype=np.float32)
        if embeddings is None:
            embeddings = embedder.encode(list(texts))
        return self.predict_inputs(self.inputs(texts, embeddings))
