"""The shipped implementations and the test doubles implement the protocols the stages take, so a
stage can be handed either (``runtime_checkable`` protocols: every method and attribute is there)."""

from __future__ import annotations

import pytest

from factdesk.claims.checkworthy import CheckworthyModel, CheckworthyScorer
from factdesk.embed import Embedder
from factdesk.evidence.store import EvidenceStore, open_store
from factdesk.verify.crossenc import CrossEncoderStance
from factdesk.verify.head import OnnxStanceModel
from factdesk.verify.stance import EmbeddingStanceModel, StanceModel
from tests.doubles import CountingEmbedder, HashEmbedder, RecordingStance


@pytest.fixture(scope="module")
def cross():
    return CrossEncoderStance.load()


def test_embedders(embedder):
    for candidate in (embedder, HashEmbedder(), CountingEmbedder(embedder)):
        assert isinstance(candidate, Embedder), type(candidate).__name__


def test_stance_models(embedder, cross):
    head = OnnxStanceModel.load(embedder)
    assert isinstance(head, EmbeddingStanceModel) and isinstance(head, StanceModel)
    assert isinstance(cross, StanceModel) and not isinstance(cross, EmbeddingStanceModel)
    assert isinstance(RecordingStance(cross, {"blend_weight": 0.0}), StanceModel)
    assert not isinstance(HashEmbedder(), StanceModel)  # the check can fail


def test_checkworthy_model():
    assert isinstance(CheckworthyModel.load(), CheckworthyScorer)
    assert not isinstance(CheckworthyModel.load, CheckworthyScorer)  # a loader is told apart from a model


def test_sqlite_store(tmp_path):
    store = open_store(str(tmp_path / "s.db"), embedder=HashEmbedder())
    try:
        assert isinstance(store, EvidenceStore)
    finally:
        store.close()
