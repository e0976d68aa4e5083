"""The stance head: (claim, passage) → P(supports), P(refutes), P(neutral), batched.

:class:`OnnxStanceModel` (an :class:`~factdesk.verify.stance.EmbeddingStanceModel`) is a small
head trained by ``factdesk train stance`` over frozen all-MiniLM-L6-v2 sentence embeddings of the
claim (u) and the passage (v) — it sees [u, v, |u−v|, u⊙v, cos(u, v)] — plus the alignment features
of :mod:`factdesk.verify.features`. It runs in onnxruntime; the embeddings come from the runtime's
shared embedder.

>>> model = OnnxStanceModel.load(embedder)                                    # doctest: +SKIP
>>> model.predict([("Paris is in France.", "Paris is the capital of France.")])  # doctest: +SKIP
array([[0.93, 0.02, 0.05]], dtype=float32)
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from factdesk.errors import ModelError
from factdesk.onnxutil import load_model
from factdesk.verify.features import N_FEATURES, features_matrix


def default_model_dir() -> Path:
    from factdesk.modelpaths import ModelPaths

    return ModelPaths().usual_dir("stance")


class OnnxStanceModel:
    """The trained head in onnxruntime, over embeddings from ``embedder`` (MiniLM by default)."""

    name = "minilm-head"

    def __init__(self, session, embedder, meta: dict) -> None:
        self.session = session
        self.embedder = embedder
        self.meta = meta
        self.load_seconds = 0.0

    @classmethod
    def load(cls, embedder, model_dir: Path | None = None) -> "OnnxStanceModel":
        start = time.perf_counter()
        model_dir = Path(model_dir or default_model_dir())
        onnx_path = model_dir / "stance.onnx"
        meta_path = model_dir / "meta.json"
        if not onnx_path.exists() or not meta_path.exists():
            raise ModelError(f"stance model not found in {model_dir}; run `factdesk train stance`")
        session, meta = load_model(onnx_path, meta_path, "stance model")
        if meta.get("n_features") != N_FEATURES:
            raise ModelError(f"stance model expects {meta.get('n_features')} features, code has {N_FEATURES}; retrain")
        model = cls(session, embedder, meta)
        model.load_seconds = time.perf_counter() - start
        return model

    def predict_embedded(self, u: np.ndarray, v: np.ndarray, feats: np.ndarray) -> np.ndarray:
        if len(u) == 0:
            return np.zeros((0, 3), dtype=np.float32)
        out = self.session.run(None, {"u": u.astype(np.float32), "v": v.astype(np.float32),
                                      "feats": feats.astype(np.float32)})[0]
        return np.asarray(out, dtype=np.float32)

    def predict(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        if not pairs:
            return np.zeros((0, 3), dtype=np.float32)
        claims = [c for c, _ in pairs]
        passages = [p for _, p in pairs]
        uniq = list(dict.fromkeys(claims + passages))
        vecs = self.embedder.encode(uniq)
        index = {t: i for i, t in enumerate(uniq)}
        u = vecs[[index[c] for c in claims]]
        v = vecs[[index[p] for p in passages]]
        return self.predict_embedded(u, v, features_matrix(claims, passages))

