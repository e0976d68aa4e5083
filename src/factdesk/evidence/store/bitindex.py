"""A small in-memory binary index for dense search over large SQLite stores.

Exact KNN in sqlite-vec scans every float vector (fine up to tens of thousands of passages, too slow
at a million). Above a size threshold the SQLite store instead ranks all passages by the Hamming
distance of 1-bit codes (the sign of each dimension: 48 bytes for 384 dims, 48 MB per million),
then rescores the best few hundred by cosine on float16 copies of their vectors. The codes live in
the ``passage_codes`` table (written in the same transaction as the passage), so the index is
rebuilt from disk and refreshed incrementally (new rowids only) — it never holds unique state.

>>> idx = BitIndex(dim=384)
>>> idx.refresh(conn)            # loads rows added since the last refresh
>>> rowids = idx.candidates(query_vector, 400)
"""

from __future__ import annotations

import numpy as np


def binary_code(vectors: np.ndarray) -> np.ndarray:
    """Sign bits, packed little-endian per byte (the same layout as sqlite-vec's vec_quantize_binary)."""
    return np.packbits(np.asarray(vectors) > 0, axis=-1, bitorder="little")


def _words(codes: np.ndarray) -> np.ndarray:
    """(n, bytes) uint8 → (n, words) uint64, zero-padded to whole 64-bit words."""
    n, nbytes = codes.shape
    pad = (-nbytes) % 8
    if pad:
        codes = np.concatenate([codes, np.zeros((n, pad), dtype=np.uint8)], axis=1)
    return np.ascontiguousarray(codes).view(np.uint64)


class BitIndex:
    def __init__(self, dim: int) -> None:
        self.dim = dim
        self.nbytes = (dim + 7) // 8
        self.rowids = np.zeros(0, dtype=np.int64)
        # word-major (words, n): each 64-bit word of all codes is contiguous, for fast column sums
        self.codes = np.zeros(((self.nbytes + 7) // 8, 0), dtype=np.uint64)
        self.max_rowid = 0

    def refresh(self, conn) -> int:
        """Load codes of rows added since the last call; returns how many were added."""
        rows = conn.execute(
            "SELECT rowid, bits FROM passage_codes WHERE rowid > ? ORDER BY rowid", (self.max_rowid,)
        ).fetchall()
        if not rows:
            return 0
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        codes = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.uint8).reshape(len(rows), self.nbytes)
        self.rowids = np.concatenate([self.rowids, ids])
        self.codes = np.ascontiguousarray(np.concatenate([self.codes, _words(codes).T], axis=1))
        self.max_rowid = int(ids[-1])
        return len(rows)

    def candidates(self, vector: np.ndarray, n: int) -> np.ndarray:
        """Rowids of the ``n`` codes nearest (Hamming) to the vector's code."""
        if len(self.rowids) == 0:
            return self.rowids
        q = _words(binary_code(vector.reshape(1, -1)))[0]
        dist = np.bitwise_count(self.codes[0] ^ q[0]).astype(np.uint16)
        for j in range(1, len(q)):
            dist += np.bitwise_count(self.codes[j] ^ q[j])
        if n >= len(dist):
            return self.rowids
        # distances are small integers: pick the cut-off from a histogram instead of a partial sort
        counts = np.cumsum(np.bincount(dist, minlength=self.dim + 1))
        cutoff = int(np.searchsorted(counts, n))
        picked = np.flatnonzero(dist < cutoff)
        ties = np.flatnonzero(dist == cutoff)[: n - len(picked)]
        return self.rowids[np.concatenate([picked, ties])]
