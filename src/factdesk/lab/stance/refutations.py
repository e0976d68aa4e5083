"""Synthetic refutations: a supported claim with one detail changed (number, date, name or negation).

Made only from training pairs (the trainer passes nothing else), the way FactCC-style data is made.

>>> import random
>>> mutate_number("The dam is 185 metres tall.", random.Random(0))[0]  # doctest: +SKIP
'The dam is 370 metres tall.'
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from factdesk.lab.stance.data import Pair
from factdesk.verify.dates import extract_dates
from factdesk.verify.entities import EntityFinder, mentioned
from factdesk.verify.numbers import extract_quantities

_AUX = re.compile(r"\b(is|are|was|were|has|have|had|can|will|would|could|should|does|did|do)\b")
_FINDER = EntityFinder(None)


def _fmt(value: float, decimals: int) -> str:
    if decimals:
        return f"{value:.{decimals}f}"
    return f"{int(round(value)):,}" if value >= 10000 else str(int(round(value)))


def mutate_number(claim: str, rng: random.Random) -> tuple[str, str] | None:
    qs = [q for q in extract_quantities(claim) if not q.year_like and re.search(r"\d", q.text)]
    if not qs:
        return None
    q = rng.choice(qs)
    span = claim[q.start:q.end]
    m = re.search(r"\d[\d,]*(?:\.\d+)?", span)
    if not m:
        return None
    old = float(m.group().replace(",", ""))
    factor = rng.choice([0.5, 0.6, 0.75, 1.3, 1.5, 2.0, 3.0])
    new = old * factor if old >= 5 else old + rng.choice([2, 3, 4, 5])
    new_s = _fmt(new, q.decimals)
    if new_s == m.group():
        return None
    start = q.start + m.start()
    return claim[:start] + new_s + claim[start + len(m.group()):], "number"


def mutate_date(claim: str, rng: random.Random) -> tuple[str, str] | None:
    ds = extract_dates(claim)
    if not ds:
        return None
    d = rng.choice(ds)
    m = re.search(str(d.year), claim[d.start:d.end])
    if not m:
        return None
    new_year = d.year + rng.choice([-10, -5, -3, -2, -1, 1, 2, 3, 5])
    start = d.start + m.start()
    return claim[:start] + str(new_year) + claim[start + 4:], "date"


def mutate_name(claim: str, source: str, pool: list[str], rng: random.Random) -> tuple[str, str] | None:
    ents = [e for e in _FINDER.find(claim) if mentioned(e.text, source) and e.start >= 0]
    if not ents or not pool:
        return None
    e = rng.choice(ents)
    for _ in range(5):
        other = rng.choice(pool)
        if other != e.text and not mentioned(other, source) and not mentioned(other, claim):
            return claim[:e.start] + other + claim[e.start + len(e.text):], "name"
    return None


def mutate_negation(claim: str, rng: random.Random) -> tuple[str, str] | None:
    if re.search(r"\bnot\b|n't\b|\bnever\b", claim):
        new = re.sub(r"\s+not\b|n't\b|\bnever\s+", lambda m: " " if m.group().startswith("never") else "", claim, count=1)
        new = re.sub(r"\bca\b", "can", new)
        new = re.sub(r"\bwo\b", "will", new)
        return (new, "negation") if new != claim else None
    m = _AUX.search(claim)
    if not m:
        return None
    return claim[:m.end()] + " not" + claim[m.end():], "negation"


def make_refutations(pairs: list[Pair], *, seed: int = 13, rate: float = 0.6,
                     skip: frozenset[str] = frozenset({"imppres", "med-monotonicity"})) -> list[Pair]:
    """One changed-detail refutation for about ``rate`` of the supporting training pairs."""
    rng = random.Random(seed)
    pool = sorted({e.text for p in pairs if p.split == "train" and p.dataset not in skip
                   for e in _FINDER.find(p.claim)[:2] if len(e.text) > 2})
    out: list[Pair] = []
    for p in pairs:
        if p.split != "train" or p.label != "supports" or p.dataset in skip or rng.random() > rate:
            continue
        makers: list[Callable[[], tuple[str, str] | None]] = [
            lambda: mutate_number(p.claim, rng),
            lambda: mutate_date(p.claim, rng),
            lambda: mutate_name(p.claim, p.evidence, pool, rng),
        ]
        rng.shuffle(makers)
        if rng.random() < 0.5:  # negation is easy to make: a fallback only, so it does not crowd out the rest
            makers.append(lambda: mutate_negation(p.claim, rng))
        for make in makers:
            res = make()
            if res is not None:
                new_claim, kind = res
                out.append(Pair(f"synthetic-{kind}", new_claim, p.evidence, "refutes", "train", p.group, p.title))
                break
    return out


def make_unrelated(pairs: list[Pair], *, seed: int = 17, n: int = 3000) -> list[Pair]:
    """Claims paired with a passage from another group: the model must answer neutral for off-topic text."""
    rng = random.Random(seed)
    train = [p for p in pairs if p.split == "train" and p.dataset not in {"imppres", "med-monotonicity"}]
    out = []
    for _ in range(n):
        a, b = rng.choice(train), rng.choice(train)
        if a.group != b.group:
            out.append(Pair("synthetic-unrelated", a.claim, b.evidence, "neutral", "train", a.group, b.title))
    return out
