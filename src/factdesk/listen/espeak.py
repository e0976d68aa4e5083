"""Debian's ``espeak-ng`` (GPL-3.0, a system program): robotic but always available as a fallback.

>>> EspeakSpeaker().voice
'espeak:en-us'
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import wave

import numpy as np

from factdesk.errors import FactdeskError


class EspeakSpeaker:
    name = "espeak"

    def __init__(self, voice: str = "en-us", words_per_minute: int = 165, binary: str = "espeak-ng") -> None:
        self._voice, self.wpm, self.binary = voice, words_per_minute, binary
        self._rate: int | None = None

    @staticmethod
    def unavailable_reason() -> str | None:
        if shutil.which("espeak-ng") is None:
            return "the espeak-ng program is not installed (apt-get install espeak-ng)"
        return None

    @property
    def voice(self) -> str:
        return f"espeak:{self._voice}"

    @property
    def sample_rate(self) -> int:
        if self._rate is None:
            self._rate = self._run("a")[1]
        return self._rate

    def _run(self, text: str) -> tuple[np.ndarray, int]:
        fd, path = tempfile.mkstemp(suffix=".wav", prefix="factdesk-espeak-")
        os.close(fd)
        try:
            try:
                proc = subprocess.run(
                    [self.binary, "-v", self._voice, "-s", str(self.wpm), "-z", "-b", "1", "-w", path, "--stdin"],
                    input=text.encode("utf-8"),
                    capture_output=True,
                    timeout=120,
                )
            except subprocess.TimeoutExpired:
                raise FactdeskError("espeak-ng took more than 120 s on one sentence") from None
            if proc.returncode != 0:
                raise FactdeskError(f"espeak-ng failed: {proc.stderr.decode('utf-8', 'replace').strip()}")
            with wave.open(path, "rb") as w:
                rate, width, channels = w.getframerate(), w.getsampwidth(), w.getnchannels()
                frames = w.readframes(w.getnframes())
        finally:
            os.unlink(path)
        if width != 2:
            raise FactdeskError(f"espeak-ng wrote {8 * width}-bit audio; 16-bit expected")
        samples = np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0
        if channels > 1:
            samples = samples.reshape(-1, channels).mean(axis=1)
        return samples, rate

    def speak(self, text: str) -> np.ndarray:
        samples, rate = self._run(text)
        self._rate = rate
        return samples
