"""``synthesize``: read an article's title and body aloud into a file, with sentence timings.

Each sentence is synthesised on its own and the pieces are joined with short pauses, so every
sentence's start and end in the file are known exactly (sample counts, not estimates).

One synthesis per article and voice: the reading is kept in the cache under ``<data dir>/audio`` as a
16-bit PCM WAV master (``<key>.wav``) with its timings (``<key>.json``), the key hashing the reading
text, the voice and the synthesis settings, not the format. Every format is encoded from that master
(``<key>.ogg``, ``<key>.mp3``), so the .wav, .ogg and .mp3 of one article carry the same speech and the
same timings; a later request in any format is a copy or one encoding, never a new synthesis. Files
are created with the usual permissions (``0666`` less the umask, like any other output), through a
temporary name and a rename, so a reader never sees half a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from factdesk.errors import InputError
from factdesk.listen.encode import convert, new_file, write_audio, write_wav
from factdesk.listen.models import Audio, SentenceTiming
from factdesk.listen.speakers import Speaker, get_speaker
from factdesk.listen.text import chunks_for_speech, content_hash, reading_sentences, reading_text
from factdesk.models import Article

FORMATS: tuple[str, ...] = ("wav", "ogg", "mp3")
SENTENCE_PAUSE_S = 0.30
PARAGRAPH_PAUSE_S = 0.70
#: bump when the way audio is put together changes, so old cache entries are not reused
SYNTH_VERSION = "2"

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


def cache_key(article: Article, voice: str) -> str:
    """The cache key of an article's reading by one voice (every format shares it)."""
    key = f"{content_hash(article)}|{voice}|{SYNTH_VERSION}|{SENTENCE_PAUSE_S}|{PARAGRAPH_PAUSE_S}"
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
    """Copy ``src`` to ``dst`` through a temporary name and a rename (created ``0666`` less the umask)."""
    if dst.exists() and src.resolve() == dst.resolve():
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = new_file(dst)
    try:
        with src.open("rb") as fin, tmp.open("r+b") as fout:
            shutil.copyfileobj(fin, fout)
        os.replace(tmp, dst)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_text(dst: Path, text: str) -> None:
    tmp = new_file(dst)
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, dst)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (threads and processes): one synthesis of one reading at a time."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no cross-process lock
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    try:  # a link planted at the lock's name is never followed (nor its target created): it is replaced
        fd = os.open(path, flags, 0o666)
    except OSError:
        if not path.is_symlink():
            raise
        path.unlink()
        fd = os.open(path, flags | os.O_EXCL, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _cached_master(wav: Path, meta: Path) -> Audio | None:
    """The reading kept in the cache (the meta file is written after the WAV: its presence means both)."""
    if not (wav.is_file() and meta.is_file()):
        return None
    try:
        return Audio.model_validate_json(meta.read_text(encoding="utf-8"))
    except ValueError:
        return None


def _synthesise(article: Article, speaker: Speaker, progress: ProgressFn | None) -> tuple[np.ndarray, Audio]:
    samples, rate, timings = _render(article, speaker, progress)
    _, body_offset = reading_text(article)
    audio = Audio(
        path="",
        format="wav",
        sample_rate=rate,
        duration_s=round(len(samples) / rate, 4),
        voice=speaker.voice,
        sentences=timings,
        body_offset=body_offset,
        words=sum(len(s.text.split()) for s in timings),
        content_hash=content_hash(article),
    )
    return samples, audio


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
    The article is synthesised once per voice (``Audio.cached`` is false only then); each format is
    encoded from that one reading, so all formats share their timings.

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
    key = cache_key(article, speaker.voice)
    if not use_cache:  # a reading of its own, written straight to out_path (or beside the cache)
        samples, audio = _synthesise(article, speaker, progress)
        target = out or cache / f"{key}.{secrets.token_hex(4)}.{fmt}"
        write_audio(samples, audio.sample_rate, target, fmt)
        return audio.model_copy(update={"path": str(target), "format": fmt})

    master, meta_path, encoded = cache / f"{key}.wav", cache / f"{key}.json", cache / f"{key}.{fmt}"
    with _locked(cache / f"{key}.lock"):
        audio = _cached_master(master, meta_path)
        cached = audio is not None
        if audio is None:
            samples, audio = _synthesise(article, speaker, progress)
            cache.mkdir(parents=True, exist_ok=True)
            tmp = new_file(master)
            try:
                write_wav(samples, audio.sample_rate, tmp)
                os.replace(tmp, master)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
            _write_text(meta_path, audio.model_copy(update={"path": str(master)}).model_dump_json())
        if fmt != "wav" and not encoded.is_file():
            tmp = new_file(encoded)
            try:
                convert(master, tmp, fmt)
                os.replace(tmp, encoded)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
    target = out or encoded
    if out is not None:
        _copy(encoded, out)
    return audio.model_copy(update={"path": str(target), "format": fmt, "cached": cached})
