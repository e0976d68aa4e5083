"""Evidence weights and prior fact-check ratings (the claim-level decision: test_decide.py)."""

import pytest

from factdesk.verify.aggregate import (
    rating_stance,
    recency_weight,
    relevance,
    source_weight,
)


def test_source_trust_order():
    assert source_weight("claimreview") > source_weight("wikipedia") > source_weight("feed") > source_weight(None)
    assert source_weight("web", "https://www.ons.gov.uk/report") == source_weight("official")


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
