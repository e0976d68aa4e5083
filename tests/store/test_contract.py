"""The EvidenceStore contract, run unchanged against SQLite and a real PostgreSQL + pgvector."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdesk.errors import StoreError
from factdesk.evidence.store import EvidenceStore, open_store
from factdesk.evidence.store.base import embed_text
from factdesk.models import Document

DOCS = [
    Document(
        id="harbour",
        url="https://news.example.org/harbour",
        title="Harbour expansion approved",
        text="The council approved the harbour expansion on Tuesday. The project will cost 48 million euros. "
        "Work is expected to start in March 2025.",
        published="2024-11-02",
        source="local-news",
        publisher="Example Gazette",
    ),
    Document(
        id="glacier",
        url="https://science.example.net/glacier",
        title="Alpine glaciers",
        text="Alpine glaciers lost 4% of their volume in 2023. Scientists blamed a hot summer and little snow.",
        source="science",
    ),
    Document(
        id="chess",
        title="Chess championship",
        text="Dr. Anna Kowalski won the national chess championship. She beat the defending champion in round nine.",
        source="local-news",
    ),
]


def test_implements_protocol(any_store):
    assert isinstance(any_store, EvidenceStore)


def test_add_and_bm25_keeps_metadata(any_store):
    assert any_store.add_documents(DOCS) == 3
    hits = any_store.search_bm25("harbour expansion cost", 5)
    assert hits, "BM25 found nothing"
    top, score = hits[0]
    assert top.doc_id == "harbour"
    assert top.url == "https://news.example.org/harbour"
    assert top.title == "Harbour expansion approved"
    assert top.published == "2024-11-02"
    assert top.publisher == "Example Gazette"
    assert top.source == "local-news"
    assert top.text in DOCS[0].text and top.position in (0, 1)
    assert top.context and top.text in top.context and len(top.context) > len(top.text)
    scores = [s for _, s in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(p.doc_id == "harbour" for p, _ in hits[:2])


def test_passages_are_sentences_with_positions(any_store):
    any_store.add_documents(DOCS)
    ids = [f"chess#{i}" for i in range(2)]
    got = any_store.get_passages(ids + ["nope#0"])
    assert [p.id for p in got] == ids
    assert [p.position for p in got] == [0, 1]
    assert got[0].text == "Dr. Anna Kowalski won the national chess championship."
    assert got[1].text == "She beat the defending champion in round nine."


def test_dense_search_finds_the_same_sentence(any_store, hash_embedder):
    any_store.add_documents(DOCS)
    sentence = "Alpine glaciers lost 4% of their volume in 2023."
    (stored,) = any_store.get_passages(["glacier#0"])
    vec = hash_embedder.encode([embed_text(stored)])[0]  # what the store embedded for that passage
    hits = any_store.search_dense(vec, 3)
    assert hits[0][0].text == sentence
    assert hits[0][1] == pytest.approx(1.0, abs=1e-4)
    assert len(hits) == 3 and hits[0][1] >= hits[1][1] >= hits[2][1]


def test_get_vectors_returns_what_was_stored(any_store, hash_embedder):
    any_store.add_documents(DOCS)
    passages = [p for _, p in sorted((p.id, p) for d in DOCS for p in any_store.get_passages([f"{d.id}#{i}" for i in range(3)]))]
    assert len(passages) == 7
    vectors = any_store.get_vectors([p.id for p in passages] + ["no-such-passage"])
    assert set(vectors) == {p.id for p in passages}  # unknown ids are left out, not an error
    expected = hash_embedder.encode([embed_text(p) for p in passages])  # the stored vector is of title + sentence
    for p, vec in zip(passages, expected):
        np.testing.assert_allclose(vectors[p.id], vec, atol=1e-6)
    assert any_store.get_vectors([]) == {}


def test_dense_rejects_wrong_dimension(any_store):
    any_store.add_documents(DOCS[:1])
    with pytest.raises(StoreError):
        any_store.search_dense(np.ones(7, dtype=np.float32), 3)


def test_idempotent_and_replacing(any_store):
    assert any_store.add_documents(DOCS) == 3
    before = any_store.stats()
    assert any_store.add_documents(DOCS) == 0
    assert any_store.stats()["passages"] == before["passages"]
    changed = DOCS[1].model_copy(update={"text": "Glaciers in the Alps shrank sharply. Tourism suffered too. Skiing ended early."})
    assert any_store.add_documents([changed]) == 1
    after = any_store.stats()
    assert after["documents"] == 3
    assert after["passages"] == before["passages"] + 1
    assert not any(p.doc_id == "glacier" and "volume" in p.text for p, _ in any_store.search_bm25("volume", 10))
    assert any(p.doc_id == "glacier" for p, _ in any_store.search_bm25("tourism", 10))
    assert any_store.integrity_check() == []


def test_same_id_twice_in_one_batch_keeps_last(any_store):
    a = Document(id="dup", text="First version of the note.")
    b = Document(id="dup", text="Second version of the note. It has two sentences.")
    assert any_store.add_documents([a, b]) == 1
    assert [p.text for p in any_store.get_passages(["dup#0", "dup#1"])] == [
        "Second version of the note.",
        "It has two sentences.",
    ]


def test_delete_source(any_store, hash_embedder):
    any_store.add_documents(DOCS)
    assert any_store.delete_source("local-news") == 2
    assert any_store.delete_source("no-such-source") == 0
    st_ = any_store.stats()
    assert st_["documents"] == 1 and st_["sources"] == {"science": 1}
    assert any_store.search_bm25("harbour chess", 10) == []
    dense = any_store.search_dense(hash_embedder.encode(["harbour council"])[0], 10)
    assert {p.doc_id for p, _ in dense} == {"glacier"}
    assert any_store.integrity_check() == []


def test_stats(any_store):
    any_store.add_documents(DOCS)
    st_ = any_store.stats()
    assert st_["documents"] == 3
    assert st_["passages"] == 7
    assert st_["sources"] == {"local-news": 2, "science": 1}
    assert st_["schema_version"] >= 2
    assert st_["embedder"] == "test-hash-64" and st_["embedding_dim"] == 64


def test_reports_round_trip(any_store):
    assert any_store.get_report("missing") is None
    any_store.save_report("a", '{"v": 1}', {"title": "First"})
    any_store.save_report("b", '{"v": 2}')
    any_store.save_report("a", '{"v": 3}', {"title": "First, again"})
    assert any_store.get_report("a") == '{"v": 3}'
    listed = any_store.list_reports()
    assert {r["key"] for r in listed} == {"a", "b"}
    assert next(r for r in listed if r["key"] == "a")["meta"] == {"title": "First, again"}
    assert len(any_store.list_reports(limit=1)) == 1
    assert any_store.stats()["reports"] == 2


def test_add_without_embedder_is_refused(store_url):
    store = open_store(store_url)
    try:
        with pytest.raises(StoreError, match="embedder"):
            store.add_documents(DOCS)
    finally:
        store.close()


def test_other_embedder_is_refused(store_url, hash_embedder):
    store = open_store(store_url, embedder=hash_embedder)
    store.add_documents(DOCS[:1])
    store.close()

    class Other:
        name, dim = "other-model", 64

        def encode(self, texts, *, batch_size=64):
            return np.ones((len(texts), 64), dtype=np.float32) / 8

    with pytest.raises(StoreError, match="embedder"):
        open_store(store_url, embedder=Other())


def test_failed_batch_writes_nothing_and_rerun_resumes(store_url, hash_embedder):
    class FailsOnSecondBatch:
        name, dim = hash_embedder.name, hash_embedder.dim

        def __init__(self):
            self.calls = 0

        def encode(self, texts, *, batch_size=64):
            self.calls += 1
            if self.calls == 2:
                raise RuntimeError("model crashed")
            return hash_embedder.encode(texts)

    docs = [Document(id=f"d{i}", text=f"Sentence one of doc {i}. Sentence two of doc {i}.") for i in range(10)]
    store = open_store(store_url, embedder=FailsOnSecondBatch())
    with pytest.raises(RuntimeError):
        store.add_documents(docs, batch_size=4)
    assert store.stats()["documents"] == 4  # the first batch only, complete
    assert store.integrity_check() == []
    store.close()
    store = open_store(store_url, embedder=hash_embedder)
    assert store.add_documents(docs, batch_size=4) == 6
    assert store.stats()["documents"] == 10 and store.stats()["passages"] == 20
    store.close()


def test_reopen_keeps_everything(store_url, hash_embedder):
    store = open_store(store_url, embedder=hash_embedder)
    store.add_documents(DOCS)
    store.save_report("k", "{}")
    store.close()
    store = open_store(store_url)
    assert store.stats()["passages"] == 7
    assert store.get_report("k") == "{}"
    assert [p.doc_id for p, _ in store.search_bm25("chess championship", 1)] == ["chess"]
    store.close()


_hostile = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(['"', "*", "(", ")", "NEAR", "OR", "AND", "NOT", "^", ":", "-", "'", "\\", "|", "&",
                              "!", "<->", "title:", "{", "}", "harbour", "ß", "🙂", "\x00", "%", "_"]),
             max_size=12).map(" ".join),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=_hostile)
def test_any_query_text_is_safe(any_store, query):
    if any_store.stats()["documents"] == 0:
        any_store.add_documents(DOCS)
    hits = any_store.search_bm25(query, 5)
    assert isinstance(hits, list) and len(hits) <= 5
    if "harbour" in query:
        assert any(p.doc_id == "harbour" for p, _ in hits)
