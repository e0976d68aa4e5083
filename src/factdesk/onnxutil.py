"""What every onnxruntime model of factdesk shares: loading a graph with its metadata, and running
single calls on a small thread pool (onnxruntime releases the GIL while it computes).

>>> session, meta = load_model(Path("stance.onnx"), Path("meta.json"), "stance model")   # doctest: +SKIP
>>> pool = PoolMap(2, "factdesk-embed"); pool(len, ["a", "bb"])
[1, 2]
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from factdesk.errors import ModelError


def load_model(onnx_path: Path, meta_path: Path, what: str) -> tuple[Any, dict]:
    """A one-thread CPU session for ``onnx_path`` and the JSON in ``meta_path``; ModelError if unreadable."""
    try:
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        session = ort.InferenceSession(str(onnx_path), opts, providers=["CPUExecutionProvider"])
        meta = json.loads(meta_path.read_text())
    except Exception as exc:  # onnxruntime raises its own types for corrupt files
        raise ModelError(f"cannot load {what} {onnx_path}: {exc}") from exc
    return session, meta


class PoolMap:
    """``pool(fn, items)`` = ``[fn(x) for x in items]``, spread over ``workers`` threads made on first use."""

    def __init__(self, workers: int, name: str) -> None:
        self.workers, self.name = workers, name
        self._pool = None
        self._lock = threading.Lock()

    def __call__(self, fn: Callable, items: list) -> list:
        if self.workers <= 1 or len(items) <= 1:
            return [fn(x) for x in items]
        with self._lock:
            if self._pool is None:
                from concurrent.futures import ThreadPoolExecutor

                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix=self.name)
        return list(self._pool.map(fn, items))
