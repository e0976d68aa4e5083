"""Query-term pruning by document frequency for full-text search on large stores.

An OR query costs work in proportion to the postings it reads: every passage holding any query
term is scored and sorted. On a million passages one common claim word ("increase", "cell")
holds tens of thousands of postings while contributing little to the ranking (its idf is low).
:func:`prune_terms` keeps the query's terms rarest-first while their summed document frequency
stays within a postings budget, always keeping the ``min_keep`` rarest terms that occur, so a
query never becomes empty. Terms that occur in no passage are dropped (they match nothing and add
nothing to any score). The bound is in postings, not in a share of the corpus, so the work of one
query stays bounded whatever the store's size; on stores where the budget is not reached the
ranking is exactly the unpruned one.

>>> prune_terms(["global", "warming", "rises", "zzz"], {"global": 9, "warming": 7, "rises": 40, "zzz": 0}, 20)
['global', 'warming']
>>> prune_terms(["the", "of"], {"the": 900, "of": 800}, 20)  # the rarest ones are always kept
['the', 'of']
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence

#: the rarest terms a pruned query always keeps (when they occur at all)
MIN_KEEP = 2


def prune_terms(
    terms: Sequence[str], cost: Mapping[str, int], budget: int | None, min_keep: int = MIN_KEEP
) -> list[str]:
    """The terms to search, in query order.

    ``cost[t]`` is the number of postings term ``t`` reads (its document frequency); terms with
    cost 0 are dropped. Terms are taken rarest-first (ties: earlier in the query first) while the
    summed cost stays within ``budget``; the first ``min_keep`` are taken whatever they cost.
    ``budget=None`` only drops the terms that do not occur.
    """
    position = {t: i for i, t in reversed(list(enumerate(terms)))}
    present = sorted((t for t in position if cost.get(t, 0) > 0), key=lambda t: (cost[t], position[t]))
    kept: set[str] = set()
    total = 0
    for t in present:
        if budget is not None and len(kept) >= min_keep and total + cost[t] > budget:
            break  # sorted by cost: no later term fits either
        kept.add(t)
        total += cost[t]
    return [t for t in terms if t in kept]


class DocFreqCache:
    """A bounded LRU cache of document frequencies, flushed when the store's content changes.

    ``version`` is any value that changes whenever passages are written or deleted; ``lookup``
    fetches the frequencies of the terms the cache lacks.

    >>> cache = DocFreqCache(max_terms=2)
    >>> cache.get(["a", "b"], version=1, lookup=lambda ts: {t: 5 for t in ts})
    {'a': 5, 'b': 5}
    >>> cache.get(["a"], version=2, lookup=lambda ts: {t: 7 for t in ts})  # the store changed
    {'a': 7}
    """

    def __init__(self, max_terms: int = 50_000) -> None:
        self.max_terms = max_terms
        self._df: OrderedDict[str, int] = OrderedDict()
        self._version: Hashable = None
        self.lookups = 0  # terms fetched from the store (for tests and benches)

    def get(
        self, terms: Iterable[str], version: Hashable, lookup: Callable[[list[str]], Mapping[str, int]]
    ) -> dict[str, int]:
        if version != self._version:
            self._df.clear()
            self._version = version
        terms = list(dict.fromkeys(terms))
        missing = [t for t in terms if t not in self._df]
        if missing:
            found = lookup(missing)
            self.lookups += len(missing)
            for t in missing:
                self._df[t] = int(found.get(t, 0))
        out = {}
        for t in terms:
            self._df.move_to_end(t)
            out[t] = self._df[t]
        while len(self._df) > self.max_terms:
            self._df.popitem(last=False)
        return out
