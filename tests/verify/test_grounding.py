"""A refutation only the model sees needs common ground in the sentence itself."""

import numpy as np

from factdesk.verify.align import GROUNDED, PassageChecks, adjust_stance, align
from factdesk.verify.entities import EntityFinder

MODEL_SAYS_REFUTES = np.array([0.1, 0.7, 0.2])


def test_ungrounded_model_refutation_is_shrunk_toward_neutral():
    p = adjust_stance(MODEL_SAYS_REFUTES, PassageChecks(), rel=0.9, high_overlap=False, grounding=0.0)
    assert p[1] < 0.05 and p[2] > 0.8 and abs(p.sum() - 1) < 1e-9


def test_grounded_model_refutation_is_kept():
    p = adjust_stance(MODEL_SAYS_REFUTES, PassageChecks(), rel=0.9, high_overlap=False, grounding=GROUNDED + 0.1)
    assert p[1] > 0.65


def test_partly_grounded_refutation_shrinks_in_proportion():
    half = adjust_stance(MODEL_SAYS_REFUTES, PassageChecks(), rel=0.9, high_overlap=False, grounding=GROUNDED / 2)
    assert 0.3 < half[1] < 0.4


def test_a_disagreeing_check_needs_no_word_overlap():
    claim = "The bridge is 1.5 kilometres long."
    checks = align(claim, "The new bridge is 1.2 kilometres long and opened in 2023.", EntityFinder(None))
    assert checks.disagree  # the numbers disagree in the same context
    p = adjust_stance(MODEL_SAYS_REFUTES, checks, rel=0.9, high_overlap=False, grounding=0.0)
    assert p[1] >= 0.85


def test_a_support_that_never_states_the_claims_figure_is_shrunk():
    """The passage gives a sum of the claim's kind, another one, and says nothing of the claim's own: the
    model's reading of "supports" is not kept (whatever the sum is about)."""
    model_says_supports = np.array([0.7, 0.1, 0.2])
    claim = "New mortgage lending reached £2.4 billion over the year."
    other = align(claim, "The bank advanced £1.1 billion of new mortgage lending in the first half.", EntityFinder(None), [])
    assert other.unconfirmed
    p = adjust_stance(model_says_supports, other, rel=0.9, high_overlap=True, grounding=1.0)
    assert p[0] < 0.3 and abs(p.sum() - 1) < 1e-9
    same = align(claim, "New mortgage lending came to £2.4 billion in 2025.", EntityFinder(None), [])
    assert not same.unconfirmed
    assert adjust_stance(model_says_supports, same, rel=0.9, high_overlap=False, grounding=1.0)[0] >= 0.7
    # a passage with no figure of the claim's kind is silent, not unconfirming
    assert not align(claim, "Mortgage lending grew strongly.", EntityFinder(None), []).unconfirmed


def test_a_near_miss_date_leaves_the_claims_date_unconfirmed_a_distant_one_does_not():
    claim = "The United Nations proclaimed 30 June International Asteroid Day in December 2015."
    near = align(claim, "In December 2016 the General Assembly adopted a resolution proclaiming Asteroid Day.",
                 EntityFinder(None), [])
    assert near.unconfirmed
    far = align(claim, "The Tunguska event of 1908 flattened 2,000 square kilometres of forest.", EntityFinder(None), [])
    assert not far.unconfirmed  # 1908 is another event of the story, not a wrong year for the proclamation


def test_a_figure_every_one_of_whose_kind_differs_is_unconfirmed_whatever_date_agrees():
    claim = "The Statue of Liberty reached New York in June 1885, packed in 350 crates."
    other = align(claim, "It was packed into 214 crates, and the frigate arrived in New York on 17 June 1885.",
                  EntityFinder(None), [])
    assert other.unconfirmed  # the date agrees, the crates do not
    same = align(claim, "Packed in 350 crates, it arrived in New York on 17 June 1885.", EntityFinder(None), [])
    assert not same.unconfirmed
    # a share is given as a level, a change and a range at once: another share is no denial of the claim's
    assert not align("Turnout was 62 per cent in 2024.", "Turnout rose 4 per cent in 2024.", EntityFinder(None), []).unconfirmed
