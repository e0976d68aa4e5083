"""Feed monitoring: poll RSS/Atom feeds, check each new article once, say what changed.

Articles are deduplicated by canonical URL and content hash: the same story under two feed links
is checked once; a story whose text changed since it was checked is checked again ("updated").
State lives in ``<out>/monitor-state.json`` (written atomically after every result), reports in the
output directory and the store, so a monitor stopped by SIGINT/SIGTERM resumes where it was.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from factdesk.config import Config
from factdesk.errors import FactdeskError
from factdesk.scale.batch import run_jobs
from factdesk.scale.inputs import Job, _jobs_from_feed, job_key
from factdesk.scale.outputs import BatchOutput, _atomic_write, _read_regular
from factdesk.scale.worker import read_job


@dataclass
class PollSummary:
    poll: int
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    gone: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def describe(self) -> str:
        parts = [f"poll {self.poll}: {len(self.new)} new, {len(self.updated)} updated, {self.unchanged} unchanged"]
        if self.gone:
            parts.append(f"{len(self.gone)} left the feeds")
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        lines = ["; ".join(parts)]
        lines += [f"  + {t}" for t in self.new]
        lines += [f"  ~ {t}" for t in self.updated]
        lines += [f"  ! {w}" for w in self.warnings]
        return "\n".join(lines)


class FeedMonitor:
    def __init__(self, feeds: list[str], config: Config, out_dir: str | Path, *, engine: str = "local",
                 workers: int = 1, address: str | None = None, store=None) -> None:
        self.feeds, self.config = feeds, config
        self.output = BatchOutput(out_dir, store=store)
        self.state_path = Path(out_dir) / "monitor-state.json"
        self.engine, self.workers, self.address = engine, workers, address
        self.state = self._load_state()

    def _load_state(self) -> dict:
        data = _read_regular(self.state_path)  # never through a link planted at the name
        if data is not None:
            try:
                return json.loads(data.decode("utf-8"))
            except ValueError:
                pass
        return {"polls": 0, "items": {}}

    def _save_state(self) -> None:
        _atomic_write(self.state_path, json.dumps(self.state, indent=1, sort_keys=True))

    def _feed_jobs(self, feed: str) -> list[Job]:
        if feed.startswith(("http://", "https://")):
            from factdesk.http import FEED_TYPES, fetch_sync

            fetched = fetch_sync(feed, config=self.config.http, accept=FEED_TYPES + ("text/plain", "text/html"))
            return _jobs_from_feed(fetched.content, feed)
        path = Path(feed)
        if not path.is_file():
            raise FactdeskError(f"no such feed file: {feed}")
        from factdesk.scale.inputs import _read_feed_file

        return _jobs_from_feed(_read_feed_file(path), feed)  # size-capped before reading

    def poll_once(self, stop: threading.Event | None = None) -> PollSummary:
        self.state["polls"] += 1
        summary = PollSummary(poll=self.state["polls"])
        items: dict = self.state["items"]
        known_hashes = {v["content_hash"]: url for url, v in items.items()}
        seen_now: set[str] = set()
        todo: list[Job] = []
        kinds: dict[str, tuple[str, str, str]] = {}  # job key -> (kind, canonical url, content hash)
        config_json = self.config.model_dump_json()
        for feed in self.feeds:
            try:
                jobs = self._feed_jobs(feed)
            except FactdeskError as exc:
                summary.warnings.append(f"{feed}: {exc}")
                continue
            for job in jobs:
                item = read_job(job.model_dump(), config_json)
                if "error" in item:
                    summary.failed[job.label] = item["error"]
                    continue
                from factdesk.models import Article

                article = Article.model_validate_json(item["article"])
                canonical = article.url or job.url or job.key
                digest = article.content_hash()
                seen_now.add(canonical)
                previous = items.get(canonical)
                if (previous and previous["content_hash"] == digest) or (digest in known_hashes
                                                                          and known_hashes[digest] != canonical):
                    summary.unchanged += 1
                    continue
                if any(k[1] == canonical or k[2] == digest for k in kinds.values()):
                    continue  # the same story twice in this poll
                key = job_key("article", canonical, digest)
                kinds[key] = ("updated" if previous else "new", canonical, digest)
                todo.append(Job(key=key, kind="article", article=item["article"], url=canonical,
                                label=article.title[:100]))

        run = run_jobs(todo, self.config, self.output, engine=self.engine, workers=self.workers,
                       address=self.address, stop=stop)
        for job in todo:  # done in this run, or by an earlier run that was cut off before saving state
            kind, canonical, digest = kinds[job.key]
            if self.output.is_done(job.key):
                items[canonical] = {"content_hash": digest, "key": job.key, "title": job.label}
                (summary.new if kind == "new" else summary.updated).append(job.label)
            elif job.key in run.errors:
                summary.failed[canonical] = run.errors[job.key]
        for canonical in seen_now:
            if canonical in items:
                items[canonical]["last_seen"] = summary.poll
        summary.gone = sorted(v["title"] for v in items.values() if v.get("last_seen") == summary.poll - 1)
        self._save_state()
        return summary

    def run(self, interval: float, stop: threading.Event, *, max_polls: int | None = None,
            on_poll: Callable[[PollSummary], None] | None = None) -> None:
        polls = 0
        while not stop.is_set():
            summary = self.poll_once(stop)
            polls += 1
            if on_poll:
                on_poll(summary)
            if max_polls is not None and polls >= max_polls:
                return
            stop.wait(interval)
