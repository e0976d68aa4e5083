"""The claim-level decision (the shipped verdict model): behaviour any trained model must keep."""

from __future__ import annotations

import pytest

from factdesk.verify.decide import FEATURE_NAMES, PairEvidence, VerdictModel, confidence_words, features


@pytest.fixture(scope="module")
def model() -> VerdictModel:
    return VerdictModel.load()


def ev(sup: float, ref: float, rel: float = 0.9, trust: float = 0.85, **kw) -> PairEvidence:
    """A passage as a check weighs it: one about the claim also shares its words and meaning (cosine
    and content-word overlap grow with relevance, as they do in real evidence)."""
    kw = {"cosine": 0.8 * rel, "overlap": 0.7 * rel, **kw}
    return PairEvidence((sup, ref, max(0.0, 1 - sup - ref)), rel, trust, **kw)


def test_nothing_relevant_is_not_enough_evidence_and_says_so(model):
    d = model.decide([])
    assert (d.label, d.reason) == ("not_enough_evidence", "nothing_relevant")
    d = model.decide([ev(0.9, 0.05, rel=0.1), ev(0.05, 0.9, rel=0.1)])  # strong stances, off topic
    assert (d.label, d.reason) == ("not_enough_evidence", "nothing_relevant")


def test_relevant_but_neutral_passages_are_unsettled(model):
    d = model.decide([ev(0.1, 0.1), ev(0.05, 0.1)])
    assert (d.label, d.reason) == ("not_enough_evidence", "unsettled")


def test_clear_support_and_refutation(model):
    assert model.decide([ev(0.92, 0.03, frame_agree=1), ev(0.2, 0.1)]).label == "supported"
    # two relevant sources that refute firmly (one alone, whose frames disagree but which does not restate the
    # claim, sits at the refuted threshold: such a passage is as often about something else)
    assert model.decide([ev(0.03, 0.95, frame_disagree=1), ev(0.03, 0.9, frame_disagree=1)]).label == "refuted"
    assert model.probabilities([ev(0.03, 0.92, frame_disagree=1), ev(0.3, 0.1)])[1] > 0.6
    # the model alone, without the rules (a passage restating the claim with another value)
    assert model.decide([ev(0.03, 0.92, frame_disagree=1, restates=0.4), ev(0.3, 0.1)]).label in {"refuted",
                                                                                                  "not_enough_evidence"}


def test_rules_a_restated_claim_with_another_value_and_an_altered_quote_refute(model):
    restated = model.decide([ev(0.2, 0.7, frame_disagree=1, restates=0.6)])
    assert restated.label == "refuted"
    # half the claim's other words restated is enough (the permit for the tower to stand 20 years, not ten)
    half = model.decide([ev(0.2, 0.5, frame_disagree=1, restates=0.5)])
    assert (half.label, half.confidence) == ("refuted", 0.85)
    assert model.decide([ev(0.2, 0.6, quote="altered")]).label == "refuted"
    # a confirmation elsewhere makes it a conflict between sources, not a refutation
    assert model.decide([ev(0.2, 0.7, frame_disagree=1, restates=0.6),
                         ev(0.9, 0.05, frame_agree=1, overlap=0.6)]).label == "mixed"
    # ... about the same value; one value confirmed and another contradicted is one detail false, not a conflict
    assert model.decide([ev(0.2, 0.7, frame_disagree=1, restates=0.6, disagreed=((10, 20),)),
                         ev(0.9, 0.05, frame_agree=1, overlap=0.6, agreed=((10, 20),))]).label == "mixed"
    one_false = model.decide([ev(0.2, 0.7, frame_disagree=1, restates=0.6, disagreed=((30, 40),)),
                              ev(0.9, 0.05, frame_agree=1, overlap=0.6, agreed=((10, 20),))])
    assert (one_false.label, one_false.confidence) == ("refuted", 0.85)  # the plant's cost right, its month wrong
    # a passage restating the claim with its own value for the same subject and attribute supports it,
    # though another passage that states nothing comparable leans the other way
    assert model.decide([ev(0.75, 0.1, frame_agree=1, restates=0.9), ev(0.1, 0.6)]).label == "supported"
    # another value in a passage that does not restate the claim is left to the model
    loose = model.decide([ev(0.3, 0.3, frame_disagree=1, restates=0.2)])
    assert loose.label != "refuted" or loose.confidence != 0.85


def test_confidence_grows_with_the_evidence_and_is_not_a_constant(model):
    weak = model.decide([ev(0.62, 0.2, rel=0.6)])
    strong = model.decide([ev(0.95, 0.02, frame_agree=1), ev(0.9, 0.02, frame_agree=1)])
    nothing = model.decide([])
    unsettled = model.decide([ev(0.2, 0.2)])
    assert strong.label == "supported" and 0 <= weak.confidence < strong.confidence <= 1
    assert nothing.confidence != unsettled.confidence


def test_trust_counts(model):
    high = model.probabilities([ev(0.05, 0.9, trust=1.0)])[1]
    low = model.probabilities([ev(0.05, 0.9, trust=0.5)])[1]
    assert high > low


def test_features_of_no_evidence_are_zero():
    assert features([]).tolist() == [0.0] * len(FEATURE_NAMES)


@pytest.mark.parametrize("p, words", [(0.95, "high"), (0.8, "high"), (0.7, "medium"), (0.41, "low")])
def test_confidence_in_words(p, words):
    assert confidence_words(p) == words


def test_a_model_file_round_trips(tmp_path, model):
    model.save(tmp_path / "v.json")
    again = VerdictModel.load(tmp_path / "v.json")
    pairs = [ev(0.7, 0.1), ev(0.2, 0.6, rel=0.5)]
    assert again.probabilities(pairs).tolist() == pytest.approx(model.probabilities(pairs).tolist())
