"""The steps the API and the pages share: start a check from what a client sent, find its report, link it.

Text, HTML and uploads are ingested before the job is queued, so bad input gets its 4xx at once; a
URL is checked against the SSRF guard at once and fetched inside the job.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from factdesk.config import Config
from factdesk.models import Report
from factdesk.web.inputs import (
    SOURCE_NAME,
    CheckRequest,
    article_from_html,
    article_from_text,
    article_from_upload,
    fetch_article,
)
from factdesk.web.jobs import Job
from factdesk.web.security import ProblemError
from factdesk.web.state import WebState


def job_links(job_id: str) -> dict[str, str]:
    """Where a check's resources live (the API and the page)."""
    return {
        "self": f"/api/checks/{job_id}",
        "page": f"/checks/{job_id}",
        "events": f"/api/checks/{job_id}/events",
        "audio": f"/api/checks/{job_id}/audio",
        "claimreview": f"/api/checks/{job_id}/claimreview",
        "report": f"/api/checks/{job_id}/report",
        "rerun": f"/api/checks/{job_id}/rerun",
    }


async def start_check(state: WebState, req: CheckRequest | None, upload: tuple[bytes, str | None] | None = None,
                      sources: list[str] | None = None) -> Job:
    """Validate and ingest what can be ingested now; queue the check; return the job."""
    rt = await run_in_threadpool(state.runtimes.for_sources, req.sources if req else sources)
    cfg: Config = rt.config
    jobs = state.jobs
    if upload is not None:
        data, name = upload
        article = await run_in_threadpool(article_from_upload, data, name, cfg)
        return jobs.submit(lambda progress: article, runtime=rt, title=article.title)
    if req is None:
        raise ProblemError(422, "Invalid request", "nothing to check")
    if req.kind == "url":
        from factdesk.http import check_url_allowed

        url = req.url.strip()
        await check_url_allowed(url, cfg.http)  # SSRF guard now; fetch re-checks every hop
        return jobs.submit(lambda progress: fetch_article(url, cfg), runtime=rt)
    if req.kind == "html":
        article = await run_in_threadpool(article_from_html, req.html, cfg)
    else:
        article = await run_in_threadpool(article_from_text, req.text, cfg)
    return jobs.submit(lambda progress: article, runtime=rt, title=article.title)


def load_report(state: WebState, job_id: str) -> Report:
    """The finished report of ``job_id``: a 404 problem when there is no such check, 409 when not done."""
    report = state.jobs.report(job_id)
    if report is None:
        job = state.jobs.get(job_id)
        if job is None:
            raise ProblemError(404, "Not found", f"no check with id {job_id[:64]!r}")
        raise ProblemError(409, "Not ready", f"check {job_id} is {job.status}; its report is not ready")
    return report


def parse_sources(value: str | None) -> list[str] | None:
    """A form's comma-separated source names (``None`` when empty); a bad list is a 422 problem."""
    names = [s.strip() for s in (value or "").split(",") if s.strip()]
    if len(names) > 16 or not all(SOURCE_NAME.match(name) for name in names):
        raise ProblemError(422, "Invalid request", f"sources: invalid source list {str(value)[:80]!r}")
    return names or None


async def read_upload(state: WebState, item: Any) -> tuple[bytes, str | None] | None:
    """The bytes and file name of an uploaded form file (``None`` when there is none); 413 when too large."""
    limit = state.config.server.max_body_bytes
    if isinstance(item, UploadFile) and item.filename:
        data = await item.read(limit + 1)
        if len(data) > limit:
            raise ProblemError(413, "Request body too large", "the uploaded file is too large")
        return data, item.filename
    return None


def claimreview_json(report: Report, page_url: str) -> str:
    """ClaimReview JSON-LD text, safe to embed in a ``<script type="application/ld+json">`` block."""
    from factdesk.report.claimreview import claim_reviews

    text = json.dumps(claim_reviews(report, base_url=page_url), indent=2, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_url(request: Any, job_id: str) -> str:
    """The absolute address of a check's article page (the base of its ClaimReview ``url``s), from
    the configuration only (``server.public_url``, else the bind address): never from the request's
    ``Host`` header, which the client chooses."""
    return f"{request.app.state.web.config.server.base_url()}/checks/{job_id}"
