"""The factdesk web app: a home page to submit articles, the checked article page, and the REST API.

>>> from factdesk.config import load_config
>>> app = create_app(load_config())
>>> # uvicorn.run(app, host="127.0.0.1", port=8000)

Pages: ``/`` (submit), ``/checks/{id}`` (live progress, then the article with its highlights, the
Listen player, the Fact Checker panel and the comments). API under ``/api`` (OpenAPI at
``/api/openapi.json``, docs at ``/api/docs``). The routes are in ``web/routes/``; what they share
(the runtime, the jobs, the audio cache, the templates) is a ``WebState`` on ``app.state.web``.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from factdesk import __version__
from factdesk.config import Config
from factdesk.web.routes import api, errors, pages
from factdesk.web.security import GuardMiddleware
from factdesk.web.state import WebState

STATIC = Path(__file__).resolve().parent / "static"


def create_app(config: Config, runtime=None, *, warm: bool = True) -> FastAPI:
    """Build the ASGI app. ``runtime`` defaults to a new ``Runtime(config)``, closed on shutdown.

    With ``warm`` the models and the store load in a background thread at start-up."""
    state = WebState.build(config, runtime, warm=warm)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        state.start()
        yield
        await state.stop()

    app = FastAPI(
        title="factdesk",
        version=__version__,
        description="Check a news article: claims, evidence, verdicts, analysis, audio.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the stock docs page loads scripts from a CDN; /api/docs is our own page
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.web = state
    errors.install(app)
    app.add_middleware(GuardMiddleware, server=config.server)
    if config.server.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=config.server.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "X-API-Token"],
        )
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    return app
