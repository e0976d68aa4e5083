"""Small text helpers shared by the analysis modules (tokens, sentences, shingles)."""

from __future__ import annotations

import re

WORD_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w'’\-]*[^\W_]|[^\W\d_]|\d[\d,.:/]*\d%?|\d%?")
SENT_RE = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
DIGIT_RE = re.compile(r"\d")

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": " - ", "–": "-"})


def normalise(text: str) -> str:
    """Straight quotes, plain dashes, single spaces.

    >>> normalise("It’s “fine”—really")
    'It\\'s "fine" - really'
    """
    return " ".join(text.translate(_QUOTES).split())


def words(text: str) -> list[str]:
    """Word and number tokens, case kept.

    >>> words("Bukele's 40,000-seat prison, not 90,000!")
    ["Bukele's", '40,000', 'seat', 'prison', 'not', '90,000']
    """
    return WORD_RE.findall(normalise(text))


def sentences(text: str) -> list[str]:
    """A light sentence splitter for short texts such as comments.

    >>> sentences("One point. Two points! Three?")
    ['One point.', 'Two points!', 'Three?']
    """
    text = normalise(text)
    return [s.strip() for s in SENT_RE.split(text) if s.strip()]


def shingles(tokens: list[str], k: int) -> list[str]:
    """Word k-shingles (the whole token list when it is shorter than k).

    >>> shingles(["a", "b", "c"], 2)
    ['a b', 'b c']
    """
    if len(tokens) < k:
        return [" ".join(tokens)] if tokens else []
    return [" ".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1)]
