"""``synthesize``: read an article's title and body aloud into a file, with sentence timings.

Each sentence is synthesised on its own and the pieces are joined with short pauses, so every
sentence's start and end in the file are known exactly (sample counts, not estimates).
Results are cached under ``<data dir>/audio`` by the hash of the reading text, the voice and the
format: a second request for the same article is a copy of the cached file.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from factdesk.errors import InputError
from factdesk.listen.encode import write_audio
from factdesk.listen.models import Audio, SentenceTiming
from factdesk.listen.speakers import Speaker, get_speaker
from factdesk.listen.text import chunks_for_speech, content_hash, reading_sentences, reading_text
from factdesk.models import Article

FORMATS: tuple[str, ...] = ("wav", "ogg", "mp3")
SENTENCE_PAUSE_S = 0.30
PARAGRAPH_PAUSE_S = 0.70
#: bump when the way audio is put together changes, so old cache entries are not reused
SYNTH_VERSION = "1"

ProgressFn = Callable[[int, int], None]


def default_cache_dir() -> Path:
    from factdesk.config import default_data_dir

    return default_data_dir() / "audio"


def _format(out_path: Path | None, fmt: str | None) -> str:
    if fmt is None:
        fmt = out_path.suffix.lstrip(".").lower() if out_path is not None and out_path.suffix else "ogg"
        if fmt == "oga":
            fmt = "ogg"
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise InputError(f"unsupported audio format {fmt!r}; choose one of {', '.join(FORMATS)} (from the -o suffix)")
    return fmt


def cache_key(article: Article, voice: str, fmt: str) -> str:
    key = f"{content_hash(article)}|{voice}|{fmt}|{SYNTH_VERSION}|{SENTENCE_PAUSE_S}|{PARAGRAPH_PAUSE_S}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _render(article: Article, speaker: Speaker, progress: ProgressFn | None) -> tuple[np.ndarray, int, list[SentenceTiming]]:
    sentences = reading_sentences(article)
    if not sentences:
        raise InputError("the article has nothing to read aloud (no title or body text)")
    rate = speaker.sample_rate
    pieces: list[np.ndarray] = []
    timings: list[SentenceTiming] = []
    pos = 0
    previous_paragraph: object = object()
    for i, s in enumerate(sentences):
        if timings:
            pause = PARAGRAPH_PAUSE_S if s.paragraph != previous_paragraph else SENTENCE_PAUSE_S
            n = int(round(pause * rate))
            pieces.append(np.zeros(n, dtype=np.float32))
            pos += n
        audio = [speaker.speak(chunk) for chunk in chunks_for_speech(s.text)]
        samples = np.concatenate(audio) if audio else np.zeros(0, dtype=np.float32)
        pieces.append(samples.astype(np.float32, copy=False))
        timings.append(
            SentenceTiming(
                index=s.index,
                text=s.text,
                start_s=round(pos / rate, 4),
                end_s=round((pos + len(samples)) / rate, 4),
                span=s.span,
                paragraph=s.paragraph,
            )
        )
        pos += len(samples)
        previous_paragraph = s.paragraph
        if progress is not None:
            progress(i + 1, len(sentences))
    return np.concatenate(pieces), rate, timings


def _copy(src: Path, dst: Path) -> None:
    if src.resolve() == dst.resolve():
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dst.parent, prefix=f".{dst.name}.")
    os.close(fd)
    try:
        shutil.copyfile(src, tmp)
        os.replace(tmp, dst)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def synthesize(
    article: Article,
    out_path: str | Path | None,
    fmt: str | None = None,
    speaker: Speaker | str | None = None,
    cache_dir: str | Path | None = None,
    *,
    use_cache: bool = True,
    progress: ProgressFn | None = None,
) -> Audio:
    """Read ``article``'s title and body aloud into ``out_path``; return the file's description.

    ``fmt`` is ``wav``, ``ogg`` or ``mp3`` (default: the suffix of ``out_path``, else ``ogg``).
    ``speaker`` is a :class:`Speaker`, a registry name (``"piper"``, ``"espeak"``) or ``None`` for the
    first available. With ``out_path=None`` the audio stays in the cache and ``Audio.path`` points there.

    >>> from factdesk.models import Article
    >>> audio = synthesize(Article(title="Hello", paragraphs=["It rained today."]), "/tmp/hello.wav",
    ...                    speaker="espeak")  # doctest: +SKIP
    >>> [s.text for s in audio.sentences]  # doctest: +SKIP
    ['Hello', 'It rained today.']
    """
    out = Path(out_path) if out_path is not None else None
    fmt = _format(out, fmt)
    if not isinstance(speaker, Speaker):
        speaker = get_speaker(speaker)
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    key = cache_key(article, speaker.voice, fmt)
    cached_audio, cached_meta = cache / f"{key}.{fmt}", cache / f"{key}.json"

    if use_cache and cached_audio.is_file() and cached_meta.is_file():
        try:
            meta = Audio.model_validate_json(cached_meta.read_text(encoding="utf-8"))
        except ValueError:
            meta = None
        if meta is not None:
            target = out or cached_audio
            _copy(cached_audio, target)
            return meta.model_copy(update={"path": str(target), "cached": True})

    samples, rate, timings = _render(article, speaker, progress)
    text, body_offset = reading_text(article)
    audio = Audio(
        path=str(out or cached_audio),
        format=fmt,  # type: ignore[arg-type]
        sample_rate=rate,
        duration_s=round(len(samples) / rate, 4),
        voice=speaker.voice,
        sentences=timings,
        body_offset=body_offset,
        words=sum(len(s.text.split()) for s in timings),
        content_hash=content_hash(article),
    )
    if use_cache:
        write_audio(samples, rate, cached_audio, fmt)
        fd, tmp = tempfile.mkstemp(dir=cache, prefix=f".{cached_meta.name}.")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(audio.model_copy(update={"path": str(cached_audio)}).model_dump_json())
        os.replace(tmp, cached_meta)  # written after the audio: a meta file means the audio is complete
        if out is not None:
            _copy(cached_audio, out)
    else:
        write_audio(samples, rate, out or cached_audio, fmt)
    return audio
