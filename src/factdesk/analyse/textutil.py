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


class Parsed:
    """One short text tokenised once: normalised form, lower case, sentences and their tokens.

    >>> p = Parsed("It's fine. Really fine!")
    >>> p.sentences, p.low_tokens
    (["It's fine.", 'Really fine!'], ["it's", 'fine', 'really', 'fine'])
    """

    __slots__ = ("raw", "norm", "low", "sentences", "sentence_tokens", "tokens", "low_tokens")

    def __init__(self, text: str) -> None:
        self.raw = text
        self.norm = normalise(text)
        self.low = self.norm.lower()
        self.sentences = [s.strip() for s in SENT_RE.split(self.norm) if s.strip()] or ([self.norm] if self.norm else [])
        self.sentence_tokens = [WORD_RE.findall(s) for s in self.sentences]
        self.tokens = [t for st in self.sentence_tokens for t in st]
        self.low_tokens = [t.lower() for t in self.tokens]


def parsed(text: "str | Parsed") -> Parsed:
    return text if isinstance(text, Parsed) else Parsed(text)
