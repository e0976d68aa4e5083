"""Sentences with exact character spans into ``Article.body``.

pysbd does the segmentation (abbreviations such as "U.S.", "Dr.", "Sen.", decimals, lists, quotes);
this module maps each segment back onto the body, keeps quotations that span several sentences
together, and bounds the work on hostile input (huge paragraphs, endless sentences).

>>> sents, warnings = split_sentences(["Sen. Warren met Dr. Smith. Inflation hit 6.5 percent."])
>>> [s.text for s in sents]
['Sen. Warren met Dr. Smith.', 'Inflation hit 6.5 percent.']
>>> sents[1].span
(27, 53)
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from factdesk.models import PARAGRAPH_SEPARATOR

#: paragraphs longer than this are cut (at whitespace) into chunks before segmentation
MAX_CHUNK_CHARS = 5000
#: sentences longer than this are cut (at whitespace) into pieces; the claim stage warns
MAX_SENTENCE_CHARS = 1200

#: an over-long sentence contributes at most this many pieces (the rest is skipped, with a warning)
MAX_PIECES = 4


@dataclass(frozen=True)
class Sentence:
    """A sentence of the body: its text, its span in the body, its paragraph and its index."""

    text: str
    span: tuple[int, int]
    paragraph: int
    index: int
    truncated: bool = False
    #: the sentence starts inside a quotation opened in an earlier sentence
    continues_quote: bool = False


_LOCAL = threading.local()


def _segmenter():
    """This thread's pysbd segmenter: one keeps the text it is segmenting on itself, so checks on
    other threads must not share it."""
    segmenter = getattr(_LOCAL, "segmenter", None)
    if segmenter is None:
        import pysbd

        segmenter = _LOCAL.segmenter = pysbd.Segmenter(language="en", clean=False)
    return segmenter


def _chunks(text: str, limit: int) -> list[tuple[int, int]]:
    """Cut ``text`` into pieces of at most ``limit`` chars, at whitespace where possible."""
    out, start, n = [], 0, len(text)
    while n - start > limit:
        cut = text.rfind(" ", start + limit // 2, start + limit)
        if cut <= start:
            cut = start + limit
        out.append((start, cut))
        start = cut
    out.append((start, n))
    return out


#: a chunk with no sentence-ending mark, closing quotation mark or bracket before its end is one
#: sentence: pysbd agrees (it costs ≈ 0.7 ms a paragraph, and news paragraphs are often a single
#: sentence); tests/claims/test_sentences.py compares the two on many paragraphs
_ONE_SENTENCE = re.compile(r"[^.!?…\n\r”\")\]]*[.!?…]?[”\"’')\]]*\s*")


def _segment(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of one chunk of text (stripped of surrounding whitespace)."""
    if _ONE_SENTENCE.fullmatch(text):
        start, end = len(text) - len(text.lstrip()), len(text.rstrip())
        return [(start, end)] if end > start else []
    spans: list[tuple[int, int]] = []
    pos = 0
    try:
        segments = _segmenter().segment(text)
    except Exception:  # pysbd on pathological input: fall back to one segment per chunk
        segments = [text]
    for seg in segments:
        piece = seg.strip()
        if not piece:
            continue
        at = text.find(piece, pos)
        if at < 0:  # pysbd altered the text: resynchronise on the first word
            first = piece.split()[0]
            at = text.find(first, pos)
            if at < 0:
                continue
            end = min(len(text), at + len(piece))
        else:
            end = at + len(piece)
        spans.append((at, end))
        pos = end
    return spans


def _quote_balance(text: str) -> int:
    """+1 when the text leaves a curly/straight double quotation open, else 0."""
    curly = text.count("“") - text.count("”")
    if curly:
        return 1 if curly > 0 else 0
    return text.count('"') % 2


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Glue fragments that are not sentences of their own onto the previous one."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        piece = text[s:e]
        if out:
            prev = text[out[-1][0]:out[-1][1]]
            starts_lower = piece[:1].islower()
            tail_attribution = bool(re.match(r"^[”\"’']?\s*(he|she|they|it|[A-Z][a-z]+)\s+(said|says|wrote|added|told)\b", piece)) and prev.rstrip().endswith((",”", ',"', "?”", "!”"))
            list_item = bool(re.match(r"^(\d{1,2}|[a-z])[.)]\s", piece)) and prev.rstrip().endswith((":", ";"))
            if (starts_lower and not re.match(r"^[a-z]\)", piece)) or tail_attribution or list_item or len(piece.strip()) <= 2:
                out[-1] = (out[-1][0], e)
                continue
        out.append((s, e))
    return out


def split_sentences(paragraphs: list[str]) -> tuple[list[Sentence], list[str]]:
    """Split paragraphs into sentences whose spans index ``PARAGRAPH_SEPARATOR.join(paragraphs)`` exactly."""
    sentences: list[Sentence] = []
    warnings: list[str] = []
    base = 0
    for p_index, para in enumerate(paragraphs):
        spans: list[tuple[int, int]] = []
        chunks = _chunks(para, MAX_CHUNK_CHARS)
        if len(chunks) > 1:
            warnings.append(f"paragraph {p_index} is {len(para)} characters long; it was cut into {len(chunks)} pieces before sentence splitting")
        for cs, ce in chunks:
            spans += [(cs + s, cs + e) for s, e in _segment(para[cs:ce])]
        spans = _merge(spans, para)
        open_quote = False
        for s, e in spans:
            pieces = _chunks(para[s:e], MAX_SENTENCE_CHARS)
            truncated = len(pieces) > 1
            if len(pieces) > MAX_PIECES:
                warnings.append(f"a sentence in paragraph {p_index} is {e - s} characters long; only its first {MAX_PIECES} pieces were analysed")
                pieces = pieces[:MAX_PIECES]
            for ps, pe in pieces:
                a, b = s + ps, s + pe
                while a < b and para[a].isspace():
                    a += 1
                while b > a and para[b - 1].isspace():
                    b -= 1
                if a >= b:
                    continue
                text = para[a:b]
                sentences.append(Sentence(text, (base + a, base + b), p_index, len(sentences), truncated, open_quote))
            piece = para[s:e]
            if _quote_balance(piece):
                open_quote = not open_quote
        if any(s.truncated for s in sentences if s.paragraph == p_index):
            warnings.append(f"a sentence in paragraph {p_index} is longer than {MAX_SENTENCE_CHARS} characters; it was cut into pieces")
        base += len(para) + len(PARAGRAPH_SEPARATOR)
    return sentences, warnings
