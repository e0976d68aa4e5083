"""Listen: the article's title and body read aloud offline, with sentence timestamps.

The speaker is picked from a registry (:data:`SPEAKERS`): Piper's natural ``joe`` voice when the
optional GPL-3.0 extra ``factdesk[piper]`` is installed, else Debian's espeak-ng. Comments and page
chrome are never read.

>>> from factdesk.models import Article
>>> from factdesk.listen import synthesize
>>> audio = synthesize(Article(title="Rain", paragraphs=["It rained."]), "rain.ogg")  # doctest: +SKIP
>>> audio.duration_s, audio.sentences[1].start_s  # doctest: +SKIP
(1.62, 0.91)
"""

from factdesk.listen.models import Audio, AudioFormat, SentenceTiming
from factdesk.listen.speakers import DEFAULT_ORDER, SPEAKERS, Speaker, SpeakerUnavailable, get_speaker
from factdesk.listen.synth import FORMATS, cache_key, default_cache_dir, synthesize
from factdesk.listen.text import reading_sentences, reading_text

__all__ = [
    "Audio",
    "AudioFormat",
    "DEFAULT_ORDER",
    "FORMATS",
    "SPEAKERS",
    "SentenceTiming",
    "Speaker",
    "SpeakerUnavailable",
    "cache_key",
    "default_cache_dir",
    "get_speaker",
    "reading_sentences",
    "reading_text",
    "synthesize",
]
