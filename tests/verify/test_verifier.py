"""The verifier end to end through the library: real store, real retrieval, the shipped stance model.

Claims are made here from the article sentences (one per paragraph), so these tests do not depend on
the claim extractor; ``test_cli_e2e.py`` runs the same articles through the real CLI.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from factdesk.models import Claim, Passage, PriorFactCheck, ScoredPassage

DATA = Path(__file__).resolve().parents[1] / "data" / "verify"
EXPECTED = json.loads((DATA / "expected.json").read_text())


@pytest.fixture(scope="session", params=["head", "cascade"])
def verifier(request, embedder, head, nlp):
    """Both stance designs must meet the same expectations: the head alone, and the cascade that also
    reads each claim's most relevant passages with the shipped cross-encoder (with the like-with-like
    frames over the spaCy pipeline, as ``Runtime`` wires it)."""
    from factdesk.verify import FrameReader, Verifier
    from factdesk.verify.crossenc import CrossEncoderStance

    return Verifier(embedder, head, CrossEncoderStance.load() if request.param == "cascade" else None,
                    frames=FrameReader(nlp))


def _claim(sentence: str, idx: int) -> Claim:
    quote = re.search(r'"([^"]+)"', sentence)
    speaker = None
    if quote:
        m = re.match(r"(?:Dr |Finance minister )?([A-Z][a-z]+ [A-Z][a-z]+)", sentence.replace("Finance minister ", ""))
        speaker = m.group(1) if m else None
    return Claim(
        id=f"c{idx}", text=sentence, sentence=sentence, span=(0, len(sentence)), paragraph=idx,
        type="quote" if quote else "factual", quote=quote.group(1) if quote else None, speaker=speaker,
        checkworthiness=0.9, checked=True,
    )


@pytest.fixture(scope="session")
def retriever(tmp_path_factory, embedder):
    """One real SQLite store holding the evidence of every article (so each claim also meets off-topic passages)."""
    from factdesk.evidence.retrieve import Retriever
    from factdesk.evidence.store import open_store
    from factdesk.evidence.store.importers import read_path

    db = tmp_path_factory.mktemp("verify-store") / "evidence.db"
    store = open_store(str(db), embedder=embedder)
    for name in sorted(EXPECTED):
        store.add_documents(read_path(DATA / f"{name}_evidence.jsonl"))
    yield Retriever(store, embedder)
    store.close()


@pytest.fixture(scope="session", params=sorted(EXPECTED))
def checked_article(request, retriever, verifier):
    name = request.param
    paragraphs = (DATA / f"{name}.txt").read_text().split("\n\n")[1:]
    claims = [_claim(p.strip(), i) for i, p in enumerate(paragraphs) if p.strip()]
    candidates = retriever.retrieve_many(claims, k=20)
    verdicts = verifier.verify_many(claims, candidates, {})
    return name, claims, verdicts


def test_labels_match_expectations(checked_article):
    name, claims, verdicts = checked_article
    for exp in EXPECTED[name]:
        claim = next(c for c in claims if exp["match"] in c.text)
        v = verdicts[claim.id]
        assert v.label == exp["label"], f"{name}: {claim.text!r} → {v.label} ({v.rationale}); expected {exp['label']}: {exp['why']}"


def test_verdicts_cite_evidence_and_explain(checked_article):
    name, claims, verdicts = checked_article
    for c in claims:
        v = verdicts[c.id]
        assert 0.0 <= v.confidence <= 1.0
        assert v.rationale and len(v.rationale) < 400
        if v.label in {"supported", "refuted"}:
            assert v.evidence, c.text
            top = v.evidence[0]
            assert top.url and top.url.startswith("https://") and top.text and top.source
            assert top.stance == ("supports" if v.label == "supported" else "refutes")
            assert set(top.stance_probs) == {"supports", "refutes", "neutral"}


def test_wrong_detail_is_named_in_the_rationale(checked_article):
    name, claims, verdicts = checked_article
    wrong = {"economy": ("4.5%", "3.25%"), "sport": ("31 goals", "24 goals"), "science": ("50 percent", "30 percent")}[name]
    claim = next(c for c in claims if wrong[0] in c.text)
    assert wrong[1] in verdicts[claim.id].rationale


def test_no_candidates_is_not_enough_evidence(verifier):
    c = _claim("The moon is made of basalt and cheese.", 0)
    v = verifier.verify_many([c], {}, {})[c.id]
    assert v.label == "not_enough_evidence" and v.evidence == []


def test_prior_fact_check_weighs_heavily(verifier):
    c = _claim("Drinking bleach cures the flu.", 0)
    prior = PriorFactCheck(claim_reviewed="Drinking bleach cures influenza", rating="False", publisher="Fact Desk",
                           url="https://factcheck.example.org/bleach", similarity=0.92)
    v = verifier.verify_many([c], {}, {c.id: [prior]})[c.id]
    assert v.label == "refuted"
    assert v.prior_fact_checks and v.prior_fact_checks[0].rating == "False"
    assert "Fact Desk" in v.rationale


def test_mixed_when_sources_disagree(verifier):
    c = _claim("The bridge opened in 1932.", 0)
    passages = [
        ScoredPassage(passage=Passage(id="a", doc_id="a", text="The bridge opened in 1932 after four years of work.",
                                      source="wikipedia", url="https://en.example.org/bridge"), score=0.03),
        ScoredPassage(passage=Passage(id="b", doc_id="b", text="The bridge opened in 1936 after four years of work.",
                                      source="wikipedia", url="https://other.example.org/bridge"), score=0.03),
    ]
    v = verifier.verify_many([c], {c.id: passages}, {})[c.id]
    assert v.label == "mixed", v
    assert {e.stance for e in v.evidence} == {"supports", "refutes"}


def test_a_document_of_another_year_is_another_period_not_a_conflict():
    from factdesk.models import Passage
    from factdesk.verify.verifier import _another_period, _doc_year

    old = Passage(id="a", doc_id="r24", text="The board proposed a dividend of 3.20 kroner per share.",
                  title="Nordfjord Ferries annual report 2024", published="2025-03-13")
    new = Passage(id="b", doc_id="r25", text="The board proposes a dividend of 3.50 kroner per share.",
                  title="Nordfjord Ferries annual report 2025")
    undated = Passage(id="c", doc_id="x", text="The board proposed a dividend of 3.20 kroner.", title="Dividends")
    assert (_doc_year(old), _doc_year(new), _doc_year(undated)) == (2025, 2025, None)
    assert not _another_period(_doc_year(old), {_doc_year(new)})  # both speak for 2025: a real conflict
    assert _another_period(2024, {2025})
    assert not _another_period(None, {2025}) and not _another_period(2024, {None})


def test_a_claim_without_figures_has_its_seat_read(verifier):
    """No date or figure in the claim, yet where the company is based is compared with the source."""
    c = _claim("Nordlys Shipping is headquartered in Aarhus.", 0)
    passages = [ScoredPassage(passage=Passage(id="a", doc_id="a", title="Nordlys Shipping",
                                              text="Its headquarters are in Kalvebod, Copenhagen, just south of the old town.",
                                              source="wikipedia", url="https://en.example.org/nordlys"), score=0.03)]
    v = verifier.verify_many([c], {c.id: passages}, {})[c.id]
    assert any("Aarhus" in chk and "differs" in chk for e in v.evidence for chk in e.checks), v


def test_who_reported_a_figure_need_not_be_restated(verifier):
    """"…, the Aldenbridge-based drugmaker said on Thursday (March 5, 2026)": a passage that restates the fact
    with another figure refutes it without repeating who said it and when."""
    c = _claim("Feldmore Pharmaceuticals made an operating profit of £1.24 billion in 2025, the Aldenbridge-based "
               "drugmaker said on Thursday (March 5, 2026).", 0)
    passages = [ScoredPassage(passage=Passage(
        id="a", doc_id="a", text="Operating profit increased by 5.8 per cent to £1,312 million.",
        title="Feldmore Pharmaceuticals plc: results for the year 2025", source="web",
        url="https://feldmore.example.com/results"), score=0.03)]
    v = verifier.verify_many([c], {c.id: passages}, {})[c.id]
    assert v.label == "refuted", v


def test_a_claim_without_a_year_speaks_for_the_newest_period(verifier):
    """Last year's dividend is not this year's: a value only the older results confirm, which the newer ones
    contradict, is refuted; the newer value is supported."""
    def results(year: int, pence: str, verb: str) -> ScoredPassage:
        return ScoredPassage(passage=Passage(
            id=f"r{year}", doc_id=f"r{year}", text=f"The Board {verb} a final dividend of {pence} pence per share.",
            title=f"Feldmore Pharmaceuticals plc: full-year results {year}", source="web",
            url=f"https://feldmore.example.com/results-{year}"), score=0.03)
    passages = [results(2025, "33.0", "recommends"), results(2024, "31.5", "recommended")]
    old = _claim("Feldmore's board proposed a final dividend of 31.5 pence per share.", 0)
    new = _claim("Feldmore's board proposed a final dividend of 33.0 pence per share.", 1)
    got = verifier.verify_many([old, new], {old.id: passages, new.id: passages}, {})
    assert got[old.id].label == "refuted", got[old.id]
    assert got[new.id].label == "supported", got[new.id]
