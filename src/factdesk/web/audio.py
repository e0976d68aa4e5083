"""Listen: a report's article read aloud by ``factdesk.listen.synthesize``, on demand, cached on disk.

The listen stage caches by content hash, voice and format, so two checks of the same article share
one file. The timings handed to the page use spans into ``Article.body`` (``None`` for the title).

>>> cache = AudioCache(Path("/tmp/audio"))
>>> path, timings = cache.get(report.article, "ogg")
>>> timings["sentences"][1]["span"]   # offsets into article.body
[0, 131]
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from factdesk.errors import FactdeskError
from factdesk.models import Article

MEDIA_TYPES = {"ogg": "audio/ogg", "wav": "audio/wav", "mp3": "audio/mpeg"}


class SpeechUnavailable(FactdeskError):
    """No speech synthesiser is installed."""


class AudioCache:
    def __init__(self, directory: Path, speaker: str | None = None) -> None:
        self.directory = Path(directory)
        self.speaker = speaker
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self._prefetch = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factdesk-audio")
        self._queued: set[str] = set()

    def prefetch(self, article: Article, fmt: str = "ogg") -> None:
        """Synthesise in the background (one at a time), so a later Listen starts at once."""
        key = f"{article.content_hash()}.{fmt}"
        with self._guard:
            if key in self._queued:
                return
            self._queued.add(key)

        def run() -> None:
            try:
                self.get(article, fmt)
            except Exception:  # noqa: BLE001 - the request path reports the error when asked
                with self._guard:
                    self._queued.discard(key)

        self._prefetch.submit(run)

    def shutdown(self) -> None:
        self._prefetch.shutdown(wait=False, cancel_futures=True)

    def _lock(self, key: str) -> threading.Lock:
        with self._guard:
            if len(self._locks) > 4096:
                self._locks.clear()
            return self._locks.setdefault(key, threading.Lock())

    def get(self, article: Article, fmt: str = "ogg") -> tuple[Path, dict[str, Any]]:
        """Return (audio path, timings); the first call per article and format synthesises."""
        from factdesk.listen import SpeakerUnavailable, synthesize

        if fmt not in MEDIA_TYPES:
            raise FactdeskError(f"unsupported audio format {fmt!r}")
        with self._lock(f"{article.content_hash()}.{fmt}"):  # one synthesis at a time per article
            try:
                audio = synthesize(article, None, fmt=fmt, speaker=self.speaker, cache_dir=self.directory)
            except SpeakerUnavailable as exc:
                raise SpeechUnavailable(str(exc)) from None
        return Path(audio.path), _timings(audio)


def _timings(audio: Any) -> dict[str, Any]:
    sentences = []
    for s in audio.sentences:
        span = None
        if s.paragraph is not None:
            span = [s.span[0] - audio.body_offset, s.span[1] - audio.body_offset]
        sentences.append({"index": s.index, "text": s.text, "start_s": s.start_s, "end_s": s.end_s,
                          "span": span, "paragraph": s.paragraph})
    return {
        "format": audio.format,
        "sample_rate": audio.sample_rate,
        "duration_s": audio.duration_s,
        "voice": audio.voice,
        "sentences": sentences,
    }
