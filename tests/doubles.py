"""Small test doubles of the protocols the stages take, so a test hands a stage its collaborators
instead of a whole ``Runtime``.

One per protocol a stage calls, kept with the tests (not in the package: nothing at run time uses
them, and the installed runtime holds only what it runs):

- :class:`HashEmbedder` — an ``Embedder`` (``factdesk.embed``) with no model to load: hashed bag of
  word stems, L2-normalised, so sentences that share words are close. Store and crash tests use it;
  quality tests use the real MiniLM.
- :class:`CountingEmbedder` — an ``Embedder`` around another one that records every text it embeds
  (to see what a stage embeds again and what it reuses).
- :class:`RecordingStance` — a ``StanceModel`` (``factdesk.verify.stance``) around a real one that
  records every pair it reads, with its ``meta`` optionally overridden.

The verifier's ``stored_vectors`` and the claim stage's check-worthiness loader are plain
callables: tests pass the real store's ``get_vectors`` and the real ``CheckworthyModel.load``.
The evidence store's double is the real SQLite store in a temporary file.
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


class CountingEmbedder:
    """``inner``'s vectors; ``seen`` lists every text it was asked to embed, in order."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.dim, self.seen = inner, inner.name, inner.dim, []

    def encode(self, texts, *, batch_size: int = 16):
        self.seen.extend(texts)
        return self.inner.encode(list(texts), batch_size=batch_size)


class RecordingStance:
    """``inner``'s stance probabilities; ``calls`` lists every (claim, passage) pair it read.

    ``meta`` is ``inner.meta`` with ``meta`` (if given) laid over it, e.g. another blend weight.
    """

    name = "recording"

    def __init__(self, inner, meta: dict | None = None) -> None:
        self.inner, self.calls = inner, []
        self.meta = dict(inner.meta) | (meta or {})

    def predict(self, pairs):
        self.calls.extend(pairs)
        return self.inner.predict(pairs)
