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
        # a negation that bears on something else the passage says
        ("Dr Zofia Wójcik is Caldmoor's director of public health.",
         '"It is never too late to catch up," said Dr Zofia Wójcik, Caldmoor\'s director of public health.'),
        ("Walk-in clinics will open at 12 libraries from 18 May.",
         "From 18 May anyone can get a dose without an appointment at walk-in clinics in 12 libraries."),
        ("Jørn Utzon resigned from the project in 1966.",
         "Utzon resigned from the project in 1966, and he never returned to Australia."),
    ],
)
def test_no_mismatch(claim, source):
    assert not negation_mismatch(claim, source)


def test_count_contractions():
    assert negation_count("It isn't true and it won't happen.") == 2


def test_stem_overlap_counts_other_forms_of_the_claims_words():
    from factdesk.verify.negation import overlap, stem_overlap

    claim = "The Leaning Tower of Pisa weighs some 16,000 tonnes."
    source = "Torre pendente di Pisa: key figures. Its weight is estimated at 14,500 tonnes."
    assert stem_overlap(claim, source) > overlap(claim, source)  # "weighs" / "weight"
    assert stem_overlap("The bridge opened in 1902.", "The museum closed in 1990.") == 0.0
