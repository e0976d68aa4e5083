"""One limiter actor per host, shared by every worker of a batch on Ray.

A batch on Ray runs several ``Checker`` actors, each its own process: the per-process limits of
:mod:`factdesk.evidence.sources.limits` would let each of them ask Wikipedia or GDELT at the full
polite rate, multiplying it by the number of workers. :class:`RayHostLimits` is the same
``HostLimits`` seam served by one small Ray actor per host (``HostGateActor``, holding the same
:class:`~factdesk.evidence.sources.limits.HostGate`), created on first use under a name that is
unique to the batch, so every worker of the batch waits on the same schedule, concurrency cap and
hold-offs. The engine removes the batch's actors when it closes.

>>> limits = RayHostLimits("b1")                 # doctest: +SKIP
>>> Checker.remote(config_json, limits)          # doctest: +SKIP  (each worker's runtime uses it)
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import astuple

from factdesk.evidence.sources.limits import SLOT_POLL_S, HostGate, HostPolicy

ACTOR_PREFIX = "factdesk-limits"


class HostGateActor:
    """The gate of one host, as a Ray actor (no CPU: it only keeps a schedule)."""

    def __init__(self) -> None:
        self.gate: HostGate | None = None

    def enter(self, policy: tuple) -> tuple[int, float] | None:
        p = HostPolicy(*policy)
        if self.gate is None:
            self.gate = HostGate(p)
        else:
            self.gate.tighten(p)
        return self.gate.enter(time.monotonic())

    def leave(self, slot: int) -> None:
        if self.gate is not None:
            self.gate.leave(slot)

    def hold_off(self, seconds: float) -> None:
        if self.gate is not None:
            self.gate.hold_off(time.monotonic(), seconds)


class RayHostLimits:
    """``HostLimits`` backed by one named actor per host for the batch ``batch_id`` (picklable)."""

    def __init__(self, batch_id: str) -> None:
        self.batch_id = batch_id
        self._actors: dict[str, object] = {}

    def __getstate__(self) -> dict:
        return {"batch_id": self.batch_id}

    def __setstate__(self, state: dict) -> None:
        self.batch_id = state["batch_id"]
        self._actors = {}

    def _name(self, host: str) -> str:
        return f"{ACTOR_PREFIX}-{self.batch_id}-{host.lower()}"

    def _actor(self, host: str):
        actor = self._actors.get(host)
        if actor is None:
            import ray

            cls = ray.remote(num_cpus=0, max_restarts=-1)(HostGateActor)
            actor = cls.options(name=self._name(host), get_if_exists=True, lifetime="detached").remote()
            self._actors[host] = actor
        return actor

    @asynccontextmanager
    async def slot(self, host: str, policy: HostPolicy) -> AsyncIterator[None]:
        actor = self._actor(host.lower())
        while True:
            entered = await actor.enter.remote(astuple(policy))
            if entered is not None:
                break
            await asyncio.sleep(SLOT_POLL_S)
        slot, wait = entered
        try:
            if wait > 0:
                await asyncio.sleep(wait)
            yield
        finally:
            actor.leave.remote(slot)  # fire and forget; a lost message expires with the slot's lease

    async def hold_off(self, host: str, seconds: float) -> None:
        await self._actor(host.lower()).hold_off.remote(seconds)

    def shutdown(self) -> None:
        """Remove every limiter actor of this batch (whoever created it)."""
        import ray

        prefix = f"{ACTOR_PREFIX}-{self.batch_id}-"
        for entry in ray.util.list_named_actors(all_namespaces=False):
            name = entry if isinstance(entry, str) else entry.get("name", "")
            if name.startswith(prefix):
                try:
                    ray.kill(ray.get_actor(name))
                except ValueError:
                    pass
        self._actors.clear()
