"""Rationales name what disagrees."""

from factdesk.models import Evidence
from factdesk.verify.dates import compare_dates
from factdesk.verify.entities import EntityFinder, compare_entities
from factdesk.verify.numbers import compare_numbers
from factdesk.verify.rationale import write_rationale


def _ev(text, stance, publisher="Office for Statistics"):
    return Evidence(text=text, source="local", stance=stance, score=0.8, publisher=publisher)


def test_number_mismatch_named():
    chk = compare_numbers("The cabinet has 40 ministers.", "The cabinet has 24 ministers.")
    text = write_rationale("refuted", None, _ev("The cabinet has 24 ministers.", "refutes", "Government"), chk)
    assert "40 ministers" in text and "24 ministers" in text and "Government" in text


def test_date_and_name_mismatch_named():
    d = compare_dates("The stadium opened in 2004.", "The stadium opened in August 2006.")
    assert "2004" in write_rationale("refuted", None, _ev("x", "refutes"), d)
    f = EntityFinder()
    c, s = "Pfizer developed the vaccine with BioNTech.", "Moderna developed the vaccine with BioNTech."
    n = [x for x in compare_entities(c, s, f.find(c), f.find(s)) if not x.agrees]
    text = write_rationale("refuted", None, _ev(s, "refutes"), n)
    assert "Pfizer" in text and "Moderna" in text


def test_other_labels_are_plain_sentences():
    sup = _ev("The bridge opened in 1932.", "supports")
    ref = _ev("The bridge opened in 1936.", "refutes")
    assert "bridge opened in 1932" in write_rationale("supported", sup, None, [])
    assert write_rationale("mixed", sup, ref, []).startswith("Sources disagree")
    assert "Nothing relevant" in write_rationale("not_enough_evidence", None, None, [])
    assert "none of them confirms" in write_rationale("not_enough_evidence", sup, None, [], undecided="unsettled")
    for label in ("supported", "refuted", "mixed", "not_enough_evidence"):
        text = write_rationale(label, sup, ref, [])
        assert 0 < text.count(".") <= 4 and len(text) < 400
