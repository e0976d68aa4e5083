"""Question-and-answer evidence: a "No" to a yes/no question that restates the claim refutes it."""

from __future__ import annotations

import pytest

from factdesk.models import Claim, Passage, ScoredPassage
from factdesk.verify.answers import polar_answer
from factdesk.verify.decide import PairEvidence, VerdictModel



@pytest.fixture(scope="module")
def verifier(embedder, head, nlp):
    from factdesk.verify import FrameReader, Verifier

    return Verifier(embedder, head, frames=FrameReader(nlp))


CLAIM = "The city council voted to close the Eastgate library in March 2024."


@pytest.mark.parametrize("question, answer, expected", [
    ("Did the city council vote to close the Eastgate library?", "No. The vote was to renovate it.", "no"),
    ("Did the council vote to close the Eastgate library", "no, the motion was withdrawn", "no"),
    ("Was the Eastgate library closed by the council in 2024?", "Yes. The council voted 7 to 4.", "yes"),
    ("Has the council closed the Eastgate library?", '"No," the council\'s spokesman said.', "no"),
])
def test_a_yes_or_no_to_a_question_restating_the_claim(question, answer, expected):
    assert polar_answer(CLAIM, question, answer) == expected


@pytest.mark.parametrize("question, answer", [
    ("Did the council not vote to close the Eastgate library?", "No."),  # the question denies: its "No" is ambiguous
    ("When did the council vote on the Eastgate library?", "No date was given."),  # not a yes/no question
    ("Did the mayor visit Paris?", "No."),  # the question is about something else
    ("Did the city council vote to close the Eastgate library?", "No one on the council spoke against it."),
    ("Did the city council vote to close the Eastgate library?", "Nobody objected."),
    ("Did the city council vote to close the Eastgate library?", "The council voted 7 to 4."),
    (None, "No."),
])
def test_other_answers_say_nothing(question, answer):
    assert polar_answer(CLAIM, question, answer) is None


def test_a_relevant_no_decides_refuted_unless_a_source_confirms_the_value():
    model = VerdictModel.load()
    no = PairEvidence((0.05, 0.9, 0.05), 0.8, 0.85, cosine=0.7, overlap=0.6, answer="no")
    d = model.decide([no])
    assert d.label == "refuted" and d.confidence >= 0.8
    # an off-topic answer decides nothing
    assert model.decide([PairEvidence((0.3, 0.3, 0.4), 0.1, 0.85, answer="no")]).label == "not_enough_evidence"
    # a source whose frames confirm the claim's value keeps the answer from deciding alone
    agree = PairEvidence((0.9, 0.05, 0.05), 0.9, 0.85, cosine=0.8, overlap=0.8, frame_agree=1, agreed=((0, 4),))
    assert model.decide([no, agree]).label != "refuted"


def test_the_verifier_reads_the_question_as_the_answers_title(verifier):
    claim = Claim(id="c0", text=CLAIM, sentence=CLAIM, span=(0, len(CLAIM)), paragraph=0, type="factual",
                  checkworthiness=0.9, checked=True)
    qa = Passage(id="qa", doc_id="qa", title="Did the city council vote to close the Eastgate library?",
                 text="No. In March 2024 the council voted to renovate the library and keep it open.",
                 source="web", url="https://factcheck.example.org/eastgate")
    v = verifier.verify_many([claim], {claim.id: [ScoredPassage(passage=qa, score=0.03)]}, {})[claim.id]
    assert v.label == "refuted", v
    assert any("No" in note for e in v.evidence for note in (e.checks or [])), v.evidence
    # the same answer without its question is only the text the stance model reads
    bare = qa.model_copy(update={"title": None})
    v = verifier.verify_many([claim], {claim.id: [ScoredPassage(passage=bare, score=0.03)]}, {})[claim.id]
    assert not any("No" in note for e in v.evidence for note in (e.checks or []))
