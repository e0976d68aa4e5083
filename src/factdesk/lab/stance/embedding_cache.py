"""A disk cache of sentence embeddings keyed by text, so training runs re-embed nothing they saw before.

>>> cache = EmbeddingCache(Path("/tmp/stance-emb"))        # doctest: +SKIP
>>> vecs = cache.encode(["a sentence"], embedder)          # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import numpy as np


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def cache_for(root: Path, embedder) -> "EmbeddingCache":
    """The cache of one embedder under ``root``: vectors of another model or precision never mix.

    >>> cache_for(Path("/tmp/factdesk_verify/emb"), MiniLMEmbedder()).dir.name   # doctest: +SKIP
    'all-MiniLM-L6-v2-int8'
    """
    from factdesk.embed import embedder_tag

    return EmbeddingCache(Path(root) / "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in embedder_tag(embedder)))


class EmbeddingCache:
    """Embeddings stored in chunk files ``<dir>/chunk-*.npz`` (keys + float16 vectors)."""

    def __init__(self, directory: Path) -> None:
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self._vecs: dict[str, np.ndarray] = {}
        for f in sorted(self.dir.glob("chunk-*.npz")):
            with np.load(f) as z:
                for k, v in zip(z["keys"], z["vecs"]):
                    self._vecs[str(k)] = v

    def __len__(self) -> int:
        return len(self._vecs)

    def encode(self, texts: list[str], embedder, *, chunk: int = 4096,
               progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        missing = sorted({t for t in texts if _key(t) not in self._vecs})
        n_chunks = len(list(self.dir.glob("chunk-*.npz")))
        for start in range(0, len(missing), chunk):
            part = missing[start:start + chunk]
            vecs = embedder.encode(part).astype(np.float16)
            keys = np.array([_key(t) for t in part])
            np.savez(self.dir / f"chunk-{n_chunks:05d}.npz", keys=keys, vecs=vecs)
            n_chunks += 1
            for k, v in zip(keys, vecs):
                self._vecs[str(k)] = v
            if progress:
                progress(min(start + chunk, len(missing)), len(missing))
        return np.stack([self._vecs[_key(t)] for t in texts]).astype(np.float32) if texts else np.zeros((0, 384), np.float32)


class CachedEmbedder:
    """An embedder that answers from an :class:`EmbeddingCache` and fills it (training/eval runs only)."""

    def __init__(self, embedder, cache: EmbeddingCache) -> None:
        self.embedder, self.cache = embedder, cache
        self.name, self.dim = getattr(embedder, "name", "cached"), getattr(embedder, "dim", 384)

    def encode(self, texts: list[str], *, batch_size: int = 64) -> np.ndarray:
        return self.cache.encode(list(texts), self.embedder)
