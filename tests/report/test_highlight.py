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
    assert "<b>" not in first and "&lt;b&gt;Monday&lt;/b&gt;" in first and "&amp; roads" in first
    # two claims on one sentence share one highlight, coloured by the more serious verdict
    links = re.findall(r'<a class="hl hl-(\w+)"[^>]*data-claims="([^"]+)"', first)
    assert links == [("refuted", f"{a.id} {b.id}")]
    second = re.findall(r'<a class="hl hl-(\w+)"[^>]*data-claim="(\w+)"', str(paragraphs[1]["html"]))
    assert second == [("supported", d.id), ("unchecked", c.id)]


def test_spans_outside_their_paragraph_are_ignored():
    article = Article(title="T", paragraphs=["One two three.", "Four five six."])
    bad = Claim(id="x" * 16, text="t", sentence="t", span=(400, 420), paragraph=0, checkworthiness=0.5, checked=False)
    html = highlighted_paragraphs(Report(article=article, claims=[bad]))
    assert [str(p["html"]) for p in html] == ["One two three.", "Four five six."]

