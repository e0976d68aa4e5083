"""Background checks: a bounded worker pool, live progress, finished reports persisted in the store.

A job ingests its input (a URL is fetched here, through the SSRF-guarded ``factdesk.http``), runs
``factdesk.pipeline.check`` and saves the report JSON with ``store.save_report``; the report then
outlives the process. Jobs that are still queued or running live only in memory.

>>> jobs = JobManager(runtime, workers=1, max_queued=8)
>>> job = jobs.submit(lambda progress: article)
>>> jobs.get(job.id).status
'queued'
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Literal

from factdesk.errors import FactdeskError
from factdesk.models import Article, Report

log = logging.getLogger("factdesk.web")

JobStatus = Literal["queued", "running", "done", "failed"]
ProgressFn = Callable[[str, float, str], None]
#: builds the article (may fetch); gets the progress callback
ArticleFactory = Callable[[ProgressFn], Article]

#: overall progress range of each stage, so the bar moves forward through the pipeline
STAGE_RANGES: dict[str, tuple[float, float]] = {
    "queued": (0.0, 0.0),
    "ingest": (0.0, 0.05),
    "claims": (0.05, 0.2),
    "evidence": (0.2, 0.6),
    "verify": (0.6, 0.85),
    "analyse": (0.85, 0.96),
    "save": (0.96, 0.99),
    "done": (1.0, 1.0),
}


#: stage entries kept per job (a check passes through about eight)
MAX_STAGE_HISTORY = 32


class QueueFull(FactdeskError):
    """Too many checks are waiting; try again later."""


class StoredReportError(FactdeskError):
    """A stored report cannot be read (not JSON, or not a report even with unknown fields dropped)."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(f"the stored report of check {key} cannot be read: {reason}")
        self.key = key


def _drop(data: Any, loc: tuple) -> bool:
    """Delete the field at ``loc`` (a pydantic error location) from ``data``; union tags in the
    location (names that are not keys) are stepped over."""
    node = data
    for part in loc[:-1]:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
    if isinstance(node, dict) and loc and loc[-1] in node:
        del node[loc[-1]]
        return True
    return False


def read_report(text: str, key: str) -> Report:
    """A stored report, read forward-compatibly: fields this version does not know (written by a
    newer factdesk sharing the store) are ignored; anything else wrong is a ``StoredReportError``
    naming the check."""
    import json

    from pydantic import ValidationError

    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise StoredReportError(key, f"not valid JSON ({getattr(exc, 'msg', exc)})") from None
    if not isinstance(data, dict):
        raise StoredReportError(key, f"a JSON {type(data).__name__}, not a report")
    for _ in range(8):  # each pass drops the unknown fields pydantic found (nested ones show next pass)
        try:
            return Report.model_validate(data)
        except ValidationError as exc:
            errors = exc.errors()
            unknown = [e["loc"] for e in errors if e["type"] == "extra_forbidden"]
            other = [e for e in errors if e["type"] != "extra_forbidden"]
            if other or not unknown:
                first = (other or errors)[0]
                where = ".".join(str(p) for p in first["loc"]) or "report"
                raise StoredReportError(key, f"{where}: {first['msg']}") from None
            if not any([_drop(data, tuple(loc)) for loc in unknown]):
                raise StoredReportError(key, "unknown fields that cannot be dropped") from None
    raise StoredReportError(key, "too many unknown fields")


@dataclass
class Job:
    id: str
    status: JobStatus = "queued"
    stage: str = "queued"
    fraction: float = 0.0
    message: str = "waiting for a worker"
    error: str | None = None
    title: str | None = None
    created: float = field(default_factory=time.time)
    finished: float | None = None
    version: int = 0
    #: one entry per stage reached, (seq, progress), so a client that subscribes late still sees them
    stages: list[tuple[int, dict[str, Any]]] = field(default_factory=list)

    def public(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "progress": {"stage": self.stage, "fraction": round(self.fraction, 3), "message": self.message},
            "error": self.error,
            "title": self.title,
        }


# -- the store seam -----------------------------------------------------------------------------
class ReportStore:
    """Reports in the evidence store (``save_report`` / ``get_report`` / ``list_reports``).

    It opens its own connection to the store, without the embedding model: reports are readable the
    moment the server starts (after a restart), not once the models have loaded."""

    def __init__(self, db: str) -> None:
        self.db = db
        self._store = None
        self._lock = threading.Lock()

    @property
    def store(self):
        if self._store is None:
            with self._lock:
                if self._store is None:
                    from factdesk.evidence.store import open_store

                    self._store = open_store(self.db, embedder=None)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def save(self, key: str, report_json: str, meta: dict[str, Any]) -> None:
        self.store.save_report(key, report_json, meta)

    def get(self, key: str) -> str | None:
        return self.store.get_report(key)

    def list(self, limit: int = 20) -> list[dict[str, Any]]:
        """Newest first: ``[{key, title, created, …meta}]``."""
        return [
            {**(item.get("meta") or {}), "key": item["key"],
             "created": (item.get("meta") or {}).get("created") or item.get("created")}
            for item in self.store.list_reports(limit=limit)
        ]


# -- the manager --------------------------------------------------------------------------------
class JobManager:
    """Runs checks on ``workers`` threads; at most ``max_queued`` wait; finished jobs are forgotten
    from memory after ``keep`` (their reports stay in the store)."""

    def __init__(self, runtime, *, workers: int = 1, max_queued: int = 32, keep: int = 1000) -> None:
        self.runtime = runtime
        self.reports = ReportStore(runtime.config.db)
        self.max_queued = max_queued
        self.keep = keep
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="factdesk-check")
        self._pending = 0

    # public -----------------------------------------------------------------------------------
    def submit(self, make_article: ArticleFactory, *, runtime=None, title: str | None = None) -> Job:
        """Queue a check; raise ``QueueFull`` when too many are waiting."""
        with self._lock:
            if self._pending >= self.max_queued:
                raise QueueFull(f"{self._pending} checks are waiting; try again in a minute")
            self._pending += 1
            job = Job(id=uuid.uuid4().hex, title=title)
            self._jobs[job.id] = job
            self._forget_old()
        self._pool.submit(self._run, job, make_article, runtime or self.runtime)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is not None:
            return job
        if self.report_json(job_id) is not None:
            return Job(id=job_id, status="done", stage="done", fraction=1.0, message="report ready")
        return None

    def report_json(self, key: str) -> str | None:
        if not _valid_key(key):
            return None
        return self.reports.get(key)

    def report(self, key: str) -> Report | None:
        """The stored report (unknown fields ignored); ``StoredReportError`` when it is damaged."""
        text = self.report_json(key)
        return read_report(text, key) if text is not None else None

    def stats(self) -> dict[str, int]:
        with self._lock:
            counts: dict[str, int] = {"queued": 0, "running": 0, "done": 0, "failed": 0}
            for job in self._jobs.values():
                counts[job.status] += 1
        return counts

    def shutdown(self, wait: bool = True) -> None:
        """Drop the queued checks; with ``wait``, let the running ones finish and save their reports."""
        self._pool.shutdown(wait=wait, cancel_futures=True)
        if wait:
            self.reports.close()

    # worker -----------------------------------------------------------------------------------
    def _update(self, job: Job, **changes: Any) -> None:
        with self._lock:
            for key, value in changes.items():
                setattr(job, key, value)
            job.version += 1
            if "stage" in changes and (not job.stages or job.stages[-1][1]["stage"] != job.stage):
                job.stages.append((job.version, dict(job.public()["progress"])))
                del job.stages[:-MAX_STAGE_HISTORY]

    def _progress_for(self, job: Job) -> ProgressFn:
        def progress(stage: str, fraction: float, message: str) -> None:
            lo, hi = STAGE_RANGES.get(stage, (job.fraction, job.fraction))
            overall = max(job.fraction, lo + max(0.0, min(1.0, fraction)) * (hi - lo))
            self._update(job, stage=stage, fraction=min(overall, 0.99 if stage != "done" else 1.0),
                         message=str(message)[:200])

        return progress

    def _run(self, job: Job, make_article: ArticleFactory, runtime) -> None:
        from factdesk.pipeline import check

        progress = self._progress_for(job)
        self._update(job, status="running")
        try:
            progress("ingest", 0.0, "reading the article")
            article = make_article(progress)
            self._update(job, title=article.title)
            report = check(article, runtime, progress=progress)
            progress("save", 0.0, "saving the report")
            meta = {
                "kind": "report",
                "title": article.title,
                "url": article.url,
                "content_hash": article.content_hash(),
                "created": report.created or datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "claims": len(report.claims),
            }
            self.reports.save(job.id, report.to_json(), meta)
            self._update(job, status="done", stage="done", fraction=1.0, message="report ready",
                         finished=time.time())
        except FactdeskError as exc:
            self._update(job, status="failed", error=str(exc)[:500], message="check failed", finished=time.time())
        except Exception:  # a bug: log it, tell the user without a trace
            log.exception("check %s failed", job.id)
            self._update(job, status="failed", error="internal error while checking (logged on the server)",
                         message="check failed", finished=time.time())
        finally:
            with self._lock:
                self._pending -= 1

    def _forget_old(self) -> None:
        finished = [k for k, j in self._jobs.items() if j.status in ("done", "failed")]
        for key in finished[: max(0, len(self._jobs) - self.keep)]:
            del self._jobs[key]


def _valid_key(key: str) -> bool:
    return 0 < len(key) <= 64 and all(c in "0123456789abcdef" for c in key)
