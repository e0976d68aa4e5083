"""The retrieval evaluation: loaders read the shared dev sets; recall@k is computed correctly."""

from __future__ import annotations

import pytest

from factdesk.errors import InputError
from factdesk.lab.eval.retrieval import load_eval_set, recall_at
from factdesk.models import Passage, ScoredPassage


def test_climate_fever_loader(shared_data):
    data = load_eval_set("climate-fever", limit=5, data_dir=shared_data)
    assert len(data.claims) == 5
    ids = {d.id for d in data.documents}
    assert all(gold <= ids for _, _, gold in data.claims)
    assert len(ids) > 4000  # every evidence sentence of the file, gold or distractor


def test_scifact_loader_caps_distractors_but_keeps_gold(shared_data):
    data = load_eval_set("scifact", limit=20, data_dir=shared_data, max_abstracts=50)
    ids = {d.id for d in data.documents}
    assert all(gold <= ids for _, _, gold in data.claims)
    assert len({i.rsplit(":", 1)[0] for i in ids}) <= 50


def test_unknown_set():
    with pytest.raises(InputError):
        load_eval_set("nope")


def test_recall_arithmetic():
    claims = [("c1", "q1", {"a", "b"}), ("c2", "q2", {"z"})]

    class Fixed:
        def retrieve_many(self, texts, k, mode):
            ranked = {"q1": ["x", "a", "y", "b"], "q2": ["x", "y", "w", "v"]}
            return {t: [ScoredPassage(passage=Passage(id=f"{d}#0", doc_id=d, text=d), score=1.0) for d in ranked[t][:k]]
                    for t in texts}

    res = recall_at(Fixed(), claims, ks=(1, 2, 4), modes=("hybrid",))["hybrid"]
    assert (res["hit@1"], res["hit@2"], res["hit@4"]) == (0.0, 0.5, 0.5)
    assert (res["share@2"], res["share@4"]) == (0.25, 0.5)
