"""The propaganda span tagger: fine-tuned MiniLM reading an article window by window.

``factdesk train propaganda`` fine-tunes the packaged all-MiniLM-L6-v2 transformer as a token
tagger with two heads: BIO over propaganda spans (SemEval-2020 Task 11 "SI") and, for every token,
the probability of each of the 14 PTC techniques (trained only on tokens inside gold spans, so it
says *which* technique a span uses, not *whether* it is one). The graph is exported to int8 ONNX
with both heads' probabilities inside; ``meta.json`` carries the decoding settings and the
operating points measured on the development articles.

One function turns a text into windows for both training and inference, so the two never cut a
text differently: the packaged MiniLM tokenizer runs once over the whole text, sentences are packed
into windows of at most ``max_length`` tokens (a sentence longer than that is cut), and every token
keeps its character offsets into the text.

>>> tok = tagger_tokenizer()
>>> [w.offsets[0] for w in windows(tok, "One two. Three four.", max_length=6)]
[(0, 3), (9, 14)]
>>> tagger = PropagandaTagger.load()                                          # doctest: +SKIP
>>> tagger.spans("These radical thugs want to destroy our great nation.")    # doctest: +SKIP
[TaggedSpan(start=6, end=19, span_score=0.93, techniques=(('Name_Calling,Labeling', 0.81), …))]
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from factdesk.errors import ModelError

MAX_LENGTH = 256
#: PTC technique names in the order of the technique head's outputs
TECHNIQUE_ORDER: tuple[str, ...] = (
    "Loaded_Language", "Name_Calling,Labeling", "Repetition", "Exaggeration,Minimisation", "Doubt",
    "Appeal_to_fear-prejudice", "Flag-Waving", "Causal_Oversimplification", "Slogans", "Appeal_to_Authority",
    "Black-and-White_Fallacy", "Thought-terminating_Cliches", "Whataboutism,Straw_Men,Red_Herring",
    "Bandwagon,Reductio_ad_hitlerum",
)
BIO = ("O", "B", "I")
#: a sentence ends after . ! ? (and closing quotes) followed by space, or at a line break
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+|\n+")
_CONTENT = re.compile(r"[^\W\d_]{2,}")
_JOINERS = " ,;:-–—\"'“”‘’"


def default_tagger_dir() -> Path:
    return Path(str(resources.files("factdesk") / "resources" / "models" / "analyse" / "propaganda-tagger"))


def tagger_tokenizer():
    """The packaged MiniLM tokenizer, without its truncation and padding (windows are cut here)."""
    from tokenizers import Tokenizer

    from factdesk.embed import minilm_weights_dir

    tok = Tokenizer.from_file(str(minilm_weights_dir() / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    return tok


@dataclass(frozen=True)
class Window:
    """``ids`` = [CLS] tokens [SEP]; ``offsets`` = each inner token's (start, end) in the text."""

    ids: list[int]
    offsets: list[tuple[int, int]]


def _sentence_breaks(text: str) -> list[int]:
    """Character positions where a new sentence starts (after the first)."""
    return [m.end() for m in _SENTENCE_END.finditer(text)]


def windows(tokenizer, text: str, max_length: int = MAX_LENGTH) -> list[Window]:
    """Consecutive sentences packed into windows of at most ``max_length`` tokens (with [CLS], [SEP])."""
    enc = tokenizer.encode(text, add_special_tokens=False)
    ids, offsets = enc.ids, enc.offsets
    if not ids:
        return []
    room = max_length - 2
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    # group tokens by sentence
    breaks = _sentence_breaks(text)
    groups: list[list[int]] = [[]]
    b = 0
    for i, (s, _) in enumerate(offsets):
        moved = False
        while b < len(breaks) and s >= breaks[b]:
            b += 1
            moved = True
        if moved and groups[-1]:
            groups.append([])
        groups[-1].append(i)
    # cut over-long sentences, then pack
    pieces = [g[k:k + room] for g in groups for k in range(0, len(g), room)]
    out: list[Window] = []
    cur: list[int] = []
    for piece in pieces:
        if cur and len(cur) + len(piece) > room:
            out.append(Window([cls_id, *(ids[i] for i in cur), sep_id], [tuple(offsets[i]) for i in cur]))
            cur = []
        cur += piece
    if cur:
        out.append(Window([cls_id, *(ids[i] for i in cur), sep_id], [tuple(offsets[i]) for i in cur]))
    return out


@dataclass(frozen=True)
class TaggedSpan:
    """A propaganda span: characters [start, end), its span score (mean P(inside) of its tokens) and
    the technique probabilities (mean over its tokens), best first."""

    start: int
    end: int
    span_score: float
    techniques: tuple[tuple[str, float], ...]


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


def _join(text: str, a: TaggedSpan, b: TaggedSpan) -> TaggedSpan:
    """One span over ``a`` and ``b``: scores averaged by length."""
    na, nb = a.end - a.start, b.end - b.start
    ta, tb = dict(a.techniques), dict(b.techniques)
    tech = sorted(((t, round((ta[t] * na + tb[t] * nb) / (na + nb), 4)) for t in ta), key=lambda x: -x[1])
    return TaggedSpan(min(a.start, b.start), max(a.end, b.end),
                      round((a.span_score * na + b.span_score * nb) / (na + nb), 4), tuple(tech))


def decode(text: str, offsets: list[tuple[int, int]], probs: np.ndarray, inside_at: float = 0.5) -> list[TaggedSpan]:
    """Spans from per-token probabilities (columns: O, B, I, then one per technique).

    A token is inside a span when P(B) + P(I) ≥ ``inside_at``; a run of inside tokens is one span,
    split where a token is more likely a beginning (B) than a continuation (I). Spans are widened to
    whole words; spans that touch, or are parted only by spaces and punctuation, are joined; a span
    with no content word (only function words, numbers or punctuation) is dropped.
    """
    from factdesk.analyse.phrases import STOPWORDS

    spans: list[TaggedSpan] = []
    run: list[int] = []

    def close() -> None:
        if not run:
            return
        s, e = _widen_to_words(text, offsets[run[0]][0], offsets[run[-1]][1])
        inside = probs[run, 1] + probs[run, 2]
        tech = probs[run, 3:].mean(0)
        order = np.argsort(-tech, kind="stable")
        spans.append(TaggedSpan(s, e, round(float(inside.mean()), 4),
                                tuple((TECHNIQUE_ORDER[k], round(float(tech[k]), 4)) for k in order)))
        run.clear()

    for i in range(len(offsets)):
        if probs[i, 1] + probs[i, 2] < inside_at:
            close()
            continue
        if run and probs[i, 1] > probs[i, 2]:
            close()
        run.append(i)
    close()
    joined: list[TaggedSpan] = []
    for sp in spans:
        if joined and sp.start - joined[-1].end <= 2 and not text[joined[-1].end:sp.start].strip(_JOINERS):
            sp = _join(text, joined.pop(), sp)
        joined.append(sp)
    return [sp for sp in joined if any(w.lower() not in STOPWORDS for w in _CONTENT.findall(text[sp.start:sp.end]))]


class PropagandaTagger:
    """The int8 ONNX tagger: ``spans(text)`` → :class:`TaggedSpan` list, in text order.

    Windows run one per call: the int8 graph quantises activations per call, so padding windows
    into a batch would let one window's neighbours move its probabilities.
    """

    def __init__(self, session, tokenizer, meta: dict) -> None:
        self.session = session
        self.tokenizer = tokenizer
        self.meta = meta
        self.max_length = int(meta.get("max_length", MAX_LENGTH))
        self.inside_at = float(meta.get("decode", {}).get("inside_at", 0.5))
        self.load_seconds = 0.0

    @classmethod
    def load(cls, model_dir: Path | None = None) -> "PropagandaTagger":
        from factdesk.onnxutil import load_model

        start = time.perf_counter()
        model_dir = Path(model_dir or default_tagger_dir())
        onnx_path, meta_path = model_dir / "tagger.onnx", model_dir / "meta.json"
        if not onnx_path.is_file() or not meta_path.is_file():
            raise ModelError(f"propaganda tagger not found in {model_dir}; run `factdesk train propaganda`")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        session, meta = load_model(onnx_path, meta_path, "propaganda tagger")
        tagger = cls(session, tagger_tokenizer(), meta)
        tagger.load_seconds = time.perf_counter() - start
        return tagger

    def token_probs(self, text: str) -> tuple[list[tuple[int, int]], np.ndarray]:
        """Every token's offsets and its (O, B, I, technique…) probabilities."""
        offsets: list[tuple[int, int]] = []
        rows: list[np.ndarray] = []
        for w in windows(self.tokenizer, text, self.max_length):
            ids = np.asarray([w.ids], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
            out = self.session.run(None, feed)[0][0]
            rows.append(out[1:-1])
            offsets += w.offsets
        width = 3 + len(TECHNIQUE_ORDER)
        return offsets, (np.concatenate(rows) if rows else np.zeros((0, width), dtype=np.float32))

    def spans(self, text: str) -> list[TaggedSpan]:
        offsets, probs = self.token_probs(text)
        return decode(text, offsets, probs, self.inside_at)
