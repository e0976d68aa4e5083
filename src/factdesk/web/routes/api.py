"""The REST API under ``/api``: start a check, follow it, read its report, audio and ClaimReview.

Every error is ``application/problem+json`` (see :mod:`factdesk.web.routes.errors`); the OpenAPI
document is served at ``/api/openapi.json``.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from factdesk import __version__
from factdesk.web.audio import MEDIA_TYPES, SpeechUnavailable
from factdesk.web.checks import (
    claimreview_json,
    job_links,
    load_report,
    page_url,
    parse_sources,
    read_upload,
    start_check,
)
from factdesk.web.inputs import CheckRequest, ClaimsRequest, RerunRequest
from factdesk.web.security import ProblemError, check_read, check_write
from factdesk.web.state import WebState, web_state

#: longest a progress stream stays open (the page reconnects or falls back to refreshing)
SSE_MAX_S = 600.0
SSE_TICK_S = 0.25

router = APIRouter(tags=["api"])
State = Annotated[WebState, Depends(web_state)]

#: the request body of ``POST /api/checks``: JSON (a CheckRequest) or a multipart upload
_CHECK_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": CheckRequest.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "sources": {"type": "string", "description": "comma-separated source names"},
                    },
                    "required": ["file"],
                }
            },
        },
    }
}


@router.get("/api/health")
async def health(state: State) -> dict[str, Any]:
    """Liveness and the job counts."""
    return {"status": "ok", "version": __version__, "ready": state.ready.is_set(),
            "jobs": state.jobs.stats()}


@router.post("/api/checks", status_code=202, openapi_extra=_CHECK_BODY)
async def create_check(request: Request, state: State) -> JSONResponse:
    """Start a check of ``text``, ``html`` or ``url`` (JSON), or of an uploaded ``file`` (multipart).

    Returns 202 with the job id; poll ``GET /api/checks/{id}`` or follow ``/events``."""
    check_write(request, state.config.server)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=10)
        upload = await read_upload(state, form.get("file"))
        if upload is None:
            raise ProblemError(422, "Invalid request", "file: an uploaded file is required")
        raw_sources = form.get("sources")
        sources = parse_sources(raw_sources if isinstance(raw_sources, str) else None)
        job = await start_check(state, None, upload, sources)
    elif ctype in ("application/json", ""):
        raw = await request.body()
        if not raw.strip():
            raise ProblemError(422, "Invalid request", "the request body is empty")
        try:
            req = CheckRequest.model_validate_json(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ())) or "body"
            msg = str(first.get("msg", "invalid")).removeprefix("Value error, ")
            raise ProblemError(422, "Invalid request", f"{where}: {msg}"[:300]) from None
        job = await start_check(state, req, None)
    else:
        raise ProblemError(415, "Unsupported media type", "send application/json or multipart/form-data")
    return JSONResponse({**job.public(), "links": job_links(job.id)}, status_code=202,
                        headers={"Location": f"/api/checks/{job.id}"})


def _json_body(request: Request) -> None:
    """Refuse a body that is not ``application/json`` (415): a page of another site can send
    ``text/plain`` or a form without asking, never JSON without a CORS preflight."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/json":
        raise ProblemError(415, "Unsupported media type", "send application/json")


def _parse(model, raw: bytes):
    """A JSON body as ``model``; the first validation error is a 422 problem naming the field."""
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "body"
        msg = str(first.get("msg", "invalid")).removeprefix("Value error, ")
        raise ProblemError(422, "Invalid request", f"{where}: {msg}"[:300]) from None


@router.post("/api/checks/{job_id}/rerun", status_code=202)
async def rerun_check(job_id: str, request: Request, state: State) -> JSONResponse:
    """Check a finished check's article again, with other evidence sources (JSON ``{"sources": [...]}``,
    e.g. the store and the live sources). Answers 202 with the new check's id, like ``POST /api/checks``."""
    check_write(request, state.config.server)
    _json_body(request)
    raw = await request.body()
    req = _parse(RerunRequest, raw) if raw.strip() else RerunRequest()
    report = await run_in_threadpool(load_report, state, job_id)
    rt = await run_in_threadpool(state.runtimes.for_sources, req.sources)
    article = report.article
    job = state.jobs.submit(lambda progress: article, runtime=rt, title=article.title)
    return JSONResponse({**job.public(), "links": job_links(job.id)}, status_code=202,
                        headers={"Location": f"/api/checks/{job.id}"})


#: the report formats to download: media type and file name suffix
DOWNLOADS = {
    "json": ("application/json", "json"),
    "markdown": ("text/markdown; charset=utf-8", "md"),
    "html": ("text/html; charset=utf-8", "html"),
    "text": ("text/plain; charset=utf-8", "txt"),
    "claimreview": ("application/ld+json", "claimreview.json"),
}


@router.get("/api/checks/{job_id}/report")
async def download_report(job_id: str, request: Request, state: State, format: str = "json") -> Response:
    """A finished check's report as a file to keep: ``format`` = ``json`` (the contract), ``markdown``,
    ``html`` (the standalone report), ``text`` or ``claimreview`` (JSON-LD, each review's ``url`` on the
    article page)."""
    from factdesk.report import render

    check_read(request, state.config.server)
    if format not in DOWNLOADS:
        raise ProblemError(422, "Invalid request", f"format must be one of {', '.join(DOWNLOADS)}")
    report = await run_in_threadpool(load_report, state, job_id)
    if format == "claimreview":
        body = claimreview_json(report, page_url(request, job_id))
    elif format == "text":
        from factdesk.report.terminal import render_terminal

        body = await run_in_threadpool(lambda: render_terminal(report, color=False, width=100))
    else:
        body = await run_in_threadpool(render, report, format)
    media, suffix = DOWNLOADS[format]
    return Response(body, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="factdesk-{re.sub(r"[^0-9A-Za-z_-]", "", job_id)[:12]}.{suffix}"',
        "Cache-Control": "private, max-age=60",
    })


@router.post("/api/claims")
async def check_claims(request: Request, state: State) -> JSONResponse:
    """Check claims without an article (as ``factdesk verify`` does): the same retrieval, live sources and
    verification as a check. Answers at once with every claim and its verdict (at most 100 claims)."""
    from factdesk.pipeline import verify_claims

    check_write(request, state.config.server)
    _json_body(request)
    raw = await request.body()
    if not raw.strip():
        raise ProblemError(422, "Invalid request", "the request body is empty")
    req = _parse(ClaimsRequest, raw)
    rt = await run_in_threadpool(state.runtimes.for_sources, req.sources)
    report = await run_in_threadpool(verify_claims, req.claims, rt)
    return JSONResponse(report.model_dump(mode="json"))


@router.get("/api/checks/{job_id}")
async def get_check(job_id: str, request: Request, state: State) -> JSONResponse:
    """Status, progress and (when done) the report JSON of a check."""
    check_read(request, state.config.server)
    job = await run_in_threadpool(state.jobs.get, job_id)
    if job is None:
        raise ProblemError(404, "Not found", f"no check with id {job_id[:64]!r}")
    body: dict[str, Any] = {**job.public(), "links": job_links(job_id), "report": None}
    if job.status == "done":
        report = await run_in_threadpool(state.jobs.report, job_id)  # unknown fields dropped, damage named
        body["report"] = report.model_dump(mode="json") if report is not None else None
    return JSONResponse(body)


@router.get("/api/checks/{job_id}/events")
async def check_events(job_id: str, request: Request, state: State) -> StreamingResponse:
    """Server-sent events: ``progress`` while the check runs, then ``done`` or ``failed``."""
    check_read(request, state.config.server)
    jobs = state.jobs
    if await run_in_threadpool(jobs.get, job_id) is None:
        raise ProblemError(404, "Not found", f"no check with id {job_id[:64]!r}")

    def message(event: str, job, progress: dict | None = None) -> str:
        body = {**job.public(), "page": f"/checks/{job_id}"}
        if progress is not None:  # a stage replayed from the job's history: as it was then
            body["progress"] = progress
            body["status"] = "queued" if progress["stage"] == "queued" else "running"
        return f"event: {event}\ndata: {json.dumps(body)}\n\n"

    async def stream():
        seen, last_stage, waited, idle = -1, -1, 0.0, 0.0
        while waited < SSE_MAX_S:
            job = jobs.get(job_id)
            if job is None:
                return
            # every stage reached since the last message, even if the check has moved on (or ended)
            missed = [(seq, prog) for seq, prog in list(job.stages) if seq > last_stage]
            for seq, prog in missed:
                if prog["stage"] not in ("done", "failed"):
                    yield message("progress", job, prog)
                last_stage = seq
            if job.status in ("done", "failed"):
                yield message(job.status, job)
                return
            if job.version != seen:
                if not missed or job.version != missed[-1][0]:
                    yield message("progress", job)
                seen, idle = job.version, 0.0
            elif idle >= 15.0:
                idle = 0.0
                yield ": keep-alive\n\n"
            if await request.is_disconnected():
                return
            await asyncio.sleep(SSE_TICK_S)
            waited += SSE_TICK_S
            idle += SSE_TICK_S

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


async def _audio_for(request: Request, state: WebState, job_id: str, fmt: str) -> tuple[Path, dict[str, Any]]:
    check_read(request, state.config.server)
    if fmt not in MEDIA_TYPES:
        raise ProblemError(422, "Invalid request", f"format must be one of {', '.join(MEDIA_TYPES)}")
    report = await run_in_threadpool(load_report, state, job_id)
    try:
        return await run_in_threadpool(state.audio.get, report.article, fmt)
    except SpeechUnavailable as exc:
        raise ProblemError(503, "Speech unavailable", str(exc)) from None


@router.get("/api/checks/{job_id}/audio", response_class=FileResponse)
async def get_audio(job_id: str, request: Request, state: State, format: str = "ogg") -> FileResponse:
    """The article read aloud (title and body), synthesised on first request and cached."""
    path, _ = await _audio_for(request, state, job_id, format)
    return FileResponse(path, media_type=MEDIA_TYPES[format], filename=f"{job_id}.{format}",
                        content_disposition_type="inline", headers={"Cache-Control": "private, max-age=3600"})


@router.get("/api/checks/{job_id}/audio/timings")
async def get_audio_timings(job_id: str, request: Request, state: State, format: str = "ogg") -> JSONResponse:
    """Sentence timings of the audio: ``{sentences: [{index, text, start_s, end_s, span, paragraph}]}``."""
    _, timings = await _audio_for(request, state, job_id, format)
    return JSONResponse(timings)


@router.get("/api/checks/{job_id}/claimreview")
async def get_claimreview(job_id: str, request: Request, state: State) -> Response:
    """schema.org ClaimReview JSON-LD, one review per checked claim; each ``url`` is its place on
    the article page (``/checks/{id}#claim-…``)."""
    check_read(request, state.config.server)
    report = await run_in_threadpool(load_report, state, job_id)
    return Response(claimreview_json(report, page_url(request, job_id)), media_type="application/ld+json")
