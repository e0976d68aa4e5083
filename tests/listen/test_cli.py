"""``factdesk listen`` through the real CLI."""

from __future__ import annotations

import json

from factdesk.listen import Audio
from tests.helpers import run_cli
from tests.listen.conftest import ffprobe

# A scraped page: chrome and a comment section that ingest separates and the reader never reads.
PAGE = """Listen to the article
Volcano Quiet After Week of Tremors
Seismologists said on Friday that the volcano had gone quiet after 600 small tremors this week.
Residents of two villages returned home on Saturday morning.
3 Comments
First! Great read.
Stay safe everyone out there.
Thanks for the update.
"""


def test_listen_writes_audio_and_timings(tmp_path):
    src = tmp_path / "page.txt"
    src.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out" / "volcano.wav"
    env = {"FACTDESK_DATA_DIR": str(tmp_path / "data")}
    proc = run_cli("listen", str(src), "-o", str(out), "--voice", "espeak", env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    sidecar = out.with_name("volcano.wav.json")
    audio = Audio.model_validate(json.loads(sidecar.read_text()))
    assert audio.path == str(out) and out.read_bytes()[:4] == b"RIFF"
    assert int(ffprobe(out)["streams"][0]["sample_rate"]) == audio.sample_rate
    spoken = " ".join(s.text for s in audio.sentences)
    assert "volcano had gone quiet" in spoken
    assert audio.sentences[0].text == "Volcano Quiet After Week of Tremors"
    assert audio.sentences[-1].text == "Residents of two villages returned home on Saturday morning."
    for unread in ("Listen to the article", "3 Comments", "Great read", "Stay safe", "Thanks for the update"):
        assert unread not in spoken
    assert list((tmp_path / "data" / "audio").glob("*.wav")), "cached under the data dir"
    # the voice can come from the config file; same text, voice and format: a cache hit
    cfg = tmp_path / "factdesk.toml"
    cfg.write_text('[listen]\nvoice = "espeak"\n', encoding="utf-8")
    again = run_cli("listen", str(src), "-o", str(tmp_path / "again.wav"), "--config", str(cfg), env=env, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "(cached)" in again.stderr and "espeak:en-us" in again.stderr


def test_listen_bad_input_is_one_line_and_exit_2(tmp_path):
    src = tmp_path / "page.txt"
    src.write_text(PAGE, encoding="utf-8")
    env = {"FACTDESK_DATA_DIR": str(tmp_path / "data")}
    cases = [
        (("listen", str(src), "-o", str(tmp_path / "a.flac"), "--voice", "espeak"), "unsupported audio format 'flac'"),
        (("listen", str(src), "-o", str(tmp_path / "a.ogg"), "--voice", "robot"), "unknown voice 'robot'"),
        (("listen", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "a.ogg")), "missing.txt"),
    ]
    for args, message in cases:
        proc = run_cli(*args, env=env, timeout=60)
        assert proc.returncode == 2, (args, proc.stderr)
        lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and message in lines[0] and "Traceback" not in proc.stderr
