"""The HTML pages: ``/`` (submit an article), ``POST /checks`` (the form), ``/checks/{id}`` (live progress,
then the article with its highlights, the Listen player, the Fact Checker panel and the comments) and
``/api/docs`` (the API described from its OpenAPI document). None of them is in the OpenAPI document.

The article page includes the report's partials (``factdesk/report/templates/_*.j2``), the same the
standalone HTML report shows; ``/static/verdicts.css`` is the report's verdict colours
(``report/vocabulary.py``) as a stylesheet, served beside the static files.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from factdesk.errors import ConfigError, InputError
from factdesk.models import Claim, Report
from factdesk.report.highlight import highlighted_paragraphs
from factdesk.report.vocabulary import verdict_counts
from factdesk.web.checks import claimreview_json, job_links, page_url, read_upload, start_check
from factdesk.web.inputs import CheckRequest
from factdesk.web.jobs import QueueFull
from factdesk.web.routes.errors import error_page
from factdesk.web.security import (
    CSRF_FIELD,
    ProblemError,
    check_token,
    csrf_ok,
    csrf_token,
    read_allowed,
    set_csrf,
    set_session,
    token_from_request,
)
from factdesk.web.state import WebState, web_state

log = logging.getLogger("factdesk.web")

router = APIRouter(include_in_schema=False)
State = Annotated[WebState, Depends(web_state)]


@router.get("/static/verdicts.css")
async def verdict_colours(state: State) -> Response:
    """The verdict colours as CSS custom properties (``.v-supported`` … ``.v-pending``)."""
    css = state.templates.env.get_template("_palette.css.j2").render()
    return Response(css, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"})


@router.get("/api/docs", response_class=HTMLResponse)
async def api_docs(request: Request, state: State):
    spec = request.app.openapi()
    endpoints = [
        {"method": method.upper(), "path": path, "summary": op.get("summary", ""),
         "description": op.get("description", "")}
        for path, ops in spec["paths"].items() for method, op in ops.items()
    ]
    return state.templates.TemplateResponse(request, "api.html", {"endpoints": endpoints,
                                                                  "need_token": bool(state.config.server.api_token)})


def _home(request: Request, state: WebState, error: str | None = None, status: int = 200, form: dict | None = None,
          signed_in: bool = False):
    server = state.config.server
    allowed = signed_in or read_allowed(request, server)  # with a token set, the list is for its holders
    try:
        recent = state.jobs.reports.list(limit=12) if allowed else []
    except Exception:  # noqa: BLE001 - the page works without the list
        log.exception("cannot list reports")
        recent = []
    csrf = csrf_token(request)
    response = state.templates.TemplateResponse(
        request,
        "home.html",
        {"error": error, "recent": recent, "form": form or {}, "need_token": bool(server.api_token) and not allowed,
         "max_mb": round(server.max_body_bytes / 1024 / 1024, 1), "csrf_token": csrf},
        status_code=status,
    )
    set_csrf(response, request, server, csrf)
    return response


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, state: State):
    return await run_in_threadpool(_home, request, state)


@router.post("/checks")
async def submit_form(request: Request, state: State):
    form = await request.form(max_files=1, max_fields=10)
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    server = state.config.server
    if not csrf_ok(request, fields.get(CSRF_FIELD)):  # a form sent from another site, or a stale page
        fields.pop(CSRF_FIELD, None)
        return _home(request, state, "the form came from another page or expired; submit it again from this one",
                     403, fields)
    signed_in = False
    try:
        if not read_allowed(request, server):  # the session cookie stands for the token once given
            check_token(server, token_from_request(request, fields.get("token")))
            signed_in = bool(server.api_token)
        upload = await read_upload(state, form.get("file"))
        if upload is not None:
            job = await start_check(state, None, upload)
        else:
            given = {k: fields[k] for k in ("text", "url") if fields.get(k, "").strip()}
            if len(given) != 1:
                raise InputError("paste the article text, choose a file, or give a URL (one of them)")
            try:
                req = CheckRequest(**given)
            except ValidationError as exc:
                raise InputError(str(exc.errors()[0].get("msg", "invalid input")).removeprefix("Value error, "))
            job = await start_check(state, req, None)
    except ProblemError as exc:
        return _home(request, state, exc.detail or exc.title, exc.status, fields)
    except (InputError, ConfigError) as exc:
        response = _home(request, state, str(exc)[:500], 422, fields, signed_in=signed_in)
    except QueueFull as exc:
        response = _home(request, state, str(exc), 503, fields, signed_in=signed_in)
    else:
        response = RedirectResponse(f"/checks/{job.id}", status_code=303)
    if signed_in:
        set_session(response, request, server)
    return response


@router.get("/checks/{job_id}", response_class=HTMLResponse)
async def check_page(request: Request, job_id: str, state: State):
    if not read_allowed(request, state.config.server):
        return error_page(request, 401, "This server needs its API token",
                          "Give the token in the form on the home page; this browser can then read checks.")
    job = await run_in_threadpool(state.jobs.get, job_id)
    if job is None:
        return error_page(request, 404, "No such check", "This check does not exist or has expired.")
    if job.status == "failed":
        return error_page(request, 422, "The check failed", job.error or "")
    if job.status != "done":
        return state.templates.TemplateResponse(request, "progress.html", {"job": job.public()})
    report = await run_in_threadpool(state.jobs.report, job_id)
    if report is None:  # pragma: no cover - done jobs always have a stored report
        return error_page(request, 404, "No such report", "")
    if state.config.server.prefetch_audio:
        state.audio.prefetch(report.article, "ogg")
    context = _article_context(job_id, report)
    context["claimreview_json"] = Markup(claimreview_json(report, page_url(request, job_id)))
    return state.templates.TemplateResponse(request, "article.html", context)


def _article_context(job_id: str, report: Report) -> dict[str, Any]:
    checked = [c for c in report.claims if c.checked]
    unchecked = [c for c in report.claims if not c.checked]
    return {
        "job_id": job_id,
        "report": report,
        "article": report.article,
        "paragraphs": highlighted_paragraphs(report),
        "checked": checked,
        "unchecked": unchecked,
        "counts": verdict_counts(report),
        "comment_claims": _comment_claims_by_index(report),
        "analysis": report.analysis,
        "links": job_links(job_id),
    }


def _comment_claims_by_index(report: Report) -> dict[int, list[Claim]]:
    """The claims found in comments, by ``Comment.index`` (shown under their comment)."""
    out: dict[int, list[Claim]] = {}
    for claim in report.comment_claims:
        if claim.comment_index is not None:
            out.setdefault(claim.comment_index, []).append(claim)
    return out
