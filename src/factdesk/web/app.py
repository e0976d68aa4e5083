"""The factdesk web app: a home page to submit articles, the checked article page, and the REST API.

>>> from factdesk.config import load_config
>>> app = create_app(load_config())
>>> # uvicorn.run(app, host="127.0.0.1", port=8000)

Pages: ``/`` (submit), ``/checks/{id}`` (live progress, then the article with its highlights, the
Listen player, the Fact Checker panel and the comments). API under ``/api`` (OpenAPI at
``/api/openapi.json``, docs at ``/api/docs``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from factdesk import __version__
from factdesk.config import Config, default_data_dir
from factdesk.errors import ConfigError, InputError
from factdesk.models import Report
from factdesk.web import render
from factdesk.web.audio import MEDIA_TYPES, AudioCache, SpeechUnavailable
from factdesk.web.inputs import (
    SOURCE_NAME,
    CheckRequest,
    article_from_html,
    article_from_text,
    article_from_upload,
    fetch_article,
)
from factdesk.web.jobs import Job, JobManager, QueueFull
from factdesk.web.security import (
    GuardMiddleware,
    ProblemError,
    check_token,
    install_error_handlers,
    problem,
    token_from_request,
)

log = logging.getLogger("factdesk.web")

HERE = Path(__file__).resolve().parent
#: longest a progress stream stays open (the page reconnects or falls back to refreshing)
SSE_MAX_S = 600.0
SSE_TICK_S = 0.25


# -- runtimes per source selection --------------------------------------------------------------
_SHARED_PARTS = ("embedder", "nlp", "store", "retriever", "claim_extractor", "verifier", "analyser")


def _child_runtime_class():
    from factdesk.runtime import Runtime

    class SourcesRuntime(Runtime):
        """A runtime with its own evidence sources (and its own evidence stage over them, which
        ``Runtime.evidence`` wires from the shared store and retriever) that borrows every other
        part from ``base``."""

        def __init__(self, base, config: Config) -> None:
            super().__init__(config)
            self.base = base

        def close(self) -> None:  # the base owns the shared parts
            return None

    for part in _SHARED_PARTS:
        setattr(SourcesRuntime, part, property(lambda self, _p=part: getattr(self.base, _p)))
    return SourcesRuntime


class Runtimes:
    """The server's runtime, plus child runtimes that differ only in their evidence sources."""

    def __init__(self, base, limit: int = 8) -> None:
        self.base = base
        self.limit = limit
        self._children: dict[tuple[str, ...], Any] = {}
        self._lock = threading.Lock()

    def for_sources(self, sources: list[str] | None):
        """The runtime for ``sources``; an unknown source name raises ``ConfigError`` (a 422)."""
        if not sources or list(sources) == list(self.base.config.sources):
            return self.base
        key = tuple(sources)
        with self._lock:
            child = self._children.get(key)
            if child is None:
                cfg = self.base.config.model_copy(update={"sources": list(sources)})
                child = _child_runtime_class()(self.base, cfg)
                child.sources  # noqa: B018 - build now: an unknown name is a 4xx, not a failed job
                if len(self._children) >= self.limit:
                    self._children.pop(next(iter(self._children)))
                self._children[key] = child
        return child


# -- helpers ------------------------------------------------------------------------------------
def _safe_url(value: Any) -> str | None:
    """Only http(s) links reach an href (no ``javascript:``)."""
    if not value:
        return None
    text = str(value).strip()
    return text if urlsplit(text).scheme in ("http", "https") else None


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["safe_url"] = _safe_url
    env.filters["pct"] = render.percent
    env.filters["when"] = render.when
    env.globals.update(verdict_text=render.VERDICT_TEXT, flag_text=render.FLAG_TEXT,
                       verdict_key=render.verdict_key, version=__version__)
    return Jinja2Templates(env=env)


def _audio_dir(config: Config) -> Path:
    if config.server.audio_dir:
        return Path(config.server.audio_dir).expanduser()
    if "://" not in config.db:
        return Path(config.db).expanduser().resolve().parent / "audio"
    return default_data_dir() / "audio"


def _wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


def _job_links(job_id: str) -> dict[str, str]:
    return {
        "self": f"/api/checks/{job_id}",
        "page": f"/checks/{job_id}",
        "events": f"/api/checks/{job_id}/events",
        "audio": f"/api/checks/{job_id}/audio",
        "claimreview": f"/api/checks/{job_id}/claimreview",
    }


# -- the app ------------------------------------------------------------------------------------
#: the runtime's parts loaded in the background at start-up, so the first check does not wait for them
WARM_PARTS = ("store", "nlp", "claim_extractor", "verifier", "analyser", "sources")


def _warm(runtime, ready: threading.Event) -> None:
    for part in WARM_PARTS:
        try:
            getattr(runtime, part)
        except Exception:  # noqa: BLE001 - a check that needs the part reports the error properly
            log.warning("could not preload %s", part, exc_info=True)
    ready.set()


def create_app(config: Config, runtime=None, *, warm: bool = True) -> FastAPI:
    """Build the ASGI app. ``runtime`` defaults to a new ``Runtime(config)``, closed on shutdown.

    With ``warm`` the models and the store load in a background thread at start-up."""
    from factdesk.runtime import Runtime

    own_runtime = runtime is None
    runtime = runtime or Runtime(config)
    runtimes = Runtimes(runtime)
    jobs = JobManager(runtime, workers=config.server.workers, max_queued=config.server.max_queued_jobs)
    audio = AudioCache(_audio_dir(config), speaker=config.server.speaker)
    templates = _templates()
    ready = threading.Event()  # set once the models and the store are loaded
    if not warm:
        ready.set()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if warm:
            threading.Thread(target=_warm, args=(runtime, ready), name="factdesk-warm", daemon=True).start()
        yield
        audio.shutdown()
        await run_in_threadpool(jobs.shutdown, True)  # a running check finishes and is saved
        if own_runtime:
            runtime.close()

    app = FastAPI(
        title="factdesk",
        version=__version__,
        description="Check a news article: claims, evidence, verdicts, analysis, audio.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the stock docs page loads scripts from a CDN; /api/docs is our own page
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.config, app.state.runtime, app.state.jobs, app.state.audio = config, runtime, jobs, audio

    install_error_handlers(app)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        if _wants_html(request) and not request.url.path.startswith("/api/"):
            return _error_page(request, exc.status_code, "Page not found" if exc.status_code == 404 else "Error",
                               exc.detail if isinstance(exc.detail, str) else "")
        title = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, "HTTP error")
        return problem(exc.status_code, title, exc.detail if isinstance(exc.detail, str) else None,
                       headers=getattr(exc, "headers", None))

    @app.exception_handler(QueueFull)
    async def _queue_full(request: Request, exc: QueueFull):
        return problem(503, "Too many checks waiting", str(exc), headers={"Retry-After": "30"})

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception):
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        if _wants_html(request) and not request.url.path.startswith("/api/"):
            return _error_page(request, 500, "Something went wrong",
                               "The server hit an unexpected error; it has been logged.")
        return problem(500, "Internal server error", "the server hit an unexpected error; it has been logged")

    app.add_middleware(GuardMiddleware, server=config.server)
    if config.server.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=config.server.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "X-API-Token"],
        )
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    # -- shared steps ---------------------------------------------------------------------------
    def _error_page(request: Request, status: int, title: str, detail: str) -> HTMLResponse:
        return templates.TemplateResponse(
            request, "error.html", {"title": title, "detail": detail, "status": status}, status_code=status
        )

    async def _start(req: CheckRequest | None, upload: tuple[bytes, str | None] | None = None,
                     sources: list[str] | None = None) -> Job:
        """Validate and ingest what can be ingested now; queue the check; return the job."""
        rt = await run_in_threadpool(runtimes.for_sources, req.sources if req else sources)
        cfg: Config = rt.config
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

    def _load_report(job_id: str) -> Report:
        report = jobs.report(job_id)
        if report is None:
            job = jobs.get(job_id)
            if job is None:
                raise ProblemError(404, "Not found", f"no check with id {job_id[:64]!r}")
            raise ProblemError(409, "Not ready", f"check {job_id} is {job.status}; its report is not ready")
        return report

    def _sources_form(value: str | None) -> list[str] | None:
        names = [s.strip() for s in (value or "").split(",") if s.strip()]
        if len(names) > 16 or not all(SOURCE_NAME.match(name) for name in names):
            raise ProblemError(422, "Invalid request", f"sources: invalid source list {str(value)[:80]!r}")
        return names or None

    async def _read_upload(item: Any) -> tuple[bytes, str | None] | None:
        if isinstance(item, UploadFile) and item.filename:
            data = await item.read(config.server.max_body_bytes + 1)
            if len(data) > config.server.max_body_bytes:
                raise ProblemError(413, "Request body too large", "the uploaded file is too large")
            return data, item.filename
        return None

    # -- API ------------------------------------------------------------------------------------
    @app.get("/api/health", tags=["api"])
    async def health() -> dict[str, Any]:
        """Liveness and the job counts."""
        return {"status": "ok", "version": __version__, "ready": ready.is_set(),
                "jobs": jobs.stats()}

    @app.post(
        "/api/checks",
        status_code=202,
        tags=["api"],
        openapi_extra={
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
        },
    )
    async def create_check(request: Request) -> JSONResponse:
        """Start a check of ``text``, ``html`` or ``url`` (JSON), or of an uploaded ``file`` (multipart).

        Returns 202 with the job id; poll ``GET /api/checks/{id}`` or follow ``/events``."""
        check_token(config.server, token_from_request(request))
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "multipart/form-data":
            form = await request.form(max_files=1, max_fields=10)
            upload = await _read_upload(form.get("file"))
            if upload is None:
                raise ProblemError(422, "Invalid request", "file: an uploaded file is required")
            raw_sources = form.get("sources")
            sources = _sources_form(raw_sources if isinstance(raw_sources, str) else None)
            job = await _start(None, upload, sources)
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
            job = await _start(req, None)
        else:
            raise ProblemError(415, "Unsupported media type", "send application/json or multipart/form-data")
        return JSONResponse({**job.public(), "links": _job_links(job.id)}, status_code=202,
                            headers={"Location": f"/api/checks/{job.id}"})

    @app.get("/api/checks/{job_id}", tags=["api"])
    async def get_check(job_id: str) -> JSONResponse:
        """Status, progress and (when done) the report JSON of a check."""
        job = await run_in_threadpool(jobs.get, job_id)
        if job is None:
            raise ProblemError(404, "Not found", f"no check with id {job_id[:64]!r}")
        body: dict[str, Any] = {**job.public(), "links": _job_links(job_id), "report": None}
        if job.status == "done":
            text = await run_in_threadpool(jobs.report_json, job_id)
            body["report"] = json.loads(text) if text else None
        return JSONResponse(body)

    @app.get("/api/checks/{job_id}/events", tags=["api"])
    async def check_events(job_id: str, request: Request) -> StreamingResponse:
        """Server-sent events: ``progress`` while the check runs, then ``done`` or ``failed``."""
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

    async def _audio_for(job_id: str, fmt: str) -> tuple[Path, dict[str, Any]]:
        if fmt not in MEDIA_TYPES:
            raise ProblemError(422, "Invalid request", f"format must be one of {', '.join(MEDIA_TYPES)}")
        report = await run_in_threadpool(_load_report, job_id)
        try:
            return await run_in_threadpool(audio.get, report.article, fmt)
        except SpeechUnavailable as exc:
            raise ProblemError(503, "Speech unavailable", str(exc)) from None

    @app.get("/api/checks/{job_id}/audio", tags=["api"], response_class=FileResponse)
    async def get_audio(job_id: str, format: str = "ogg") -> FileResponse:
        """The article read aloud (title and body), synthesised on first request and cached."""
        path, _ = await _audio_for(job_id, format)
        return FileResponse(path, media_type=MEDIA_TYPES[format], filename=f"{job_id}.{format}",
                            content_disposition_type="inline", headers={"Cache-Control": "private, max-age=3600"})

    @app.get("/api/checks/{job_id}/audio/timings", tags=["api"])
    async def get_audio_timings(job_id: str, format: str = "ogg") -> JSONResponse:
        """Sentence timings of the audio: ``{sentences: [{index, text, start_s, end_s, span, paragraph}]}``."""
        _, timings = await _audio_for(job_id, format)
        return JSONResponse(timings)

    @app.get("/api/checks/{job_id}/claimreview", tags=["api"])
    async def get_claimreview(job_id: str, request: Request) -> Response:
        """schema.org ClaimReview JSON-LD, one review per checked claim; each ``url`` is its place on
        the article page (``/checks/{id}#claim-…``)."""
        report = await run_in_threadpool(_load_report, job_id)
        text = _claimreview_json(report, f"{str(request.base_url).rstrip('/')}/checks/{job_id}")
        return Response(text, media_type="application/ld+json")

    # -- pages ----------------------------------------------------------------------------------
    @app.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
    async def api_docs(request: Request):
        spec = app.openapi()
        endpoints = [
            {"method": method.upper(), "path": path, "summary": op.get("summary", ""),
             "description": op.get("description", "")}
            for path, ops in spec["paths"].items() for method, op in ops.items()
        ]
        return templates.TemplateResponse(request, "api.html", {"endpoints": endpoints,
                                                                "need_token": bool(config.server.api_token)})

    def _home(request: Request, error: str | None = None, status: int = 200, form: dict | None = None):
        try:
            recent = jobs.reports.list(limit=12)
        except Exception:  # noqa: BLE001 - the page works without the list
            log.exception("cannot list reports")
            recent = []
        return templates.TemplateResponse(
            request,
            "home.html",
            {"error": error, "recent": recent, "form": form or {}, "need_token": bool(config.server.api_token),
             "max_mb": round(config.server.max_body_bytes / 1024 / 1024, 1)},
            status_code=status,
        )

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def home(request: Request):
        return await run_in_threadpool(_home, request)

    @app.post("/checks", include_in_schema=False)
    async def submit_form(request: Request):
        form = await request.form(max_files=1, max_fields=10)
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        try:
            check_token(config.server, token_from_request(request, fields.get("token")))
            upload = await _read_upload(form.get("file"))
            if upload is not None:
                job = await _start(None, upload)
            else:
                given = {k: fields[k] for k in ("text", "url") if fields.get(k, "").strip()}
                if len(given) != 1:
                    raise InputError("paste the article text, choose a file, or give a URL (one of them)")
                try:
                    req = CheckRequest(**given)
                except ValidationError as exc:
                    raise InputError(str(exc.errors()[0].get("msg", "invalid input")).removeprefix("Value error, "))
                job = await _start(req, None)
        except ProblemError as exc:
            return _home(request, exc.detail or exc.title, exc.status, fields)
        except (InputError, ConfigError) as exc:
            return _home(request, str(exc)[:500], 422, fields)
        except QueueFull as exc:
            return _home(request, str(exc), 503, fields)
        return RedirectResponse(f"/checks/{job.id}", status_code=303)

    @app.get("/checks/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    async def check_page(request: Request, job_id: str):
        job = await run_in_threadpool(jobs.get, job_id)
        if job is None:
            return _error_page(request, 404, "No such check", "This check does not exist or has expired.")
        if job.status == "failed":
            return _error_page(request, 422, "The check failed", job.error or "")
        if job.status != "done":
            return templates.TemplateResponse(request, "progress.html", {"job": job.public()})
        report = await run_in_threadpool(jobs.report, job_id)
        if report is None:  # pragma: no cover - done jobs always have a stored report
            return _error_page(request, 404, "No such report", "")
        if config.server.prefetch_audio:
            audio.prefetch(report.article, "ogg")
        context = _article_context(job_id, report)
        context["claimreview_json"] = Markup(
            _claimreview_json(report, f"{str(request.base_url).rstrip('/')}/checks/{job_id}"))
        return templates.TemplateResponse(request, "article.html", context)

    return app


def _claimreview_json(report: Report, page_url: str) -> str:
    """ClaimReview JSON-LD text, safe to embed in a ``<script type="application/ld+json">`` block."""
    from factdesk.report.claimreview import claim_reviews

    text = json.dumps(claim_reviews(report, base_url=page_url), indent=2, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _article_context(job_id: str, report: Report) -> dict[str, Any]:
    checked = [c for c in report.claims if c.checked]
    unchecked = [c for c in report.claims if not c.checked]
    return {
        "job_id": job_id,
        "report": report,
        "article": report.article,
        "paragraphs": render.highlighted_paragraphs(report),
        "checked": checked,
        "unchecked": unchecked,
        "counts": render.verdict_counts(report),
        "comment_claims": render.comment_claims_by_index(report),
        "analysis": report.analysis,
        "links": _job_links(job_id),
    }

