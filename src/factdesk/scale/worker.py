"""The work itself, the same on every engine: read a job into an Article, check a batch of Articles.

``read_job`` is light (I/O: a file or a URL) and runs as a task; ``Checker`` holds the models
(embedder, spaCy, stance) once and checks batches — on Ray it is an actor.
"""

from __future__ import annotations

import os
from typing import Any

from factdesk.config import Config
from factdesk.errors import FactdeskError
from factdesk.scale.inputs import Job


def read_job(job: dict[str, Any], config_json: str) -> dict[str, Any]:
    """Ingest one job. Returns ``{"key", "article": json}`` or ``{"key", "error": message}``."""
    from factdesk import ingest

    config = Config.model_validate_json(config_json)
    j = Job.model_validate(job)
    if j.kind == "article" and j.article:
        return {"key": j.key, "article": j.article}
    try:
        if j.kind == "path":
            article = ingest.load_article(j.source, config=config)
        elif j.kind == "url":
            article = ingest.load_article(j.url or j.source, config=config)
        elif j.html:
            article = ingest.article_from_html(j.html, url=j.url)
        else:
            article = ingest.article_from_text(j.text or "", url=j.url)
        updates = {}
        if j.title and not article.title:
            updates["title"] = j.title
        if j.published and not article.published:
            updates["published"] = j.published
        if updates:
            article = article.model_copy(update=updates)
    except FactdeskError as exc:
        return {"key": j.key, "error": str(exc)}
    return {"key": j.key, "article": article.model_dump_json()}


class Checker:
    """Loads the models once; checks articles one batch at a time."""

    def __init__(self, config_json: str, host_limits=None) -> None:
        from factdesk.runtime import Runtime

        self.config = Config.model_validate_json(config_json)
        # on Ray, the sources' per-host limits are shared by all the batch's workers
        self.runtime = Runtime(self.config, host_limits=host_limits)

    def pid(self) -> int:
        return os.getpid()

    def check_batch(self, keys: list[str], *ingested: dict[str, Any]) -> list[dict[str, Any]]:
        from factdesk.models import Article
        from factdesk.pipeline import check

        results = []
        for key, item in zip(keys, ingested):
            if "error" in item:
                results.append({"key": key, "status": "failed", "error": item["error"]})
                continue
            article = Article.model_validate_json(item["article"])
            try:
                report = check(article, self.runtime)
            except FactdeskError as exc:
                results.append({"key": key, "status": "failed", "error": str(exc)})
                continue
            results.append(
                {
                    "key": key,
                    "status": "done",
                    "report": report.model_dump_json(),
                    "title": article.title,
                    "url": article.url,
                    "content_hash": article.content_hash(),
                    "worker_pid": os.getpid(),
                }
            )
        return results

    def close(self) -> None:
        self.runtime.close()
