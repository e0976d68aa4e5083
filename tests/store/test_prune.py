"""Query-term pruning by document frequency (SQLite BM25): what is dropped, and that rankings do not
change where the postings budget is not reached."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factdesk.evidence.store import open_store
from factdesk.evidence.store.base import query_terms
from factdesk.evidence.store.prune import MIN_KEEP, DocFreqCache, prune_terms
from factdesk.evidence.store.sqlite import BM25_WEIGHTS
from factdesk.models import Document

# -- the pruning rule --------------------------------------------------------------------------


def test_prune_keeps_rarest_terms_in_query_order():
    cost = {"flood": 40, "river": 12, "city": 90, "levee": 3, "qqq": 0}
    assert prune_terms(["flood", "river", "city", "levee", "qqq"], cost, 60) == ["flood", "river", "levee"]
    assert prune_terms(["flood", "river", "city", "levee", "qqq"], cost, None) == ["flood", "river", "city", "levee"]


def test_prune_ties_are_broken_by_query_position():
    cost = dict.fromkeys("abcd", 10)
    assert prune_terms(list("dcba"), cost, 25, min_keep=1) == ["d", "c"]
    assert prune_terms(list("abcd"), cost, 25, min_keep=1) == ["a", "b"]


def test_prune_always_keeps_the_rarest_terms():
    cost = {"the": 900, "of": 800, "and": 950}
    assert prune_terms(["the", "of", "and"], cost, 10) == ["the", "of"]
    assert prune_terms(["the", "of", "and"], cost, 10, min_keep=1) == ["of"]
    assert prune_terms(["zzz"], {"zzz": 0}, 10) == []


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.text("abcdefgh", min_size=1, max_size=3), st.integers(0, 1000), max_size=12),
    st.integers(0, 3000),
)
def test_prune_properties(cost, budget):
    terms = list(cost)
    kept = prune_terms(terms, cost, budget)
    assert kept == [t for t in terms if t in kept]  # query order, no new terms
    assert all(cost[t] > 0 for t in kept)
    present = [t for t in terms if cost[t] > 0]
    assert len(kept) >= min(MIN_KEEP, len(present))
    if len(kept) > MIN_KEEP:
        assert sum(cost[t] for t in kept) <= budget
    dropped = [t for t in present if t not in kept]
    if dropped and kept:  # nothing dropped is rarer than something kept
        assert min(cost[t] for t in dropped) >= max(cost[t] for t in kept)


def test_doc_freq_cache_is_bounded_and_flushed_on_change():
    calls: list[list[str]] = []

    def lookup(terms):
        calls.append(list(terms))
        return {t: len(t) for t in terms}

    cache = DocFreqCache(max_terms=3)
    assert cache.get(["aa", "b"], 1, lookup) == {"aa": 2, "b": 1}
    assert cache.get(["aa", "ccc"], 1, lookup) == {"aa": 2, "ccc": 3}
    assert calls == [["aa", "b"], ["ccc"]]
    cache.get(["dddd"], 1, lookup)  # "b" is the least recently used: evicted
    cache.get(["b", "aa"], 1, lookup)
    assert calls[-1] == ["b"]
    cache.get(["aa"], 2, lookup)  # a new store version: looked up again
    assert calls[-1] == ["aa"]


# -- the SQLite store --------------------------------------------------------------------------

WORDS = (
    "river flood levee rainfall drought harvest wheat price market inflation bank loan senate vote "
    "election ballot vaccine trial patient dose virus protein cell gene mutation tumour climate ocean "
    "glacier ice coral reef carbon emission coal solar wind turbine battery grid railway bridge tunnel "
    "museum painting statue festival stadium league coach player transfer contract court judge appeal"
).split()


def _corpus(seed: int, n_docs: int) -> list[Document]:
    """Sentences with Zipf-like word frequencies (a few words are in many passages, most in few)."""
    rng = random.Random(seed)
    weights = [1 / (i + 1) for i in range(len(WORDS))]
    docs = []
    for d in range(n_docs):
        sents = []
        for _ in range(rng.randint(2, 5)):
            words = rng.choices(WORDS, weights, k=rng.randint(5, 12))
            sents.append(" ".join(words).capitalize() + ".")
        docs.append(Document(id=f"z{d}", title=rng.choice([None, rng.choice(WORDS).title()]), text=" ".join(sents)))
    return docs


@pytest.fixture(scope="module")
def zipf_store(tmp_path_factory):
    from tests.doubles import HashEmbedder

    store = open_store(str(tmp_path_factory.mktemp("prune") / "zipf.db"), embedder=HashEmbedder())
    store.add_documents(_corpus(11, 150))
    yield store
    store.close()


def _raw_bm25(store, query: str, k: int) -> list[tuple[int, float]]:
    """The search as it was before pruning: every query term OR-ed, straight on FTS5."""
    match = " OR ".join(f'"{t}"' for t in query_terms(query))
    w = ",".join(str(x) for x in BM25_WEIGHTS)
    return store.conn.execute(
        f"SELECT rowid, bm25(passages_fts, {w}) AS s FROM passages_fts WHERE passages_fts MATCH ? ORDER BY s LIMIT ?",
        (match, k),
    ).fetchall()


def test_rankings_are_unchanged_below_the_budget(zipf_store):
    store = zipf_store
    rowid = dict(store.conn.execute("SELECT id, rowid FROM passages").fetchall())
    assert store.stats()["passages"] > 400
    rng = random.Random(5)
    compared = 0
    for _ in range(40):
        words = rng.sample(WORDS, rng.randint(1, 7)) + rng.sample(["unheardof", "xylograph", "floods", "banks"], 1)
        query = " ".join(words)
        raw = _raw_bm25(store, query, 20)
        store.bm25_postings_budget = None
        unpruned = store.search_bm25(query, 20)
        store.bm25_postings_budget = 20_000
        pruned = store.search_bm25(query, 20)
        assert [p.id for p, _ in pruned] == [p.id for p, _ in unpruned]
        assert [s for _, s in pruned] == pytest.approx([s for _, s in unpruned], abs=1e-9)
        # identical to the plain OR query too: dropping terms that occur nowhere changes no score
        assert [rowid[p.id] for p, _ in pruned] == [r for r, _ in raw]
        assert [s for _, s in pruned] == pytest.approx([-s for _, s in raw], abs=1e-9)
        compared += bool(raw)
    assert compared >= 35


def test_pruned_candidates_are_rescored_with_the_full_query(zipf_store, monkeypatch):
    """With every candidate rescored, a pruned search returns exactly the unpruned ranking of the
    passages that hold a kept term, with the unpruned scores (the dropped terms' part is recomputed)."""
    from factdesk.evidence.store import sqlite as sqlite_store

    store = zipf_store
    monkeypatch.setattr(sqlite_store, "BM25_RESCORE_DEPTH", 10_000)
    rowid = dict(store.conn.execute("SELECT id, rowid FROM passages").fetchall())
    rng = random.Random(9)
    checked = 0
    for _ in range(25):
        query = " ".join(rng.sample(WORDS[:12], 2) + rng.sample(WORDS[12:], 3))  # common + rarer words
        store.bm25_postings_budget = 40
        kept = store.bm25_terms(query)
        pruned = store.search_bm25(query, 15)
        store.bm25_postings_budget = None
        full = {r: -s for r, s in _raw_bm25(store, query, 10_000)}
        holding = {r for r, _ in _raw_bm25(store, " ".join(kept), 10_000)}
        expected = sorted((r for r in full if r in holding), key=lambda r: (-full[r], r))[:15]
        got = [rowid[p.id] for p, _ in pruned]
        assert [full[r] for r in got] == pytest.approx([s for _, s in pruned], rel=1e-9, abs=1e-9)
        assert [full[r] for r in got] == pytest.approx([full[r] for r in expected], rel=1e-9, abs=1e-9)
        checked += len(kept) < len(query_terms(query))
    assert checked >= 20  # most queries really were pruned
    store.bm25_postings_budget = 20_000


def test_terms_are_counted_as_the_index_stems_them(zipf_store):
    # "floods" and "banks" occur only as "flood" and "bank": the porter stems must find them
    terms = zipf_store.bm25_terms("Floods banks unheardof")
    assert terms == ["floods", "banks"]
    assert zipf_store.bm25_terms("unheardof xylograph") == []
    assert zipf_store.search_bm25("unheardof xylograph", 5) == []


def _doc(i: int, text: str, source: str = "base") -> Document:
    return Document(id=f"{source}-{i}", title=None, text=text, source=source)


def test_a_term_in_every_passage_is_dropped_and_the_right_passage_still_found(tmp_path, hash_embedder):
    rng = random.Random(2)
    docs = [
        _doc(i, f"The weekly report covers {rng.choice(WORDS)} and {rng.choice(WORDS)} in region {i}.")
        for i in range(120)
    ]
    docs.append(_doc(999, "The report says a zebra migration crossed the Mara river in region 7."))
    store = open_store(str(tmp_path / "common.db"), embedder=hash_embedder)
    store.add_documents(docs)
    store.bm25_postings_budget = 60  # below the 121 passages holding "report"
    assert store.bm25_terms("report zebra migration") == ["zebra", "migration"]
    hits = store.search_bm25("report zebra migration", 5)
    assert hits[0][0].doc_id == "base-999"
    # a query of common words only still searches its rarest terms
    assert store.bm25_terms("weekly report covers") == ["weekly", "covers"]
    assert len(store.search_bm25("weekly report covers", 10)) == 10
    store.close()


def test_frequencies_follow_writes_from_this_and_other_connections(tmp_path, hash_embedder):
    db = str(tmp_path / "changing.db")
    docs = [_doc(0, "Gamma rays and delta waves.")]
    docs += [_doc(i, f"Alpha particle number {i}.") for i in range(1, 11)]
    docs += [_doc(i, f"Beta decay number {i}.") for i in range(11, 41)]
    store = open_store(db, embedder=hash_embedder)
    store.add_documents(docs)
    store.bm25_postings_budget = 50
    query = "gamma delta alpha beta"
    assert store.bm25_terms(query) == ["gamma", "delta", "alpha", "beta"]  # 1 + 1 + 10 + 30 postings
    store.add_documents([_doc(i, f"More beta decay, case {i}.", "more-beta") for i in range(30)])
    assert store.bm25_terms(query) == ["gamma", "delta", "alpha"]  # beta: 60 postings
    other = open_store(db, embedder=hash_embedder)
    other.add_documents([_doc(i, f"Alpha emitters, case {i}.", "more-alpha") for i in range(40)])
    other.close()
    assert store.bm25_terms(query) == ["gamma", "delta"]  # alpha: 50 postings, written elsewhere
    assert store.delete_source("more-alpha") == 40
    assert store.bm25_terms(query) == ["gamma", "delta", "alpha"]  # deleted passages no longer count
    store.close()


# -- PostgreSQL: frequencies from the planner statistics ---------------------------------------


def test_postgres_drops_a_term_in_every_passage(pg_url, hash_embedder):
    rng = random.Random(4)
    docs = [
        _doc(i, f"The weekly report covers {rng.choice(WORDS)} and {rng.choice(WORDS)} in region {i}.")
        for i in range(120)
    ]
    docs.append(_doc(999, "The report says a zebra migration crossed the Mara river in region 7."))
    store = open_store(pg_url, embedder=hash_embedder)
    store.add_documents(docs)
    store.conn.execute("ANALYZE factdesk_passages")
    store.bm25_postings_budget = 60  # below the 121 passages holding "report"
    assert store.bm25_terms("the report zebra migration") == ["zebra", "migration"]  # "the": a stop word
    assert store.search_bm25("report zebra migration", 5)[0][0].doc_id == "base-999"
    assert store.bm25_terms("weekly report covers") == ["weekly", "covers"]
    assert len(store.search_bm25("weekly report covers", 10)) == 10
    store.close()


def test_postgres_rankings_are_unchanged_below_the_budget(pg_url, hash_embedder):
    store = open_store(pg_url, embedder=hash_embedder)
    store.add_documents(_corpus(12, 60))
    store.conn.execute("ANALYZE factdesk_passages")
    rng = random.Random(6)
    for _ in range(15):
        query = " ".join(rng.sample(WORDS, rng.randint(1, 6)) + ["the", "unheardof"])
        store.bm25_postings_budget = None
        unpruned = store.search_bm25(query, 20)
        store.bm25_postings_budget = 10_000
        pruned = store.search_bm25(query, 20)
        assert [(p.id, round(s, 9)) for p, s in pruned] == [(p.id, round(s, 9)) for p, s in unpruned]
    store.close()
