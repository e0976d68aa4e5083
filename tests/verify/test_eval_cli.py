"""``factdesk eval stance --data DIR`` scores every example of a folder laid out like a shared set.

The scoring runs through the library with the session's embedder (the CLI subprocess would load
MiniLM again); the CLI itself is exercised on the error path, which fails before any model loads.
"""

from pathlib import Path

from tests.helpers import run_cli

DATA = Path(__file__).resolve().parents[1] / "data" / "verify"


def test_eval_stance_on_a_folder(embedder):
    from factdesk.lab.stance.evaluate import evaluate_stance, format_table
    from factdesk.verify.head import OnnxStanceModel

    res = evaluate_stance(OnnxStanceModel.load(embedder), embedder, [DATA / "fever-symmetric"])
    assert set(res) == {"fever-symmetric", "_overall"}
    r = res["fever-symmetric"]
    assert r["n"] == 8 and r["labels"] == ["supports", "refutes"]
    assert 0 <= r["accuracy"] <= 1 and 0 <= r["macro_f1"] <= 1 and 0 <= r["ece"] <= 1
    assert r["majority"]["accuracy"] == 0.5  # four of each label
    assert "fever-symmetric" in format_table(res)
    # the model (with its alignment features) beats the majority baseline on these changed-detail pairs
    assert r["accuracy"] > r["majority"]["accuracy"], r


def test_eval_stance_bad_folder_is_one_line_error(tmp_path):
    (tmp_path / "notes.txt").write_text("nothing here")
    proc = run_cli("eval", "stance", "--data", str(tmp_path))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "not laid out like" in proc.stderr


def test_eval_stance_cross_and_cascade_designs_on_a_folder(embedder):
    from factdesk.verify.crossenc import CrossEncoderStance
    from factdesk.lab.stance.evaluate import evaluate_stance
    from factdesk.verify.head import OnnxStanceModel

    head, cross = OnnxStanceModel.load(embedder), CrossEncoderStance.load()
    folder = [DATA / "fever-symmetric"]
    alone = evaluate_stance(None, embedder, folder, cross=cross)["fever-symmetric"]
    both = evaluate_stance(head, embedder, folder, cross=cross, weight=0.5)["fever-symmetric"]
    zero = evaluate_stance(head, embedder, folder, cross=cross, weight=0.0)["fever-symmetric"]
    plain = evaluate_stance(head, embedder, folder)["fever-symmetric"]
    assert alone["n"] == both["n"] == 8
    assert zero == plain  # weight 0: the head's figures exactly
    assert 0 <= alone["accuracy"] <= 1 and 0 <= both["ece"] <= 1


def test_eval_stance_unknown_design_is_one_line_error():
    proc = run_cli("eval", "stance", "--design", "oracle")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "--design" in proc.stderr
