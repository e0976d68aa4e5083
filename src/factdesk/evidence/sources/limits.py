"""Polite per-host limits shared by every check of a process: a request rate and a concurrency cap.

A server answers many checks at once, each in its own event loop (the web app runs a check per
worker thread); a batch worker checks articles one after another. The services' limits are per
client, not per check, so the limits live here, once per process, and every check's
:class:`~factdesk.evidence.sources.client.SourceHttp` waits on them:

- a **rate** per host: a token bucket run as a schedule (GCRA: each request reserves the next
  free send time, so two checks never burst past the rate together);
- a **concurrency cap** per host: at most ``max_concurrency`` requests in flight;
- a **hold-off**: when a service says "wait" (``Retry-After``, MediaWiki ``maxlag``, GDELT's
  "one request every 5 seconds" notice) every check of the process waits, not only the one told.

The first source that reaches a host sets its policy; a later, stricter one tightens it (the
lowest rate, burst and cap win), so a page fetch never loosens what an API asked for.

Why not ``aiolimiter``: its ``AsyncLimiter`` is bound to one event loop ("create a new limiter per
event loop as re-use can lead to undefined behaviour"), and a process here runs one loop per
check, several at a time in threads. :class:`HostGate` is the plain, thread-safe state machine;
:class:`ProcessHostLimits` wraps it for threads and loops of one process, and
:class:`factdesk.scale.limits.RayHostLimits` serves the same gate from one Ray actor per host to
all workers of a batch.

>>> limits = ProcessHostLimits()
>>> policy = HostPolicy(rate_per_s=0.2, burst=1, max_concurrency=1)    # GDELT: one request / 5 s
>>> async def ask():
...     async with limits.slot("api.gdeltproject.org", policy):
...         ...                                                         # send the request here
"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

#: how often a request waiting for a free concurrency slot looks again
SLOT_POLL_S = 0.02
#: a slot not given back within this time is taken back (a worker that died holding it)
SLOT_LEASE_S = 300.0
#: hosts remembered by one process before idle ones are forgotten (a server reads many sites)
MAX_HOSTS = 10_000


@dataclass(frozen=True)
class HostPolicy:
    """How politely one host is asked."""

    rate_per_s: float
    burst: int = 1
    max_concurrency: int = 1

    def tighter(self, other: "HostPolicy") -> "HostPolicy":
        """The stricter of two policies, field by field.

        >>> HostPolicy(5, 5, 4).tighter(HostPolicy(0.2, 1, 1))
        HostPolicy(rate_per_s=0.2, burst=1, max_concurrency=1)
        """
        return HostPolicy(min(self.rate_per_s, other.rate_per_s), min(self.burst, other.burst),
                          min(self.max_concurrency, other.max_concurrency))


@dataclass
class HostGate:
    """The limits of one host: in-flight slots (leased) and the send schedule. Not thread-safe by
    itself; :class:`ProcessHostLimits` and the Ray actor serialise calls.

    >>> gate = HostGate(HostPolicy(rate_per_s=2, burst=1, max_concurrency=1))
    >>> first = gate.enter(now=100.0); first
    (1, 0.0)
    >>> gate.enter(now=100.0) is None          # the only slot is taken
    True
    >>> gate.leave(first[0]); gate.enter(now=100.0)   # free again, but the rate asks for 0.5 s
    (2, 0.5)
    """

    policy: HostPolicy
    tat: float = float("-inf")  # theoretical arrival time of the next request (GCRA)
    held_until: float = float("-inf")
    leases: dict[int, float] = field(default_factory=dict)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def tighten(self, policy: HostPolicy) -> None:
        if policy != self.policy:
            self.policy = self.policy.tighter(policy)

    def enter(self, now: float) -> tuple[int, float] | None:
        """Take a slot and reserve a send time: ``(slot id, seconds to wait)``; ``None`` when all
        slots are in use (ask again later)."""
        for slot, expires in list(self.leases.items()):
            if expires <= now:
                del self.leases[slot]
        if len(self.leases) >= self.policy.max_concurrency:
            return None
        interval = 1.0 / self.policy.rate_per_s
        tolerance = (self.policy.burst - 1) * interval
        send_at = max(now, self.tat - tolerance, self.held_until)
        self.tat = max(self.tat, send_at) + interval
        slot = next(self._ids)
        self.leases[slot] = send_at + SLOT_LEASE_S
        return slot, send_at - now

    def leave(self, slot: int) -> None:
        self.leases.pop(slot, None)

    def hold_off(self, now: float, seconds: float) -> None:
        """The service asked for a pause: nothing is sent before ``now + seconds``."""
        self.held_until = max(self.held_until, now + max(0.0, seconds))


@runtime_checkable
class HostLimits(Protocol):
    """What :class:`~factdesk.evidence.sources.client.SourceHttp` needs from a limiter."""

    def slot(self, host: str, policy: HostPolicy): ...  # async context manager

    async def hold_off(self, host: str, seconds: float) -> None: ...


class ProcessHostLimits:
    """Host gates shared by every thread and event loop of one process (see the module docstring)."""

    def __init__(self) -> None:
        self._gates: dict[str, HostGate] = {}
        self._lock = threading.Lock()

    def _gate(self, host: str, policy: HostPolicy) -> HostGate:
        gate = self._gates.get(host)
        if gate is None:
            if len(self._gates) >= MAX_HOSTS:
                now = time.monotonic()
                for name in [h for h, g in self._gates.items()
                             if not g.leases and g.tat < now and g.held_until < now]:
                    del self._gates[name]
            gate = self._gates[host] = HostGate(policy)
        else:
            gate.tighten(policy)
        return gate

    @asynccontextmanager
    async def slot(self, host: str, policy: HostPolicy) -> AsyncIterator[None]:
        """Wait for a free slot on ``host`` and for its send time; the slot is freed on exit."""
        host = host.lower()
        while True:
            with self._lock:
                entered = self._gate(host, policy).enter(time.monotonic())
            if entered is not None:
                break
            await asyncio.sleep(SLOT_POLL_S)
        slot, wait = entered
        try:
            if wait > 0:
                await asyncio.sleep(wait)
            yield
        finally:
            with self._lock:
                self._gates[host].leave(slot)

    async def hold_off(self, host: str, seconds: float) -> None:
        host = host.lower()
        with self._lock:
            gate = self._gates.get(host)
            if gate is not None:
                gate.hold_off(time.monotonic(), seconds)

    def policy(self, host: str) -> HostPolicy | None:
        """The policy in force for ``host`` (None before its first request)."""
        with self._lock:
            gate = self._gates.get(host.lower())
            return gate.policy if gate else None


_PROCESS_LIMITS: ProcessHostLimits | None = None
_PROCESS_LOCK = threading.Lock()


def process_host_limits() -> ProcessHostLimits:
    """The limits of this process, created on first use.

    This is deliberately process state: Wikimedia's and GDELT's limits are per client, and every
    check a server or batch worker runs is the same client. A runtime may carry its own
    (``runtime.host_limits``: a batch on Ray sets one shared by all its workers; tests set a
    fresh one).
    """
    global _PROCESS_LIMITS
    with _PROCESS_LOCK:
        if _PROCESS_LIMITS is None:
            _PROCESS_LIMITS = ProcessHostLimits()
        return _PROCESS_LIMITS
