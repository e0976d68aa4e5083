"""The HTML pages: ``/`` (submit an article), ``POST /checks`` (the form), ``/checks/{id}`` (live progress,
then the article with its highlights, the Listen player, the Fact Checker panel and the comments) and
``/api/docs`` (the API described from its OpenAPI document). None of them is in the OpenAPI document.

The article page includes the report's partials (``factdesk/report/templates/_*.j2``), the same the
standalone HTML report shows, and adds its own: the Listen player, the downloads and the reader's
tools (check again with other sources, check one claim). ``/static/verdicts.css`` is the report's
verdict colours (``report/vocabulary.py``) and ``/static/report.css`` the report's stylesheet, both
rendered from the report's templates and served beside the static files.
"""

from __future__ import annotations

import json
import logging
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from factdesk.config import Config
from factdesk.errors import ConfigError, InputError
from factdesk.models import Report
from factdesk.report.html import page_context
from factdesk.report.vocabulary import page_words, source_text
from factdesk.web.checks import claimreview_json, job_links, page_url, parse_sources, read_upload, start_check
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
    session_ok,
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


@router.get("/static/report.css")
async def report_style(state: State) -> Response:
    """The look of a checked article, the same stylesheet the standalone HTML report carries inline."""
    css = state.templates.env.get_template("_style.css.j2").render()
    return Response(css, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"})


# -- evidence sources offered to the reader -----------------------------------------------------------
#: the store, then the live sources in the order they are offered
LOCAL = "local"
#: what "check again with live sources" ticks: the store and every free live source that needs no setting
LIVE = (LOCAL, "wikipedia", "gdelt", "web")
#: a source name in the settings that stands for several
EVERY_SOURCE = ("all", "auto")


def _source_names() -> list[str]:
    from factdesk.evidence.sources import SOURCE_REGISTRY

    live = sorted(SOURCE_REGISTRY, key=lambda n: (LIVE.index(n) if n in LIVE else len(LIVE), n))
    return [LOCAL, *live]


def _configured_sources(config: Config) -> set[str]:
    """The source names the server checks with by default (``all`` / ``auto`` standing for every free
    live source). The settings keep them as a list, or as ``use`` in a sources section."""
    configured = getattr(config.sources, "use", config.sources)
    names = {str(n).strip().lower() for n in configured}
    if names & set(EVERY_SOURCE):
        names |= set(LIVE)
    return names | {LOCAL}


#: sources that only make sense with an article (the pages it cites)
ARTICLE_ONLY = frozenset({"web"})


def source_choices(selected: set[str], *, article: bool = True) -> list[dict[str, Any]]:
    """The checkboxes of a sources choice, ``selected`` ticked; for claims on their own (``article``
    false) without the sources that read the article's own links."""
    return [{"name": n, "label": source_text(n), "checked": n in selected} for n in _source_names()
            if article or n not in ARTICLE_ONLY]


def _vocabulary_json() -> Markup:
    """The page words for the script, as a JSON data block (``<`` escaped: it sits in a ``<script>``)."""
    text = json.dumps(page_words(), ensure_ascii=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


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
    chosen = set((form or {}).get("sources") or []) or _configured_sources(state.config)
    response = state.templates.TemplateResponse(
        request,
        "home.html",
        {"error": error, "recent": recent, "form": form or {}, "need_token": bool(server.api_token) and not allowed,
         "max_mb": round(server.max_body_bytes / 1024 / 1024, 1), "csrf_token": csrf,
         "source_choices": source_choices(chosen),
         "claim_sources": source_choices(_configured_sources(state.config), article=False),
         "vocabulary_json": _vocabulary_json()},
        status_code=status,
    )
    set_csrf(response, request, server, csrf)
    return response


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, state: State):
    return await run_in_threadpool(_home, request, state)


@router.post("/checks")
async def submit_form(request: Request, state: State):
    form = await request.form(max_files=1, max_fields=10 + 16)
    fields: dict[str, Any] = {k: v for k, v in form.items() if isinstance(v, str) and k != "sources"}
    fields["sources"] = [v for v in form.getlist("sources") if isinstance(v, str)]
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
        sources = parse_sources(",".join(fields["sources"])) if fields["sources"] else None
        upload = await read_upload(state, form.get("file"))
        if upload is not None:
            job = await start_check(state, None, upload, sources)
        else:
            given = {k: fields[k] for k in ("text", "url") if fields.get(k, "").strip()}
            if len(given) != 1:
                raise InputError("paste the article text, choose a file, or give a URL (one of them)")
            try:
                req = CheckRequest(**given, sources=sources)
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
    context = _article_context(state, job_id, report)
    context["claimreview_json"] = Markup(claimreview_json(report, page_url(request, job_id)))
    # the page's own writes (check again, check one claim) carry the session cookie and this CSRF token
    csrf = csrf_token(request)
    context["csrf_token"] = csrf
    context["need_token"] = bool(state.config.server.api_token) and not session_ok(request, state.config.server)
    response = state.templates.TemplateResponse(request, "article.html", context)
    set_csrf(response, request, state.config.server, csrf)
    return response


def _article_context(state: WebState, job_id: str, report: Report) -> dict[str, Any]:
    """The standalone report's context (the same partials), plus the page's own parts."""
    context = page_context(report, evidence_open="first")
    context.update(
        job_id=job_id,
        links=job_links(job_id),
        story_extra="_listen.html",
        checker_top="_downloads.html",
        checker_bottom="_tools.html",
        rerun_sources=source_choices(set(LIVE)),
        need_token=bool(state.config.server.api_token),
        vocabulary_json=_vocabulary_json(),
    )
    return context
