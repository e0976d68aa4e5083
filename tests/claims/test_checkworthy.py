"""The check-worthiness model: artefact, features, reproducible training, evaluation CLI."""

from __future__ import annotations

import json
import zipfile

import numpy as np

from factdesk.claims.checkworthy import DEFAULT_DIR, FEATURE_NAMES, CheckworthyModel, features
from factdesk.lab.checkworthy.data import read_folder
from tests.helpers import run_cli


def test_artefact_is_small_and_pickle_free():
    weights = DEFAULT_DIR / "weights.npz"
    assert weights.stat().st_size < 30 * 1024 * 1024
    with zipfile.ZipFile(weights) as z:
        for name in z.namelist():
            with z.open(name) as fh:
                assert fh.read(6) == b"\x93NUMPY"  # plain arrays, no pickled objects
    assert (DEFAULT_DIR / "MODEL_CARD.md").is_file()
    meta = json.loads((DEFAULT_DIR / "meta.json").read_text())
    assert 0.0 < meta["threshold"] < 1.0 and meta["train_report"]["seed"] is not None


def test_features_are_sane():
    f = features("Unemployment fell to 3.9 percent in 2019, the lowest rate since 1969.")
    assert f.shape == (len(FEATURE_NAMES),)
    named = dict(zip(FEATURE_NAMES, f))
    assert named["has_digit"] == 1 and named["year"] == 1 and named["magnitude"] == 1 and named["question"] == 0
    assert dict(zip(FEATURE_NAMES, features("Do you think so?")))["question"] == 1


def test_scores_separate_claims_from_chatter(embedder):
    model = CheckworthyModel.load()
    facts = ["The unemployment rate fell to 3.9 percent last year.", "Crime in the city rose 12% between 2019 and 2021.",
             "The state spends $4 billion a year on prisons."]
    chatter = ["Thank you very much, it's great to be here.", "Good evening, everybody.", "I love this country."]
    scores = model.score(facts + chatter, embedder)
    assert scores.shape == (6,) and np.all((scores >= 0) & (scores <= 1))
    assert scores[:3].min() > scores[3:].max()


def _tiny_corpora(root):
    facts = [f"The budget grew by {i} percent in {1990 + i}." for i in range(30)]
    chatter = [f"Thank you, friend number {i}, good night." for i in range(30)]
    for name in ("checkthat-2024-task1-english", "claimbuster", "checkthat-2020-task1-english-tweets",
                 "checkthat-2020-task5-english-debates"):
        d = root / name
        d.mkdir()
        rows = [(t, 1) for t in facts] + [(t, 0) for t in chatter]
        (d / "train.tsv").write_text("Text\tclass_label\n" + "".join(f"{t}\t{'Yes' if y else 'No'}\n" for t, y in rows))
        (d / "dev.tsv").write_text("Text\tclass_label\nTaxes rose 5 percent in 2001.\tYes\nHello there.\tNo\n")
    return root


def test_training_is_seeded_and_reproducible(tmp_path, embedder):
    from factdesk.lab.checkworthy.train import train

    (tmp_path / "data").mkdir()
    data = _tiny_corpora(tmp_path / "data")
    cache = tmp_path / "emb.npz"
    m1, r1 = train(embedder, seed=3, data_dir=data, cache=cache, hidden=8)
    m2, r2 = train(embedder, seed=3, data_dir=data, cache=cache, hidden=8)
    assert r1 == r2
    for (w1, b1), (w2, b2) in zip(m1.layers, m2.layers):
        assert np.array_equal(w1, w2) and np.array_equal(b1, b2)
    # the dev sentences never leak into training
    assert r1["data"]["removed_overlapping_dev"] == 0
    m1.save(tmp_path / "model")
    again = CheckworthyModel.load(tmp_path / "model")
    x = np.random.default_rng(0).normal(size=(4, again.mean.shape[0])).astype(np.float32)
    assert np.allclose(again.predict_inputs(x), m1.predict_inputs(x))


def test_eval_scores_every_example_of_a_folder(tmp_path, embedder):
    from factdesk.lab.checkworthy.train import evaluate

    d = tmp_path / "mine"
    d.mkdir()
    (d / "whatever_test.tsv").write_text(
        "Sentence_id\tText\tclass_label\n1\tThe deficit doubled to $1.4 trillion in 2009.\tYes\n"
        "2\tThank you all for coming tonight.\tNo\n3\tWe have created 2 million jobs since 2010.\tYes\n")
    (d / "more.jsonl").write_text('{"text": "Good night and God bless.", "label": 0}\n')
    result = evaluate(CheckworthyModel.load(), embedder, [d])["mine"]
    assert result["n"] == 4 and result["positives"] == 2
    assert 0.0 <= result["f1"] <= 1.0


def test_eval_cli_bad_folder_is_one_line(tmp_path):
    proc = run_cli("eval", "checkworthy", "--data", str(tmp_path / "missing"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "missing" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_reader_handles_quoted_tsv(tmp_path):
    (tmp_path / "dev.tsv").write_text('Sentence_id\tText\tclass_label\n26\t"You know, I saw ""Dundee."""\tNo\n')
    rows = read_folder(tmp_path)
    assert rows[0].text == 'You know, I saw "Dundee."' and rows[0].split == "dev" and rows[0].label == 0
