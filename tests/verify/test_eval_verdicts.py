"""``factdesk eval verdicts`` through the real CLI on small folders of each layout: a store is built per
set from the set's own evidence, every claim is verified, and the JSON holds one object per set keyed by
the folder's name with the documented metrics."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli

KEYS = {"accuracy", "macro_f1", "precision", "recall", "confusion", "coverage", "majority"}


def _jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("eval-verdicts")
    sf = root / "scifact"
    sf.mkdir()
    _jsonl(sf / "corpus.jsonl", [
        {"doc_id": 11, "title": "Hoover Dam", "abstract": ["The Hoover Dam is a concrete arch-gravity dam on the Colorado River.",
                                                           "The dam is 221 metres tall and was completed in 1936."]},
        {"doc_id": 12, "title": "Glen Canyon Dam", "abstract": ["The Glen Canyon Dam is 216 metres tall.",
                                                                "It was completed in 1966 on the Colorado River."]},
        {"doc_id": 13, "title": "Aswan High Dam", "abstract": ["The Aswan High Dam spans the Nile in Egypt.",
                                                               "It was completed in 1970."]},
    ])
    _jsonl(sf / "claims_train.jsonl", [
        {"id": 1, "claim": "The Hoover Dam was completed in 1936.", "evidence": {"11": [{"sentences": [1], "label": "SUPPORT"}]},
         "cited_doc_ids": [11]},
        {"id": 2, "claim": "The Glen Canyon Dam was completed in 1956.",
         "evidence": {"12": [{"sentences": [1], "label": "CONTRADICT"}]}, "cited_doc_ids": [12]},
        {"id": 3, "claim": "The Three Gorges Dam employs 4,000 engineers.", "evidence": {}, "cited_doc_ids": [13]},
    ])
    cf = root / "climate-fever"
    cf.mkdir()
    _jsonl(cf / "climate-fever.jsonl", [
        {"claim_id": "1", "claim": "Arctic sea ice reached its lowest recorded extent in 2012.", "claim_label": "SUPPORTS",
         "evidences": [{"evidence_id": "a:1", "evidence_label": "SUPPORTS", "article": "Arctic sea ice decline",
                        "evidence": "Arctic sea ice reached its lowest recorded extent in September 2012."}]},
        {"claim_id": "2", "claim": "The Keeling Curve measurements began in 1978.", "claim_label": "REFUTES",
         "evidences": [{"evidence_id": "k:1", "evidence_label": "REFUTES", "article": "Keeling Curve",
                        "evidence": "The Keeling Curve measurements began in 1958 at Mauna Loa Observatory."}]},
    ])
    av = root / "averitec"
    av.mkdir()
    (av / "dev.json").write_text(json.dumps([
        {"claim": "Norland's central bank raised its main interest rate to 4.5% in June 2019.", "label": "Refuted",
         "questions": [{"question": "What did Norland's central bank do in June 2019?",
                        "answers": [{"answer": "Norland's central bank raised its main interest rate to 3.25% in June 2019.",
                                     "answer_type": "Abstractive"}]}]},
        {"claim": "Ravenna FC won the 2021 cup final.", "label": "Not Enough Evidence",
         "questions": [{"question": "Who won?", "answers": [{"answer": "No answer could be found.",
                                                             "answer_type": "Unanswerable"}]}]},
    ]), encoding="utf-8")
    cases = root / "cases"
    case = cases / "dam-story"
    case.mkdir(parents=True)
    (case / "article.txt").write_text(
        "Colorado River Times\nThe Hoover Dam at ninety\n"
        "The Hoover Dam was completed in 1936 on the Colorado River.\n"
        "The dam is 250 metres tall, engineers said on Monday.\n"
        "It is the most beautiful structure in the American West.\n", encoding="utf-8")
    _jsonl(case / "evidence.jsonl", [
        {"id": "hoover", "url": "https://encyclopedia.example.org/wiki/Hoover_Dam", "title": "Hoover Dam",
         "text": "The Hoover Dam is a concrete arch-gravity dam on the Colorado River. It was completed in 1936. "
                 "The dam is 221 metres tall."},
        {"id": "glen", "url": "https://encyclopedia.example.org/wiki/Glen_Canyon_Dam", "title": "Glen Canyon Dam",
         "text": "The Glen Canyon Dam is 216 metres tall and was completed in 1966."},
    ])
    (case / "expected.json").write_text(json.dumps({
        "title": "The Hoover Dam at ninety", "comments": 0,
        "claims": [{"needle": "completed in 1936", "verdict": "supported"},
                   {"needle": "250 metres tall", "verdict": "refuted"}],
        "not_checkable_needles": ["most beautiful structure"]}), encoding="utf-8")
    return {"scifact": sf, "climate-fever": cf, "averitec": av, "cases": cases}


def test_every_layout_is_scored_with_the_documented_keys(folders, tmp_path):
    out = tmp_path / "verdicts.json"
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path)}
    proc = run_cli("eval", "verdicts", *[a for f in folders.values() for a in ("--data", str(f))], "--json", str(out),
                   env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(out.read_text())
    assert set(folders) <= set(result)
    for name in folders:
        assert KEYS <= set(result[name]), name
        assert 0.0 <= result[name]["accuracy"] <= 1.0 and 0.0 <= result[name]["coverage"] <= 1.0
    assert result["scifact"]["n"] == 3 and result["climate-fever"]["n"] == 2 and result["averitec"]["n"] == 2
    # the gold labels are read as documented (the confusion's rows are the gold labels)
    assert set(result["scifact"]["confusion"]) == {"supported", "refuted", "not_enough_evidence"}
    assert set(result["averitec"]["confusion"]) == {"refuted", "not_enough_evidence"}
    # plain cases the like-with-like checks settle: the right date and the wrong height of the same dam
    cases = result["cases"]
    assert cases["verdicts"] == 2 and cases["not_checkable_ok"] == cases["not_checkable"] == 1
    assert cases["verdicts_right"] == 2, cases["per_case"]
    assert "scifact" in proc.stdout and "cases" in proc.stdout


def test_a_folder_of_another_shape_is_one_line(tmp_path):
    (tmp_path / "notes.txt").write_text("nothing here")
    proc = run_cli("eval", "verdicts", "--data", str(tmp_path))
    assert proc.returncode == 2 and proc.stderr.strip().count("\n") == 0
    assert "not laid out like" in proc.stderr


def test_a_rewritten_needle_is_scored_on_the_atom_that_holds_its_figures():
    """A needle the claim split rewrote ("Weighing nearly 2,000 pounds" → "… weighs nearly 2,000
    pounds") is scored on the atoms of its sentence that hold its figures, not on every atom."""
    from types import SimpleNamespace as NS

    from factdesk.lab.eval.verdicts import Case, Needle, score_case

    sentence = "Weighing nearly 2,000 pounds, the rover carries 17 cameras."
    claims = [NS(checked=True, text="The rover carries 17 cameras.", sentence=sentence, verdict=NS(label="not_enough_evidence")),
              NS(checked=True, text="The rover weighs nearly 2,000 pounds.", sentence=sentence, verdict=NS(label="supported"))]
    report = NS(claims=claims, article=NS(comments=[], title="T"))
    case = Case("c", Path("a"), Path("e"), "T", 0, [Needle("Weighing nearly 2,000 pounds", "supported"),
                                                    Needle("Weighing nearly", "supported")], [], [], [])
    rows = score_case(case, report)["needles"]
    assert rows[0]["got"] == ["supported"] and rows[0]["ok"] and rows[0]["matched_by"] == "sentence"
    # no figure or name in the needle: every atom of its sentence counts, as before
    assert rows[1]["got"] == ["not_enough_evidence", "supported"] and not rows[1]["ok"]
