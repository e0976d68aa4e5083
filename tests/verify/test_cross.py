"""The cross-encoder stance model, the cascade that runs it inside the verifier, and its trainer.

Every test runs the shipped int8 graph (or one the trainer exports here); the only wrapper is a
recorder around the real model (``tests.doubles.RecordingStance``), to see which pairs the cascade
sends it.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from factdesk.errors import ModelError
from factdesk.models import Claim, Passage, ScoredPassage
from tests.doubles import RecordingStance
from tests.helpers import run_cli


@pytest.fixture(scope="module")
def cross():
    from factdesk.verify.crossenc import CrossEncoderStance

    return CrossEncoderStance.load()


def _claim(text: str) -> Claim:
    return Claim(id="c0", text=text, sentence=text, span=(0, len(text)), paragraph=0, checkworthiness=0.9, checked=True)


def _passages(*texts: str) -> list[ScoredPassage]:
    return [ScoredPassage(passage=Passage(id=f"p{i}", doc_id=f"d{i}", text=t, source="news",
                                          url=f"https://news.example.org/{i}"), score=1 / (60 + i))
            for i, t in enumerate(texts)]


def test_missing_model_is_a_clear_error(tmp_path):
    from factdesk.verify.crossenc import CrossEncoderStance

    with pytest.raises(ModelError, match="train stance --design cross"):
        CrossEncoderStance.load(tmp_path)
    (tmp_path / "stance_cross.onnx").write_bytes(b"not a graph")
    (tmp_path / "meta.json").write_text("{}")
    with pytest.raises(ModelError, match="cannot load"):
        CrossEncoderStance.load(tmp_path)


def test_rows_are_distributions_and_do_not_depend_on_batch_mates(cross):
    pairs = [
        ("The dam is 185 metres tall.", "Three Gorges Dam: The dam body is 181 metres high."),
        ("Insulin was discovered in 1921.", "Insulin was first isolated by Banting and Best in 1921 in Toronto."),
        ("The striker scored twice.", "Weather: Heavy rain is expected across the north on Sunday."),
        ("A very long claim " + "about budgets " * 60, "A passage " + "on spending " * 80),
    ]
    together = cross.predict(pairs)
    alone = np.stack([cross.predict([p])[0] for p in pairs])
    assert together.shape == (4, 3)
    np.testing.assert_allclose(together.sum(axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(together, alone, atol=1e-6)
    assert cross.predict([]).shape == (0, 3)
    assert cross.load_seconds < 2.0


#: written pairs across topics (health, sport, economy, culture, climate): 0 supports, 1 refutes, 2 neutral
WRITTEN = [
    ("The vaccine trial enrolled 30,000 volunteers.", "Vaccine study: The phase 3 trial enrolled 30,000 volunteers across 89 sites.", 0),
    ("The vaccine trial enrolled 30,000 volunteers.", "Vaccine study: The phase 3 trial enrolled 3,000 volunteers across 89 sites.", 1),
    ("Barcelona won the final.", "Cup final: Valencia beat Barcelona 2-1 to win the final.", 1),
    ("The central bank raised interest rates.", "The central bank raised its key interest rate by a quarter point on Thursday.", 0),
    ("The central bank raised interest rates.", "The central bank left interest rates unchanged on Thursday.", 1),
    ("The minister resigned on Monday.", "Heavy rain is expected across the north on Sunday.", 2),
    ("The bridge was designed by a woman.", "The bridge carries six lanes of traffic over the river.", 2),
    ("The museum is closed on Mondays.", "The museum opens every day of the week, Mondays included.", 1),
    ("Glaciers in the Alps are shrinking.", "Alpine glaciers have lost about half of their volume since 1900.", 0),
    ("The company's profits rose last year.", "The company reported a loss last year after sales fell sharply.", 1),
]


def test_cross_encoder_reads_written_pairs_well_above_chance(cross):
    """A floor, not a target: chance is 3 of 10. The shipped model misses who-beat-whom and some
    antonyms ("left unchanged", "a loss"): see its model card."""
    probs = cross.predict([(c, e) for c, e, _ in WRITTEN])
    right = sum(int(row.argmax() == gold) for (_, _, gold), row in zip(WRITTEN, probs))
    assert right >= 6, probs.round(2)


def test_cascade_reads_only_each_claims_most_relevant_passages(embedder, head, cross):
    from factdesk.verify import Verifier

    rec = RecordingStance(cross)
    claim = _claim("The city council approved a budget of 2.1 billion euros for 2025.")
    cands = _passages(
        "The city council approved a budget of 2.1 billion euros for 2025 on Tuesday.",
        "Council members voted 31 to 12 for the 2025 budget of 2.1 billion euros.",
        "The council's budget for 2025 totals 1.8 billion euros, the finance office said.",
        "A new bakery opened near the station last week.",
        "Migratory birds return to the wetlands each spring.",
    )
    Verifier(embedder, head, rec, cross_top_k=2).verify_many([claim], {claim.id: cands}, {})
    read = [p for _, p in rec.calls]
    assert len(read) == 2 and all(c == claim.text for c, _ in rec.calls)
    assert not any("bakery" in p or "birds" in p for p in read)

    rec.calls.clear()
    Verifier(embedder, head, rec, cross_top_k=4).verify_many([claim], {claim.id: cands}, {})
    assert len(rec.calls) == 3, [p for _, p in rec.calls]  # the two off-topic passages are below the floor


def test_head_design_never_loads_or_runs_the_cross_encoder(embedder, cross, config, monkeypatch):
    """``[verify] stance = "head"`` in the config: the runtime wires a verifier without the cross-encoder."""
    from factdesk.runtime import Runtime
    from factdesk.verify import stance

    rec = RecordingStance(cross)
    loads: list[str] = []
    monkeypatch.setitem(stance.STANCE_DESIGNS, "cascade", lambda model_dir=None: loads.append("cross") or rec)
    claim = _claim("The bridge opened in 1932.")
    with Runtime(config.model_copy(update={"verify": config.verify.model_copy(update={"stance": "head"})})) as rt:
        rt.embedder = embedder
        v = rt.verifier
        v.verify_many([claim], {claim.id: _passages("The bridge opened in 1932 after four years of work.")}, {})
    assert rec.calls == [] and v.cross is None and loads == []
    cascade = config.verify.model_copy(update={"stance": "cascade"})
    with Runtime(config.model_copy(update={"verify": cascade})) as rt:  # the same wiring loads it for the cascade
        rt.embedder = embedder
        assert rt.verifier.cross is rec and loads == ["cross"]


def test_blend_weight_zero_gives_the_heads_verdicts(embedder, head, cross):
    from factdesk.verify import Verifier

    claim = _claim("Unemployment fell to 3.5% in 2019.")
    cands = {claim.id: _passages("Unemployment fell to 4.1% in 2019, the statistics office said.",
                                 "In 2019 unemployment dropped to 3.5 percent, its lowest level in decades.")}
    alone = Verifier(embedder, head).verify_many([claim], cands, {})[claim.id]
    zero = RecordingStance(cross, {"blend_weight": 0.0})
    blended = Verifier(embedder, head, zero).verify_many([claim], cands, {})
    assert zero.calls, "the cascade should have read the passages"
    assert blended[claim.id].model_dump() == alone.model_dump()


def test_fit_blend_prefers_the_model_that_is_right():
    from factdesk.lab.stance.train_cross import fit_blend
    from factdesk.lab.stance.data import Pair

    labels = ["supports", "refutes", "neutral", "not_supports"] * 10
    pairs = [Pair("t", "c", "e", lab, "train", str(i)) for i, lab in enumerate(labels)]
    right = np.array([[0.9, 0.05, 0.05], [0.05, 0.9, 0.05], [0.05, 0.05, 0.9], [0.05, 0.6, 0.35]] * 10)
    wrong = right[:, [2, 0, 1]]
    assert fit_blend(wrong, right, pairs)["blend_weight"] == 1.0
    assert fit_blend(right, wrong, pairs)["blend_weight"] == 0.0
    mid = fit_blend(right, right, pairs)
    assert mid["calibration_accuracy_3way"]["head"] == mid["calibration_accuracy_3way"]["cross"] == 1.0


def test_unknown_stance_design_is_a_configuration_error(tmp_path):
    cfg = tmp_path / "factdesk.toml"
    cfg.write_text('[verify]\nstance = "oracle"\n')
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nThe bridge opened in 1932.\n")
    proc = run_cli("check", str(article), "--sources", "local", "--db", str(tmp_path / "s.db"),
                   env={"FACTDESK_CONFIG": str(cfg)})  # refused before the store is looked for
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "stance" in proc.stderr and "cascade" in proc.stderr


def test_trainer_exports_a_model_the_verifier_loads_and_resumes(tmp_path):
    from factdesk.verify.crossenc import CrossEncoderStance
    from factdesk.lab.stance.train_cross import CrossConfig, train_cross

    cfg = CrossConfig(max_pairs=48, batch_size=16, calib_pairs=24, checkpoint_every=1,
                      cache_dir=tmp_path / "cache", out_dir=tmp_path / "model")
    said: list[str] = []
    meta = train_cross(cfg, progress=said.append)
    assert meta["train_pairs"] == 48 and meta["steps"] == 3
    assert any(m.startswith("step 3/3") for m in said)
    model = CrossEncoderStance.load(tmp_path / "model")
    assert model.predict([("A claim.", "A passage.")]).shape == (1, 3)
    assert json.loads((tmp_path / "model" / "meta.json").read_text())["temperature"] == meta["temperature"]
    assert 0 < meta["sizes"]["int8_mb"] < 30

    said.clear()
    again = train_cross(cfg, progress=said.append)  # the checkpoint of the finished run: nothing to redo
    assert any("resumed" in m and "step 3/3" in m for m in said)
    assert not any(m.startswith("step ") for m in said)
    assert again["temperature"] == meta["temperature"]


def test_train_stance_unknown_design_is_one_line_error():
    proc = run_cli("train", "stance", "--design", "oracle")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "--design" in proc.stderr
