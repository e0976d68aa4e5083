"""``factdesk eval stance --data DIR`` scores every example of a folder laid out like a shared set."""

import json
from pathlib import Path

from tests.helpers import run_cli

DATA = Path(__file__).resolve().parents[1] / "data" / "verify"


def test_eval_stance_on_a_folder(tmp_path):
    out = tmp_path / "res.json"
    proc = run_cli("eval", "stance", "--data", str(DATA / "fever-symmetric"), "--json", str(out))
    assert proc.returncode == 0, proc.stderr[-1500:]
    res = json.loads(out.read_text())
    r = res["fever-symmetric"]
    assert r["n"] == 8 and r["labels"] == ["supports", "refutes"]
    assert 0 <= r["accuracy"] <= 1 and 0 <= r["macro_f1"] <= 1 and 0 <= r["ece"] <= 1
    assert r["majority"]["accuracy"] == 0.5  # four of each label
    assert "fever-symmetric" in proc.stdout
    # the rule-backed model gets the changed-detail pairs of this folder right
    assert r["accuracy"] >= 0.75, r


def test_eval_stance_bad_folder_is_one_line_error(tmp_path):
    (tmp_path / "notes.txt").write_text("nothing here")
    proc = run_cli("eval", "stance", "--data", str(tmp_path))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "not laid out like" in proc.stderr
