"""The runner: pick the sources the config names, run them concurrently under the check's deadline.

``build_sources(config)`` picks the sources named in ``[sources] use`` from the registry
(:data:`~factdesk.evidence.sources.base.SOURCE_REGISTRY`):

- ``"auto"`` (the default): every free live source that has something to ask — Wikipedia, GDELT,
  the pages the article cites and ``[sources] urls``, the feeds of ``[sources] feeds`` when there
  are some, Google Fact Check Tools when a key is set — asked only when the network answers (see
  :mod:`.network`);
- ``"all"``: every registered source, whatever the network (a source that cannot run says why);
- ``"local"``: the store only, no live source; or source names.

``collect_live(claims, article, config=…, sources=…)`` runs them concurrently under the check's
deadline (``[sources] deadline_s``) and returns the documents found (for the store), the prior
fact-checks matched to each claim, and one warning per source that failed — it never raises for a
failing source.

The store's own prior fact-checks (imported with ``factdesk store import-claimreview``) are asked
on every check given a ``store`` that holds some, with or without live sources: that source is
offline, so a check with no live source starts no HTTP client.

>>> from factdesk.config import load_config
>>> [s.name for s in build_sources(load_config(sources={"use": ["wikipedia", "gdelt"]}))]
['wikipedia', 'gdelt']
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from factdesk.config import Config
from factdesk.errors import ConfigError
from factdesk.evidence.sources.base import (
    SOURCE_REGISTRY,
    Source,
    SourceOutput,
    SourceRequest,
    SourceSettings,
)
from factdesk.evidence.sources.network import NetworkProbe, offline_warning
from factdesk.models import Article, Claim, Document, PriorFactCheck

LOCAL = "local"
ALL = "all"
AUTO = "auto"
MAX_WARNING_CHARS = 300


@dataclass
class LiveEvidence:
    documents: list[Document] = field(default_factory=list)
    prior_fact_checks: dict[str, list[PriorFactCheck]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: per source: documents, fact_checks, errors, seconds; and http: network, cache_hits, retries
    stats: dict[str, Any] = field(default_factory=dict)


def source_names(config: Config) -> list[str]:
    """The live source names ``[sources] use`` selects, in registry order for ``all`` and ``auto``.

    ``ConfigError`` for a name nobody registered.
    """
    names: list[str] = []
    for name in config.sources.use:
        name = name.strip().lower()
        if name in (ALL, AUTO):
            names.extend(SOURCE_REGISTRY)
        elif name == LOCAL or not name:
            continue
        elif name in SOURCE_REGISTRY:
            names.append(name)
        else:
            known = ", ".join([AUTO, LOCAL, ALL, *SOURCE_REGISTRY])
            raise ConfigError(f"unknown source {name!r} (known: {known})")
    return list(dict.fromkeys(names))


def uses_auto(config: Config) -> bool:
    """Whether the config asks for ``auto`` sources (live ones only when the network answers)."""
    return any(name.strip().lower() == AUTO for name in config.sources.use)


def source_settings(config: Config, name: str) -> SourceSettings:
    """``[sources.<name>]`` as a :class:`SourceSettings`; ``ConfigError`` on a bad key or value."""
    try:
        return SourceSettings.model_validate(config.source_settings(name))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"invalid setting 'sources.{name}.{where}': {first['msg']}") from None


def build_sources(config: Config) -> list[Source]:
    """The live sources the config asks for, built by their registered factories.

    With ``auto``, a source that cannot run (Fact Check Tools without a key) or has nothing to ask
    (feeds without feeds) is left out quietly. URLs of ``[sources] urls`` are fetched even when
    ``web`` is not among the sources (then without following the article's own links).
    """
    from factdesk.evidence.sources.stored import StoredFactChecks

    unknown = [t for t in config.sources.tables() if t not in SOURCE_REGISTRY and t != StoredFactChecks.name]
    if unknown:
        raise ConfigError(f"unknown source {unknown[0]!r} in [sources.{unknown[0]}] "
                          f"(known: {', '.join(SOURCE_REGISTRY)})")
    names = source_names(config)
    built = [SOURCE_REGISTRY[name](config, source_settings(config, name)) for name in names]
    if uses_auto(config):
        built = [s for s in built if getattr(s, "configured", True)]
    if config.sources.urls and "web" not in names:
        settings = source_settings(config, "web").model_copy(update={"follow_article_links": False})
        built.append(SOURCE_REGISTRY["web"](config, settings))
    return built


def _stored_fact_checks(store, config: Config) -> Source | None:
    """The offline prior-fact-check source when ``store`` holds imported fact-checks."""
    from factdesk.evidence.sources.stored import StoredFactChecks

    return StoredFactChecks.for_store(store, source_settings(config, StoredFactChecks.name))


def collect_live(claims: list[Claim], article: Article, *, config: Config, sources: list[Source],
                 store: Any = None, embedder: Any = None, host_limits: Any = None,
                 network: NetworkProbe | None = None, progress=None) -> LiveEvidence:
    """Ask ``sources`` (and the prior fact-checks ``store`` holds) about ``claims``, concurrently,
    within ``[sources] deadline_s``.

    ``embedder`` matches prior fact-checks to claims by meaning (``None``: by words);
    ``host_limits`` are the per-host limits shared beyond this process (a Ray batch; ``None``: this
    process's own). With ``auto`` sources, ``network`` (default: the config's probe) decides whether
    the live ones run at all; when it finds no network they are skipped with one warning.
    """
    sources = list(sources)
    if not claims:
        return LiveEvidence()
    warnings: list[str] = []
    if uses_auto(config) and any(not getattr(s, "offline", False) for s in sources):
        network = network or NetworkProbe.from_config(config)
        if not network.reachable():
            sources = [s for s in sources if getattr(s, "offline", False)]
            warnings.append(offline_warning(network))
    stored = _stored_fact_checks(store, config) if store is not None else None
    if stored is not None:
        sources.append(stored)
    if not sources:
        return LiveEvidence(warnings=warnings)
    request = SourceRequest(claims=list(claims), article=article, config=config,
                            store=getattr(stored, "store", None))
    outputs, stats, run_warnings = _run_sync(_collect(sources, request, config, progress, host_limits))
    warnings.extend(run_warnings)
    documents: dict[str, Document] = {}
    for out in outputs:
        for doc in out.documents:
            documents.setdefault(doc.id, doc)
    found = [fc for out in outputs for fc in out.fact_checks]
    prior: dict[str, list[PriorFactCheck]] = {}
    if found:
        from factdesk.evidence.sources.match import match_fact_checks

        prior = match_fact_checks(list(claims), found, embedder=embedder)
    for out in outputs:
        warnings.extend(f"source {out.name}: {n}" for n in out.notices)
        if out.errors:
            warnings.append(_warning(out))
    return LiveEvidence(documents=list(documents.values()), prior_fact_checks=prior, warnings=warnings, stats=stats)


# -- running --------------------------------------------------------------------------------------
async def _collect(sources: list[Source], request: SourceRequest, config: Config, progress, limits=None):
    from factdesk.evidence.cache import HttpCache, cache_path_for
    from factdesk.evidence.sources.client import Deadline, SourceHttp
    from factdesk.http import make_client

    deadline = Deadline.after(config.sources.deadline_s)
    warnings: list[str] = []
    online = any(not getattr(s, "offline", False) for s in sources)
    cache = None
    if online:
        try:
            cache = HttpCache(cache_path_for(config), config.sources.cache_ttl_s)
        except (OSError, sqlite3.Error) as exc:  # a read-only directory, a broken file: go on without a cache
            warnings.append(f"http cache unavailable, fetching everything: {exc}")
    outputs = [SourceOutput(s.name) for s in sources]
    seconds: dict[str, float] = {}
    done_count = 0

    async def run(source: Source, out: SourceOutput, http) -> None:
        nonlocal done_count
        start = time.perf_counter()
        budget = source.settings.budget_s
        try:
            await asyncio.wait_for(source.collect(request, http, out), timeout=budget)
        except (asyncio.TimeoutError, TimeoutError):
            out.fail(f"stopped at its own time limit ({budget:g} s)")
        except ValueError as exc:  # garbage that a connector did not catch itself
            out.fail(f"unreadable answer: {str(exc).splitlines()[0][:160]}")
        finally:
            seconds[source.name] = round(time.perf_counter() - start, 4)
            done_count += 1
            if progress is not None:
                progress("evidence", done_count / len(sources), f"live sources: {source.name} done")

    async def run_all(http) -> dict[str, Any]:
        tasks = [asyncio.create_task(run(s, o, http)) for s, o in zip(sources, outputs)]
        _done, pending = await asyncio.wait(tasks, timeout=deadline.remaining())
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        for task, out in zip(tasks, outputs):
            if task in pending:
                out.fail(f"stopped at the check's deadline ({config.sources.deadline_s:g} s)")
            elif task.exception() is not None:
                raise task.exception()
        stats: dict[str, Any] = {
            "sources": {o.name: {"documents": len(o.documents), "fact_checks": len(o.fact_checks),
                                 "errors": len(o.errors), "seconds": seconds.get(o.name)} for o in outputs},
        }
        if http is not None:
            stats["http"] = {"network": http.stats.network, "cache_hits": http.stats.cache_hits,
                             "retries": http.stats.retries, "robots_refused": http.stats.robots_refused,
                             "rejected": http.stats.rejected, "by_host": dict(http.stats.by_host)}
        else:
            stats["http"] = {"network": 0, "cache_hits": 0, "retries": 0, "robots_refused": 0, "rejected": 0,
                             "by_host": {}}
        return stats

    try:
        if not online:
            stats = await run_all(None)
        else:
            async with make_client(config.http) as client:
                http = SourceHttp(config.http, client, cache, deadline, limits=limits)
                stats = await run_all(http)
    finally:
        if cache is not None:
            try:
                cache.purge_expired()
            except sqlite3.Error:
                pass  # another process holds the lock: purge next time
            cache.close()
    return outputs, stats, warnings


def _run_sync(coro):
    """Run ``coro`` to completion, also when the caller is already inside an event loop (the server)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coro)
        except BaseException as exc:  # handed back to the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=target, name="factdesk-sources")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


_SECRET = re.compile(r"((?:api_?key|key|token)=)[^&\s]+", re.IGNORECASE)


def _warning(out: SourceOutput) -> str:
    first = _SECRET.sub(r"\1***", out.errors[0])
    more = len(out.errors) - 1
    text = f"source {out.name}: {first}" + (f" (and {more} more failure{'s' if more > 1 else ''})" if more else "")
    return text if len(text) <= MAX_WARNING_CHARS else text[: MAX_WARNING_CHARS - 1] + "…"
