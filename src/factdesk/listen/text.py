"""What is read aloud: the title and the body paragraphs, split into sentences with spans.

Comments, chrome and anything else on the page are never read. The reading text is
``title + "\\n\\n" + Article.body`` so spans into it map back to body spans by subtracting
``len(title) + 2``.

>>> from factdesk.models import Article
>>> sents = reading_sentences(Article(title="A title", paragraphs=["Dr. Who left. He came back."]))
>>> [(s.text, s.paragraph) for s in sents]
[('A title', None), ('Dr. Who left.', 0), ('He came back.', 0)]
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from factdesk.models import PARAGRAPH_SEPARATOR, Article

_SPEAKABLE = re.compile(r"\w")


@dataclass(frozen=True)
class ReadingSentence:
    index: int
    text: str
    span: tuple[int, int]
    paragraph: int | None


def reading_text(article: Article) -> tuple[str, int]:
    """The text read aloud and the offset where the body starts in it."""
    title = article.title.strip()
    return title + PARAGRAPH_SEPARATOR + article.body, len(title) + len(PARAGRAPH_SEPARATOR)


def content_hash(article: Article) -> str:
    return hashlib.sha256(reading_text(article)[0].encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def _split(text: str) -> list[tuple[int, int]]:
    """Sentence spans in ``text`` (pysbd), trimmed of surrounding whitespace."""
    out = []
    for piece in _segmenter().segment(text):
        start, end = piece.start, piece.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def reading_sentences(article: Article) -> list[ReadingSentence]:
    """The title as one sentence, then every body sentence in order; unspeakable pieces dropped."""
    text, body_offset = reading_text(article)
    pieces: list[tuple[tuple[int, int], int | None]] = []
    title = article.title.strip()
    if title:
        pieces.append(((0, len(title)), None))
    for p_index, (off, para) in enumerate(zip(article.paragraph_offsets(), article.paragraphs)):
        base = body_offset + off
        for s, e in _split(para):
            pieces.append(((base + s, base + e), p_index))
    out = []
    for (s, e), para in pieces:
        if _SPEAKABLE.search(text[s:e]):
            out.append(ReadingSentence(len(out), text[s:e], (s, e), para))
    return out


def chunks_for_speech(sentence: str, max_chars: int = 300) -> list[str]:
    """Cut an over-long sentence at spaces so a speaker never gets an unbounded input.

    >>> chunks_for_speech("a b c d", max_chars=3)
    ['a b', 'c d']
    """
    words, out, cur = " ".join(sentence.split()).split(" "), [], ""
    for w in words:
        while len(w) > max_chars:  # a single enormous "word"
            if cur:
                out.append(cur)
                cur = ""
            out.append(w[:max_chars])
            w = w[max_chars:]
        if cur and len(cur) + 1 + len(w) > max_chars:
            out.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    if cur:
        out.append(cur)
    return out
