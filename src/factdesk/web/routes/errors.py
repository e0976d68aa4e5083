"""How every error leaves the server: an HTML error page for a browser asking for a page, else an
RFC 9457 ``application/problem+json`` body with a short, human ``detail``; never a stack trace.
Every error response carries the same security headers as the pages (CSP, nosniff, frame options):
a 500 leaves through Starlette's outermost middleware, past ``GuardMiddleware``, so they are set here.

Exception handlers belong to the app, not to a router (FastAPI routers cannot hold them), so this
module offers :func:`install` for ``create_app`` and :func:`error_page` for the page routes.

======================  ==========  ==============================================================
exception               status      title
======================  ==========  ==============================================================
``ProblemError``        as raised   as raised (by a route: 401, 404, 409, 413, 415, 422, 503)
HTTP errors             404, 405    "Not found", "Method not allowed" (a page for a browser)
request validation      422         "Invalid request"
``FetchError``          422         "URL refused or unreachable"
``InputError``          422         "Unusable input"
``ConfigError``         422         "Invalid setting"
``QueueFull``           503         "Too many checks waiting" (with ``Retry-After: 30``)
``StoredReportError``   500         "Stored report unreadable" (with ``check``: the check's id)
other ``FactdeskError`` 500         "Check failed"
anything else (a bug)   500         "Internal server error" (logged; a page for a browser)
======================  ==========  ==============================================================
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from factdesk.errors import ConfigError, FactdeskError, FetchError, InputError
from factdesk.web.jobs import QueueFull, StoredReportError
from factdesk.web.security import SECURITY_HEADERS, ProblemError, problem

log = logging.getLogger("factdesk.web")


def error_page(request: Request, status: int, title: str, detail: str) -> HTMLResponse:
    """The HTML error page (``error.html``) with ``status``."""
    templates = request.app.state.web.templates
    return templates.TemplateResponse(
        request, "error.html", {"title": title, "detail": detail, "status": status}, status_code=status,
        headers=dict(SECURITY_HEADERS),
    )


def _wants_page(request: Request) -> bool:
    """A browser asking for a page (not the API) gets an HTML error page."""
    return "text/html" in request.headers.get("accept", "") and not request.url.path.startswith("/api/")


async def _problem(request: Request, exc: ProblemError):
    return problem(exc.status, exc.title, exc.detail, headers=exc.headers)


async def _http(request: Request, exc: StarletteHTTPException):
    if _wants_page(request):
        return error_page(request, exc.status_code, "Page not found" if exc.status_code == 404 else "Error",
                          exc.detail if isinstance(exc.detail, str) else "")
    title = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, "HTTP error")
    return problem(exc.status_code, title, exc.detail if isinstance(exc.detail, str) else None,
                   headers=getattr(exc, "headers", None))


async def _validation(request: Request, exc: RequestValidationError):
    errors = [
        {"loc": [str(p) for p in err.get("loc", ())], "msg": str(err.get("msg", ""))[:300]}
        for err in exc.errors()[:20]
    ]
    first = errors[0] if errors else {"loc": [], "msg": "invalid request"}
    where = ".".join(p for p in first["loc"] if p != "body") or "request"
    return problem(422, "Invalid request", f"{where}: {first['msg']}", errors=errors)


async def _fetch(request: Request, exc: FetchError):
    return problem(422, "URL refused or unreachable", str(exc)[:500])


async def _input(request: Request, exc: InputError):
    return problem(422, "Unusable input", str(exc)[:500])


async def _config(request: Request, exc: ConfigError):
    return problem(422, "Invalid setting", str(exc)[:500])


async def _queue_full(request: Request, exc: QueueFull):
    return problem(503, "Too many checks waiting", str(exc), headers={"Retry-After": "30"})


async def _stored_report(request: Request, exc: StoredReportError):
    log.error("%s", exc)
    if _wants_page(request):
        return error_page(request, 500, "This check cannot be shown", str(exc)[:500])
    return problem(500, "Stored report unreadable", str(exc)[:500], check=exc.key)


async def _factdesk(request: Request, exc: FactdeskError):
    return problem(500, "Check failed", str(exc)[:500])


async def _bug(request: Request, exc: Exception):
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    if _wants_page(request):
        return error_page(request, 500, "Something went wrong",
                          "The server hit an unexpected error; it has been logged.")
    return problem(500, "Internal server error", "the server hit an unexpected error; it has been logged")


#: exception class → handler (the most specific class of an error picks its handler)
HANDLERS = {
    ProblemError: _problem,
    StarletteHTTPException: _http,
    RequestValidationError: _validation,
    FetchError: _fetch,
    InputError: _input,
    ConfigError: _config,
    QueueFull: _queue_full,
    StoredReportError: _stored_report,
    FactdeskError: _factdesk,
    Exception: _bug,
}


def install(app: FastAPI) -> None:
    """Register every handler of :data:`HANDLERS` on ``app``."""
    for exc_class, handler in HANDLERS.items():
        app.add_exception_handler(exc_class, handler)
