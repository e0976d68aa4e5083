"""Match prior fact-checks to the claims they are about, by text similarity.

A published fact-check is shown beside a claim only when it reviews the same assertion: the
similarity is the cosine of the MiniLM embeddings when an embedder is given, and the rapidfuzz
token ratios of the content words otherwise (or whichever is higher when both are there).
A fact-check that the service found *for* a claim (its query was that claim) needs a lower bar than
one read from some page.

>>> from factdesk.models import Claim, PriorFactCheck
>>> c = Claim(id="c1", text="The Eiffel Tower is 330 metres tall.", sentence="", span=(0, 0),
...           paragraph=0, checkworthiness=0.9, checked=True)
>>> pf = PriorFactCheck(claim_reviewed="Eiffel Tower is 330 metres tall", rating="True")
>>> from factdesk.evidence.sources.base import FoundFactCheck
>>> m = match_fact_checks([c], [FoundFactCheck(pf)])
>>> m["c1"][0].similarity >= 0.8
True
"""

from __future__ import annotations

from rapidfuzz import fuzz

from factdesk.evidence.sources.base import FoundFactCheck
from factdesk.evidence.sources.query import keywords
from factdesk.models import Claim, PriorFactCheck

#: similarity needed for a fact-check read from a page / found by this claim's own query. Chosen on
#: tests/data/sources/match_pairs.jsonl (32 pairs; bench/results/sources.json "matching"): at 0.75 the
#: embedding+lexical score had precision 1.0, recall 0.82 — precision first, a wrong prior
#: fact-check beside a claim misleads more than a missing one.
THRESHOLD = 0.75
THRESHOLD_HINTED = 0.70
MAX_PER_CLAIM = 5


def lexical_similarity(a: str, b: str) -> float:
    """Mean of the token-set and token-sort ratios (0–1) of the content words; plain ratio when either side is very short.

    >>> round(lexical_similarity("Vaccines cause autism", "Do vaccines cause autism?"), 2)
    1.0
    """
    ka, kb = keywords(a, 40), keywords(b, 40)
    if min(len(ka), len(kb)) < 2:
        return fuzz.ratio(a.lower(), b.lower()) / 100.0
    ja, jb = " ".join(ka), " ".join(kb)
    return (fuzz.token_set_ratio(ja, jb) + fuzz.token_sort_ratio(ja, jb)) / 200.0


def match_fact_checks(claims: list[Claim], found: list[FoundFactCheck], embedder=None) -> dict[str, list[PriorFactCheck]]:
    """Claim id → the prior fact-checks about it, most similar first (each with ``similarity`` set)."""
    if not claims or not found:
        return {}
    unique: dict[tuple, FoundFactCheck] = {}
    hints: dict[tuple, set[str]] = {}
    for item in found:
        key = (item.fact_check.url, item.fact_check.claim_reviewed, item.fact_check.publisher)
        unique.setdefault(key, item)
        if item.claim_id:
            hints.setdefault(key, set()).add(item.claim_id)
    keys = list(unique)
    dense = None
    if embedder is not None:
        vecs = embedder.encode([c.text for c in claims] + [unique[k].fact_check.claim_reviewed for k in keys])
        dense = vecs[: len(claims)] @ vecs[len(claims):].T
    out: dict[str, list[PriorFactCheck]] = {}
    for i, claim in enumerate(claims):
        matches = []
        for j, key in enumerate(keys):
            review = unique[key].fact_check
            sim = lexical_similarity(claim.text, review.claim_reviewed)
            if dense is not None:
                sim = max(sim, float(dense[i, j]))
            bar = THRESHOLD_HINTED if claim.id in hints.get(key, set()) else THRESHOLD
            if sim >= bar:
                matches.append(review.model_copy(update={"similarity": round(min(1.0, sim), 4)}))
        if matches:
            matches.sort(key=lambda r: (-r.similarity, r.url or "", r.claim_reviewed))
            out[claim.id] = matches[:MAX_PER_CLAIM]
    return out
