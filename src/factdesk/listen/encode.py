"""Write samples as WAV (standard library) and convert to Ogg Vorbis or MP3 with ffmpeg or sox.

:data:`ENCODERS` lists the converters in the order they are tried; the first one on ``PATH`` wins.
Every file is first written under a temporary name beside its target (:func:`new_file`: created
``0666`` less the umask, like any other output, so the renamed file is readable as usual).
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np

from factdesk.errors import FactdeskError


def new_file(dst: Path) -> Path:
    """A new empty file beside ``dst`` with an unpredictable name, created exclusively with mode ``0666``
    less the umask (``tempfile.mkstemp`` would make it ``0600``, and the rename would keep that)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(100):
        tmp = dst.with_name(f".{dst.name[:120]}.{secrets.token_hex(6)}.tmp")
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666))
        except FileExistsError:
            continue
        return tmp
    raise FactdeskError(f"cannot create a temporary file beside {dst}")


def write_wav(samples: np.ndarray, sample_rate: int, path: Path) -> None:
    """16-bit PCM mono WAV."""
    pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).round().astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sample_rate)
        w.writeframes(pcm.tobytes())


def _ffmpeg(src: Path, dst: Path, fmt: str) -> list[str]:
    codec = {"ogg": ["-c:a", "libvorbis", "-q:a", "4"], "mp3": ["-c:a", "libmp3lame", "-q:a", "5"]}[fmt]
    return ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(src), *codec, "-f", fmt, str(dst)]


def _sox(src: Path, dst: Path, fmt: str) -> list[str]:
    return ["sox", str(src), "-t", {"ogg": "vorbis", "mp3": "mp3"}[fmt], str(dst)]


#: converter name → command builder (src wav, dst, format)
ENCODERS: dict[str, Callable[[Path, Path, str], list[str]]] = {"ffmpeg": _ffmpeg, "sox": _sox}


def convert(wav: Path, dst: Path, fmt: str) -> None:
    """Convert a WAV file to ``fmt`` (``ogg`` or ``mp3``) with the first converter installed."""
    errors = []
    for name, build in ENCODERS.items():
        if shutil.which(name) is None:
            continue
        proc = subprocess.run(build(wav, dst, fmt), capture_output=True, timeout=600)
        if proc.returncode == 0 and dst.is_file() and dst.stat().st_size > 0:
            return
        errors.append(f"{name}: {proc.stderr.decode('utf-8', 'replace').strip()[-300:]}")
    if not errors:
        raise FactdeskError(f"writing {fmt} needs ffmpeg or sox (apt-get install ffmpeg); only wav is possible")
    raise FactdeskError(f"could not encode {fmt}: " + " | ".join(errors))


def write_audio(samples: np.ndarray, sample_rate: int, dst: Path, fmt: str) -> None:
    """Write ``samples`` to ``dst`` in ``fmt`` atomically (a temporary file, then a rename)."""
    tmp = new_file(dst)
    try:
        if fmt == "wav":
            write_wav(samples, sample_rate, tmp)
        else:
            fd, wav_name = tempfile.mkstemp(suffix=".wav", prefix="factdesk-")
            os.close(fd)
            try:
                write_wav(samples, sample_rate, Path(wav_name))
                convert(Path(wav_name), tmp, fmt)
            finally:
                os.unlink(wav_name)
        tmp.replace(dst)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
