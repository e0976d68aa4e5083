"""Mine the fallback propaganda lexicon (``propaganda_lexicon.json``) from PTC technique spans.

An n-gram (1–4 words) is kept for the technique it most often marks when it occurs inside that
technique's spans at least ``min_count`` times and in at least ``min_precision`` of all its uses.

>>> art = {"text": "The corrupt elite lied. The corrupt elite won.",
...        "technique_spans": [{"technique": "Loaded_Language", "start": 4, "end": 17},
...                            {"technique": "Loaded_Language", "start": 28, "end": 41}]}
>>> mine_lexicon([art], min_count=2, min_precision=0.6)["entries"]["corrupt elite"][0]
'Loaded_Language'
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from typing import Any

from factdesk.analyse.language import MAX_N, tokens
from factdesk.analyse.phrases import STOPWORDS


def mine_lexicon(articles: list[dict[str, Any]], *, min_count: int = 3, min_precision: float = 0.4) -> dict[str, Any]:
    """n-grams (1-4 words) that mostly occur inside one technique's spans in ``articles``."""
    total: Counter[tuple[str, ...]] = Counter()
    inside: dict[str, Counter[tuple[str, ...]]] = defaultdict(Counter)
    for art in articles:
        toks = tokens(art["text"])
        words = [t for t, _, _ in toks]
        for n in range(1, MAX_N + 1):
            for i in range(len(words) - n + 1):
                total[tuple(words[i : i + n])] += 1
        starts = [s for _, s, _ in toks]
        for sp in art["technique_spans"]:
            a = bisect.bisect_left(starts, sp["start"])
            b = a
            while b < len(toks) and toks[b][2] <= sp["end"]:
                b += 1
            span_words = words[a:b]
            seen: set[tuple[str, ...]] = set()
            for n in range(1, MAX_N + 1):
                for i in range(len(span_words) - n + 1):
                    ng = tuple(span_words[i : i + n])
                    if ng not in seen:
                        seen.add(ng)
                        inside[sp["technique"]][ng] += 1
    entries: dict[str, list] = {}
    for tech, counter in inside.items():
        for ng, k in counter.items():
            if k < min_count or all(w in STOPWORDS or w.isdigit() for w in ng):
                continue
            prec = k / total[ng]
            if prec < min_precision:
                continue
            key = " ".join(ng)
            if key not in entries or entries[key][1] < prec:
                entries[key] = [tech, round(prec, 4), k]
    return {"min_count": min_count, "min_precision": min_precision, "max_n": MAX_N, "entries": entries}
