"""Negation: does one text deny what the other, otherwise alike, asserts?

>>> negation_mismatch("The drug was approved by regulators.", "The drug was not approved by regulators.")
True
>>> negation_mismatch("The drug was approved by regulators.", "Regulators approved the drug in May.")
False
"""

from __future__ import annotations

import re

NEGATION_CUES = frozenset({
    "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot", "n't",
    "denied", "denies", "deny", "refused", "refuses", "failed", "fails", "rejected", "rejects", "false",
    "untrue", "nowhere", "lacks", "lacked", "absent",
})
STOPWORDS = frozenset(
    "a an the of in on at to for by from with and or but is are was were be been being has have had do does did "
    "it its this that these those as than then there their they he she we you i his her our your which who whom "
    "what when where why how will would can could should may might must also said says say about into over "
    "after before up out so such very more most some any all each other just only".split()
)
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W\d_]+)?|n't")


def tokens(text: str) -> list[str]:
    text = text.lower().replace("’", "'")
    text = re.sub(r"(\w)n't\b", r"\1 n't", text)
    return _TOKEN.findall(text)


def content_words(text: str) -> set[str]:
    return {t for t in tokens(text) if t not in STOPWORDS and t not in NEGATION_CUES and len(t) > 1}


def negation_count(text: str) -> int:
    """Number of negation cues (``not``, ``n't``, ``never``, ``no``, ``denied``…)."""
    return sum(1 for t in tokens(text) if t in NEGATION_CUES)


def overlap(claim: str, source: str, *, stem: int = 0) -> float:
    """Share of the claim's content words that the source contains; with ``stem``, words that share their
    first ``stem`` letters count as one ("weighs" and "weight", "restored" and "restoration")."""
    c = {w[:stem] if stem else w for w in content_words(claim)}
    if not c:
        return 0.0
    s = {w[:stem] if stem else w for w in content_words(source)}
    return len(c & s) / len(c)


def stem_overlap(claim: str, source: str) -> float:
    """How much of a claim a passage restates, in other forms of its words (first five letters)."""
    return overlap(claim, source, stem=5)


#: a negation denies what the two texts share only when a shared word follows it this closely
NEGATION_SCOPE = 3
_SCOPED = re.compile(r"[^\W_]+(?:'[^\W\d_]+)?|n't|[,;:.!?()\"“”—–]")


def scoped_negations(text: str, shared: set[str]) -> int:
    """Negation cues of ``text`` that bear on ``shared`` words: one of them within ``NEGATION_SCOPE``
    words after the cue, in the same clause ("was not approved"; not "it is never too late to catch up"
    in a quote that also names the claim's director of public health)."""
    text = re.sub(r"(\w)n't\b", r"\1 n't", text.lower().replace("’", "'"))
    toks = _SCOPED.findall(text)
    count = 0
    for i, t in enumerate(toks):
        if t not in NEGATION_CUES:
            continue
        for nxt in toks[i + 1:i + 1 + NEGATION_SCOPE]:
            if not nxt[0].isalnum() and nxt != "n't":
                break
            if nxt in shared:
                count += 1
                break
    return count


def negation_mismatch(claim: str, source: str, *, min_overlap: float = 0.6) -> bool:
    """True when the two texts share most content words but differ in the parity of the negations
    that bear on what they share."""
    if overlap(claim, source) < min_overlap:
        return False
    shared = content_words(claim) & content_words(source)
    return (scoped_negations(claim, shared) % 2) != (scoped_negations(source, shared) % 2)
