"""What the web app's routes share: settings, the runtime, the job queue, the audio cache, the templates.

``create_app`` builds one :class:`WebState`, keeps it on ``app.state.web`` and starts and stops it with
the app; a route receives it through the :func:`web_state` dependency.

This is the only module of ``factdesk.web`` that creates a ``Runtime`` or reaches into one: the server's
runtime, the child runtimes that differ only in their evidence sources, and the background warm-up.

>>> from factdesk.config import load_config
>>> state = WebState.build(load_config(), warm=False)
>>> state.ready.is_set()
True
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from factdesk import __version__
from factdesk.config import Config, default_data_dir
from factdesk.report.templating import environment
from factdesk.web.audio import AudioCache
from factdesk.web.jobs import JobManager

log = logging.getLogger("factdesk.web")

HERE = Path(__file__).resolve().parent


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
        if not sources or list(sources) == list(self.base.config.sources.use):
            return self.base
        key = tuple(sources)
        with self._lock:
            child = self._children.get(key)
            if child is None:
                cfg = self.base.config.with_sources(list(sources))
                child = _child_runtime_class()(self.base, cfg)
                child.sources  # noqa: B018 - build now: an unknown name is a 4xx, not a failed job
                if len(self._children) >= self.limit:
                    self._children.pop(next(iter(self._children)))
                self._children[key] = child
        return child


#: the runtime's parts loaded in the background at start-up, so the first check does not wait for them
WARM_PARTS = ("store", "nlp", "claim_extractor", "verifier", "analyser", "sources")


def _warm(runtime, ready: threading.Event) -> None:
    for part in WARM_PARTS:
        try:
            getattr(runtime, part)
        except Exception:  # noqa: BLE001 - a check that needs the part reports the error properly
            log.warning("could not preload %s", part, exc_info=True)
    ready.set()


# -- templates and audio ------------------------------------------------------------------------
def _templates() -> Jinja2Templates:
    """The pages of ``web/templates/`` in the report's template environment, so they can include its
    partials (claim cards, highlighted body, comments…) and speak its vocabulary."""
    env = environment(jinja2.FileSystemLoader(str(HERE / "templates")))
    env.globals["version"] = __version__
    return Jinja2Templates(env=env)


def _audio_dir(config: Config) -> Path:
    if config.server.audio_dir:
        return Path(config.server.audio_dir).expanduser()
    if "://" not in config.db:
        return Path(config.db).expanduser().resolve().parent / "audio"
    return default_data_dir() / "audio"


# -- the state ----------------------------------------------------------------------------------
@dataclass
class WebState:
    """Everything a request may need, built once per app."""

    config: Config
    runtime: Any
    runtimes: Runtimes
    jobs: JobManager
    audio: AudioCache
    templates: Jinja2Templates
    #: set once the models and the store are loaded (at once when the app does not warm up)
    ready: threading.Event
    own_runtime: bool
    warm: bool

    @classmethod
    def build(cls, config: Config, runtime=None, *, warm: bool = True) -> WebState:
        """``runtime`` defaults to a new ``Runtime(config)``, which :meth:`stop` then closes."""
        from factdesk.runtime import Runtime

        own_runtime = runtime is None
        runtime = runtime or Runtime(config)
        ready = threading.Event()
        if not warm:
            ready.set()
        return cls(
            config=config,
            runtime=runtime,
            runtimes=Runtimes(runtime),
            jobs=JobManager(runtime, workers=config.server.workers, max_queued=config.server.max_queued_jobs),
            audio=AudioCache(_audio_dir(config), speaker=config.listen.voice),
            templates=_templates(),
            ready=ready,
            own_runtime=own_runtime,
            warm=warm,
        )

    def start(self) -> None:
        """At app start-up: load the models and the store in a background thread (when warming up)."""
        if self.warm:
            threading.Thread(target=_warm, args=(self.runtime, self.ready), name="factdesk-warm",
                             daemon=True).start()

    async def stop(self) -> None:
        """At shutdown: a running check finishes and is saved; queued ones are dropped."""
        self.audio.shutdown()
        await run_in_threadpool(self.jobs.shutdown, True)
        if self.own_runtime:
            self.runtime.close()


def web_state(request: Request) -> WebState:
    """The dependency that hands a route the app's :class:`WebState`."""
    return request.app.state.web
