"""``factdesk eval claims``: the evaluator's figures on a small hand-made case, and the real command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from factdesk.errors import InputError
from factdesk.lab.eval.claims import evaluate_claims, load_articles, normalise, ref_resolved, token_f1
from factdesk.models import Claim
from tests.helpers import run_cli

DEV = Path(__file__).resolve().parents[1] / "data" / "claims" / "eval" / "dev"

ARTICLE = {
    "id": "t-bridge", "genre": "local", "provenance": "test", "title": "Bridge", "published": "2026-03-18",
    "paragraphs": ["The Carola Bridge, built in 1971, is 400 metres long. It was closed on Monday. What next?"],
    "sentences": [
        {"text": "The Carola Bridge, built in 1971, is 400 metres long.", "verifiable": True,
         "atoms": ["The Carola Bridge was built in 1971.", "The Carola Bridge is 400 metres long."], "keep": ["1971"]},
        {"text": "It was closed on Monday.", "verifiable": True, "atoms": ["The Carola Bridge was closed on 16 March 2026."],
         "refs": [{"mention": "It", "antecedent": "The Carola Bridge"}], "keep": ["on Monday"]},
        {"text": "What next?", "verifiable": False, "reason": "rhetorical", "atoms": []},
    ],
}


def _claim(text, span, checked=True):
    return Claim(id=Claim.make_id(text, span), text=text, sentence="s", span=span, paragraph=0,
                 checkworthiness=0.5, checked=checked, reason=None if checked else "r")


@pytest.fixture()
def folder(tmp_path):
    (tmp_path / "t-bridge.json").write_text(json.dumps(ARTICLE), encoding="utf-8")
    return tmp_path


def test_figures_on_a_known_output(folder):
    articles = load_articles(folder)
    s0, s1, s2 = (s.span for s in articles[0].sentences)

    def extract(article):  # a stand-in for the claim stage: one sentence whole, one resolved, a question checked
        return [_claim("The Carola Bridge, built in 1971, is 400 metres long.", s0),
                _claim("It was closed on March 16, 2026.", s1),
                _claim("What next?", s2)], []

    r = evaluate_claims(articles, extract)
    assert r["verifiable"]["recall"] == 1.0 and r["verifiable"]["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert r["atoms"]["produced_per_sentence"] == 1.0 and r["atoms"]["expected_per_checked_sentence"] == 1.5
    assert r["atoms"]["exact"] == 0.0
    # "on Monday" was rewritten: the keep item is gone; 1971 is kept
    assert r["keep"] == {"total": 2, "dropped": 1, "dropped_rate": 0.5}
    assert r["references"]["unresolved"] == 1 and r["pronoun_leaks"]["with_pronoun"] == 1
    # the antecedent stands in the article before the reference; "It" is still there, not rewritten
    assert r["references"]["stated"] == 1 and r["references"]["stated_unresolved"] == 1
    assert r["references"]["rewritten_wrongly"] == 0


def test_resolved_reference_and_date_format(folder):
    assert normalise("Closed on Monday (March 16, 2026).") == normalise("closed on 16 March 2026")
    assert ref_resolved({"mention": "It", "antecedent": "The Carola Bridge"}, ["The Carola Bridge was closed."])
    assert ref_resolved({"mention": "its", "antecedent": "Hubble's"}, ["The Hubble Space Telescope's orbit decays."])
    assert not ref_resolved({"mention": "It", "antecedent": "The Carola Bridge"}, ["It was closed."])
    assert token_f1("The bridge was closed.", "the Bridge was closed") == 1.0 and token_f1("a b", "c d") == 0.0


def test_bad_folders(tmp_path):
    with pytest.raises(InputError):
        load_articles(tmp_path / "missing")
    with pytest.raises(InputError):
        load_articles(tmp_path)  # empty
    (tmp_path / "x.json").write_text(json.dumps({**ARTICLE, "sentences": [{"text": "Not in the body.", "verifiable": True}]}))
    with pytest.raises(InputError, match="not found in the body"):
        load_articles(tmp_path)


def test_eval_claims_cli(tmp_path):
    data = tmp_path / "dev-one"
    data.mkdir()
    shutil.copy(DEV / "a-science-hubble.json", data)
    out = tmp_path / "claims.json"
    proc = run_cli("eval", "claims", "--data", str(data), "--json", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "verifiable statements" in proc.stdout and "unresolved references" in proc.stdout
    result = json.loads(out.read_text())["dev-one"]
    assert result["sentences"] == 12 and 0 <= result["verifiable"]["recall"] <= 1
    assert result["atoms"]["produced_per_sentence"] > 1  # compound sentences were split
    bad = run_cli("eval", "claims", "--data", str(tmp_path / "missing"))
    assert bad.returncode == 2 and "not a folder" in bad.stderr and "Traceback" not in bad.stderr


def test_dev_articles_floors(extractor):
    """Regression floors on the development articles, well below the figures in docs/claims.md."""
    r = evaluate_claims(load_articles(DEV), extractor.extract)
    assert r["verifiable"]["recall"] >= 0.95 and r["verifiable"]["precision"] >= 0.9
    assert r["atoms"]["near"] >= 0.4 and r["atoms"]["produced_per_sentence"] >= 1.5
    assert r["references"]["unresolved_rate"] <= 0.6 and r["keep"]["dropped_rate"] <= 0.05


def test_case_needles_on_a_known_output():
    """The article cases' claims part: a needle is held by a checked claim's text; a not-checkable
    needle's sentence yields no checked claim."""
    from factdesk.lab.eval.claims import evaluate_cases
    from factdesk.models import Article

    body = "The library opened in 1904. It was designed by Edwin Lowry. Every town deserves one. Go and see it."
    article = Article(title="Library", paragraphs=[body])
    s = [(0, 27), (28, 58), (59, 84), (85, 99)]

    def extract(article):
        return [Claim(id="a", text="The library opened in 1904.", sentence=body[slice(*s[0])], span=s[0], paragraph=0,
                      checkworthiness=0.5, checked=True),
                Claim(id="b", text="The library was designed by Lowry.", sentence=body[slice(*s[1])], span=s[1],
                      paragraph=0, checkworthiness=0.5, checked=True),
                Claim(id="c", text="Every town deserves one.", sentence=body[slice(*s[2])], span=s[2], paragraph=0,
                      checkworthiness=0.5, checked=True),
                Claim(id="d", text="Go and see it.", sentence=body[slice(*s[3])], span=s[3], paragraph=0,
                      checkworthiness=0.5, checked=False, reason="exhortation")], []

    r = evaluate_cases([("library", article, ["opened in 1904", "designed by Edwin Lowry"],
                         ["Every town deserves one.", "Go and see it."])], extract)
    assert r["needles"] == {"total": 2, "held": 1, "held_rate": 0.5, "sentence_only": 1}
    assert r["not_checkable"] == {"total": 2, "kept_out": 1, "kept_out_rate": 0.5}
    assert [m["kind"] for m in r["misses"]] == ["needle not held", "not-checkable checked"]


def test_eval_claims_cases_option_rejects_a_bad_folder(tmp_path):
    result = run_cli("eval", "claims", "--cases", str(tmp_path))
    assert result.returncode == 2 and "no article cases" in result.stderr
