"""An article through the real CLI: ``factdesk store add`` then ``factdesk check --sources local``.

One article runs here (the CLI loads every model per call, which is slow on the shared test machine);
``test_verifier.py`` runs all articles through the library with the same expectations.

Claims come from the claim extractor, so verdicts are looked up by text; a claim the extractor did
not check is reported in the failure message (at most one per article may be missing).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli

DATA = Path(__file__).resolve().parents[1] / "data" / "verify"
EXPECTED = json.loads((DATA / "expected.json").read_text())


@pytest.fixture(scope="module")
def store_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("verify-cli") / "evidence.db"
    files = [str(DATA / f"{name}_evidence.jsonl") for name in sorted(EXPECTED)]
    proc = run_cli("store", "add", *files, "--db", str(db), "-q")
    assert proc.returncode == 0, proc.stderr
    return db


@pytest.mark.parametrize("name", ["economy"])
def test_check_article(store_db, name):
    proc = run_cli("check", str(DATA / f"{name}.txt"), "--sources", "local", "--format", "json", "--db", str(store_db), "-q")
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    checked = [c for c in report["claims"] if c["checked"]]
    missing, wrong = [], []
    for exp in EXPECTED[name]:
        found = [c for c in checked if exp["match"] in c["text"] or exp["match"] in c["sentence"]]
        if not found:
            missing.append(exp["match"])
            continue
        labels = {c["verdict"]["label"] for c in found if c["verdict"]}
        if exp["label"] not in labels:
            wrong.append((exp["match"], labels, exp["label"], [c["verdict"]["rationale"] for c in found if c["verdict"]]))
    assert not wrong, wrong
    assert len(missing) <= 1, f"claims not extracted/checked: {missing}"
    for c in checked:
        v = c["verdict"]
        assert v is not None and v["label"] in {"supported", "refuted", "mixed", "not_enough_evidence"}
        assert 0 <= v["confidence"] <= 1 and v["rationale"]
        for e in v["evidence"]:
            assert e["url"].startswith("https://") and e["stance"] in {"supports", "refutes", "neutral"}
