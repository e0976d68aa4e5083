"""The cross-encoder stance model: MiniLM reading the passage and the claim together.

``factdesk train stance --design cross`` fine-tunes the packaged all-MiniLM-L6-v2 transformer as a
3-way classifier over ``[CLS] passage [SEP] claim [SEP]`` (supports, refutes, neutral) and exports it
to an int8 ONNX graph with the softmax temperature inside. Unlike the head over frozen embeddings
(:class:`factdesk.verify.head.OnnxStanceModel`) it sees both texts at once, so word order, scope and
"who did what" reach the decision; it costs a transformer pass per pair, so the verifier runs it only
on each claim's most relevant passages (the cascade in :class:`factdesk.verify.Verifier`).

The tokenizer is the packaged MiniLM one (same vocabulary), so nothing but the graph and its
``meta.json`` is shipped.

>>> model = CrossEncoderStance.load()                                                   # doctest: +SKIP
>>> model.predict([("Paris is in France.", "Paris is the capital of France.")]).round(2)  # doctest: +SKIP
array([[0.95, 0.02, 0.03]], dtype=float32)
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np

from factdesk.errors import ModelError
from factdesk.onnxutil import PoolMap, load_model

MAX_LENGTH = 128


def default_cross_dir() -> Path:
    from factdesk.modelpaths import ModelPaths

    return ModelPaths().usual_dir("stance-cross")


def pair_tokenizer(max_length: int = MAX_LENGTH):
    """The packaged MiniLM tokenizer, set up for (passage, claim) pairs cut to ``max_length`` tokens."""
    from tokenizers import Tokenizer

    from factdesk.embed import minilm_weights_dir

    tok = Tokenizer.from_file(str(minilm_weights_dir() / "tokenizer.json"))
    tok.enable_truncation(max_length, strategy="longest_first")
    tok.no_padding()
    return tok


def encode_pairs(tokenizer, pairs: list[tuple[str, str]]) -> list:
    """Token encodings of (claim, passage) pairs, read as ``[CLS] passage [SEP] claim [SEP]``: one
    function for training and inference, so the two never see the texts in different orders."""
    return tokenizer.encode_batch([(passage or " ", claim or " ") for claim, passage in pairs])


class CrossEncoderStance:
    """The fine-tuned cross-encoder in onnxruntime: (claim, passage) → P(supports, refutes, neutral).

    Pairs run one per call on a small thread pool: the int8 graph scales activations per call, so a
    padded batch would let a pair's batch-mates move its probabilities; one pair per call keeps each
    result a function of its two texts alone (and wastes no padding).
    """

    name = "minilm-cross"

    def __init__(self, session, tokenizer, meta: dict, threads: int | None = None) -> None:
        self.session = session
        self.tokenizer = tokenizer
        self.meta = meta
        self.load_seconds = 0.0
        self._map = PoolMap(threads or min(2, os.cpu_count() or 1), "factdesk-cross")

    @classmethod
    def load(cls, model_dir: Path | None = None, threads: int | None = None) -> "CrossEncoderStance":
        start = time.perf_counter()
        model_dir = Path(model_dir or default_cross_dir())
        onnx_path, meta_path = model_dir / "stance_cross.onnx", model_dir / "meta.json"
        if not onnx_path.exists() or not meta_path.exists():
            raise ModelError(f"cross-encoder stance model not found in {model_dir}; "
                             "run `factdesk train stance --design cross`")
        session, meta = load_model(onnx_path, meta_path, "cross-encoder stance model")
        model = cls(session, pair_tokenizer(int(meta.get("max_length", MAX_LENGTH))), meta, threads)
        model.load_seconds = time.perf_counter() - start
        return model

    def _run_one(self, enc) -> np.ndarray:
        ids = np.asarray([enc.ids], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids),
                "token_type_ids": np.asarray([enc.type_ids], dtype=np.int64)}
        return self.session.run(None, feed)[0][0]

    def predict(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """Rows of (supports, refutes, neutral) for (claim, passage) pairs."""
        if not pairs:
            return np.zeros((0, 3), dtype=np.float32)
        encs = encode_pairs(self.tokenizer, pairs)
        order = sorted(range(len(encs)), key=lambda i: -len(encs[i].ids))  # longest first: even load
        out = np.zeros((len(pairs), 3), dtype=np.float32)
        for i, row in zip(order, self._map(lambda i: self._run_one(encs[i]), order)):
            out[i] = row
        return out
