"""Alignment features of a (claim, passage) pair, fed to the stance head next to the sentence embeddings.

They are cheap (regular expressions only, no model) and the same code runs at training and at
inference, so the head learns how much to trust each signal.

>>> f = alignment_features("The cabinet has 40 ministers.", "The cabinet has 24 ministers.")
>>> f[FEATURE_NAMES.index("number_disagrees")]
1.0
"""

from __future__ import annotations

import math

import numpy as np

from factdesk.verify.context import same_context
from factdesk.verify.dates import compare_dates
from factdesk.verify.entities import EntityFinder, compare_entities
from factdesk.verify.negation import content_words, negation_count, negation_mismatch, tokens
from factdesk.verify.numbers import compare_numbers, extract_quantities

FEATURE_NAMES: tuple[str, ...] = (
    "overlap_claim",
    "overlap_source",
    "jaccard",
    "unmatched_claim_words",
    "neg_claim",
    "neg_source",
    "neg_parity_differs",
    "negation_mismatch",
    "claim_has_number",
    "number_agrees",
    "number_disagrees",
    "claim_number_absent",
    "date_agrees",
    "date_disagrees",
    "names_found",
    "names_missing",
    "name_disagrees",
    "log_len_claim",
    "log_len_source",
    "universal_words",
)
N_FEATURES = len(FEATURE_NAMES)
_UNIVERSAL = {"all", "every", "always", "only", "never", "none", "entire", "whole", "first", "last", "most"}
_FINDER = EntityFinder(None)


def alignment_features(claim: str, source: str) -> list[float]:
    """The :data:`FEATURE_NAMES` vector for one pair."""
    cw, sw = content_words(claim), content_words(source)
    inter = len(cw & sw)
    ov_c = inter / len(cw) if cw else 0.0
    ov_s = inter / len(sw) if sw else 0.0
    jac = inter / len(cw | sw) if cw | sw else 0.0
    nc, ns = negation_count(claim), negation_count(source)
    nums = [n for n in compare_numbers(claim, source)
            if n.agrees or same_context(claim, (n.claim.start, n.claim.end), source, (n.source.start, n.source.end))]
    claim_q = [q for q in extract_quantities(claim) if not q.year_like]
    src_low = source.lower()
    absent = any(q.text.split()[0].lower().lstrip("$£€") not in src_low and
                 not any(n.agrees for n in nums if n.claim == q) for q in claim_q)
    dates = [d for d in compare_dates(claim, source)
             if d.agrees or same_context(claim, (d.claim.start, d.claim.end), source, (d.source.start, d.source.end))]
    ce, se = _FINDER.find(claim), _FINDER.find(source)
    ents = compare_entities(claim, source, ce, se)
    found = sum(1 for e in ents if e.agrees)
    missing = max(0, len(ce) - found)
    toks_c = tokens(claim)
    return [
        ov_c,
        ov_s,
        jac,
        min(len(cw - sw), 10) / 10,
        min(nc, 2) / 2,
        min(ns, 2) / 2,
        float(nc % 2 != ns % 2),
        float(negation_mismatch(claim, source)),
        float(bool(claim_q)),
        float(any(n.agrees for n in nums)),
        float(any(not n.agrees for n in nums)),
        float(absent),
        float(any(d.agrees for d in dates)),
        float(any(not d.agrees for d in dates) and not any(d.agrees for d in dates)),
        found / len(ce) if ce else 0.0,
        min(missing, 3) / 3,
        float(any(not e.agrees for e in ents)),
        math.log1p(len(toks_c)) / 5,
        math.log1p(len(tokens(source))) / 7,
        float(any(t in _UNIVERSAL for t in toks_c)),
    ]


def features_matrix(claims: list[str], sources: list[str]) -> np.ndarray:
    """(n, N_FEATURES) float32 for aligned lists."""
    if not claims:
        return np.zeros((0, N_FEATURES), dtype=np.float32)
    return np.asarray([alignment_features(c, s) for c, s in zip(claims, sources)], dtype=np.float32)

