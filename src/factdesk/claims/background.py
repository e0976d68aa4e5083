"""Sentence embeddings computed on a worker thread while the caller goes on parsing.

onnxruntime releases the GIL while it runs, and so does spaCy for much of its parse, so with a
free core the check-worthiness embeddings can be computed while spaCy works. The caller
*prefetches* the sentences as written (most claim texts are the sentence unchanged), *discards*
the ones decontextualisation rewrote, and *adds* the final texts; a text already prefetched is not
embedded again. Whatever the worker has not started when the caller asks for the result is
embedded in one call from the caller's thread instead (the embedder spreads a call over the
cores), so the tail does not queue behind one worker.

Vectors come back in the order the texts were added. How the texts were cut into calls does not
change them as long as the embedder's vectors do not depend on batch-mates (MiniLM int8 runs one
sentence per call for that reason; float32 batches differ by ~1e-7).

>>> with BackgroundEncoder(embedder) as enc:
...     enc.prefetch(["Unemployment fell to 3.9 percent.", "He thanked them."])
...     enc.add(["Unemployment fell to 3.9 percent."])
...     enc.discard("He thanked them.")
...     enc.add(["Smith thanked them."])
...     vectors = enc.result()
>>> vectors.shape
(2, 384)
"""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np


def _busy_ticks() -> int | None:
    """Clock ticks all CPUs spent busy since boot (Linux ``/proc/stat``), or None elsewhere."""
    try:
        with open("/proc/stat", "rb") as fh:
            fields = fh.readline().split()
    except OSError:
        return None
    if not fields or fields[0] != b"cpu":
        return None
    # user nice system idle iowait irq softirq steal …: everything but idle and iowait is busy
    values = [int(x) for x in fields[1:9]]
    return sum(values) - values[3] - values[4]


class _OtherLoad:
    """How many cores *other* processes kept busy lately: all CPUs' busy time since the previous
    reading, less this process's own CPU time (its worker threads included). The load average
    cannot tell them apart, so back-to-back extractions would read their own work as a busy
    machine and turn the worker thread off."""

    #: readings closer together than this reuse the previous figure (``/proc/stat`` counts in 10 ms ticks)
    MIN_WINDOW_S = 0.5

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last: tuple[float, int, float] | None = None  # (wall, busy ticks, own CPU seconds)
        self._value: float | None = None
        self._tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

    def cores(self) -> float | None:
        """Cores others used since the previous reading; None at the first reading or without ``/proc``."""
        with self._lock:
            now, busy = time.monotonic(), _busy_ticks()
            if busy is None:
                return None
            t = os.times()
            own = t.user + t.system
            if self._last is None:
                self._last = (now, busy, own)
                return None
            wall0, busy0, own0 = self._last
            if now - wall0 >= self.MIN_WINDOW_S:
                others = (busy - busy0) / self._tick - (own - own0)
                self._value = max(0.0, others / (now - wall0))
                self._last = (now, busy, own)
            return self._value


_OTHERS = _OtherLoad()


def spare_core(load: float | None = None, cpus: int | None = None) -> bool:
    """Whether a core looks free for background work: other processes keep less than
    ``cpus − 1.5`` cores busy (this one needs one core for its thread and one for the worker).

    ``load`` (a 1-minute load average, this process included) is read as ``1 + others``; without
    it the figure is measured (``/proc/stat`` less this process's own CPU time since the previous
    call), falling back to the load average on the first call or where there is no ``/proc``.

    >>> spare_core(0.4, 2), spare_core(1.7, 2), spare_core(0.0, 1)
    (True, False, False)
    """
    cpus = cpus or os.cpu_count() or 1
    if cpus < 2:
        return False
    others = None if load is not None else _OTHERS.cores()
    if others is None:
        others = (os.getloadavg()[0] if load is None else load) - 1.0
    return others < cpus - 1.5


class BackgroundEncoder:
    """Embeds texts on one worker thread as soon as they are prefetched or added.

    ``background=False`` embeds everything in one call from :meth:`result` instead (same vectors,
    no thread: for measuring what the overlap buys).
    """

    def __init__(self, embedder, *, background: bool = True) -> None:
        self.embedder = embedder
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claims-embed") if background else None
        self._jobs: list[tuple[str, Future | None]] = []  # one per added text, in order
        self._early: dict[str, Future] = {}
        self._lock = threading.Lock()
        #: seconds spent inside the embedder, summed over the threads that called it
        self.busy_s = 0.0

    def __enter__(self) -> "BackgroundEncoder":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def background(self) -> bool:
        return self._pool is not None

    def submit(self, fn) -> Future:
        """Run ``fn()`` on the worker, after whatever is queued there (the claims stage queues the
        NER here before prefetching, see ``factdesk.claims.nlp.pipe``)."""
        if self._pool is None:
            raise RuntimeError("this encoder has no worker thread")
        return self._pool.submit(fn)

    def prefetch(self, texts: list[str]) -> None:
        """Start on texts that will probably be added later (sentences as written, say)."""
        if self._pool is not None:
            for t in texts:
                if t not in self._early:
                    self._early[t] = self._pool.submit(self._encode, [t])

    def discard(self, text: str) -> None:
        """A prefetched text that will not be added after all: drop it if not started."""
        future = self._early.pop(text, None)
        if future is not None:
            future.cancel()

    def add(self, texts: list[str]) -> None:
        """Queue texts: in the background they start embedding as soon as the worker is free."""
        for t in texts:
            future = self._early.get(t)
            if future is None and self._pool is not None:
                future = self._pool.submit(self._encode, [t])
            self._jobs.append((t, future))

    def result(self) -> np.ndarray:
        """The vectors of every text added so far, in order."""
        if not self._jobs:
            return np.zeros((0, int(getattr(self.embedder, "dim", 384))), dtype=np.float32)
        # jobs the worker has not started are taken back and embedded together, here
        left = [i for i, (_, f) in enumerate(self._jobs) if f is None or f.cancel()]
        here = dict(zip(left, self._encode([self._jobs[i][0] for i in left]))) if left else {}
        return np.vstack([here[i] if i in here else f.result()[0] for i, (_, f) in enumerate(self._jobs)])

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def _encode(self, texts: list[str]) -> np.ndarray:
        start = time.perf_counter()
        try:
            return np.asarray(self.embedder.encode(texts), dtype=np.float32)
        finally:
            with self._lock:
                self.busy_s += time.perf_counter() - start
