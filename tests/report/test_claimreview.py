"""schema.org ClaimReview: shape (JSON Schema from schema.org's definitions), JSON-LD expansion, ratings."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
from pyld import jsonld

from factdesk.models import Article, Claim, Evidence, PriorFactCheck, Report, Verdict
from factdesk.report import render
from factdesk.report.claimreview import RATINGS, claim_reviews
from tests.report.reports import XSS, empty_report, overlapping_report, rich_report

DATA = Path(__file__).resolve().parents[1] / "data" / "report"
SCHEMA = json.loads((DATA / "claimreview.schema.json").read_text())
CONTEXT = json.loads((DATA / "schemaorg-context.jsonld").read_text())
SDO = "http://schema.org/"


def _offline_loader(url, options=None):
    """Resolve https://schema.org to a local copy of the context; anything else is an error (no network)."""
    if url.rstrip("/") in {"https://schema.org", "http://schema.org"}:
        return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}
    raise AssertionError(f"JSON-LD tried to fetch {url}")


def _expand(doc):
    return jsonld.expand(copy.deepcopy(doc), {"documentLoader": _offline_loader})


@pytest.mark.parametrize("make", [rich_report, empty_report, overlapping_report])
def test_output_matches_the_schema_org_shape(make):
    data = json.loads(render(make(), "claimreview"))
    jsonschema.validate(data, SCHEMA)


def test_one_review_per_checked_claim_whose_verdict_rests_on_evidence():
    report = rich_report()
    reviews = claim_reviews(report)
    # supported, refuted and mixed with evidence, and the comment claim with evidence; not the opinion
    # (not checked), the quote nothing relevant was found for, nor the "supported" that cites nothing
    supported, refuted, mixed, quote, opinion, uncited = report.claims
    assert [r["claimReviewed"] for r in reviews] == [supported.text, refuted.text, mixed.text,
                                                     report.comment_claims[0].text]
    assert quote.verdict.label == "not_enough_evidence" and not quote.verdict.evidence
    assert uncited.verdict.label == "supported" and not uncited.verdict.evidence
    assert not opinion.checked
    assert claim_reviews(empty_report()) == []


def _with(verdict: Verdict) -> Report:
    text = "The bridge opened in 1932."
    claim = Claim(id="c", text=text, sentence=text, span=(0, len(text)), paragraph=0, checkworthiness=0.9,
                  checked=True, verdict=verdict)
    return Report(article=Article(title="Bridges", paragraphs=[text]), claims=[claim])


def _evidence(stance: str = "neutral") -> Evidence:
    return Evidence(text="The bridge carries six lanes.", url="https://bridges.example.org/b", source="wikipedia",
                    stance=stance, score=0.3)


def test_no_review_for_a_claim_that_rests_on_no_evidence():
    empty_store = Verdict(label="not_enough_evidence", confidence=0.9, rationale="Nothing relevant was found.")
    nothing_relevant = Verdict(label="not_enough_evidence", confidence=0.9, undecided="nothing_relevant",
                               rationale="Nothing relevant was found.", evidence=[_evidence(), _evidence()])
    uncited = Verdict(label="refuted", confidence=0.7, rationale="Says 1931.")
    for verdict in (empty_store, nothing_relevant, uncited):
        assert claim_reviews(_with(verdict)) == [], verdict
        assert json.loads(render(_with(verdict), "claimreview")) == []


def test_unproven_only_where_relevant_sources_settle_nothing():
    unsettled = Verdict(label="not_enough_evidence", confidence=0.6, undecided="unsettled",
                        rationale="Relevant sources were found, but none settles it.", evidence=[_evidence()])
    (review,) = claim_reviews(_with(unsettled))
    assert review["reviewRating"]["alternateName"] == "Unproven" and "ratingValue" not in review["reviewRating"]
    assert [c["url"] for c in review["citation"]] == ["https://bridges.example.org/b"]
    prior = Verdict(label="refuted", confidence=0.8, rationale="A fact-checker rated it false.",
                    prior_fact_checks=[PriorFactCheck(claim_reviewed="The bridge opened in 1932", rating="False")])
    (review,) = claim_reviews(_with(prior))
    assert review["reviewRating"]["alternateName"] == "False"
    assert review["reviewBody"] == "A fact-checker rated it false. High confidence (80%)."


def test_ratings_follow_the_documented_scale():
    report = rich_report()
    by_text = {r["claimReviewed"]: r["reviewRating"] for r in claim_reviews(report)}
    for claim in report.claims + report.comment_claims:
        if claim.text not in by_text:  # not reviewed (see the test above)
            continue
        rating = by_text[claim.text]
        value, name = RATINGS[claim.verdict.label]
        assert rating["alternateName"] == name
        if value is None:
            assert "ratingValue" not in rating
        else:
            assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    order = [RATINGS[k][0] for k in ("refuted", "mixed", "supported")]
    assert order == sorted(order) and len(set(order)) == 3
    assert RATINGS["not_enough_evidence"][1] == "Unproven"


def test_expands_as_json_ld_with_every_term_in_the_schema_org_vocabulary():
    report = rich_report()
    for review in claim_reviews(report):
        expanded = _expand(review)
        assert len(expanded) == 1
        node = expanded[0]
        assert node["@type"] == [SDO + "ClaimReview"]
        # no property was dropped by expansion: every key is a schema.org IRI
        compact_keys = {k for k in review if not k.startswith("@")}
        assert {k.removeprefix(SDO) for k in node if not k.startswith("@")} == compact_keys
        assert node[SDO + "claimReviewed"][0]["@value"] == review["claimReviewed"]
        item = node[SDO + "itemReviewed"][0]
        assert item["@type"] == [SDO + "Claim"]
        assert SDO + "appearance" in item
        rating = node[SDO + "reviewRating"][0]
        assert rating[SDO + "alternateName"][0]["@value"] == review["reviewRating"]["alternateName"]
        assert node[SDO + "url"][0]["@id"] == review["url"]


def test_review_points_at_the_claim_and_its_appearance():
    report = rich_report()
    reviews = claim_reviews(report, base_url="http://127.0.0.1:8000/checks/abc")
    first = reviews[0]
    claim = report.claims[0]
    assert first["url"] == f"http://127.0.0.1:8000/checks/abc#claim-{claim.id}"
    assert first["itemReviewed"]["appearance"]["url"] == report.article.url
    assert first["itemReviewed"]["author"]["name"] == claim.speaker
    assert first["itemReviewed"]["datePublished"] == "2026-05-03"
    assert first["datePublished"] == "2026-05-03"
    assert [c["url"] for c in first.get("citation", [])] == ["https://results.example.com/2026"], "javascript: URL dropped"
    comment_review = reviews[-1]
    assert comment_review["itemReviewed"]["appearance"]["@type"] == "Comment"
    assert comment_review["itemReviewed"]["author"]["name"] == "Ana"


def test_rendered_text_is_safe_to_embed_in_a_script_block():
    text = render(rich_report(), "claimreview")
    assert "<" not in text and ">" not in text
    data = json.loads(text)
    assert data[0]["itemReviewed"]["appearance"]["headline"].count(XSS) == 1


def test_an_empty_store_yields_no_review_through_the_cli(tmp_path):
    """An article checked by the real CLI against an empty store: claims, verdicts, and no ClaimReview."""
    from factdesk.evidence.store import open_store
    from tests.helpers import run_cli

    db = tmp_path / "empty.db"
    open_store(str(db)).close()  # an empty store, made on purpose
    article = Path(__file__).resolve().parents[1] / "data" / "web" / "plain_article.txt"
    env = {"FACTDESK_DATA_DIR": str(tmp_path / "data")}
    proc = run_cli("check", str(article), "--db", str(db), "--sources", "local", "-f", "json", "-q",
                   env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    report = Report.model_validate_json(proc.stdout)
    checked = [c for c in report.claims if c.verdict]
    assert checked and all(c.verdict.label == "not_enough_evidence" for c in checked)
    assert json.loads(render(report, "claimreview")) == []  # what `check -f claimreview` prints
