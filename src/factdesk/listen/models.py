"""What ``synthesize`` returns: the audio file and where each sentence is heard in it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

AudioFormat = Literal["wav", "ogg", "mp3"]


class SentenceTiming(BaseModel):
    """One spoken sentence. ``span`` indexes the reading text (title, blank line, body)."""

    model_config = ConfigDict(extra="forbid")

    index: int
    text: str
    start_s: float = Field(description="when the sentence starts in the audio, seconds")
    end_s: float = Field(description="when it ends (pauses between sentences are outside)")
    span: tuple[int, int] = Field(description="character span in the reading text: title + '\\n\\n' + Article.body")
    paragraph: int | None = Field(description="body paragraph index; None for the title")


class Audio(BaseModel):
    """A synthesised reading of an article's title and body."""

    model_config = ConfigDict(extra="forbid")

    path: str
    format: AudioFormat
    sample_rate: int
    duration_s: float
    voice: str = Field(description="speaker and voice, e.g. 'piper:en_US-joe-medium'")
    sentences: list[SentenceTiming]
    body_offset: int = Field(description="where Article.body starts in the reading text (span - body_offset = body offset)")
    words: int = Field(description="words read aloud")
    content_hash: str = Field(description="hash of the reading text; with voice and format, the cache key")
    cached: bool = Field(default=False, description="served from the audio cache")
