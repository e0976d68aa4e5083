"""Verification reads passage vectors from the evidence store instead of embedding them again,
and gets the same stance probabilities as when it embeds them itself."""

from __future__ import annotations

import numpy as np
import pytest

from factdesk.models import Claim, Document, ScoredPassage
from tests.doubles import CountingEmbedder

DOCS = [
    Document(id="bridge", title="Harbour Bridge", source="local-news",
             text="The new harbour bridge is 1.2 kilometres long. It opened to traffic in June 2023."),
    Document(id="budget", title="City budget 2024",
             text="The council set a budget of 310 million euros for 2024. Spending on schools rose 4 percent."),
]


@pytest.fixture()
def store(tmp_path, embedder):
    from factdesk.evidence.store import open_store

    s = open_store(str(tmp_path / "ev.db"), embedder=embedder)
    s.add_documents(DOCS)
    yield s
    s.close()


def _inputs(store):
    claim = Claim(id="c1", text="The harbour bridge, 1.5 kilometres long, opened in June 2023.",
                  sentence="x", span=(0, 1), paragraph=0, checkworthiness=0.9, checked=True)
    passages = store.get_passages(["bridge#0", "bridge#1", "budget#0", "budget#1"])
    cands = {claim.id: [ScoredPassage(passage=p, score=1 / (60 + i)) for i, p in enumerate(passages)]}
    return claim, cands


def test_store_vectors_are_reused_and_give_the_same_stances(store, embedder, head):
    from factdesk.verify import Verifier

    claim, cands = _inputs(store)
    with_store = CountingEmbedder(embedder)
    v1 = Verifier(with_store, head, stored_vectors=store.get_vectors).verify_many([claim], cands, {})[claim.id]
    assert with_store.seen == [claim.text]  # only the claim was embedded: the 4 passage vectors came from the store

    alone = CountingEmbedder(embedder)
    v2 = Verifier(alone, head).verify_many([claim], cands, {})[claim.id]
    assert len(alone.seen) == 5 and any(t.startswith("Harbour Bridge: ") for t in alone.seen)  # titled, like the store
    assert v1.label == v2.label
    p1 = {e.passage_id: e.stance_probs for e in v1.evidence}
    p2 = {e.passage_id: e.stance_probs for e in v2.evidence}
    assert p1.keys() == p2.keys()
    for pid in p1:
        assert np.allclose(list(p1[pid].values()), list(p2[pid].values()), atol=1e-3)


def test_a_closed_store_falls_back_to_embedding(store, embedder, head):
    from factdesk.verify import Verifier

    claim, cands = _inputs(store)
    store.close()
    counting = CountingEmbedder(embedder)
    verdict = Verifier(counting, head, stored_vectors=store.get_vectors).verify_many([claim], cands, {})[claim.id]
    assert len(counting.seen) == 5 and verdict.label in ("supported", "refuted", "mixed", "not_enough_evidence")
