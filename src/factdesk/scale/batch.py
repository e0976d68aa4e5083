"""Batch checking: many articles, one engine, results streamed to a directory and the store.

>>> summary = run_batch(["articles/"], config, out_dir="out", engine="ray", workers=2)
>>> summary.done, summary.failed, summary.skipped
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from factdesk.config import Config
from factdesk.scale.engines import make_engine
from factdesk.scale.inputs import Job
from factdesk.scale.outputs import BatchOutput

#: progress(done, failed, total, rate_per_minute)
BatchProgress = Callable[[int, int, int, float], None]


@dataclass
class BatchSummary:
    total: int = 0
    done: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    errors: dict[str, str] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)

    @property
    def per_minute(self) -> float:
        return 60.0 * (self.done + self.failed) / self.seconds if self.seconds else 0.0


def run_jobs(
    jobs: list[Job],
    config: Config,
    output: BatchOutput,
    *,
    engine: str = "local",
    workers: int = 1,
    address: str | None = None,
    batch_size: int = 2,
    progress: BatchProgress | None = None,
    stop: threading.Event | None = None,
    engine_instance=None,
) -> BatchSummary:
    summary = BatchSummary(total=len(jobs))
    todo = []
    for job in jobs:
        if output.is_done(job.key):
            summary.skipped += 1
            output.ensure_recorded(job.key, job.label)
        else:
            todo.append(job)
    labels = {job.key: job.label for job in jobs}
    start = time.perf_counter()

    def on_result(result: dict) -> None:
        if not output.write(result, labels.get(result["key"], "")):
            return
        summary.keys.append(result["key"])
        if result["status"] == "done":
            summary.done += 1
        else:
            summary.failed += 1
            summary.errors[result["key"]] = result["error"]
        if progress is not None:
            elapsed = time.perf_counter() - start
            rate = 60.0 * (summary.done + summary.failed) / elapsed if elapsed else 0.0
            progress(summary.done, summary.failed, len(todo), rate)

    if todo:
        runner = engine_instance or make_engine(engine, config, workers=workers, address=address,
                                                batch_size=batch_size)
        try:
            runner.run(todo, on_result, stop)
        finally:
            if engine_instance is None:
                runner.close()
    summary.seconds = time.perf_counter() - start
    return summary
