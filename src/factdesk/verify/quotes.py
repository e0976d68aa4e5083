"""Quote checks: are these the speaker's own words, as a source has them?

Kinds: ``verbatim`` (same words), ``trimmed`` (a faithful excerpt of a longer quote), ``paraphrased``
(same content, other words, nothing that changes the meaning), ``altered`` (the source's quote with
words changed that change the meaning: a number, a negation, a name, or key words swapped), ``not_found``.
Attribution: whether the source attributes the words to the same speaker.

>>> src = 'The minister said: "We will not raise taxes this year."'
>>> check_quote("We will raise taxes this year.", "the minister", [src]).kind
'altered'
>>> check_quote("We will not raise taxes", None, [src]).kind
'trimmed'
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from rapidfuzz import fuzz

from factdesk.verify.entities import mentioned
from factdesk.verify.negation import NEGATION_CUES, STOPWORDS

_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{8,})[\"“”«»]|(?<![^\W\d_])['‘]([^'‘’]{12,})['’](?![^\W\d_])")
_WORD = re.compile(r"[^\W_]+(?:'[^\W\d_]+)?")


@dataclass
class QuoteCheck:
    kind: str  # verbatim | trimmed | paraphrased | altered | not_found
    score: float
    source_text: str | None = None
    source_index: int | None = None
    attributed: bool | None = None  # the source names the same speaker (None: no speaker to check)
    changed: list[str] = field(default_factory=list)  # "claim word → source word"

    def as_dict(self) -> dict:
        return asdict(self)


def _words(text: str) -> list[str]:
    text = text.lower().replace("’", "'")
    text = re.sub(r"\bwon't\b", "will not", text)
    text = re.sub(r"\bcan't\b", "can not", text)
    text = re.sub(r"n't\b", " not", text)
    return _WORD.findall(text)


def quoted_spans(text: str) -> list[str]:
    """The quoted stretches of ``text``; the whole text when it has none (an interview transcript)."""
    spans = [(m.group(1) or m.group(2)).strip() for m in _QUOTED.finditer(text)]
    return spans or [text]


def _stem(w: str) -> str:
    return w[:4] if len(w) > 4 else w


def _carries_meaning(words: list[str]) -> bool:
    return any(w not in STOPWORDS or w in NEGATION_CUES or any(c.isdigit() for c in w) for w in words)


def _meaning_changes(claim_words: list[str], source_words: list[str]) -> list[str]:
    """Word edits that change what was said: a changed or added content word, number or negation.

    Words the quote leaves out (an elision) do not count unless they are a negation or a number;
    inflections (``raise`` / ``raising``) and function words do not count.
    """
    changes: list[str] = []
    a_changed: list[str] = []
    b_replaced: list[str] = []
    b_omitted: list[str] = []
    for tag, i1, i2, j1, j2 in _opcodes(claim_words, source_words):
        if tag == "equal":
            continue
        a_changed += claim_words[i1:i2]
        (b_replaced if tag == "replace" else b_omitted).extend(source_words[j1:j2])
    b_all = b_replaced + b_omitted
    sa, sb = {_stem(w) for w in a_changed}, {_stem(w) for w in b_all}
    a_rest = [w for w in a_changed if _stem(w) not in sb]
    b_rest = [w for w in b_replaced if _stem(w) not in sa]
    omitted_key = [w for w in b_omitted if _stem(w) not in sa and (w in NEGATION_CUES or any(c.isdigit() for c in w))]
    if _carries_meaning(a_rest) or _carries_meaning(b_rest) or omitted_key:
        changes.append(f"{' '.join(a_rest) or '∅'} → {' '.join(b_rest + omitted_key) or '∅'}")
    neg_a = sum(w in NEGATION_CUES for w in claim_words) % 2
    neg_b = sum(w in NEGATION_CUES for w in source_words) % 2
    if neg_a != neg_b:
        changes.append("negation differs")
    return changes


def _opcodes(a: list[str], b: list[str]):
    from rapidfuzz.distance import Levenshtein

    return [(op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end) for op in Levenshtein.opcodes(a, b)]


def check_quote(quote: str, speaker: str | None, sources: list[str]) -> QuoteCheck:
    """Best alignment of ``quote`` against the quoted words of each source text."""
    qw = _words(quote)
    if not qw:
        return QuoteCheck("not_found", 0.0)
    qn = " ".join(qw)
    best: QuoteCheck | None = None
    for idx, text in enumerate(sources):
        for span in quoted_spans(text):
            sw = _words(span)
            if not sw:
                continue
            sn = " ".join(sw)
            full = fuzz.ratio(qn, sn)
            part = fuzz.partial_ratio(qn, sn) if len(qn) <= len(sn) else fuzz.partial_ratio(sn, qn)
            tset = fuzz.token_set_ratio(qn, sn)
            window = _best_window(qw, sw)
            changes = _meaning_changes(qw, window)
            closeness = fuzz.ratio(qn, " ".join(window))
            if changes and closeness >= 60:
                cand = QuoteCheck("altered", closeness / 100, span, idx, changed=changes)
            elif full >= 97:
                cand = QuoteCheck("verbatim", full / 100, span, idx)
            elif part >= 97 and len(qw) < len(sw):
                cand = QuoteCheck("trimmed", part / 100, span, idx)
            elif closeness >= 60 or tset >= 85:
                cand = QuoteCheck("paraphrased", max(closeness, tset) / 100, span, idx)
            elif tset >= 70 and len(set(qw) & set(sw)) >= max(3, len(set(qw)) // 2):
                cand = QuoteCheck("paraphrased", tset / 100, span, idx)
            else:
                continue
            if best is None or _rank(cand) > _rank(best):
                best = cand
    if best is None:
        return QuoteCheck("not_found", 0.0)
    if speaker and best.source_index is not None:
        best.attributed = mentioned(speaker, sources[best.source_index])
    return best


_ORDER = {"verbatim": 4, "trimmed": 3, "altered": 2, "paraphrased": 1, "not_found": 0}


def _rank(c: QuoteCheck) -> tuple[int, float]:
    return (_ORDER[c.kind], c.score)


def _best_window(qw: list[str], sw: list[str]) -> list[str]:
    n = len(qw)
    if len(sw) <= n + 2:
        return sw
    q = " ".join(qw)
    best, best_score = sw[:n], -1.0
    for size in (n - 1, n, n + 1):
        if size <= 0:
            continue
        for i in range(0, len(sw) - size + 1):
            s = fuzz.ratio(q, " ".join(sw[i:i + size]))
            if s > best_score:
                best, best_score = sw[i:i + size], s
    return best
