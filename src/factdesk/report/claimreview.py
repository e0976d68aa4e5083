"""schema.org ClaimReview JSON-LD: one ``ClaimReview`` per checked claim whose verdict rests on evidence.

The output is a JSON array; each element is a complete JSON-LD document (its own ``@context``), so
a page can embed each in a ``<script type="application/ld+json">`` block or the array as a whole.

Rating scale (``reviewRating``, a schema.org ``Rating``), 1 = worst, 5 = best:

=======================  ===========  =================  ============================================
verdict                  ratingValue  alternateName      why
=======================  ===========  =================  ============================================
``supported``            5            True               the evidence supports the claim
``mixed``                3            Mixed              strong evidence points both ways
``refuted``              1            False              the evidence contradicts the claim
``not_enough_evidence``  (none)       Unproven           relevant sources were found and none settles
                                                         the claim; no numeric value: it is not a point
                                                         between true and false, and a 3 would read as
                                                         "half true"
=======================  ===========  =================  ============================================

Claims that are not checked (opinions, predictions, rhetorical questions) get no ClaimReview: the
desk did not review them. Nor does a claim whose verdict rests on no evidence (:func:`rests_on_evidence`):
one that cites no evidence sentence and no prior fact-check, or where nothing relevant was found (an
empty store, sources that know nothing of it). Publishing "Unproven" for a claim nobody could look up
would read as a finding; only "relevant sources were found and none settles it" is one.

>>> from factdesk.models import Article, Claim, Evidence, Report, Verdict
>>> source = Evidence(text="Water boils at 100 °C at sea level.", source="local", stance="supports", score=0.9)
>>> c = Claim(id="c1", text="Water boils at 100 C at sea level.", sentence="Water boils at 100 C at sea level.",
...           span=(0, 34), paragraph=0, checkworthiness=0.9, checked=True,
...           verdict=Verdict(label="supported", confidence=0.9, rationale="Sources agree.", evidence=[source]))
>>> r = Report(article=Article(title="T", paragraphs=[c.sentence], url="https://example.org/a"), claims=[c])
>>> claim_reviews(r)[0]["reviewRating"]["alternateName"]
'True'
"""

from __future__ import annotations

import json
from typing import Any

from factdesk.models import Claim, Report, Verdict
from factdesk.report.vocabulary import confidence_text, safe_url

SCHEMA_CONTEXT = "https://schema.org"
BEST, WORST = 5, 1

#: verdict label → (ratingValue or None, alternateName)
RATINGS: dict[str, tuple[int | None, str]] = {
    "supported": (5, "True"),
    "mixed": (3, "Mixed"),
    "refuted": (1, "False"),
    "not_enough_evidence": (None, "Unproven"),
}

DEFAULT_PUBLISHER = {"@type": "Organization", "name": "factdesk", "url": "https://github.com/factdesk/factdesk"}


def _date(value: str | None) -> str | None:
    """ISO date part of an ISO date/datetime (schema.org Date)."""
    return value[:10] if value and len(value) >= 10 and value[4] == "-" else value


def _review_url(report: Report, claim: Claim, base_url: str | None) -> str:
    if base_url:
        return f"{base_url.rstrip('#')}#claim-{claim.id}"
    if report.article.url:
        return f"{report.article.url.split('#')[0]}#factdesk-claim-{claim.id}"
    return f"urn:factdesk:claim:{claim.id}"


def _appearance(report: Report, claim: Claim) -> dict[str, Any]:
    a = report.article
    article: dict[str, Any] = {"@type": "NewsArticle", "headline": a.title}
    if a.url:
        article["url"] = a.url
    if a.published:
        article["datePublished"] = a.published
    if a.author:
        article["author"] = {"@type": "Person", "name": a.author}
    if claim.origin == "comment":
        comment = next((c for c in a.comments if c.index == claim.comment_index), None)
        out: dict[str, Any] = {"@type": "Comment", "text": comment.text if comment else claim.sentence}
        if comment and comment.author:
            out["author"] = {"@type": "Person", "name": comment.author}
        if comment and comment.posted:
            out["dateCreated"] = comment.posted
        out["about"] = article
        return out
    return article


def _claimant(report: Report, claim: Claim) -> dict[str, Any] | None:
    if claim.speaker:
        return {"@type": "Person", "name": claim.speaker}
    if claim.origin == "comment":
        comment = next((c for c in report.article.comments if c.index == claim.comment_index), None)
        if comment and comment.author:
            return {"@type": "Person", "name": comment.author}
        return None
    if report.article.author:
        return {"@type": "Person", "name": report.article.author}
    return None


def rests_on_evidence(verdict: Verdict) -> bool:
    """Whether a verdict rests on evidence: it cites an evidence sentence or a prior fact-check, and it
    is not "nothing relevant was found" (passages a search returned but the verifier found beside the
    point are not a basis for a review)."""
    if verdict.label == "not_enough_evidence" and (verdict.undecided == "nothing_relevant" or not verdict.evidence):
        return False
    return bool(verdict.evidence or verdict.prior_fact_checks)


def claim_review(
    report: Report, claim: Claim, *, base_url: str | None = None, publisher: dict[str, Any] | None = None
) -> dict[str, Any] | None:
    """The ClaimReview for one claim, or ``None`` when the claim was not checked, has no verdict, or its
    verdict does not rest on evidence."""
    if not claim.checked or claim.verdict is None or not rests_on_evidence(claim.verdict):
        return None
    v = claim.verdict
    value, name = RATINGS[v.label]
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": name}
    if value is not None:
        rating.update(ratingValue=value, bestRating=BEST, worstRating=WORST)
    rating["ratingExplanation"] = v.rationale
    item: dict[str, Any] = {"@type": "Claim", "text": claim.text, "appearance": _appearance(report, claim)}
    author = _claimant(report, claim)
    if author:
        item["author"] = author
    if report.article.published and claim.origin == "article":
        item["datePublished"] = _date(report.article.published)
    review: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "ClaimReview",
        "url": _review_url(report, claim, base_url),
        "claimReviewed": claim.text,
        "itemReviewed": item,
        "reviewRating": rating,
        "author": publisher or DEFAULT_PUBLISHER,
        "reviewBody": f"{v.rationale} {confidence_text(v).capitalize()}.",
    }
    date = _date(report.created)
    if date:
        review["datePublished"] = date
    citations = [
        {"@type": "CreativeWork", "url": ev.url, **({"name": ev.title} if ev.title else {})}
        for ev in v.evidence
        if safe_url(ev.url)
    ]
    if citations:
        review["citation"] = citations
    return review


def claim_reviews(
    report: Report, *, base_url: str | None = None, publisher: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """ClaimReviews for every checked claim whose verdict rests on evidence (article claims, then comment
    claims).

    ``base_url`` is where the report is published (e.g. the web app's article page); each review's
    ``url`` is ``base_url#claim-<id>``. Without it the article URL (or a ``urn:factdesk:claim:`` URN)
    is used.
    """
    out = []
    for claim in [*report.claims, *report.comment_claims]:
        review = claim_review(report, claim, base_url=base_url, publisher=publisher)
        if review is not None:
            out.append(review)
    return out


def render_claimreview(report: Report) -> str:
    """The reviews as a JSON array. ``<``, ``>`` and ``&`` are written as ``\\u003c``… escapes (the same
    JSON) so the text can be embedded in a ``<script type="application/ld+json">`` block as is."""
    text = json.dumps(claim_reviews(report), indent=2, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
