"""One synthesis per article and speaker, encoded to every format from it; files created like any other
output. Measured on the real files, decoded by ffmpeg (independent of factdesk's writer)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from factdesk.listen import synthesize
from tests.listen.conftest import decode, short_article

ROOT = Path(__file__).resolve().parents[2]


def _envelope(x: np.ndarray, sr: int) -> np.ndarray:
    """RMS per 10 ms frame."""
    n = sr // 100
    frames = x[: len(x) // n * n].reshape(-1, n)
    return np.sqrt(np.mean(np.square(frames), axis=1))


def _best_lag(a: np.ndarray, b: np.ndarray, span: int = 30) -> tuple[int, float]:
    """The frame shift (within ±span) that best aligns b with a, and the correlation there."""
    best = (0, -1.0)
    for lag in range(-span, span + 1):
        x, y = (a[lag:], b[: len(b) - lag]) if lag >= 0 else (a[: len(a) + lag], b[-lag:])
        m = min(len(x), len(y))
        r = float(np.corrcoef(x[:m], y[:m])[0, 1])
        if r > best[1]:
            best = (lag, r)
    return best


def test_every_format_is_the_same_reading(espeak_audio):
    wav, ogg, mp3 = espeak_audio["wav"], espeak_audio["ogg"], espeak_audio["mp3"]
    assert wav.sentences == ogg.sentences == mp3.sentences  # identical timings
    assert wav.duration_s == ogg.duration_s == mp3.duration_s
    sr = wav.sample_rate
    pcm = decode(Path(wav.path), sr)
    assert abs(len(pcm) / sr - wav.duration_s) < 0.001
    for audio in (ogg, mp3):
        x = decode(Path(audio.path), sr)
        assert abs(len(x) / sr - len(pcm) / sr) < 0.005, audio.format  # the decoders trim the codec padding
        lag, r = _best_lag(_envelope(pcm, sr), _envelope(x, sr))
        assert lag == 0 and r > 0.95, (audio.format, lag, r)  # the same speech at the same moments


def test_piper_formats_share_one_reading(piper_audio, audio_dir, tmp_path):
    """Piper samples noise while it speaks: two syntheses of one text differ in length. One reading,
    encoded twice, does not."""
    ogg = piper_audio["ogg"]
    wav = synthesize(short_article(), tmp_path / "piper.wav", speaker="piper", cache_dir=audio_dir / "cache")
    assert wav.cached and wav.sentences == ogg.sentences and wav.duration_s == ogg.duration_s
    sr = wav.sample_rate
    a, b = decode(Path(ogg.path), sr), decode(Path(wav.path), sr)
    assert abs(len(a) - len(b)) / sr < 0.005
    lag, r = _best_lag(_envelope(b, sr), _envelope(a, sr))
    assert lag == 0 and r > 0.95


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_files_are_created_like_any_other_output(tmp_path, umask):
    """Through the real CLI, as a user with that umask runs it: the audio, its timings and the cache are
    0666 less the umask (0644 for the usual 022), as a file the shell or an editor creates."""
    src = tmp_path / "article.txt"
    src.write_text("Ferry Service Resumes\n\nThe ferry to the island runs again from Monday, the port authority said "
                   "on Friday. Crossings leave every two hours between six in the morning and ten at night, and the "
                   "first boat on Monday will carry the mayor and forty schoolchildren.\n", encoding="utf-8")
    env = {**os.environ, "FACTDESK_CONFIG": "/nonexistent/factdesk.toml", "FACTDESK_DATA_DIR": str(tmp_path / "data")}
    outs = {}
    for fmt in ("ogg", "wav"):
        out = tmp_path / "out" / f"ferry.{fmt}"
        proc = subprocess.run([sys.executable, "-m", "factdesk", "listen", str(src), "-o", str(out), "--voice", "espeak",
                               "-q"], env=env, capture_output=True, timeout=120, preexec_fn=lambda: os.umask(umask))
        assert proc.returncode == 0, proc.stderr
        outs[fmt] = out
    expected = 0o666 & ~umask
    made = [*outs.values(), *(p.with_name(p.name + ".json") for p in outs.values()),
            *(p for p in (tmp_path / "data" / "audio").iterdir())]
    assert len(made) >= 8
    for path in made:
        assert _mode(path) == expected, (path.name, oct(_mode(path)))
    # and the two formats carry the same timings
    timings = {fmt: json.loads(p.with_name(p.name + ".json").read_text())["sentences"] for fmt, p in outs.items()}
    assert timings["ogg"] == timings["wav"] and len(timings["ogg"]) == 3
