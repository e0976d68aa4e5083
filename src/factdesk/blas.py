"""factdesk runs numpy's BLAS on one thread.

numpy's OpenBLAS wakes a pool of one thread per core for every large enough matrix product.
factdesk's products are small (spaCy's layers on a few hundred tokens, the check-worthiness MLP,
the verifier's head) and run beside factdesk's own threads (the claims stage embeds on a worker
thread while spaCy parses; onnxruntime has its own pools), so the BLAS pool only fights them for
the cores. On the 2-core machine the claims stage measured 287 ms per 1,000 words with one BLAS
thread against 438 with two (docs/claims.md, "Speed"); the scoring MLP alone took 20–50 ms with
two threads on a busy machine against 0.1 ms with one.

``import factdesk`` calls :func:`use_one_blas_thread`: ``OPENBLAS_NUM_THREADS`` defaults to 1
(set it yourself to choose otherwise) and, if numpy was imported first, its pool is limited now.

>>> import factdesk   # numpy's OpenBLAS now runs on one thread unless OPENBLAS_NUM_THREADS says otherwise
"""

from __future__ import annotations

import os
import sys


def use_one_blas_thread() -> None:
    """One OpenBLAS thread for this process, unless ``OPENBLAS_NUM_THREADS`` was set already."""
    if os.environ.setdefault("OPENBLAS_NUM_THREADS", "1") != "1":
        return
    if "numpy" in sys.modules:  # its OpenBLAS read the variable before it was set
        from threadpoolctl import threadpool_limits

        threadpool_limits(1, user_api="blas")
