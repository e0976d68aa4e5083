"""Engines run the same worker code in one process (``local``) or on a Ray cluster (``ray``).

Both take the jobs still to do and call ``on_result(result)`` once per job as results arrive.
On Ray, reading a job is a task (retried if its worker dies) and checking runs on ``Checker``
actors that load their models once and take batches; an actor whose process dies is restarted
and its in-flight batch retried, so every job still gets exactly one result.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol

from factdesk.config import Config
from factdesk.scale.inputs import Job
from factdesk.scale.worker import Checker, read_job

OnResult = Callable[[dict[str, Any]], None]


class Engine(Protocol):
    def run(self, jobs: list[Job], on_result: OnResult, stop: threading.Event | None = None) -> None: ...

    def close(self) -> None: ...


class LocalEngine:
    """Everything in this process, one article after another (the default: no cluster needed)."""

    def __init__(self, config: Config, workers: int = 1, address: str | None = None, batch_size: int = 1) -> None:
        self._config_json = config.model_dump_json()
        self._checker: Checker | None = None

    def run(self, jobs: list[Job], on_result: OnResult, stop: threading.Event | None = None) -> None:
        for job in jobs:
            if stop is not None and stop.is_set():
                return
            item = read_job(job.model_dump(), self._config_json)
            if "error" in item:
                on_result({"key": job.key, "status": "failed", "error": item["error"]})
                continue
            if self._checker is None:
                self._checker = Checker(self._config_json)
            for result in self._checker.check_batch([job.key], item):
                on_result(result)

    def close(self) -> None:
        if self._checker is not None:
            self._checker.close()


class RayEngine:
    """Ray tasks read the jobs; ``workers`` Checker actors check them in batches."""

    def __init__(self, config: Config, workers: int = 2, address: str | None = None, batch_size: int = 2) -> None:
        import ray

        self._ray = ray
        self._config_json = config.model_dump_json()
        self.workers = max(1, workers)
        self.batch_size = max(1, batch_size)
        self._started_here = False
        if not ray.is_initialized():
            kwargs: dict[str, Any] = dict(include_dashboard=False, log_to_driver=False, configure_logging=False)
            if address:
                ray.init(address=address, **kwargs)
            else:
                ray.init(num_cpus=self.workers, object_store_memory=256 * 1024 * 1024, **kwargs)
                self._started_here = True
        self._read = ray.remote(num_cpus=0, max_retries=3)(read_job)
        actor_cls = ray.remote(num_cpus=1, max_restarts=-1, max_task_retries=3)(Checker)
        # one polite limiter per host for the whole batch, not one per worker process
        import uuid

        from factdesk.scale.limits import RayHostLimits

        self.host_limits = RayHostLimits(uuid.uuid4().hex[:12])
        self.actors = [actor_cls.remote(self._config_json, self.host_limits) for _ in range(self.workers)]

    def actor_pids(self) -> list[int]:
        return self._ray.get([a.pid.remote() for a in self.actors])

    def run(self, jobs: list[Job], on_result: OnResult, stop: threading.Event | None = None) -> None:
        ray = self._ray
        batches = [jobs[i : i + self.batch_size] for i in range(0, len(jobs), self.batch_size)]
        pending: dict[Any, list[str]] = {}
        next_batch = 0
        max_in_flight = self.workers * 2

        def submit(index: int) -> None:
            batch = batches[index]
            actor = self.actors[index % len(self.actors)]
            refs = [self._read.remote(job.model_dump(), self._config_json) for job in batch]
            pending[actor.check_batch.remote([j.key for j in batch], *refs)] = [j.key for j in batch]

        while next_batch < len(batches) and len(pending) < max_in_flight:
            submit(next_batch)
            next_batch += 1
        while pending:
            done, _ = ray.wait(list(pending), num_returns=1, timeout=1.0)
            for ref in done:
                keys = pending.pop(ref)
                try:
                    results = ray.get(ref)
                except Exception as exc:  # the batch failed even after retries
                    results = [{"key": k, "status": "failed", "error": f"worker failed: {type(exc).__name__}"}
                               for k in keys]
                for result in results:
                    on_result(result)
                if next_batch < len(batches) and not (stop is not None and stop.is_set()):
                    submit(next_batch)
                    next_batch += 1

    def close(self) -> None:
        for actor in self.actors:
            try:
                self._ray.kill(actor)
            except Exception:  # pragma: no cover - best effort at shutdown
                pass
        try:
            self.host_limits.shutdown()
        except Exception:  # pragma: no cover - best effort at shutdown
            pass
        if self._started_here:
            self._ray.shutdown()


ENGINES: dict[str, type] = {"local": LocalEngine, "ray": RayEngine}


def make_engine(name: str, config: Config, *, workers: int = 1, address: str | None = None,
                batch_size: int = 2) -> Engine:
    from factdesk.errors import ConfigError

    try:
        cls = ENGINES[name]
    except KeyError:
        raise ConfigError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}") from None
    return cls(config, workers=workers, address=address, batch_size=batch_size)
