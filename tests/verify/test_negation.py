"""Negation across topics."""

import pytest

from factdesk.verify.negation import negation_count, negation_mismatch


@pytest.mark.parametrize(
    "claim, source",
    [
        ("The drug was approved by regulators.", "The drug was not approved by regulators."),  # science
        ("The senator voted for the bill.", "The senator never voted for the bill."),  # politics
        ("The referee didn't award a penalty.", "The referee awarded a penalty."),  # sport
        ("The central bank raised interest rates.", "The central bank refused to raise interest rates."),  # economics
    ],
)
def test_mismatch(claim, source):
    assert negation_mismatch(claim, source)


@pytest.mark.parametrize(
    "claim, source",
    [
        ("The drug was approved by regulators.", "Regulators approved the drug in May."),
        ("The bill did not pass.", "The bill did not pass the Senate."),
        ("The team won the cup.", "Nobody expected the storm to hit the coast."),  # unrelated: no claim
    ],
)
def test_no_mismatch(claim, source):
    assert not negation_mismatch(claim, source)


def test_count_contractions():
    assert negation_count("It isn't true and it won't happen.") == 2
