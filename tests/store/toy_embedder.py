"""A small deterministic embedder for store tests and crash subprocesses (no model to load).

It is a real ``Embedder`` (the seam the store uses): hashed bag of word stems, L2-normalised, so
sentences that share words are close. Dense-search quality tests use the real MiniLM instead.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np


class HashEmbedder:
    name = "test-hash-64"
    dim = 64

    def encode(self, texts, *, batch_size: int = 64):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                h = int.from_bytes(hashlib.blake2b(word[:6].encode(), digest_size=4).digest(), "little")
                out[i, h % self.dim] += 1.0 if (h >> 16) & 1 else -1.0
            norm = np.linalg.norm(out[i])
            out[i] = out[i] / norm if norm else out[i]
            if not norm:
                out[i, 0] = 1.0
        return out
