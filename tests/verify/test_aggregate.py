"""Aggregation: weights, the decision rule, prior fact-check ratings."""

import pytest

from factdesk.verify.aggregate import (
    Aggregator,
    ScoredEvidence,
    rating_stance,
    recency_weight,
    relevance,
    source_weight,
)


def ev(sup, ref, rel=1.0, trust=0.85, key=0):
    return ScoredEvidence(key, {"supports": sup, "refutes": ref, "neutral": max(0.0, 1 - sup - ref)}, rel, trust)


def test_nothing_relevant_is_not_enough_evidence():
    agg = Aggregator()
    assert agg.decide([]).label == "not_enough_evidence"
    # strong stances but off-topic passages: still no verdict
    assert agg.decide([ev(0.9, 0.05, rel=0.1), ev(0.05, 0.9, rel=0.1)]).label == "not_enough_evidence"
    # relevant but neutral passages
    assert agg.decide([ev(0.1, 0.1), ev(0.05, 0.1)]).label == "not_enough_evidence"


def test_clear_support_and_refutation():
    agg = Aggregator()
    assert agg.decide([ev(0.9, 0.05), ev(0.2, 0.1)]).label == "supported"
    assert agg.decide([ev(0.05, 0.9), ev(0.3, 0.1)]).label == "refuted"


def test_strong_evidence_both_ways_is_mixed():
    assert Aggregator().decide([ev(0.9, 0.05, key=0), ev(0.05, 0.9, key=1)]).label == "mixed"


def test_weak_counter_evidence_does_not_make_mixed():
    assert Aggregator().decide([ev(0.95, 0.0), ev(0.2, 0.5, rel=0.5)]).label == "supported"


def test_confidence_grows_with_margin():
    agg = Aggregator()
    weak = agg.decide([ev(0.55, 0.3)])
    strong = agg.decide([ev(0.95, 0.02), ev(0.9, 0.02)])
    assert 0 <= weak.confidence < strong.confidence <= 1


def test_source_trust_order():
    assert source_weight("claimreview") > source_weight("wikipedia") > source_weight("feed") > source_weight(None)
    assert source_weight("web", "https://www.ons.gov.uk/report") == source_weight("official")


def test_trust_changes_the_outcome():
    agg = Aggregator()
    # the same stance, from a fact-check vs an unknown source
    assert agg.scores([ev(0.05, 0.9, trust=1.0)])[1] > agg.scores([ev(0.05, 0.9, trust=0.6)])[1]


@pytest.mark.parametrize(
    "rating, stance",
    [("False", "refutes"), ("Pants on Fire!", "refutes"), ("Mostly False", "refutes"), ("Misleading", "refutes"),
     ("True", "supports"), ("Mostly True", "supports"), ("Half True", "mixed"), ("Mixture", "mixed"), ("Satire?", "neutral")],
)
def test_rating_stances(rating, stance):
    assert rating_stance(rating) == stance


def test_recency_and_relevance_ranges():
    from datetime import date

    assert recency_weight(None) == 1.0
    assert recency_weight("2024-01-01", today=date(2024, 6, 1)) > recency_weight("1990-01-01", today=date(2024, 6, 1)) >= 0.6
    assert relevance(0.9, 0.8) > relevance(0.35, 0.1)
    assert 0.0 <= relevance(0.0, 0.0) <= relevance(1.0, 1.0) <= 1.0
