"""The stage contract through a real Runtime, and the eval commands through the real CLI."""

from __future__ import annotations

import json

from factdesk.models import Analysis, Report
from tests.helpers import run_cli


def test_analyser_contract_on_the_seed(seed, config):
    from factdesk.analyse import Analyser
    from factdesk.runtime import Runtime

    with Runtime(config) as rt:
        analysis, comments = Analyser(rt, use_embedder=False).analyse(seed, [])
    assert isinstance(analysis, Analysis) and len(comments) == 9
    assert analysis.summary and "Nayib Bukele" in analysis.summary
    assert analysis.voices and analysis.vague_attributions and analysis.extra["unattributed_sentences"]
    assert analysis.comments["count"] == 9 and analysis.headline["support"]
    for t in analysis.techniques:
        assert seed.body[t.span[0]:t.span[1]] == t.text
    # the report contract still validates with the analysis in it
    report = Report(article=seed.model_copy(update={"comments": comments}), analysis=analysis)
    data = json.loads(report.to_json())
    assert all({"index", "author", "text", "flags", "reasons"} <= set(c) for c in data["article"]["comments"])


def test_eval_commands(tmp_path):
    out = tmp_path / "prop.json"
    proc = run_cli("eval", "propaganda", "--json", str(out))
    assert proc.returncode == 0, proc.stderr
    res = json.loads(out.read_text())
    assert res["articles"] >= 50 and 0.0 < res["span"]["f1"] < 1.0
    assert set(res["per_technique"]) >= {"loaded_language", "name_calling", "doubt"}
    out2 = tmp_path / "comments.json"
    proc = run_cli("eval", "comments", "--no-public", "--json", str(out2))
    assert proc.returncode == 0, proc.stderr
    res = json.loads(out2.read_text())
    assert res["labelled_set"]["test"]["generic"]["f1"] > 0.8
    assert "near_duplicate_threshold" in res


def test_eval_bad_data_is_one_clear_line(tmp_path):
    proc = run_cli("eval", "comments", "--no-public", "--data", str(tmp_path))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "articles.jsonl" in proc.stderr
