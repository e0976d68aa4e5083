"""Highlights are cut from claim spans (offsets into article.body) and every run is escaped."""

from __future__ import annotations

import re

from markupsafe import Markup

from factdesk.models import Article, Claim, Evidence, Report, Verdict
from factdesk.report.highlight import highlighted_paragraphs


def _claim(article: Article, paragraph: int, sentence: str, label: str | None, text: str | None = None) -> Claim:
    start = article.paragraph_offsets()[paragraph] + article.paragraphs[paragraph].index(sentence)
    span = (start, start + len(sentence))
    verdict = None
    if label:
        verdict = Verdict(label=label, confidence=0.7, rationale="r",
                          evidence=[Evidence(text="e", source="local", stance="supports", score=0.5)])
    return Claim(id=Claim.make_id(text or sentence, span), text=text or sentence, sentence=sentence, span=span,
                 paragraph=paragraph, checkworthiness=0.9, checked=label is not None, verdict=verdict)


def _text(html: Markup) -> str:
    """What a browser shows: tags dropped, entities decoded."""
    plain = re.sub(r"<[^>]+>", "", str(html))
    return plain.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"').replace("&#39;", "'").replace(
        "&amp;", "&")


def test_highlights_follow_body_offsets_and_keep_the_text():
    article = Article(title="T", paragraphs=[
        "Rain fell on <b>Monday</b>. Rivers rose by 2 metres & roads closed.",
        "The mayor said \"we are ready\". Schools stay open.",
    ])
    a = _claim(article, 0, "Rivers rose by 2 metres & roads closed.", "refuted")
    b = _claim(article, 0, "Rivers rose by 2 metres & roads closed.", "supported", text="Roads closed.")
    c = _claim(article, 1, "Schools stay open.", None)
    d = _claim(article, 1, "The mayor said \"we are ready\".", "supported")
    paragraphs = highlighted_paragraphs(Report(article=article, claims=[a, b, c, d]))

    assert [p["offset"] for p in paragraphs] == article.paragraph_offsets()
    for p, original in zip(paragraphs, article.paragraphs):
        assert _text(p["html"]) == original  # highlighting never changes what is read
    first = str(paragraphs[0]["html"])
    assert "<b>" not in first and "&lt;b&gt;Monday&lt;/b&gt;" in first and " &amp; " in first
    # two claims on one sentence: the words only one holds are its own; the words both hold are shared,
    # coloured by the more serious verdict
    links = re.findall(r'<a class="hl hl-(\w+)"[^>]*data-claims="([^"]+)"[^>]*>([^<]*)</a>', first)
    assert links == [("refuted", a.id, "Rivers rose by 2 metres"), ("refuted", f"{a.id} {b.id}", "roads closed.")]
    second = re.findall(r'<a class="hl hl-(\w+)"[^>]*data-claim="(\w+)"', str(paragraphs[1]["html"]))
    assert second == [("supported", d.id), ("unchecked", c.id)]


def test_spans_outside_their_paragraph_are_ignored():
    article = Article(title="T", paragraphs=["One two three.", "Four five six."])
    bad = Claim(id="x" * 16, text="t", sentence="t", span=(400, 420), paragraph=0, checkworthiness=0.5, checked=False)
    html = highlighted_paragraphs(Report(article=article, claims=[bad]))
    assert [str(p["html"]) for p in html] == ["One two three.", "Four five six."]



def _parts(sentence: str, *claims: tuple[str, str | None]) -> list[tuple[str | None, str]]:
    """The sentence's highlighted parts as (verdict key or None for plain text, text), claims given as
    (claim text, label)."""
    article = Article(title="T", paragraphs=[f"Before. {sentence} After."])
    made = [_claim(article, 0, sentence, label, text=text) for text, label in claims]
    html = str(highlighted_paragraphs(Report(article=article, claims=made))[0]["html"])
    inner = re.search(r'<span class="sent" data-sentence="8">(.*)</span>', html).group(1)
    assert _text(Markup(inner)) == sentence
    out = []
    for piece in re.split(r"(<mark.*?</mark>)", inner):
        if piece:
            key = re.match(r'<mark class="v-(\w+)"', piece)
            out.append((key.group(1) if key else None, _text(Markup(piece))))
    return out


def test_a_sentence_shows_a_refuted_and_a_supported_part():
    assert _parts("The city spent $4 million and hired 40 staff.",
                  ("The city spent $4 million.", "supported"), ("The city hired 40 staff.", "refuted")) == [
        ("supported", "The city spent $4 million"), (None, " and "), ("refuted", "hired 40 staff.")]


def test_claims_that_name_their_subject_are_found_in_the_sentence():
    sentence = ("The judge gave the administration two weeks to detail its plans, setting up another "
                "confrontation between the White House and the courts.")
    assert _parts(sentence,
                  ("The federal judge gave the Trump administration two weeks to detail its plans.", "supported"),
                  ("The federal judge set up another confrontation between the White House and the courts.",
                   "not_enough_evidence")) == [
        ("supported", "The judge gave the administration two weeks to detail its plans"), (None, ", "),
        ("not_enough_evidence", "setting up another confrontation between the White House and the courts.")]


def test_a_claim_that_names_its_subject_after_the_fact_is_found_in_order():
    sentence = "The film features three Venezuelan men—Juan Ramos, Andry Blanco and Wilmer Vega—who were deported."
    parts = _parts(sentence, ("Juan Ramos, Andry Blanco and Wilmer Vega are three Venezuelan men.", "supported"),
                   ("Juan Ramos, Andry Blanco and Wilmer Vega were deported.", "refuted"))
    assert ("supported", "three Venezuelan men") in parts
    assert ("refuted", "Juan Ramos, Andry Blanco and Wilmer Vega") in parts  # both name them: the graver colour
    assert parts[-1] == ("refuted", "who were deported.")


def test_a_claim_not_found_in_its_sentence_falls_back_to_the_whole_sentence():
    sentence = "Rivers rose by 2 metres and roads closed."
    parts = _parts(sentence, ("Rivers rose by 2 metres.", "supported"), ("Flooding was widespread.", "refuted"))
    assert {key for key, text in parts if text.strip()} == {"refuted"}, "the lost claim covers the sentence"


def test_one_claim_highlights_its_whole_sentence():
    assert _parts("Taxes rose by 4% in 2024.", ("Taxes in the city rose by 4%.", "mixed")) == [
        ("mixed", "Taxes rose by 4% in 2024.")]
