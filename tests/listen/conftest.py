"""Audio made once per session (short articles, each speaker) and measured with ffprobe/ffmpeg."""

from __future__ import annotations

import json
import socket
import subprocess
from pathlib import Path

import numpy as np
import pytest

from factdesk.models import Article, Comment

SECRET_COMMENT_WORD = "zebracornflakes"


def short_article() -> Article:
    """About 60 words over two paragraphs, with abbreviations, numbers and curly quotes."""
    return Article(
        title="Harbour Bridge Reopens After Repairs",
        published="2026-04-02",
        paragraphs=[
            "The harbour bridge reopened on Monday after 14 months of repairs, the city said. "
            "Engineers replaced 320 steel cables and repainted the deck.",
            "“It is safer than ever,” said Dr. Amara Osei, the chief engineer. "
            "Traffic is expected to reach 40,000 cars a day by June.",
        ],
        comments=[Comment(index=0, author="x", text=f"Never read me aloud {SECRET_COMMENT_WORD}.")],
        chrome=["Listen to the article", "Share this story"],
    )


def ffprobe(path: Path) -> dict:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)],
        capture_output=True, check=True, timeout=60,
    )
    return json.loads(out.stdout)


def decode(path: Path, sample_rate: int) -> np.ndarray:
    """Decode any audio file to mono float samples with ffmpeg (independent of factdesk's writer)."""
    out = subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1", "-ar", str(sample_rate), "-"],
        capture_output=True, check=True, timeout=60,
    )
    return np.frombuffer(out.stdout, dtype="<i2").astype(np.float32) / 32768.0


class _NoNetwork:
    """Refuse every socket connection while active (to prove synthesis is offline)."""

    def __enter__(self):
        self._connect, self._create = socket.socket.connect, socket.create_connection

        def refuse(*a, **k):
            raise AssertionError(f"network access attempted: {a[1:] if len(a) > 1 else a}")

        socket.socket.connect = refuse
        socket.create_connection = refuse
        return self

    def __exit__(self, *exc):
        socket.socket.connect, socket.create_connection = self._connect, self._create


@pytest.fixture(scope="session")
def audio_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("listen")


@pytest.fixture(scope="session")
def espeak_audio(audio_dir):
    """The short article as wav, ogg and mp3 with espeak-ng: {fmt: Audio}."""
    from factdesk.listen import get_speaker, synthesize

    speaker = get_speaker("espeak")
    return {
        fmt: synthesize(short_article(), audio_dir / f"espeak.{fmt}", speaker=speaker, cache_dir=audio_dir / "cache")
        for fmt in ("wav", "ogg", "mp3")
    }


@pytest.fixture(scope="session")
def piper_audio(audio_dir):
    """The short article as ogg with Piper, synthesised with the network switched off."""
    from factdesk.listen import get_speaker, synthesize

    with _NoNetwork():
        speaker = get_speaker("piper")
        audio = synthesize(short_article(), audio_dir / "piper.ogg", speaker=speaker, cache_dir=audio_dir / "cache")
    return {"ogg": audio}
