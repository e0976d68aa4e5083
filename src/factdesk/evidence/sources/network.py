"""Does the network answer? The probe that ``[sources] use = ["auto"]`` asks before any live source.

A check with ``auto`` sources (the default) asks the live sources only when the network answers,
and otherwise goes on with the local store at once, with one warning, instead of waiting out each
source's timeouts. The probe opens a TCP connection to ``[sources] network_probe`` (``host:port``,
``en.wikipedia.org:443`` by default) and closes it: nothing is sent. It gives up after
``network_probe_timeout_s`` (1 s), name resolution included (it runs in a thread the caller does not
wait for beyond the timeout).

The answer is remembered for ``network_probe_ttl_s`` (120 s): in the process (a server or a batch
worker probes once per period, not once per check) and in a small file beside the HTTP cache
(``network-probe.json``), so that a series of command-line checks probes once, too.

>>> probe = NetworkProbe("127.0.0.1:9", timeout_s=0.5, ttl_s=0)      # a closed local port
>>> probe.reachable()
False
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from factdesk.config import Config
from factdesk.errors import ConfigError

__all__ = ["NetworkProbe", "offline_warning"]

MEMO_FILE = "network-probe.json"

#: answers of this process: address → (reachable, when)
_PROCESS_MEMO: dict[str, tuple[bool, float]] = {}
_MEMO_LOCK = threading.Lock()


def split_address(address: str) -> tuple[str, int]:
    """``"host:port"`` → (host, port); ``[v6]:port`` too.

    >>> split_address("en.wikipedia.org:443"), split_address("[::1]:8080")
    (('en.wikipedia.org', 443), ('::1', 8080))
    """
    host, sep, port = address.strip().rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f"invalid setting 'sources.network_probe': {address!r} is not host:port")
    return host.strip("[]"), int(port)


@dataclass(frozen=True)
class NetworkProbe:
    """A connectivity probe with a memory (see the module docstring)."""

    address: str
    timeout_s: float = 1.0
    ttl_s: float = 120.0
    #: the file the answer is shared through between processes (None: this process only)
    memo_path: Path | None = None

    @classmethod
    def from_config(cls, config: Config) -> "NetworkProbe":
        from factdesk.evidence.cache import cache_path_for

        settings = config.sources
        split_address(settings.network_probe)  # a bad address is the user's to fix, before anything runs
        return cls(settings.network_probe, settings.network_probe_timeout_s, settings.network_probe_ttl_s,
                   cache_path_for(config).parent / MEMO_FILE)

    def reachable(self) -> bool:
        """Whether a TCP connection to the address opens within the timeout (remembered for ``ttl_s``)."""
        now = time.time()
        with _MEMO_LOCK:
            known = _PROCESS_MEMO.get(self.address)
        if known is not None and now - known[1] < self.ttl_s:
            return known[0]
        known = self._read_memo(now)
        if known is None:
            known = (self._connect(), time.time())
            self._write_memo(*known)
        with _MEMO_LOCK:
            _PROCESS_MEMO[self.address] = known
        return known[0]

    def _connect(self) -> bool:
        host, port = split_address(self.address)
        answer: list[bool] = []

        def attempt() -> None:
            try:
                socket.create_connection((host, port), timeout=self.timeout_s).close()
                answer.append(True)
            except OSError:
                answer.append(False)

        # name resolution has no timeout of its own: the caller waits for the thread no longer than the probe's
        thread = threading.Thread(target=attempt, name="factdesk-network-probe", daemon=True)
        thread.start()
        thread.join(self.timeout_s)
        return bool(answer and answer[0])

    def _read_memo(self, now: float) -> tuple[bool, float] | None:
        if self.memo_path is None or self.ttl_s <= 0:
            return None
        try:
            data = json.loads(self.memo_path.read_text(encoding="utf-8"))
            if data.get("address") == self.address and 0 <= now - float(data["checked"]) < self.ttl_s:
                return bool(data["reachable"]), float(data["checked"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return None

    def _write_memo(self, reachable: bool, checked: float) -> None:
        if self.memo_path is None or self.ttl_s <= 0:
            return
        try:
            self.memo_path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.memo_path.with_name(f"{self.memo_path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"address": self.address, "reachable": reachable, "checked": checked}),
                           encoding="utf-8")
            tmp.replace(self.memo_path)
        except OSError:
            pass  # a read-only folder: the process still remembers


def offline_warning(probe: NetworkProbe) -> str:
    """The one line a check carries when ``auto`` found no network."""
    return (f"live sources skipped: the network did not answer ({probe.address} within {probe.timeout_s:g} s); "
            "checked against the local store only")


def forget_answers() -> None:
    """Forget what this process learnt (tests; a long-lived process whose network changed)."""
    with _MEMO_LOCK:
        _PROCESS_MEMO.clear()
