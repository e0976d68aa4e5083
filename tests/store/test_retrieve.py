"""Hybrid retrieval: fusion arithmetic, de-duplication, exclusion, reranking, query formulation,
and end-to-end quality with the real MiniLM embedder on both stores."""

from __future__ import annotations

import numpy as np
import pytest

from factdesk.evidence.retrieve import Retriever, formulate_query
from factdesk.evidence.store import open_store
from factdesk.models import Claim, Document, Passage, ScoredPassage


def _p(pid: str, text: str | None = None) -> Passage:
    return Passage(id=pid, doc_id=pid.split("#")[0], text=text or f"text of {pid}")


class ListStore:
    """Returns fixed candidate lists: isolates the fusion logic from any index."""

    def __init__(self, bm25, dense):
        self.bm25, self.dense, self.queries = bm25, dense, []

    def search_bm25(self, query, k):
        self.queries.append(query)
        return self.bm25[:k]

    def search_dense(self, vector, k):
        return self.dense[:k]


class OnesEmbedder:
    name, dim = "ones", 4

    def encode(self, texts, *, batch_size=64):
        return np.ones((len(texts), 4), dtype=np.float32) / 2


def test_reciprocal_rank_fusion_and_signals():
    a, b, c, d = _p("a#0"), _p("b#0"), _p("c#0"), _p("d#0")
    store = ListStore(bm25=[(a, 9.0), (b, 5.0), (c, 1.0)], dense=[(c, 0.9), (d, 0.8), (a, 0.7)])
    hits = Retriever(store, OnesEmbedder()).retrieve("anything", k=4)
    by_id = {h.passage.id: h for h in hits}
    assert by_id["a#0"].score == pytest.approx(1 / 61 + 1 / 63)
    assert by_id["c#0"].score == pytest.approx(1 / 63 + 1 / 61)
    assert by_id["b#0"].score == pytest.approx(1 / 62) and by_id["b#0"].dense_rank is None
    assert (by_id["a#0"].bm25, by_id["a#0"].bm25_rank, by_id["a#0"].dense, by_id["a#0"].dense_rank) == (9.0, 1, 0.7, 3)
    assert [h.passage.id for h in hits] == ["a#0", "c#0", "b#0", "d#0"]  # ties broken by id


def test_modes_use_one_signal():
    a, b = _p("a#0"), _p("b#0")
    store = ListStore(bm25=[(a, 2.0)], dense=[(b, 0.5)])
    r = Retriever(store, OnesEmbedder())
    assert [h.passage.id for h in r.retrieve("q", 5, mode="bm25")] == ["a#0"]
    assert [h.passage.id for h in r.retrieve("q", 5, mode="dense")] == ["b#0"]


def test_same_text_kept_once_and_exclusion():
    a, a2, b = _p("a#0", "Prices rose by 4%."), _p("z#3", "prices  rose by 4%"), _p("b#0", "Other.")
    store = ListStore(bm25=[(a, 3.0), (a2, 2.0), (b, 1.0)], dense=[(a2, 0.9)])
    hits = Retriever(store, OnesEmbedder()).retrieve("q", 5)
    assert [h.passage.id for h in hits] == ["z#3", "b#0"]  # the better-fused copy survives
    hits = Retriever(store, OnesEmbedder()).retrieve("q", 5, exclude=lambda p: p.doc_id == "z")
    assert [h.passage.id for h in hits] == ["a#0", "b#0"]


def test_reranker_reorders():
    a, b = _p("a#0"), _p("b#0")

    class Reverse:
        def rerank(self, query, candidates: list[ScoredPassage]):
            return [c.model_copy(update={"score": float(i)}) for i, c in enumerate(reversed(candidates))]

    hits = Retriever(ListStore([(a, 2.0), (b, 1.0)], []), OnesEmbedder(), reranker=Reverse()).retrieve("q", 2)
    assert [h.passage.id for h in hits] == ["b#0", "a#0"]


def test_query_formulation_from_claim():
    claim = Claim(
        id="c1", text="The mayor said that Oslo's budget grew by 12% in 2024.", sentence="s", span=(0, 1),
        paragraph=0, entities=[{"text": "Oslo", "label": "GPE"}], numbers=["12%"], checkworthiness=0.9, checked=True,
    )
    q = formulate_query(claim)
    assert q.split()[:3] == ["oslo", "12", "mayor"]
    assert "the" not in q.split() and "that" not in q.split() and "2024" in q.split()
    assert formulate_query('NEAR("tax" OR levy) AND -rates*') == "near tax levy rates"


CORPUS = [
    ("jobs", "Labour market", "The jobless rate fell to 3.5 percent last year, the statistics office reported."),
    ("jobs2", "Labour market", "Youth unemployment stayed above 10 percent in the southern regions."),
    ("rail", "Transport", "The high-speed railway between the two cities will open in 2027."),
    ("rail2", "Transport", "Bus fares in the capital are frozen until the end of the year."),
    ("vacc", "Health", "Measles vaccination coverage among children reached 94 percent."),
    ("vacc2", "Health", "Hospitals reported fewer flu admissions than in the previous winter."),
    ("volc", "Geology", "Mount Etna erupted twice in May, sending ash over Catania airport."),
    ("volc2", "Geology", "Iceland's Reykjanes peninsula has seen several fissure eruptions since 2021."),
    ("chess", "Sport", "Anna Kowalski won the national chess title after beating the defending champion."),
    ("foot", "Sport", "The football club sacked its coach after five straight defeats."),
    ("bees", "Nature", "Wild bee populations declined sharply because of pesticide use, researchers found."),
    ("bees2", "Nature", "Honey production rose this summer thanks to a warm spring."),
]
CLAIMS = {
    "Unemployment dropped to 3.5% last year.": "jobs#0",
    "A new fast train line linking the cities opens in 2027.": "rail#0",
    "Nearly all kids are now vaccinated against measles.": "vacc#0",
    "Etna volcano had two eruptions in May.": "volc#0",
    "Kowalski is the national chess champion.": "chess#0",
    "Insecticides are killing off wild bees.": "bees#0",
}


@pytest.fixture
def real_store(store_url, embedder):
    store = open_store(store_url, embedder=embedder)
    store.add_documents(Document(id=i, title=t, text=x, source="test") for i, t, x in CORPUS)
    yield store
    store.close()


def test_hybrid_finds_the_evidence_with_minilm(real_store, embedder):
    r = Retriever(real_store, embedder)
    found = r.retrieve_many(list(CLAIMS), k=3)
    for claim, target in CLAIMS.items():
        ids = [h.passage.id for h in found[claim]]
        assert ids[0] == target, (claim, ids)
    top = found["Etna volcano had two eruptions in May."][0]
    assert top.bm25_rank == 1 and top.dense_rank == 1 and top.bm25 > 0 and 0 < top.dense <= 1


def test_dense_finds_paraphrase_without_shared_words(real_store, embedder):
    hits = Retriever(real_store, embedder).retrieve("Insecticides are killing off wild bees.", k=3, mode="dense")
    assert hits[0].passage.id == "bees#0" and hits[0].bm25_rank is None
