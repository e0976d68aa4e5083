"""The stage contract (the analyser over the session's spaCy pipeline), and the eval commands through the real CLI."""

from __future__ import annotations

import json

from factdesk.models import Analysis, Report
from tests.helpers import run_cli


def test_analyser_contract_on_the_seed(seed, nlp):
    from factdesk.analyse import Analyser

    analysis, comments = Analyser(nlp, embedder=None).analyse(seed, [])
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


def test_eval_propaganda_through_the_cli(tmp_path, shared_data):
    """The span tagger as shipped, on a PTC-shaped folder of four real training articles."""
    lines = (shared_data / "propaganda-ptc-semeval2020" / "train_articles.jsonl").read_text().splitlines()[:4]
    (tmp_path / "ptc").mkdir()
    (tmp_path / "ptc" / "train_articles.jsonl").write_text("\n".join(lines) + "\n")
    out = tmp_path / "prop.json"
    proc = run_cli("eval", "propaganda", "--data", str(tmp_path / "ptc"), "--json", str(out))
    assert proc.returncode == 0, proc.stderr
    res = json.loads(out.read_text())
    assert res["articles"] == 4 and res["detector"] == "span tagger"
    every, shown = res["all_spans"], res["shown_spans"]
    assert 0.0 < every["span"]["f1"] < 1.0 and every["span"]["predicted"] >= shown["span"]["predicted"]
    assert set(every["per_technique"]) >= {"loaded_language", "name_calling", "doubt"}
    assert 0.0 < res["technique_classification_on_gold_spans"]["micro_f1"] <= 1.0
    assert "technique level" in proc.stdout and "spans shown to readers" in proc.stdout


def test_eval_propaganda_on_a_bad_folder_is_one_clear_error(tmp_path):
    proc = run_cli("eval", "propaganda", "--data", str(tmp_path / "nothing-here"))
    assert proc.returncode == 2 and "PTC data not found" in proc.stderr and "Traceback" not in proc.stderr


def test_comment_eval_scores_the_labelled_set(comment_analyser, nlp):
    from factdesk.lab.analyse.comment_eval import eval_comment_set, near_duplicate_threshold_curve

    res = eval_comment_set(comment_analyser, nlp)
    assert res["test"]["generic"]["f1"] > 0.8 and res["all"]["near_duplicate"]["recall"] > 0.5
    curve = near_duplicate_threshold_curve()
    assert curve["positive_pairs"] >= 8 and len(curve["curve"]) > 10


def test_bad_comment_set_folder_is_an_input_error(tmp_path):
    import pytest

    from factdesk.lab.analyse.comment_data import load_comment_set
    from factdesk.errors import InputError

    with pytest.raises(InputError, match="articles.jsonl"):
        load_comment_set(tmp_path)
