"""Where each claim's words are in its sentence, so one sentence can show a refuted and a supported part.

A claim holds one fact; several claims can be cut from one sentence, and each claim's words come from
that sentence (rewritten only to name its subject: "The judge gave …" becomes "The federal judge gave
…"). :func:`sentence_parts` aligns every claim with the sentence by the longest runs of words they
share (``difflib.SequenceMatcher`` over normalised words), keeps the runs that belong together, and
cuts the sentence into parts, each carrying the claims whose words it holds: the words of one claim,
the words several claims share (the subject they all name), or words no claim names (plain text).

A claim whose words cannot be found (less than :data:`MIN_FOUND` of them) falls back to the whole
sentence, shared with the claims found in it; a sentence with one claim is that claim's whole.

>>> from factdesk.models import Claim
>>> s = "The city spent $4 million and hired 40 staff."
>>> a = Claim(id="a", text="The city spent $4 million.", sentence=s, span=(0, 46), paragraph=0,
...           checkworthiness=0.9, checked=True)
>>> b = Claim(id="b", text="The city hired 40 staff.", sentence=s, span=(0, 46), paragraph=0,
...           checkworthiness=0.9, checked=True)
>>> [(s[lo:hi], [c.id for c in claims]) for lo, hi, claims in sentence_parts(s, [a, b])]
[('The city spent $4 million', ['a']), (' and ', []), ('hired 40 staff.', ['b'])]
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from factdesk.models import Claim

#: a claim whose runs hold less than this share of its words is not located (whole-sentence fallback)
MIN_FOUND = 0.4
#: runs of fewer words than this are kept only next to a kept run (at most MAX_GAP words away)
MIN_RUN = 3
MAX_GAP = 3

_WORD = re.compile(r"\w+(?:['’]\w+)*")
#: words too common to carry a claim on their own
_SMALL = frozenset(
    "a an the and or but of to in on at by for from with as is was are were be been has have had that this "
    "it its their his her they he she which who what".split()
)

_ARTICLES = frozenset({"the", "a", "an"})

Part = tuple[int, int, tuple[Claim, ...]]


def _norm(word: str) -> str:
    w = word.casefold().replace("’", "'")
    return w[:-2] if w.endswith("'s") else w


def _same_stem(a: str, b: str) -> bool:
    """Two forms of one word, by their common beginning: ``setting`` / ``set``, ``opened`` / ``opening``."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n >= 3 and n >= min(4, len(a), len(b))


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(_norm(m.group(0)), m.start(), m.end()) for m in _WORD.finditer(text)]


def _runs(free: list[bool]) -> list[tuple[int, int]]:
    """Maximal ``[lo, hi)`` runs of free positions."""
    out, lo = [], None
    for i, f in enumerate([*free, False]):
        if f and lo is None:
            lo = i
        elif not f and lo is not None:
            out.append((lo, i))
            lo = None
    return out


def _common_runs(claim_words: list[str], sentence_words: list[str]) -> list[tuple[int, int, int]]:
    """``(claim index, sentence index, size)`` runs the two share, longest first, in any order (a claim
    may name its subject after what the sentence says first: "…, and X are three men")."""
    matcher = SequenceMatcher(None, claim_words, sentence_words, autojunk=False)
    claim_free, sentence_free = [True] * len(claim_words), [True] * len(sentence_words)
    out = []
    while True:
        best = None
        for ca, cb in _runs(claim_free):
            for sa, sb in _runs(sentence_free):
                m = matcher.find_longest_match(ca, cb, sa, sb)
                if m.size and (best is None or m.size > best.size):
                    best = m
        if best is None:
            return out
        out.append((best.a, best.b, best.size))
        for i in range(best.size):
            claim_free[best.a + i] = sentence_free[best.b + i] = False


def _located(claim_words: list[str], sentence_words: list[str]) -> dict[int, bool] | None:
    """The sentence words that hold the claim's words, each ``True`` when it lies in a strong run (the
    longest, or one of :data:`MIN_RUN` words or more) and ``False`` in a short run beside one;
    ``None`` when too few of the claim's words are found."""
    blocks = _common_runs(claim_words, sentence_words) if claim_words else []
    if not blocks:
        return None
    kept = [blocks[0]]  # the longest run
    changed = True
    while changed:  # a run of MIN_RUN words, or a shorter one next to a kept run, joins
        changed = False
        for block in blocks:
            if block in kept:
                continue
            _, b, size = block
            gap = min(max(k[1] - (b + size), b - (k[1] + k[2])) for k in kept)
            small = size == 1 and sentence_words[b] in _SMALL
            if size >= MIN_RUN or (gap <= MAX_GAP and not small) or (small and gap <= 0):
                kept.append(block)
                changed = True
    if sum(size for _, _, size in kept) < MIN_FOUND * len(claim_words):
        return None
    return {b + i: (size >= MIN_RUN or n == 0) for n, (_, b, size) in enumerate(kept) for i in range(size)}


def sentence_parts(sentence: str, claims: list[Claim]) -> list[Part]:
    """The sentence cut into ``(start, end, claims)`` parts (offsets into ``sentence``), in order and
    covering it whole; ``claims`` is empty for words no claim holds."""
    everyone = tuple(claims)
    if len(claims) <= 1 or not sentence:
        return [(0, len(sentence), everyone)] if sentence else []
    words = _words(sentence)
    if not words:
        return [(0, len(sentence), everyone)]
    plain = [w for w, _, _ in words]
    held: list[dict[int, bool]] = []  # per claim: sentence word → strong
    lost: list[Claim] = []
    for claim in claims:
        found = _located([w for w, _, _ in _words(claim.text)], plain)
        held.append(found or {})
        if found is None:
            lost.append(claim)
    owners: list[list[Claim]] = [[] for _ in words]
    for i in range(len(words)):
        holders = [n for n, h in enumerate(held) if i in h]
        strong = [n for n in holders if held[n][i]]
        if not strong and len(holders) > 1:  # a short run two claims share: the claim whose strong words are nearer
            def distance(n: int) -> int:
                return min((abs(i - j) for j, s in held[n].items() if s), default=len(words))
            best = min(distance(n) for n in holders)
            strong = [n for n in holders if distance(n) == best]
        owners[i] = [claims[n] for n in (strong or holders)]
    for claim in claims:  # a claim's words close over a short gap of words nobody holds
        mine = [i for i, o in enumerate(owners) if claim in o]
        for lo, hi in zip(mine, mine[1:]):
            if 1 < hi - lo <= MAX_GAP + 1 and not any(owners[k] for k in range(lo + 1, hi)):
                for k in range(lo + 1, hi):
                    owners[k].append(claim)
    # a lone word held by nobody, next to one claim's words, is that claim's when the claim says it in
    # another form ("setting up" for "set up"); an article goes with the word after it
    claim_words = [{w for w, _, _ in _words(c.text)} for c in claims]
    for i, (word, _, _) in enumerate(words):
        if owners[i] or (word in _SMALL and word not in _ARTICLES):
            continue
        for j in (i + 1,) if word in _ARTICLES else (i + 1, i - 1):
            if 0 <= j < len(words) and len(owners[j]) == 1:
                mine = claim_words[claims.index(owners[j][0])]
                if word in _ARTICLES or any(_same_stem(word, w) for w in mine):
                    owners[i] = list(owners[j])
                    break
    for claim in lost:  # not located: the whole sentence
        for i in range(len(words)):
            owners[i].append(claim)
    order = {id(c): n for n, c in enumerate(claims)}
    keys = [tuple(sorted(o, key=lambda c: order[id(c)])) for o in owners]

    parts: list[Part] = []
    for i, (_, start, end) in enumerate(words):
        lo = 0 if i == 0 and keys[i] else start
        hi = len(sentence) if i == len(words) - 1 and keys[i] else end
        if i + 1 < len(words) and keys[i + 1] == keys[i]:
            hi = words[i + 1][1]  # the space between two words of one part belongs to it
        if parts and parts[-1][1] < lo:
            parts.append((parts[-1][1], lo, ()))
        elif not parts and lo > 0:
            parts.append((0, lo, ()))
        if parts and parts[-1][2] == keys[i] and parts[-1][1] == lo:
            parts[-1] = (parts[-1][0], hi, keys[i])
        else:
            parts.append((lo, hi, keys[i]))
    if parts[-1][1] < len(sentence):
        parts.append((parts[-1][1], len(sentence), ()))
    # words of one part with plain space between them and plain ends: merge plain neighbours
    merged: list[Part] = []
    for part in parts:
        if merged and merged[-1][2] == part[2] and merged[-1][1] == part[0]:
            merged[-1] = (merged[-1][0], part[1], part[2])
        else:
            merged.append(part)
    return merged
