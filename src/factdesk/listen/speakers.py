"""The ``Speaker`` protocol and the registry that picks an implementation.

A speaker turns one sentence into mono float32 samples in [-1, 1] at its ``sample_rate``.
:data:`SPEAKERS` maps a name to its class; :data:`DEFAULT_ORDER` is tried in order when no name is
given (Piper, the natural-sounding voice, first; Debian's espeak-ng as the fallback).

>>> sorted(SPEAKERS)
['espeak', 'piper']
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np

from factdesk.errors import FactdeskError


class SpeakerUnavailable(FactdeskError):
    """The requested speaker (or every speaker) cannot run on this machine; the message says why."""


@runtime_checkable
class Speaker(Protocol):
    #: registry name: "piper", "espeak"
    name: str

    @property
    def voice(self) -> str:
        """Stable identifier of the voice (part of the audio cache key), e.g. ``piper:en_US-joe-medium``."""
        ...

    @property
    def sample_rate(self) -> int: ...

    def speak(self, text: str) -> np.ndarray:
        """Synthesise one sentence: 1-D float32 samples in [-1, 1] at ``sample_rate``."""
        ...


def _registry() -> dict[str, type]:
    from factdesk.listen.espeak import EspeakSpeaker
    from factdesk.listen.piper import PiperSpeaker

    return {"piper": PiperSpeaker, "espeak": EspeakSpeaker}


SPEAKERS: dict[str, type] = _registry()
DEFAULT_ORDER: tuple[str, ...] = ("piper", "espeak")


def get_speaker(name: str | None = None) -> Speaker:
    """The named speaker, or the first available one in :data:`DEFAULT_ORDER`.

    Raises :class:`SpeakerUnavailable` with the reason when it (or every speaker) cannot run.
    """
    if name is not None:
        try:
            cls = SPEAKERS[name]
        except KeyError:
            raise SpeakerUnavailable(f"unknown voice {name!r}; choose one of {', '.join(SPEAKERS)}") from None
        why = cls.unavailable_reason()
        if why:
            raise SpeakerUnavailable(f"voice {name!r} is not available: {why}")
        return cls()
    reasons = []
    for candidate in DEFAULT_ORDER:
        why = SPEAKERS[candidate].unavailable_reason()
        if not why:
            return SPEAKERS[candidate]()
        reasons.append(f"{candidate}: {why}")
    raise SpeakerUnavailable("no speech synthesiser is available (" + "; ".join(reasons) + ")")
